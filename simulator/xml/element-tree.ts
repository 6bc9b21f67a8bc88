/**
 * The element tree the archive reads (header extraction and the CDA rules), built in one pass by
 * libxml2 (WebAssembly, already the project's XSD validator) straight from the UTF-8 bytes: libxml2
 * checks well-formedness and namespaces while it parses, so no separate validation pass and no
 * intermediate mixed-content tree are needed.
 *
 * This is the fast path of the one safe parser (ordered.ts), never a second set of rules: the caller
 * runs the same safety pre-checks first (`xmlSafetyProblem`: element count, DOCTYPE, entity declarations,
 * undeclared entities), libxml2 runs without network, DTD loading or entity substitution, and whenever
 * libxml2 refuses the text or the tree is deeper than MAX_XML_DEPTH, the caller falls back to
 * `parseOrdered`, so what is refused and the words of the finding are decided exactly as before.
 */
import type * as Libxml2Module from 'libxml2-wasm';
import type { XmlDocument, XmlElement } from 'libxml2-wasm';
import { MAX_XML_DEPTH } from './ordered.ts';

type Libxml2 = typeof Libxml2Module;
let libxml2: Libxml2 | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads libxml2 (about 0.6 s and 150 MB of WebAssembly) on the archive's first submission, not when the
 * server starts: a simulator that never receives a CDA document never pays for it. Until it has loaded,
 * `parseElementTree` answers undefined and callers take the reference parser, with the same findings.
 */
export function loadElementTreeParser(): Promise<void> {
  loading ??= import('libxml2-wasm').then((module) => {
    libxml2 = module;
  });
  return loading;
}

/** Whether libxml2 has loaded (the one-pass parse is available). */
export function elementTreeParserLoaded(): boolean {
  return libxml2 !== undefined;
}

/** An element with its namespace resolved, child elements only and its direct text concatenated. */
export interface TreeElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes by their name as written (prefixes kept, `xmlns` declarations left out). */
  attrs: Record<string, string>;
  children: TreeElement[];
  /** Concatenated text content directly inside this element (CDATA included). */
  text: string;
}

/**
 * No network, no external entities, no DTD, no entity substitution (references to the predefined
 * entities and character references are still decoded, as XML requires).
 */
function options(lib: Libxml2): { option: number } {
  return { option: lib.ParseOption.XML_PARSE_NONET | lib.ParseOption.XML_PARSE_NO_XXE };
}

/**
 * Attribute values as written: libxml2 applies XML's attribute-value normalisation (a tab or line break
 * in the value reads as a space) while the reference parser keeps them, so a document with such a value
 * takes the reference path and reads exactly as before.
 */
const ATTRIBUTE_WHITESPACE = /=\s*(?:"[^"]*[\t\n\r][^"]*"|'[^']*[\t\n\r][^']*')/;

/**
 * Parses XML (already past the safety pre-checks; its UTF-8 bytes when the caller has them, else the
 * text) into an element tree, or undefined when
 * libxml2 refuses them or the tree is deeper than MAX_XML_DEPTH: the caller then parses with the
 * reference parser, which says why.
 */
export function parseElementTree(text: string, bytes?: Uint8Array): TreeElement | undefined {
  const lib = libxml2;
  if (lib === undefined || ATTRIBUTE_WHITESPACE.test(text)) return undefined;
  let doc: XmlDocument;
  try {
    // From bytes also when only the text is given: libxml2-wasm's string input is slower than encoding here.
    doc = lib.XmlDocument.fromBuffer(bytes ?? Buffer.from(text, 'utf8'), options(lib));
  } catch {
    return undefined;
  }
  try {
    return build(lib, doc.root, 0);
  } catch {
    return undefined;
  } finally {
    doc.dispose();
  }
}

function build(lib: Libxml2, el: XmlElement, depth: number): TreeElement | undefined {
  // Near the limit the reference parser decides (and words the finding); real documents stay far below.
  if (depth >= MAX_XML_DEPTH - 2) return undefined;
  const attrs: Record<string, string> = {};
  for (const a of el.attrs) attrs[a.prefix === '' ? a.name : `${a.prefix}:${a.name}`] = a.value;
  const children: TreeElement[] = [];
  let text = '';
  for (let c = el.firstChild; c !== null; c = c.next) {
    if (c instanceof lib.XmlElement) {
      const child = build(lib, c, depth + 1);
      if (child === undefined) return undefined;
      children.push(child);
    } else if (c instanceof lib.XmlText || c instanceof lib.XmlCData) text += c.content;
  }
  return { name: el.name, ns: el.namespaceUri, attrs, children, text };
}
