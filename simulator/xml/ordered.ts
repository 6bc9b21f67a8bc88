/**
 * The one safe XML parser of kantasim: an ordered, mixed-content tree with namespaces resolved.
 *
 * Every XML that reaches kantasim goes through here (archived messages and CDA documents, the viewer's
 * narrative and raw-XML views, FHIR XHTML narrative), so the safety rules live in one place: no DOCTYPE,
 * no entity declarations (no external entities, no expansion bombs), only the five predefined entities
 * and numeric references, bounded nesting depth, well-formedness checked. Failures carry a `kind` so each
 * caller can answer with its own finding codes.
 */
import { XMLParser, type EntityDecoderOptions } from 'fast-xml-parser';
import { MAX_XML_ELEMENTS, countXmlElements } from '../http/limits.ts';

/** Deepest element nesting accepted; real CDA documents stay far below it. */
export const MAX_XML_DEPTH = 100;

export interface XElement {
  type: 'element';
  /** Local name. */
  name: string;
  /** Name as written, with its prefix. */
  qname: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes as written, in order (namespace declarations included, so the raw view shows them). */
  attrs: { name: string; value: string }[];
  children: XNode[];
}
export interface XText {
  type: 'text';
  value: string;
}
export interface XComment {
  type: 'comment';
  value: string;
}
export interface XCData {
  type: 'cdata';
  value: string;
}
export type XNode = XElement | XText | XComment | XCData;

/** Why a text was not parsed. */
export type XmlProblemKind =
  'doctype' | 'entity-declaration' | 'undeclared-entity' | 'malformed' | 'depth' | 'root' | 'elements';

export type OrderedParse =
  | { ok: true; root: XElement; prolog: string | undefined }
  | { ok: false; kind: XmlProblemKind; problem: string; entity?: string };

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML's own entity rules and nothing more: the five predefined entities and numeric character references
 * (`&#228;`, `&#xE4;`), decoded in one pass so `&amp;#9;` stays the text `&#9;`. A reference to a
 * character XML forbids (NUL, surrogates, beyond U+10FFFF) is left as written. Exported for text that
 * is cut out of a document before parsing (the archive's MIME payload) and must read as parsed text.
 */
export const decodeXmlReferences = (text: string): string =>
  text.includes('&')
    ? text.replace(
        /&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g,
        (whole, dec?: string, hex?: string, name?: string) => {
          if (name !== undefined) return PREDEFINED[name] ?? whole;
          const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
          const allowed =
            code === 0x9 ||
            code === 0xa ||
            code === 0xd ||
            (code >= 0x20 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff));
          return allowed ? String.fromCodePoint(code) : whole;
        },
      )
    : text;

/**
 * The parser's entity hooks: declared entities never reach the parser (DOCTYPE is refused), so the
 * external-entity hooks do nothing.
 */
function xmlEntityDecoder(): EntityDecoderOptions {
  return {
    decode: decodeXmlReferences,
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
  };
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  entityDecoder: xmlEntityDecoder(),
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  maxNestedTags: MAX_XML_DEPTH,
});

const UNDECLARED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)([A-Za-z_:][\w.:-]*);/;

/**
 * The safety rules checked on the text before any parser sees it, so no parser option can ever resolve
 * an external entity or expand a bomb: at most `maxElements` elements, no DOCTYPE, no entity
 * declarations, no references to undeclared entities. Undefined when the text passes; every parse of
 * untrusted XML runs them first (parseOrdered, and the archive's one-pass tree in element-tree.ts).
 */
export function xmlSafetyProblem(
  text: string,
  maxElements: number = MAX_XML_ELEMENTS,
): Extract<OrderedParse, { ok: false }> | undefined {
  if (countXmlElements(text, maxElements) > maxElements)
    return {
      ok: false,
      kind: 'elements',
      problem: `the XML has more than ${maxElements} elements`,
    };
  // Refused before parsing, so no parser option can ever resolve an external entity or expand a bomb.
  if (/<!DOCTYPE/i.test(text))
    return { ok: false, kind: 'doctype', problem: 'the XML has a DOCTYPE declaration' };
  if (/<!ENTITY/i.test(text))
    return { ok: false, kind: 'entity-declaration', problem: 'the XML has an entity declaration' };
  const entity = UNDECLARED_ENTITY.exec(text);
  if (entity)
    return {
      ok: false,
      kind: 'undeclared-entity',
      problem: `the XML refers to an undeclared entity '&${entity[1] ?? ''};'`,
      entity: entity[1] ?? '',
    };
  return undefined;
}

/**
 * Parses XML text into an ordered tree, or says why not (in words for the page). `maxElements` bounds
 * the tree (and so the time and memory of one parse); it is checked by a pre-scan before parsing.
 */
export function parseOrdered(text: string, maxElements: number = MAX_XML_ELEMENTS): OrderedParse {
  const problem = xmlSafetyProblem(text, maxElements);
  if (problem) return problem;
  let raw: unknown;
  try {
    // Well-formedness check built into fast-xml-parser 5: without it, unclosed elements would pass
    // silently; its successor package (fast-xml-validator) is not a project dependency.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    raw = parser.parse(text, true);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 200);
    if (/nest|depth/i.test(message))
      return { ok: false, kind: 'depth', problem: `elements are nested deeper than ${MAX_XML_DEPTH} levels` };
    return { ok: false, kind: 'malformed', problem: `the XML is not well-formed: ${message}` };
  }
  const nodes = convert(raw, [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])], 0);
  if (nodes === undefined)
    return { ok: false, kind: 'depth', problem: `elements are nested deeper than ${MAX_XML_DEPTH} levels` };
  const roots = nodes.filter((n): n is XElement => n.type === 'element');
  const root = roots[0];
  if (!root || roots.length !== 1)
    return { ok: false, kind: 'root', problem: 'the XML must have exactly one root element' };
  const prolog = /^\s*(<\?xml[^>]*\?>)/.exec(text)?.[1];
  return { ok: true, root, prolog };
}

type Scope = Map<string, string>;

function lookup(scopes: readonly Scope[], prefix: string): string | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const ns = scopes[i]?.get(prefix);
    if (ns !== undefined) return ns;
  }
  return undefined;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value.map((v: unknown) => textOf((v as Record<string, unknown>)['#text'])).join('');
  return '';
}

function convert(raw: unknown, scopes: Scope[], depth: number): XNode[] | undefined {
  if (depth > MAX_XML_DEPTH) return undefined;
  if (!Array.isArray(raw)) return [];
  const out: XNode[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    if ('#text' in item) {
      out.push({ type: 'text', value: textOf(item['#text']) });
      continue;
    }
    if ('#comment' in item) {
      out.push({ type: 'comment', value: textOf(item['#comment']) });
      continue;
    }
    if ('#cdata' in item) {
      out.push({ type: 'cdata', value: textOf(item['#cdata']) });
      continue;
    }
    const key = Object.keys(item).find((k) => k !== ':@');
    if (key === undefined) continue;
    const rawAttrs = (item[':@'] ?? {}) as Record<string, unknown>;
    const scope: Scope = new Map();
    const attrs: { name: string; value: string }[] = [];
    for (const [name, value] of Object.entries(rawAttrs)) {
      const v = typeof value === 'string' ? value : String(value);
      if (name === 'xmlns') scope.set('', v);
      else if (name.startsWith('xmlns:')) scope.set(name.slice(6), v);
      attrs.push({ name, value: v });
    }
    const inner = scopes.concat(scope);
    const colon = key.indexOf(':');
    const prefix = colon < 0 ? '' : key.slice(0, colon);
    const children = convert(item[key], inner, depth + 1);
    if (children === undefined) return undefined;
    out.push({
      type: 'element',
      name: colon < 0 ? key : key.slice(colon + 1),
      qname: key,
      ns: lookup(inner, prefix) ?? '',
      attrs,
      children,
    });
  }
  return out;
}

/** The value of attribute `name` (as written, prefix included), or undefined. */
export function attrOf(el: XElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Child elements with local name `name` in namespace `ns`. */
export function childrenNamed(el: XElement | undefined, name: string, ns: string): XElement[] {
  return el
    ? el.children.filter((c): c is XElement => c.type === 'element' && c.name === name && c.ns === ns)
    : [];
}

export function childNamed(el: XElement | undefined, name: string, ns: string): XElement | undefined {
  return childrenNamed(el, name, ns)[0];
}

/** All text below `node`, CDATA included, comments left out. */
export function textContent(node: XNode): string {
  switch (node.type) {
    case 'text':
    case 'cdata':
      return node.value;
    case 'comment':
      return '';
    case 'element':
      return node.children.map(textContent).join('');
  }
}

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** XML-escapes text for the raw view (the page escapes again for HTML). */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"]/g, (c) => escapeMap[c] ?? c);
}

/** Serialises a node back to XML text on one line (for showing a foreign element as text). */
export function serialise(node: XNode): string {
  switch (node.type) {
    case 'text':
      return xmlEscape(node.value);
    case 'cdata':
      return `<![CDATA[${node.value}]]>`;
    case 'comment':
      return `<!--${node.value}-->`;
    case 'element': {
      const attrs = node.attrs.map((a) => ` ${a.name}="${xmlEscape(a.value)}"`).join('');
      if (node.children.length === 0) return `<${node.qname}${attrs}/>`;
      return `<${node.qname}${attrs}>${node.children.map(serialise).join('')}</${node.qname}>`;
    }
  }
}
