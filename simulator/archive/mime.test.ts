/**
 * The MIME package reader scans for delimiter lines and checks base64 in place (no split-and-join of the
 * whole package, no compacted copy). These cases pin the behaviour that scan must keep: CR LF and LF,
 * delimiters with trailing blanks, a delimiter text inside a line, a package without its closing
 * delimiter, and strict base64 with line breaks.
 */
import { describe, expect, it } from 'vitest';
import { decodePart, parseMultipart } from './mime.ts';

const HEAD = 'MIME-Version: 1.0\nContent-Type: multipart/related;\nboundary="b"\n\n';
const B64 = Buffer.from('<ClinicalDocument/>').toString('base64');
const part = (body: string, nl = '\n'): string =>
  ['Content-Type: text/xml', 'Content-Transfer-Encoding: BASE64', 'Content-ID: <1.2.3>', '', body].join(nl);

function parts(text: string): { id?: string; body: string; bytes?: string }[] {
  const r = parseMultipart(text);
  if (!r.ok) throw new Error(r.problem);
  return r.parts.map((p) => {
    const bytes = decodePart(p);
    return {
      id: p.contentId,
      body: p.body,
      ...(bytes ? { bytes: Buffer.from(bytes).toString('utf8') } : {}),
    };
  });
}

describe('parseMultipart and decodePart', () => {
  it('reads LF and CR LF packages alike, base64 broken into lines', () => {
    const wrapped = B64.replace(/(.{8})/g, '$1\n');
    for (const nl of ['\n', '\r\n']) {
      const text = (HEAD + `--b\n${part(wrapped, nl)}\n--b--\n`).replace(/\n/g, nl);
      expect(parts(text)).toEqual([{ id: '1.2.3', body: wrapped, bytes: '<ClinicalDocument/>' }]);
    }
  });

  it('takes delimiters only as whole lines (trailing blanks allowed) and tolerates a missing close', () => {
    const text = `${HEAD}preamble --b\n--b  \n${part(B64)}\nx--b\n--b\t\n${part('QUJD')}\n`;
    expect(parts(text)).toEqual([
      { id: '1.2.3', body: `${B64}\nx--b`, ...{} },
      { id: '1.2.3', body: 'QUJD\n', bytes: 'ABC' },
    ]);
  });

  it('refuses base64 with a character outside the alphabet, padding inside, or a length not a multiple of 4', () => {
    for (const bad of ['QU*D', 'Q=JD', 'QUJDR', 'QUJD===', 'QUJD\nQUJ\nD\nR', 'QU\tJD\nR']) {
      const r = parseMultipart(`${HEAD}--b\n${part(bad)}\n--b--`);
      expect(r.ok && decodePart(r.parts[0] ?? { headers: new Map(), body: '' })).toBeUndefined();
    }
    const spaced = parseMultipart(`${HEAD}--b\n${part('QU JD\u00a0RA==')}\n--b--`);
    expect(
      spaced.ok &&
        Buffer.from(decodePart(spaced.parts[0] ?? { headers: new Map(), body: '' }) ?? []).toString(),
    ).toBe('ABCD');
    // Line breaks only (the common shape, counted without a regex per line), and mixed whitespace.
    for (const good of ['QUJD\nQUJD\n', 'QU\nJD\nRA\n==', 'QU\tJD\nRA==']) {
      const r = parseMultipart(`${HEAD}--b\n${part(good)}\n--b--`);
      expect(r.ok && decodePart(r.parts[0] ?? { headers: new Map(), body: '' })).toBeInstanceOf(Uint8Array);
    }
  });
});
