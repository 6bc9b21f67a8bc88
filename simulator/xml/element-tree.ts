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
import type * as Libxml2Structs from 'libxml2-wasm/lib/libxml2.mjs';
import { MAX_XML_DEPTH } from './ordered.ts';

type Libxml2 = typeof Libxml2Module;
let libxml2: Libxml2 | undefined;
let loading: Promise<void> | undefined;
/** Reads the parsed tree straight from libxml2's memory; undefined when its self-check failed. */
let direct: DirectReader | undefined;

/**
 * Loads libxml2 (about 0.6 s and 150 MB of WebAssembly) on the archive's first submission, not when the
 * server starts: a simulator that never receives a CDA document never pays for it. Until it has loaded,
 * `parseElementTree` answers undefined and callers take the reference parser, with the same findings.
 */
export function loadElementTreeParser(): Promise<void> {
  loading ??= Promise.all([import('libxml2-wasm'), import('libxml2-wasm/lib/libxml2.mjs')]).then(
    ([module, structs]) => {
      libxml2 = module;
      direct = checkedDirectReader(module, structs);
    },
  );
  return loading;
}

/**
 * How the tree is read out of libxml2: straight from its memory (`direct`, see below) or through
 * libxml2-wasm's node objects (`nodes`, when the direct reader's self-check failed); undefined before load.
 */
export function elementTreeReader(): 'direct' | 'nodes' | undefined {
  if (libxml2 === undefined) return undefined;
  return direct !== undefined ? 'direct' : 'nodes';
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
    return direct !== undefined ? direct(doc.root) : build(lib, doc.root, 0);
  } catch {
    return undefined;
  } finally {
    doc.dispose();
  }
}

/** The tree through libxml2-wasm's node objects: the reference for the direct reader, and its fallback. */
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

type DirectReader = (root: XmlElement) => TreeElement | undefined;

/*
 * The direct reader. libxml2-wasm's node objects read each field through a call into the module, copy
 * every text node's content into a fresh allocation and find its end with a byte-by-byte JavaScript
 * loop: for a 50 KB document that was about as long as libxml2's parse itself. The direct reader walks
 * the same `xmlNode` structures in the module's memory (wasm32 layout of libxml2's tree.h; the offsets
 * below are the ones libxml2-wasm's own accessors use, plus `content`), decodes each name once per
 * document (libxml2 interns names) and each text with one native scan and one TextDecoder call.
 *
 * It runs only after a self-check: on load it reads a probe document both ways and is used only when
 * the two trees are equal, so a libxml2-wasm whose layout differs falls back to the node objects.
 */
const NODE_TYPE = 4 >> 2;
const NODE_NAME = 8 >> 2;
const NODE_CHILDREN = 12 >> 2;
const NODE_NEXT = 24 >> 2;
const NODE_NS = 36 >> 2;
const NODE_CONTENT = 40 >> 2;
const NODE_PROPERTIES = 44 >> 2;
const NS_HREF = 8 >> 2;
const NS_PREFIX = 12 >> 2;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** Namespaces, prefixes, entities, CDATA, a comment and non-ASCII text, short and long. */
const PROBE = `<?xml version="1.0" encoding="UTF-8"?>
<a xmlns="urn:hl7-org:v3" xmlns:x="urn:x" x:k="1&amp;2" b="&#228;&lt;"><b>K&#228;ynti &lt;<![CDATA[x<y]]>
</b><!-- c --><x:c xml:lang="fi" v="Ylöjärvi, pitkä arvo yli kuusitoista tavua"/>tekstiä ${'jatkuu '.repeat(8)}</a>`;

function checkedDirectReader(lib: Libxml2, structs: typeof Libxml2Structs): DirectReader | undefined {
  const reader = directReader(structs);
  try {
    const doc = lib.XmlDocument.fromBuffer(Buffer.from(PROBE, 'utf8'), options(lib));
    try {
      const expected = build(lib, doc.root, 0);
      return expected !== undefined && sameTree(reader(doc.root), expected) ? reader : undefined;
    } finally {
      doc.dispose();
    }
  } catch {
    return undefined;
  }
}

function sameTree(a: TreeElement | undefined, b: TreeElement): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function directReader(structs: typeof Libxml2Structs): DirectReader {
  const utf8 = new TextDecoder();
  return (root) => {
    const rootPtr = (root as unknown as { _nodePtr: number })._nodePtr;
    // The module's memory as it is after the parse: nothing below allocates in it, so it cannot grow
    // (and move) while the walk reads it.
    const memory = structs.XmlNodeSetStruct.nodeTable(rootPtr, 0).buffer as ArrayBuffer;
    const bytes = new Uint8Array(memory);
    const words = new Int32Array(memory);
    const word = (ptr: number, field: number): number => words[(ptr >> 2) + field] ?? 0;
    const string = (ptr: number): string => {
      if (ptr === 0) return '';
      const end = bytes.indexOf(0, ptr);
      if (end - ptr < 16) {
        // Short (indentation, codes): ASCII is copied by hand, cheaper than a decoder call.
        let out = '';
        for (let i = ptr; i < end; i++) {
          const c = bytes[i] ?? 0;
          if (c > 127) return utf8.decode(bytes.subarray(ptr, end));
          out += String.fromCharCode(c);
        }
        return out;
      }
      return utf8.decode(bytes.subarray(ptr, end));
    };
    const names = new Map<number, string>();
    const name = (ptr: number): string => {
      let s = names.get(ptr);
      if (s === undefined) {
        s = string(ptr);
        names.set(ptr, s);
      }
      return s;
    };
    const walk = (node: number, depth: number): TreeElement | undefined => {
      if (depth >= MAX_XML_DEPTH - 2) return undefined;
      const attrs: Record<string, string> = {};
      for (let a = word(node, NODE_PROPERTIES); a !== 0; a = word(a, NODE_NEXT)) {
        const ns = word(a, NODE_NS);
        const prefix = ns === 0 ? '' : name(word(ns, NS_PREFIX));
        let value = '';
        for (let c = word(a, NODE_CHILDREN); c !== 0; c = word(c, NODE_NEXT)) {
          // Only text makes up a value here (entity references are refused before the parse).
          if (word(c, NODE_TYPE) !== TEXT_NODE) return undefined;
          value += string(word(c, NODE_CONTENT));
        }
        const local = name(word(a, NODE_NAME));
        attrs[prefix === '' ? local : `${prefix}:${local}`] = value;
      }
      const children: TreeElement[] = [];
      let text = '';
      for (let c = word(node, NODE_CHILDREN); c !== 0; c = word(c, NODE_NEXT)) {
        const type = word(c, NODE_TYPE);
        if (type === ELEMENT_NODE) {
          const child = walk(c, depth + 1);
          if (child === undefined) return undefined;
          children.push(child);
        } else if (type === TEXT_NODE || type === CDATA_NODE) text += string(word(c, NODE_CONTENT));
      }
      const ns = word(node, NODE_NS);
      return {
        name: name(word(node, NODE_NAME)),
        ns: ns === 0 ? '' : name(word(ns, NS_HREF)),
        attrs,
        children,
        text,
      };
    };
    return walk(rootPtr, 0);
  };
}
