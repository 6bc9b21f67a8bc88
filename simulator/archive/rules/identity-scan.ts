/**
 * The identity guard's scan of XML as written: every place of the text where a real person's code can
 * sit that the element tree does not keep, and the text as a reader sees it.
 *
 * The element tree the rules read (`archive/xml.ts`) keeps elements, attributes and text; the stored
 * bytes also hold comments, processing instructions, namespace declarations and whatever sits before
 * and after the root element, and a code can be split by markup (`<content>131052</content>-308T`)
 * so that no one text node holds it while a reader of the narrative sees it whole. This module reads
 * the text itself once, in document order, and reports:
 *
 * - `comment`, `pi`, `namespace`, `name`, `attribute`: a code inside that piece of markup (attribute
 *   values with their references decoded);
 * - `text`: a code inside one piece of text; `split`: a code made whole by reading the text content
 *   as a reader sees it (CDATA and references decoded): joined with nothing between across inline
 *   elements (CDA narrative `content`, `sub`, `sup`, `linkHtml`, `footnote`, `footnoteRef`; XHTML
 *   `span`, `a`, `b`, `i`, `em`, `strong` and the like), comments and processing instructions; every
 *   other element boundary (a paragraph, a table cell, a title) reads as a break.
 *
 * Only well-formed text reaches it (it runs after the parse), so it needs no error handling beyond
 * stopping at a missing terminator. Pure: no I/O.
 */
import { findRealCodes } from '../../domain/identity-guard.ts';
import { decodeXmlReferences } from '../../xml/ordered.ts';

export type ScanKind = 'comment' | 'pi' | 'namespace' | 'name' | 'attribute' | 'text' | 'split';

export interface ScanHit {
  /** The code as written. */
  code: string;
  kind: ScanKind;
  /** Where: the element path as written (prefixes kept), plus `/comment()`, `/@name` and the like. */
  path: string;
  /** 1-based line of the text where the piece starts. */
  line: number;
}

/** At most this many hits are reported for one text (the submission is refused at the first). */
const MAX_HITS = 20;

/** Elements a reader sees as part of the running text (CDA narrative and XHTML inline elements). */
const INLINE = new Set([
  'content',
  'sub',
  'sup',
  'linkHtml',
  'footnote',
  'footnoteRef',
  'span',
  'a',
  'b',
  'i',
  'u',
  'em',
  'strong',
  'small',
  'abbr',
  'cite',
  'code',
  'q',
  'mark',
]);

/** An attribute inside a start tag: name, then the value in either quote. */
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * What a reader reads through: comments, processing instructions, CDATA's delimiters and inline tags
 * (quotes respected). Every other tag stays where it is, and its `<`/`>` keep the text apart.
 */
const READ_THROUGH = new RegExp(
  String.raw`<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[|\]\]>|<\/?(?:[^\s/>:!?]+:)?(?:${[...INLINE].join('|')})(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>`,
  'g',
);

const isDigit = (text: string, at: number): boolean => {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
};

/**
 * Where a code split by markup would show: a digit before a `<` or a CDATA end, or after a `>`, on one
 * side of the split. Each `<` and `>` is found with indexOf: a message is mostly base64 with few tags,
 * and a regular expression tried at every character took about 27 µs for a 70 KB message.
 */
function digitTouchesMarkup(text: string): boolean {
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1))
    if (at > 0 && isDigit(text, at - 1)) return true;
  for (let at = text.indexOf('>'); at >= 0; at = text.indexOf('>', at + 1)) {
    if (isDigit(text, at + 1)) return true;
    if (at >= 3 && text.startsWith(']]', at - 2) && isDigit(text, at - 3)) return true;
  }
  return false;
}

/**
 * The real-range codes a scan could report, a superset found in native passes over the text as written
 * and with what a reader reads through removed (references decoded in both): almost every document has
 * none, and then the scan is done without walking the markup.
 */
function candidates(text: string): string[] {
  // Only a character reference can stand for a character of a code (`&#45;`); the five named entities
  // stand for characters that end a code either way.
  const decode = text.includes('&#') ? decodeXmlReferences : (t: string): string => t;
  const asWritten = findRealCodes(decode(text));
  // Markup read through can only join a code if a digit of it touches the markup: a digit before a
  // `<` (or a CDATA end) or after a `>`, on one side of every place a code can be split.
  if (!digitTouchesMarkup(text)) return asWritten;
  return [...asWritten, ...findRealCodes(decode(text.replace(READ_THROUGH, '')))];
}

/**
 * Every real-range code in `text` (XML, well-formed) that sits in markup or that the text read across
 * elements makes whole, leaving out the codes in `known` (upper case; already reported elsewhere).
 * `text` may be a Latin-1 view of UTF-8 bytes: codes are ASCII.
 */
export function scanXmlText(text: string, known: ReadonlySet<string> = new Set()): ScanHit[] {
  if (candidates(text).every((c) => known.has(c.toUpperCase()))) return [];
  const hits: ScanHit[] = [];
  const stack: string[] = [];
  const path = (): string => `/${stack.join('/')}`.replace(/^\/$/, '');
  const offsets: number[] = []; // where each piece of markup with a hit starts, for its line
  const add = (code: string, kind: ScanKind, where: string, at: number): void => {
    if (hits.length >= MAX_HITS) return;
    hits.push({ code, kind, path: where, line: 0 });
    offsets.push(at);
  };
  // The reader's text, with where each of its pieces came from.
  let reader = '';
  const anchors: { at: number; path: string; offset: number; length: number }[] = [];
  const read = (piece: string, offset: number): void => {
    if (piece === '') return;
    anchors.push({ at: reader.length, path: path(), offset, length: piece.length });
    reader += piece;
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      read(decodeXmlReferences(text.slice(i)), i);
      break;
    }
    if (lt > i) read(decodeXmlReferences(text.slice(i, lt)), i);
    if (text.startsWith('<!--', lt)) {
      const end = endOf(text, '-->', lt + 4);
      for (const code of findRealCodes(text.slice(lt + 4, end)))
        add(code, 'comment', `${path()}/comment()`, lt);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = endOf(text, ']]>', lt + 9);
      read(text.slice(lt + 9, end), lt);
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = endOf(text, '?>', lt + 2);
      const body = text.slice(lt + 2, end);
      const target = /^[^\s?]*/.exec(body)?.[0] ?? '';
      for (const code of findRealCodes(body))
        add(code, 'pi', `${path()}/processing-instruction('${target}')`, lt);
      i = end + 2;
    } else if (text.startsWith('<!', lt)) {
      i = endOf(text, '>', lt) + 1; // a DOCTYPE never gets this far (refused before the parse)
    } else {
      const end = tagEnd(text, lt + 1);
      const tag = text.slice(lt, end + 1);
      const closing = tag.startsWith('</');
      const name = /^<\/?([^\s/>]+)/.exec(tag)?.[1] ?? '';
      if (!INLINE.has(name.slice(name.indexOf(':') + 1))) reader += '\n';
      if (closing) {
        for (const code of findRealCodes(name)) add(code, 'name', path(), lt);
        stack.pop();
      } else {
        stack.push(name);
        const here = path();
        for (const code of findRealCodes(name)) add(code, 'name', here, lt);
        if (findRealCodes(decodeXmlReferences(tag)).length > 0)
          for (const m of tag.matchAll(ATTRIBUTE)) {
            const attr = m[1] ?? '';
            const value = decodeXmlReferences(m[2] ?? m[3] ?? '');
            const kind: ScanKind = attr === 'xmlns' || attr.startsWith('xmlns:') ? 'namespace' : 'attribute';
            for (const code of findRealCodes(attr)) add(code, 'name', `${here}/@${attr}`, lt);
            for (const code of findRealCodes(value)) add(code, kind, `${here}/@${attr}`, lt);
          }
        if (tag.endsWith('/>')) stack.pop();
      }
      i = end + 1;
    }
  }
  for (const code of new Set(findRealCodes(reader))) {
    const at = reader.indexOf(code);
    let k = anchors.length - 1;
    while (k > 0 && (anchors[k]?.at ?? 0) > at) k--;
    const anchor = anchors[k];
    // Whole inside one piece of text (one the element tree did not hold), or made whole across markup.
    const whole = anchor !== undefined && at + code.length <= anchor.at + anchor.length;
    add(code, whole ? 'text' : 'split', `${anchor?.path ?? ''}/text()`, anchor?.offset ?? 0);
  }
  // Lines only for what is reported (rare): one pass over the text up to the last hit.
  const order = offsets.map((at, n) => ({ at, n })).sort((a, b) => a.at - b.at);
  let line = 1;
  let from = 0;
  for (const { at, n } of order) {
    for (let p = text.indexOf('\n', from); p >= 0 && p < at; p = text.indexOf('\n', p + 1)) line++;
    from = at;
    const hit = hits[n];
    if (hit) hit.line = line;
  }
  return hits;
}

function endOf(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at < 0 ? text.length : at;
}

/** The index of the `>` that ends the tag starting before `from`, quotes respected. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return text.length;
}
