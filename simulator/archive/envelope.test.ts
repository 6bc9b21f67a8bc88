/**
 * The envelope parses a message once, with its MIME payload cut out of the XML parse and put back
 * afterwards. These tests hold that shortcut to the full parse: the same tree for every shape of payload
 * (line ends, character references in the MIME headers, SOAP), the full parse whenever the cut is not
 * certain, and the same findings for a payload the parser would refuse.
 */
import { describe, expect, it } from 'vitest';
import { ptaMessage } from '../../fixtures/cda/index.ts';
import { parseMessage, readSubmission } from './envelope.ts';
import { parseXml } from './xml.ts';

const MAX = 20 * 1024 * 1024;

function same(text: string): void {
  expect(parseMessage(text, MAX)).toEqual(parseXml(text, '/', MAX));
}

describe('parseMessage (MIME payload cut out of the XML parse)', () => {
  const message = ptaMessage({ padToBytes: 4000 }).message;

  it('builds the same tree as parsing the whole text', () => {
    expect(message).toContain('&lt;');
    same(message);
  });

  it('normalises CR LF and lone CR in the payload as XML does, before decoding references', () => {
    const crlf = message.replace(/\n/g, '\r\n');
    same(crlf);
    same(message.replace('MIME-Version: 1.0\n', 'MIME-Version: 1.0\r'));
    same(message.replace('MIME-Version: 1.0', 'MIME-Version: 1.0&#13;&#x41;&amp;lt;'));
    const parsed = parseMessage(crlf, MAX);
    expect(parsed.ok && JSON.stringify(parsed.root)).not.toContain('\\r');
  });

  it('falls back to the whole parse when the matched element is not the payload the envelope reads', () => {
    const decoy = message.replace(
      '<controlActProcess',
      '<!-- <text mediaType="multipart/related">not this</text> --><controlActProcess',
    );
    expect(decoy).not.toBe(message);
    same(decoy);
    const inSoap = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${message.replace(/^<\?xml[^>]*\?>/, '')}</soap:Body></soap:Envelope>`;
    same(inSoap);
    const r = readSubmission(new Uint8Array(Buffer.from(inSoap)), 'text/xml', MAX);
    expect(r.ok).toBe(true);
  });

  it('leaves an undeclared entity or a lone ampersand in the payload to the parser and its finding', () => {
    const entity = message.replace('MIME-Version: 1.0', 'MIME-Version: 1.0 &nbsp;');
    same(entity);
    const r = readSubmission(new Uint8Array(Buffer.from(entity)), 'text/xml', MAX);
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain('CDA-XML-003');
    same(message.replace('MIME-Version: 1.0', 'MIME-Version: 1.0 & 2'));
    same(message.replace(/\n(?=[A-Za-z0-9+/]{20})/, '\n& '));
  });

  it('decodes references wherever they are in the payload, the base64 included, and the token never misleads', () => {
    // A reference after the headers (inside the base64 lines), one at the very end, one without its ';'.
    same(message.replace(/\n(?=[A-Za-z0-9+/]{20})/, '&#10;'));
    same(message.replace('</text>', '&#x41;</text>'));
    same(message.replace('</text>', '&amp</text>'));
    // The cut's placeholder written in the payload, or in the frame (an attribute, the real element).
    same(message.replace('MIME-Version: 1.0', 'MIME-Version: 1.0 kantasim-mime-payload'));
    same(message.replace('<controlActProcess', '<controlActProcess x="kantasim-mime-payload"'));
    const decoy = message.replace(
      '<controlActProcess',
      '<!-- <text mediaType="multipart/related">MIME</text> --><controlActProcess',
    );
    same(
      decoy.replace(
        /(<text[^>]*mediaType="multipart\/related"[^>]*>)(?![^<]*-->)[^<]*/,
        '$1kantasim-mime-payload',
      ),
    );
  });

  it('archives the same submission as before: document bytes decoded from the payload', () => {
    const r = readSubmission(new Uint8Array(Buffer.from(message)), 'text/xml', MAX);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Buffer.from(r.submission.cdaBytes).toString('utf8')).toContain('<ClinicalDocument');
  });

  it("gives the frame as written without the document's base64 only when it sits there once, exactly", () => {
    const frameText = (text: string): string | undefined => {
      const r = readSubmission(new Uint8Array(Buffer.from(text)), 'text/xml', MAX);
      return r.ok ? r.submission.frameText : undefined;
    };
    const base64 = /\n\n([A-Za-z0-9+/=\n]{200,})\n------=_Part/.exec(message)?.[1] ?? '';
    expect(base64.length).toBeGreaterThan(200);
    const cut = frameText(message) ?? '';
    expect(cut).not.toContain(base64.slice(0, 64));
    expect(cut).toContain('Content-ID: &lt;');
    expect(cut).toContain('------=_Part_kantasim_1--');
    expect(cut.length).toBe(message.length - base64.length + 1);
    // The same base64 repeated in a comment, or line ends the parser normalised: the whole text.
    const repeated = message.replace(
      '<controlActProcess',
      `<!-- ${base64.slice(0, 100)} --><controlActProcess`,
    );
    expect(frameText(repeated)).toBe(repeated);
    const crlf = message.replace(/\n/g, '\r\n');
    expect(frameText(crlf)).toBe(crlf);
  });
});
