/**
 * Safe XML parsing for the archive: size limit, no DOCTYPE, no entity declarations, bounded depth, UTF-8.
 *
 * DOCTYPE is refused before the parser sees the text, so no external entity is ever resolved (no file or
 * network access) and no entity expansion can grow memory ("billion laughs"); those rules are shared
 * with the viewer and the FHIR narrative check in `simulator/xml/ordered.ts`. The result is a small
 * namespace-resolved element tree, which is all header extraction and the rules need.
 *
 * UTF-8 only: a byte order mark or NUL bytes of UTF-16/UTF-32, an encoding declaration other than UTF-8
 * and bytes that are not UTF-8 are refused (CDA-XML-006) before any rule reads the text.
 *
 * Finding codes CDA-XML-001…007 (docs/archive.md).
 */
import { MAX_XML_ELEMENTS } from '../http/limits.ts';
import { parseElementTree } from '../xml/element-tree.ts';
import {
  MAX_XML_DEPTH,
  parseOrdered,
  xmlSafetyProblem,
  type OrderedParse,
  type XElement,
} from '../xml/ordered.ts';
import { fatal, type Finding } from '../domain/findings.ts';

import { HL7_FI_NS, HL7_V3_NS } from '../../common/xml-namespaces.ts';

// One definition of the CDA namespaces (shared with the runner's and the viewer's XPath table).
export { HL7_FI_NS, HL7_V3_NS };
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** An element with its namespace resolved. */
export interface XmlNode {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes by their name as written (prefixes kept, `xmlns` declarations left out). */
  attrs: Readonly<Record<string, string>>;
  children: XmlNode[];
  /** Concatenated text content directly inside this element (CDATA included). */
  text: string;
}

export type ParseResult = { ok: true; root: XmlNode } | { ok: false; findings: Finding[] };

/** The encoding named in the XML declaration. */
const DECLARED_ENCODING = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/;

/**
 * Why `bytes` are XML in an encoding other than UTF-8 that a parser would still read (libxml2 detects
 * UTF-16 and UTF-32 by their byte order mark or by the NUL bytes of `<` and `?`): a UTF-16 or UTF-32
 * byte order mark, or any NUL byte (XML allows no U+0000, and UTF-8 has a NUL byte only for it).
 * Undefined when neither is there. Checked before anything reads the text, so no rule that looks at
 * the text as UTF-8 or Latin-1 (no DOCTYPE, no entity declarations, the declared encoding) can be
 * passed by a document a parser reads in another encoding.
 */
export function otherEncoding(bytes: Uint8Array, path: string): Finding | undefined {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const bom = (b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe);
  // Buffer's indexOf is a native byte search; a typed array's walks element by element.
  if (!bom && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0) < 0) return undefined;
  return notUtf8(path, bom ? 'bom' : 'nul');
}

function notUtf8(path: string, sign: 'bom' | 'nul'): Finding {
  return fatal(
    'CDA-XML-006',
    path,
    sign === 'bom'
      ? 'the bytes start with a UTF-16 or UTF-32 byte order mark; encode the XML as UTF-8'
      : 'the bytes contain NUL bytes (UTF-16 or UTF-32, not UTF-8); encode the XML as UTF-8',
  );
}

/** Decodes bytes as UTF-8 (BOM dropped), or says why it cannot. */
export function decodeUtf8(
  bytes: Uint8Array,
  path: string,
): { ok: true; text: string } | { ok: false; findings: Finding[] } {
  const other = otherEncoding(bytes, path);
  if (other) return { ok: false, findings: [other] };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    const declared = DECLARED_ENCODING.exec(text)?.[1];
    if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
      return {
        ok: false,
        findings: [
          fatal(
            'CDA-XML-006',
            path,
            `the XML declaration names encoding '${declared}'; send the document encoded as UTF-8 and declare encoding="UTF-8"`,
          ),
        ],
      };
    }
    return { ok: true, text };
  } catch {
    return {
      ok: false,
      findings: [fatal('CDA-XML-006', path, 'the bytes are not valid UTF-8; encode the XML as UTF-8')],
    };
  }
}

/**
 * Parses XML text safely (the shared rules of `simulator/xml/ordered.ts`) into an element tree with
 * namespaces resolved and text concatenated per element. `path` names where the text came from (e.g.
 * `/` or the MIME part) for findings; `bytes`, when given, are the text's UTF-8 bytes as received.
 *
 * One parse: after the safety pre-checks, libxml2 builds the tree in one pass (element-tree.ts); only a
 * text it refuses goes to the reference parser, which decides the finding exactly as it always has.
 */
export function parseXml(text: string, path: string, maxBytes: number, bytes?: Uint8Array): ParseResult {
  if (text.trim() === '') return fail('CDA-XML-007', path, 'the body is empty; send an XML document');
  // A NUL would make libxml2 read the bytes as UTF-16 (decodeUtf8 refuses them; this is for callers with text).
  if (text.includes('\0')) return { ok: false, findings: [notUtf8(path, 'nul')] };
  if (Buffer.byteLength(text, 'utf8') > maxBytes)
    return fail(
      'CDA-XML-001',
      path,
      `the XML is larger than the limit of ${maxBytes} bytes; send a smaller document`,
    );
  const problem = xmlSafetyProblem(text);
  if (problem) return refusal(problem, path);
  const tree = parseElementTree(text, bytes);
  if (tree) return { ok: true, root: tree };
  const parsed = parseOrdered(text);
  if (!parsed.ok) return refusal(parsed, path);
  return { ok: true, root: toNode(parsed.root) };
}

/**
 * `decodeUtf8` and then `parseXml`, for bytes whose text nothing else needs (the CDA document of a
 * message): when they pass, libxml2 reads the bytes directly and the safety pre-checks run on a Latin-1
 * view (one byte a character, no decoding; every rule they check is ASCII, and UTF-8 puts no byte below
 * 0x80 inside a multi-byte character). libxml2 refuses every byte sequence the UTF-8 decoder refuses
 * (and a few more), so whatever it does not accept, and anything the pre-checks or the declaration would
 * refuse, goes the reference way: decoded, then parsed, with the same findings as always.
 */
export function parseXmlBytes(bytes: Uint8Array, path: string, maxBytes: number): ParseResult {
  const other = otherEncoding(bytes, path);
  if (other) return { ok: false, findings: [other] };
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf ? 3 : 0;
  const latin = view.toString('latin1', bom);
  const declared = DECLARED_ENCODING.exec(latin)?.[1];
  if (
    // Starting with '<', libxml2 cannot take the bytes for EBCDIC: only UTF-8 is read this way.
    view[bom] === 0x3c &&
    (declared === undefined || /^utf-?8$/i.test(declared)) &&
    bytes.byteLength - bom <= maxBytes &&
    latin.trim() !== '' &&
    xmlSafetyProblem(latin) === undefined
  ) {
    const tree = parseElementTree(latin, bytes);
    if (tree) return { ok: true, root: tree };
  }
  const decoded = decodeUtf8(bytes, path);
  if (!decoded.ok) return decoded;
  return parseXml(decoded.text, path, maxBytes, bytes);
}

function refusal(parsed: Extract<OrderedParse, { ok: false }>, path: string): ParseResult {
  switch (parsed.kind) {
    case 'doctype':
      return fail(
        'CDA-XML-002',
        path,
        'the XML contains a DOCTYPE declaration; Kanta messages and CDA documents must not have one (no DTDs, no entity declarations). Remove it',
      );
    case 'entity-declaration':
      return fail(
        'CDA-XML-002',
        path,
        'the XML contains an entity declaration; remove it (no DTDs or entities)',
      );
    case 'undeclared-entity':
      return fail(
        'CDA-XML-003',
        path,
        `the XML refers to entity '&${parsed.entity ?? ''};', which is not one of the five predefined XML entities; write the character itself or a numeric reference`,
      );
    case 'depth':
      return fail(
        'CDA-XML-005',
        path,
        `elements are nested deeper than ${MAX_XML_DEPTH} levels; flatten the document`,
      );
    case 'malformed':
      return fail('CDA-XML-004', path, `${parsed.problem}; fix the markup`);
    case 'root':
      return fail('CDA-XML-004', path, 'the XML must have exactly one root element');
    case 'elements':
      return fail(
        'CDA-LIMIT-001',
        path,
        `the XML has more than ${MAX_XML_ELEMENTS} elements, the limit of one text; a CDA document needs far fewer, so send a smaller one`,
      );
  }
}

function fail(code: string, path: string, message: string): ParseResult {
  return { ok: false, findings: [fatal(code, path, message)] };
}

/** The archive's view of an element: child elements only, direct text (CDATA included) concatenated. */
function toNode(el: XElement): XmlNode {
  const attrs: Record<string, string> = {};
  for (const a of el.attrs) if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) attrs[a.name] = a.value;
  let text = '';
  const children: XmlNode[] = [];
  for (const child of el.children) {
    if (child.type === 'element') children.push(toNode(child));
    else if (child.type === 'text' || child.type === 'cdata') text += child.value;
  }
  return { name: el.name, ns: el.ns, attrs, children, text };
}

// ---------------------------------------------------------------- navigation helpers

/** Child elements named `name` in namespace `ns` (HL7 V3 by default). */
export function kids(node: XmlNode | undefined, name: string, ns: string = HL7_V3_NS): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name && c.ns === ns) : [];
}

/** First child element named `name` (HL7 V3 by default). */
export function kid(node: XmlNode | undefined, name: string, ns: string = HL7_V3_NS): XmlNode | undefined {
  return node?.children.find((c) => c.name === name && c.ns === ns);
}

/** Follows a path of HL7 V3 child names, first match at each step. */
export function dig(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const name of names) current = kid(current, name);
  return current;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.attrs[name];
  return v === undefined || v === '' ? undefined : v;
}
