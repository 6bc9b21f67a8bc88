/**
 * Safe XML parsing for the archive: size limit, no DOCTYPE, no entity declarations, bounded depth, UTF-8.
 *
 * DOCTYPE is refused before the parser sees the text, so no external entity is ever resolved (no file or
 * network access) and no entity expansion can grow memory ("billion laughs"). The parser (fast-xml-parser)
 * is also configured not to read DOCTYPEs. The result is a small namespace-resolved element tree, which
 * is all header extraction and the rules need.
 *
 * Finding codes CDA-XML-001…007 (docs/archive.md).
 */
import { XMLParser } from 'fast-xml-parser';
import { fatal, type Finding } from '../domain/findings.ts';

export const HL7_V3_NS = 'urn:hl7-org:v3';
export const HL7_FI_NS = 'urn:hl7finland';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** Deepest element nesting accepted; CDA with narrative stays far below this. */
export const MAX_XML_DEPTH = 100;

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

const PREDEFINED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)([A-Za-z_:][\w.:-]*);/;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  maxNestedTags: MAX_XML_DEPTH,
});

/** Decodes bytes as UTF-8 (BOM dropped), or says why it cannot. */
export function decodeUtf8(
  bytes: Uint8Array,
  path: string,
): { ok: true; text: string } | { ok: false; findings: Finding[] } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
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
 * Parses XML text safely. `path` names where the text came from (e.g. `/` or the MIME part) for findings.
 */
export function parseXml(text: string, path: string, maxBytes: number): ParseResult {
  if (text.trim() === '') return fail('CDA-XML-007', path, 'the body is empty; send an XML document');
  if (Buffer.byteLength(text, 'utf8') > maxBytes)
    return fail(
      'CDA-XML-001',
      path,
      `the XML is larger than the limit of ${maxBytes} bytes; send a smaller document`,
    );
  if (/<!DOCTYPE/i.test(text))
    return fail(
      'CDA-XML-002',
      path,
      'the XML contains a DOCTYPE declaration; Kanta messages and CDA documents must not have one (no DTDs, no entity declarations). Remove it',
    );
  if (/<!ENTITY/i.test(text))
    return fail(
      'CDA-XML-002',
      path,
      'the XML contains an entity declaration; remove it (no DTDs or entities)',
    );
  const undeclared = PREDEFINED_ENTITY.exec(text);
  if (undeclared)
    return fail(
      'CDA-XML-003',
      path,
      `the XML refers to entity '&${undeclared[1] ?? ''};', which is not one of the five predefined XML entities; write the character itself or a numeric reference`,
    );
  let raw: unknown;
  try {
    // Well-formedness check built into fast-xml-parser 5; its successor package (fast-xml-validator) is
    // not a project dependency, and without validation unclosed elements would pass silently.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    raw = parser.parse(text, true);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/nest|depth/i.test(message))
      return fail(
        'CDA-XML-005',
        path,
        `elements are nested deeper than ${MAX_XML_DEPTH} levels; flatten the document`,
      );
    return fail('CDA-XML-004', path, `the XML is not well-formed (${message.slice(0, 200)}); fix the markup`);
  }
  const roots = toNodes(raw, [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])], 0);
  if (roots === undefined)
    return fail(
      'CDA-XML-005',
      path,
      `elements are nested deeper than ${MAX_XML_DEPTH} levels; flatten the document`,
    );
  const root = roots[0];
  if (roots.length !== 1 || root === undefined)
    return fail('CDA-XML-004', path, 'the XML must have exactly one root element');
  return { ok: true, root };
}

function fail(code: string, path: string, message: string): ParseResult {
  return { ok: false, findings: [fatal(code, path, message)] };
}

type Scope = Map<string, string>;

function lookup(scopes: readonly Scope[], prefix: string): string | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const ns = scopes[i]?.get(prefix);
    if (ns !== undefined) return ns;
  }
  return undefined;
}

/** Converts fast-xml-parser's ordered output into XmlNodes; undefined when nested too deep. */
function toNodes(raw: unknown, scopes: Scope[], depth: number): XmlNode[] | undefined {
  if (depth > MAX_XML_DEPTH) return undefined;
  if (!Array.isArray(raw)) return [];
  const out: XmlNode[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    const keys = Object.keys(item).filter((k) => k !== ':@');
    const key = keys[0];
    if (key === undefined || key === '#text') continue;
    const rawAttrs = (item[':@'] ?? {}) as Record<string, unknown>;
    const scope: Scope = new Map();
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(rawAttrs)) {
      const v = typeof value === 'string' ? value : String(value);
      if (name === 'xmlns') scope.set('', v);
      else if (name.startsWith('xmlns:')) scope.set(name.slice(6), v);
      else attrs[name] = v;
    }
    const inner = scopes.concat(scope);
    const colon = key.indexOf(':');
    const prefix = colon < 0 ? '' : key.slice(0, colon);
    const name = colon < 0 ? key : key.slice(colon + 1);
    const ns = lookup(inner, prefix) ?? '';
    const body = item[key];
    const children = toNodes(body, inner, depth + 1);
    if (children === undefined) return undefined;
    let text = '';
    if (Array.isArray(body)) {
      for (const part of body as Record<string, unknown>[]) {
        const t = part['#text'];
        if (typeof t === 'string') text += t;
        else if (typeof t === 'number' || typeof t === 'boolean') text += String(t);
      }
    }
    out.push({ name, ns, attrs, children, text });
  }
  return out;
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
