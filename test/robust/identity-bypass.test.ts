/**
 * Regression table of identity-guard and XML-safety bypasses, over real HTTP on loopback. Every row is
 * refused in strict and in rehearsal mode with its finding, and nothing of it is stored: the document's
 * URL answers 404. Each row has a control that is archived, so a row fails for the reason it names.
 *
 * Rows: UTF-16 and UTF-32 documents with and without a byte order mark, carrying a DOCTYPE and entity
 * declarations (a parser detects those encodings by itself).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCda, buildMessage, cdaOid, REAL_RANGE_HETU as REAL } from '../../fixtures/cda/index.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let sim: RunningServer;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

interface Answer {
  status: number;
  codes: string[];
  text: string;
}

async function submit(
  repository: 'pta' | 'social',
  body: string | Uint8Array<ArrayBuffer>,
  mode: 'strict' | 'rehearsal',
  contentType = 'text/xml',
): Promise<Answer> {
  const res = await fetch(`${sim.url}/archive/${repository}`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, accept: 'application/json', 'x-kantasim-mode': mode },
  });
  const text = await res.text();
  const details = (JSON.parse(text) as { details?: { code: string }[] }).details ?? [];
  return { status: res.status, codes: details.map((d) => d.code), text };
}

const stored = async (oid: string): Promise<number> =>
  (await fetch(`${sim.url}/archive/documents/${oid}`)).status;

const NARRATIVE = 'Kontrollikäynti, ei huomautettavaa.';

function utf32le(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const c of text) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(c.codePointAt(0) ?? 0);
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/** Encodings a parser detects by themselves; each is sent with a DOCTYPE that declares an entity. */
const ENCODINGS: [string, (text: string) => Uint8Array][] = [
  [
    'UTF-16LE with a byte order mark',
    (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  ],
  [
    'UTF-16BE with a byte order mark',
    (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]),
  ],
  ['UTF-16LE without a byte order mark', (t) => Buffer.from(t, 'utf16le')],
  ['UTF-16BE without a byte order mark', (t) => Buffer.from(t, 'utf16le').swap16()],
  ['UTF-32LE without a byte order mark', (t) => utf32le(t)],
];

const withEntity = (cda: string): string =>
  cda
    .replace('encoding="UTF-8"', 'encoding="UTF-16"')
    .replace(
      '<ClinicalDocument',
      `<!DOCTYPE ClinicalDocument [<!ENTITY x "Potilas ${REAL}">]><ClinicalDocument`,
    )
    .replace(NARRATIVE, '&x;');

describe('XML in another encoding than UTF-8', () => {
  it('archives the control: the same document in UTF-8 with no DOCTYPE', async () => {
    const cda = buildCda();
    expect((await submit('pta', buildMessage(cda, { repository: 'pta' }), 'strict')).status).toBe(201);
  });

  it.each(ENCODINGS)(
    'refuses a document in %s (CDA-XML-006), in the message and bare',
    async (_row, encode) => {
      for (const mode of ['strict', 'rehearsal'] as const) {
        const cda = withEntity(buildCda());
        const bytes = new Uint8Array(encode(cda));
        const message = buildMessage(cda, { repository: 'pta' }).replace(
          /(Content-ID: &lt;[^\n]*\n\n)[\s\S]*?(\n------=_Part_kantasim_1--)/,
          (_m, head: string, tail: string) =>
            head +
            (
              Buffer.from(bytes)
                .toString('base64')
                .match(/.{1,76}/g) ?? []
            ).join('\n') +
            tail,
        );
        const inMessage = await submit('pta', message, mode);
        expect(inMessage.status, inMessage.text).toBe(400);
        expect(inMessage.codes).toEqual(['CDA-XML-006']);
        const bare = await submit('pta', bytes, mode, 'application/hl7-cda+xml');
        expect(bare.status, bare.text).toBe(400);
        expect(bare.codes).toEqual(['CDA-XML-006']);
        expect(await stored(cdaOid(cda))).toBe(404);
      }
    },
  );
});
