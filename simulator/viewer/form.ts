/**
 * A small multipart/form-data reader (RFC 7578) for the compare page's upload: text fields and one
 * JSON file, bounded by the body limit the route sets. Values are decoded as UTF-8.
 */
export interface FormPart {
  name: string;
  filename?: string;
  value: string;
}

/** Parses a multipart body; returns the parts, or undefined when the body is not multipart as declared. */
export function parseFormData(body: Buffer, contentType: string | undefined): FormPart[] | undefined {
  if (contentType === undefined || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined || marker.length > 200) return undefined;
  // latin1 keeps every byte as one char, so slicing never splits a UTF-8 sequence we decode later.
  const text = body.toString('latin1');
  const delimiter = `--${marker}`;
  const chunks = text.split(delimiter);
  if (chunks.length < 3) return undefined;
  const parts: FormPart[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const start = chunk.startsWith('\r\n') ? 2 : chunk.startsWith('\n') ? 1 : 0;
    const headerEnd = chunk.indexOf('\r\n\r\n', start);
    const sep = headerEnd >= 0 ? 4 : 2;
    const end = headerEnd >= 0 ? headerEnd : chunk.indexOf('\n\n', start);
    if (end < 0) continue;
    const headers = chunk.slice(start, end);
    let content = chunk.slice(end + sep);
    if (content.endsWith('\r\n')) content = content.slice(0, -2);
    else if (content.endsWith('\n')) content = content.slice(0, -1);
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) continue;
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const part: FormPart = { name, value: Buffer.from(content, 'latin1').toString('utf8') };
    if (filename !== undefined) part.filename = filename;
    parts.push(part);
  }
  return parts;
}
