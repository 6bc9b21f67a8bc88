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
  const lines = body.split(/\r?\n/);
  const parts: MimePart[] = [];
  let current: string[] | undefined;
  let closed = false;
  for (const line of lines) {
    const bare = line.replace(/[ \t]+$/, '');
    if (bare === `${delimiter}--`) {
      if (current) parts.push(toPart(current));
      current = undefined;
      closed = true;
      break;
    }
    if (bare === delimiter) {
      if (current) parts.push(toPart(current));
      current = [];
      continue;
    }
    current?.push(line);
  }
  // The HUS sample ends without the closing delimiter; a missing close is tolerated.
  if (!closed && current) parts.push(toPart(current));
  if (parts.length === 0)
    return {
      ok: false,
      problem: `no MIME part found with boundary '${boundary}'; separate parts with --${boundary}`,
    };
  return { ok: true, parts };
}

function toPart(lines: string[]): MimePart {
  const { head, body } = splitHeaders(lines.join('\n'));
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
    const compact = part.body.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
    return new Uint8Array(Buffer.from(compact, 'base64'));
  }
  // 7bit, 8bit, binary or none: the text itself. A trailing line break belongs to the delimiter.
  return new Uint8Array(Buffer.from(part.body.replace(/\r?\n$/, ''), 'utf8'));
}
