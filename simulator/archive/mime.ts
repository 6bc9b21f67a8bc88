/**
 * The MIME `multipart/related` package that carries the CDA document inside an HL7 V3 archiving message
 * (`subject/clinicalDocument/text[@mediaType="multipart/related"]`), per RFC 2045/2046/2387.
 *
 * Observed shape (docs/kanta.md#archive-messages, HUS sample): message headers (Message-ID, MIME-Version, Content-Type with
 * the boundary, possibly folded onto the next line), then one part with `Content-Type: text/xml`,
 * `Content-Transfer-Encoding: BASE64` and `Content-ID: <document OID>`. Lines end in LF after XML
 * parsing (XML normalises CRLF); both are accepted.
 */

export interface MimePart {
  headers: ReadonlyMap<string, string>;
  /** Content-ID without angle brackets. */
  contentId?: string;
  contentType?: string;
  transferEncoding?: string;
  /** The raw body text of the part (before transfer decoding). */
  body: string;
}

export type MimeResult = { ok: true; parts: MimePart[] } | { ok: false; problem: string };

/** Splits a header block into a map of lower-case names to unfolded values. */
export function parseHeaderBlock(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    // Folded line (RFC 5322), or a continuation without leading space as in the HUS sample
    // ("Content-Type: multipart/related;" then "boundary=…" on the next line).
    if (last !== undefined && (/^[ \t]/.test(line) || colon <= 0 || /^[^:]*=/.test(line))) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`.trim());
      continue;
    }
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter of a structured header value, e.g. `boundary` of Content-Type. */
export function headerParam(value: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i');
  const m = re.exec(value);
  return m?.[1] ?? m?.[2];
}

function splitHeaders(text: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text, body: '' };
  return { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

/** Parses a multipart/related package given as text (headers, blank line, parts). */
export function parseMultipart(text: string): MimeResult {
  const trimmed = text.replace(/^\s+/, '');
  const { head, body } = splitHeaders(trimmed);
  const headers = parseHeaderBlock(head);
  const contentType = headers.get('content-type');
  if (contentType === undefined)
    return {
      ok: false,
      problem:
        'the MIME package has no Content-Type header; start it with Content-Type: multipart/related; boundary="…"',
    };
  if (!/^multipart\/related\b/i.test(contentType))
    return {
      ok: false,
      problem: `the MIME package is '${contentType.split(';')[0] ?? ''}'; it must be multipart/related`,
    };
  const boundary = headerParam(contentType, 'boundary');
  if (boundary === undefined || boundary === '')
    return { ok: false, problem: 'the multipart/related Content-Type has no boundary parameter' };
  const delimiter = `--${boundary}`;
  // Delimiter lines are found with indexOf and each part is sliced out once, instead of splitting the
  // whole package into lines and joining them again (the payload is most of a message's bytes).
  const parts: MimePart[] = [];
  let contentStart: number | undefined;
  let closed = false;
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const lineStart = at;
    const newline = body.indexOf('\n', at);
    const lineEnd = newline < 0 ? body.length : newline;
    const tail = body
      .slice(at + delimiter.length, newline > at && body[newline - 1] === '\r' ? newline - 1 : lineEnd)
      .replace(/[ \t]+$/, '');
    const atLineStart = lineStart === 0 || body[lineStart - 1] === '\n';
    if (atLineStart && (tail === '' || tail === '--')) {
      if (contentStart !== undefined) parts.push(toPart(partText(body, contentStart, lineStart)));
      if (tail === '--') {
        contentStart = undefined;
        closed = true;
        break;
      }
      contentStart = newline < 0 ? body.length : newline + 1;
    }
    at = body.indexOf(delimiter, at + 1);
  }
  // The HUS sample ends without the closing delimiter; a missing close is tolerated.
  if (!closed && contentStart !== undefined)
    parts.push(toPart(partText(body, contentStart, body.length, true)));
  if (parts.length === 0)
    return {
      ok: false,
      problem: `no MIME part found with boundary '${boundary}'; separate parts with --${boundary}`,
    };
  return { ok: true, parts };
}

/**
 * The text of one part, from `start` up to the line break before the delimiter line at `end` (or to the
 * end of the package when `last`), with CR LF read as LF.
 */
function partText(body: string, start: number, end: number, last = false): string {
  let stop = end;
  if (!last && stop > start && body[stop - 1] === '\n')
    stop -= stop - 1 > start && body[stop - 2] === '\r' ? 2 : 1;
  if (stop < start) stop = start;
  const text = body.slice(start, stop);
  return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
}

function toPart(text: string): MimePart {
  const { head, body } = splitHeaders(text);
  const headers = parseHeaderBlock(head);
  const part: MimePart = { headers, body };
  const id = headers.get('content-id');
  if (id !== undefined) part.contentId = id.replace(/^<|>$/g, '').trim();
  const type = headers.get('content-type');
  if (type !== undefined) part.contentType = type;
  const enc = headers.get('content-transfer-encoding');
  if (enc !== undefined) part.transferEncoding = enc.toLowerCase();
  return part;
}

/** Decodes a part's body per its Content-Transfer-Encoding; undefined when the base64 is not valid. */
export function decodePart(part: MimePart): Uint8Array | undefined {
  if (part.transferEncoding === 'base64') {
    if (!isBase64(part.body)) {
      // Rare: other Unicode whitespace (which /\s/ also counts) between the characters; compact first.
      const compact = part.body.replace(/\s+/g, '');
      if (compact === part.body || !isBase64(compact)) return undefined;
      return new Uint8Array(Buffer.from(compact, 'base64'));
    }
    // Buffer's decoder skips the whitespace itself; the result is viewed, not copied again.
    const buf = Buffer.from(part.body, 'base64');
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  // 7bit, 8bit, binary or none: the text itself. A trailing line break belongs to the delimiter.
  return new Uint8Array(Buffer.from(part.body.replace(/\r?\n$/, ''), 'utf8'));
}

/** Base64 characters with ASCII whitespace anywhere, then at most two `=` (a linear, native scan). */
const BASE64_TEXT = /^[A-Za-z0-9+/\t\n\v\f\r ]*(?:=[\t\n\v\f\r ]*){0,2}$/;

/** ASCII whitespace other than LF (CR LF is already read as LF in a part's text). */
const OTHER_SPACE = /[\t\v\f\r ]/;

/**
 * Strict base64 with whitespace anywhere (line breaks every 76 characters): the alphabet, at most two
 * `=` at the end only, a multiple of four characters. Checked in place, without building a compacted
 * copy of the payload.
 */
function isBase64(text: string): boolean {
  if (!BASE64_TEXT.test(text)) return false;
  // The usual shape, line breaks and nothing else: count them with indexOf, no regex match per line.
  if (!OTHER_SPACE.test(text)) {
    let breaks = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) breaks++;
    return (text.length - breaks) % 4 === 0;
  }
  let space = 0;
  const runs = /[\t\n\v\f\r ]+/g;
  for (let m = runs.exec(text); m !== null; m = runs.exec(text)) space += m[0].length;
  return (text.length - space) % 4 === 0;
}
