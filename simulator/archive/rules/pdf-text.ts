/**
 * The text a PDF shows, read far enough for the identity guard: what a reader of a PDF attachment sees
 * must not carry a real person's identity code, and a PDF keeps its page text in content streams that
 * are usually compressed (`/FlateDecode`), its strings escaped (`\061`), hex-coded (`<3130>`) or split
 * into kerned pieces (`[(1310)-20(52-308T)] TJ`), so the raw bytes do not show it.
 *
 * Read here, within bounds (a hostile PDF gets no more work than `PDF_LIMITS` allows, and a stream that
 * does not inflate is skipped, not a finding): every stream whose filter is FlateDecode (alone or first)
 * is inflated; in every stream, and in the file outside its streams (the document information, form
 * fields, annotations), literal and hex strings are decoded (PDFDocEncoding read as Latin-1; UTF-16BE
 * when they start with its byte order mark). In a content stream the text-showing operators (`Tj`, `TJ`,
 * `'`, `"`) form runs: strings shown one after another with no positioning operator between them are
 * joined, the pieces of a TJ array too, and a kerning of more than 200 thousandths of the text space
 * counts as a word gap. Not read: text drawn with embedded fonts whose codes map to characters only
 * through their `/ToUnicode` CMap or font encoding, other filters (LZW, ASCII85 and the like), encrypted
 * PDFs, and text in images.
 *
 * See: ISO 32000-1:2008 (PDF 1.7), 7.3.4 String objects, 7.3.8 Stream objects, 7.4.4 FlateDecode, 9.4
 * Text objects, https://opensource.adobe.com/dc-acrobat-sdk-docs/pdfstandards/PDF32000_2008.pdf
 */
import { constants, inflateSync } from 'node:zlib';

export interface PdfLimits {
  maxStreams: number;
  maxInflatedBytes: number;
}

export const PDF_LIMITS: Readonly<PdfLimits> = {
  /** Streams looked at in one PDF. */
  maxStreams: 2000,
  /** Bytes all inflated streams of one PDF may add up to. */
  maxInflatedBytes: 20 * 1024 * 1024,
};

export interface PdfText {
  /** Texts to search: the inflated streams as written, and the decoded strings and text runs. */
  texts: string[];
  /** Streams inflated (for tests of the bounds). */
  inflated: number;
}

/** True when `bytes` are a PDF: its header within the first 1024 bytes (as readers accept it). */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

const STREAM = /stream(?:\r\n|\n|\r)/g;
const FLATE_FIRST = /\/Filter\s*(?:\[\s*)?\/(?:FlateDecode|Fl)\b/;
/** The end of a comment; the end of inline image data (searched from a position, never by slicing). */
const EOL = /[\r\n]/g;
const END_IMAGE = /\sEI(?=\s|$)/g;
/** A kerning adjustment beyond this many thousandths of text space reads as a space between words. */
const WORD_GAP = 200;
/** The length of an identity code: a shorter string cannot hold one alone (runs still join it). */
const CODE_LENGTH = 11;

/** The text of a PDF (see the module comment), within `limits`. */
export function readPdfText(bytes: Uint8Array, limits: Readonly<PdfLimits> = PDF_LIMITS): PdfText {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const texts: string[] = [];
  const outside: string[] = [];
  let inflated = 0;
  let budget = limits.maxInflatedBytes;
  let streams = 0;
  let last = 0;
  STREAM.lastIndex = 0;
  for (let m = STREAM.exec(file); m !== null; m = STREAM.exec(file)) {
    // `endstream` matches too; a stream keyword follows its dictionary's `>>`.
    if (file.startsWith('end', m.index - 3) || !/>>\s*$/.test(file.slice(Math.max(0, m.index - 64), m.index)))
      continue;
    const start = m.index + m[0].length;
    const end = file.indexOf('endstream', start);
    if (end < 0) break;
    // The stream's dictionary: what precedes the keyword, no further back than the last stream's end.
    const dictionary = file.slice(Math.max(last, m.index - 4096), m.index);
    outside.push(file.slice(last, start));
    last = end + 'endstream'.length;
    STREAM.lastIndex = last;
    if (++streams > limits.maxStreams) break;
    let data = file.slice(start, end);
    if (FLATE_FIRST.test(dictionary)) {
      if (budget <= 0) continue;
      try {
        const out = inflateSync(Buffer.from(data, 'latin1'), {
          maxOutputLength: budget,
          // A stream cut short, or with bytes after its end, still gives what it holds.
          finishFlush: constants.Z_SYNC_FLUSH,
        });
        budget -= out.byteLength;
        inflated++;
        data = out.toString('latin1');
      } catch {
        continue; // corrupt, or beyond the budget: not read
      }
    }
    texts.push(data, ...shownText(data));
  }
  outside.push(file.slice(last));
  texts.push(...outside.flatMap((part) => shownText(part)));
  return { texts, inflated };
}

/** A PDF string's bytes (as Latin-1 characters) as text: UTF-16BE after its byte order mark. */
function decodeString(raw: string): string {
  if (raw.startsWith('\xFE\xFF')) return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
  return raw;
}

/** The end of the literal string opening at `at` (after its `)`), and its bytes. */
function literalAt(text: string, at: number): [end: number, raw: string] {
  let depth = 1;
  let out = '';
  let i = at + 1;
  while (i < text.length && depth > 0) {
    const c = text[i] ?? '';
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
      if (octal) {
        out += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
        i += 1 + octal[0].length;
        continue;
      }
      const escaped: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
      if (next === '\r' || next === '\n') {
        // A line continuation: the backslash and the end of line are not part of the string.
        i += next === '\r' && text[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      out += escaped[next] ?? next;
      i += 2;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
    out += c;
    i++;
  }
  return [i + 1, out];
}

/** The end of the hex string opening at `at` (after its `>`), and its bytes. */
function hexAt(text: string, at: number): [end: number, raw: string] {
  const close = text.indexOf('>', at + 1);
  const end = close < 0 ? text.length : close;
  let digits = text.slice(at + 1, end).replace(/[^0-9A-Fa-f]/g, '');
  if (digits.length % 2 === 1) digits += '0';
  return [end + 1, Buffer.from(digits, 'hex').toString('latin1')];
}

type Operand = { kind: 'string'; text: string } | { kind: 'array'; text: string } | { kind: 'other' };

/**
 * The strings of `content` and its text runs: each string decoded (those long enough to hold a code),
 * and the strings shown one after another with no positioning between them joined (a TJ array's pieces
 * too). Linear in the text, and only the last operand before an operator is kept (the one a
 * text-showing operator shows), so a hostile run of operands costs no memory.
 */
export function shownText(content: string): string[] {
  const strings: string[] = [];
  const runs: string[] = [];
  let run = '';
  const endRun = (): void => {
    if (run !== '') runs.push(run);
    run = '';
  };
  let operand: Operand | undefined;
  let array: string | undefined;
  let i = 0;
  while (i < content.length) {
    const c = content[i] ?? '';
    if (c === '<' && content[i + 1] === '<') {
      i += 2; // a dictionary opens
    } else if (c === '(' || c === '<') {
      // A string: an operand, or a piece of the array being read.
      const [end, raw] = c === '(' ? literalAt(content, i) : hexAt(content, i);
      const text = decodeString(raw);
      if (text.length >= CODE_LENGTH) strings.push(text);
      if (array === undefined) operand = { kind: 'string', text };
      else array += text;
      i = end;
    } else if (c === '[') {
      array = '';
      i++;
    } else if (c === ']') {
      if (array !== undefined) operand = { kind: 'array', text: array };
      array = undefined;
      i++;
    } else if (c === '%') {
      EOL.lastIndex = i;
      i = EOL.exec(content) === null ? content.length : EOL.lastIndex;
    } else if (/[-+.0-9]/.test(c)) {
      const number = /^[-+]?(?:\d+\.?\d*|\.\d+)/.exec(content.slice(i, i + 32))?.[0] ?? c;
      if (array !== undefined && -Number(number) > WORD_GAP) array += ' ';
      else if (array === undefined) operand = { kind: 'other' };
      i += number.length;
    } else if (/[A-Za-z'"*]/.test(c)) {
      const word = /^[A-Za-z'"*]+/.exec(content.slice(i, i + 16))?.[0] ?? c;
      i += word.length;
      if (array !== undefined) continue; // `true`, `null` inside an array
      if (word === 'Tj' || word === 'TJ' || word === "'" || word === '"') {
        if (word === "'" || word === '"') endRun(); // these move to the next line first
        if (operand !== undefined && operand.kind !== 'other') run += operand.text;
      } else if (/^(?:Td|TD|Tm|T\*|ET|BT)$/.test(word)) endRun();
      else if (word === 'ID') {
        // Inline image data: binary up to `EI`, not text.
        END_IMAGE.lastIndex = i;
        i = END_IMAGE.exec(content) === null ? content.length : END_IMAGE.lastIndex;
      }
      operand = undefined;
    } else i++;
  }
  endRun();
  const out = [...strings, ...runs];
  // Two-byte codes (CID fonts whose codes are Unicode): the same bytes read as UTF-16BE.
  for (const s of out.slice())
    if (s.length >= 2 && s.length % 2 === 0 && s.includes('\0'))
      out.push(Buffer.from(s, 'latin1').swap16().toString('utf16le'));
  return out;
}
