/**
 * Places a real person's identity code can hide in an archived submission, and XML that a parser would
 * read in another encoding, over real HTTP on loopback. Every row of the table is refused in strict
 * and in rehearsal mode with its finding, and nothing of it is stored: the document's URL answers 404.
 * Each row has a control: the same submission without the code (or in UTF-8) is archived, so a row
 * fails for the reason it names and for no other.
 *
 * Rows: a comment, a processing instruction, a namespace declaration, a comment before and after the
 * root element, a code split by inline markup in the narrative; base64 content (nonXMLBody text,
 * observationMedia value) in text/plain, XHTML, XML and JSON, compressed, in UTF-16, and declared a PDF; the text a PDF shows
 * (a compressed content stream, kerned pieces, hex and octal-escaped strings); the social-welfare XHTML view and
 * hl7fi:json part; the Patient Data Repository message frame (message id, a comment, a text element,
 * the MIME headers, preamble and epilogue); UTF-16 and UTF-32 documents with and without a byte order
 * mark, carrying a DOCTYPE and entity declarations.
 */
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCda,
  buildMessage,
  cdaOid,
  kantaSocialMessage,
  REAL_RANGE_HETU as REAL,
  SOCIAL_ORGANISATIONS,
} from '../../fixtures/cda/index.ts';
import { pdfWith } from '../../fixtures/cda/pdf.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { json, startTestSimulator } from '../support/sim.ts';

let sim: RunningServer;
beforeAll(async () => {
  sim = await startTestSimulator();
  await registerSocialOrganisation();
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

/** The social-welfare organisation of the fixtures registers itself (docs/walkthrough.md, steps 7–10). */
async function registerSocialOrganisation(): Promise<void> {
  const org = SOCIAL_ORGANISATIONS.pohjola;
  const put = async (method: string, path: string, body: unknown): Promise<void> => {
    const r = await json(sim.url, method, path, body);
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  };
  await put('POST', '/registry/organisations', {
    oid: org.oid,
    name: org.name,
    kind: 'organisation',
    public: true,
  });
  await put('POST', '/registry/organisations', {
    oid: org.unit.oid,
    name: org.unit.name,
    kind: 'service-unit',
    partOf: org.oid,
    public: true,
  });
  await put('POST', '/registry/systems', {
    id: 'sosiaali360-pohjola',
    vendor: 'Asiakastieto Oy',
    product: 'Sosiaali360',
    version: '4.2.0',
    category: 'A',
    certifiedFor: ['social-welfare'],
  });
  await put('PUT', `/registry/customers/${org.oid}`, {
    serviceDescriptionAccepted: true,
    system: 'sosiaali360-pohjola',
    connectionPoints: [{ id: org.oid, operator: org.name, announcedAt: '2026-06-01' }],
    services: ['social-welfare'],
    documentGroups: ['phase1', 'phase2'],
    serviceTasks: ['24'],
  });
}

const stored = async (oid: string): Promise<number> =>
  (await fetch(`${sim.url}/archive/documents/${oid}`)).status;

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const NARRATIVE = 'Kontrollikäynti, ei huomautettavaa.';
const XHTML = (inner: string): string => `<div xmlns="http://www.w3.org/1999/xhtml"><p>${inner}</p></div>`;

/** A PTA document's text with `edit` applied to the code or to a harmless stand-in (the control). */
type Edit = (cda: string, value: string) => string;

/** The document's body replaced by base64 content: `bytes` of the value, with extra attributes. */
const nonXmlBytes =
  (attrs: string, bytes: (value: string) => Uint8Array): Edit =>
  (cda, value) =>
    cda.replace(
      /<component><structuredBody>[\s\S]*<\/structuredBody><\/component>/,
      `<component><nonXMLBody><text ${attrs} representation="B64">${Buffer.from(bytes(value)).toString('base64')}</text></nonXMLBody></component>`,
    );

const nonXml = (mediaType: string, content: (value: string) => string): Edit =>
  nonXmlBytes(`mediaType="${mediaType}"`, (v) => Buffer.from(content(v), 'utf8'));

/** In the document: [row, edit]. The control puts a test-range code where the real one goes. */
const DOCUMENT_ROWS: [string, Edit][] = [
  [
    'a comment in a section',
    (c, v) => c.replace('<title>Osio 1</title>', `<title>Osio 1</title><!-- ${v} -->`),
  ],
  [
    'a processing instruction',
    (c, v) => c.replace('<title>Osio 1</title>', `<title>Osio 1</title><?note ${v}?>`),
  ],
  [
    'a namespace declaration',
    (c, v) =>
      c.replace(
        '<ClinicalDocument xmlns="urn:hl7-org:v3"',
        `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:x="urn:x:${v}"`,
      ),
  ],
  ['a comment before the root element', (c, v) => c.replace('?>', `?><!-- ${v} -->`)],
  ['a comment after the root element', (c, v) => `${c}<!-- ${v} -->`],
  [
    'a code split by inline markup',
    (c, v) => c.replace(NARRATIVE, `Omainen <content>${v.slice(0, 6)}</content>${v.slice(6)} paikalla.`),
  ],
  [
    'a code split by inline markup inside a paragraph',
    (c, v) =>
      c.replace(
        NARRATIVE,
        `<paragraph>${v.slice(0, 6)}<content styleCode="Bold">${v.slice(6)}</content></paragraph>`,
      ),
  ],
  ['nonXMLBody base64 text/plain', nonXml('text/plain', (v) => `Potilas ${v}`)],
  ['nonXMLBody base64 XHTML', nonXml('application/xhtml+xml', (v) => XHTML(`Potilas ${v}`))],
  [
    'nonXMLBody base64 XHTML, the code in a comment',
    nonXml('application/xhtml+xml', (v) => XHTML(`<!-- ${v} -->x`)),
  ],
  [
    'nonXMLBody declared application/pdf that carries XHTML',
    nonXml('application/pdf', (v) => XHTML(`Potilas ${v}`)),
  ],
  [
    'nonXMLBody base64 text/plain compressed with deflate (DF)',
    nonXmlBytes('mediaType="text/plain" compression="DF"', (v) => deflateRawSync(`Potilas ${v}`)),
  ],
  [
    'a PDF: the code in a FlateDecode content stream',
    nonXmlBytes('mediaType="application/pdf"', (v) => pdfWith(`BT /F1 12 Tf 72 720 Td (Potilas ${v}) Tj ET`)),
  ],
  [
    'a PDF: the code split by TJ kerning',
    nonXmlBytes('mediaType="application/pdf"', (v) =>
      pdfWith(`BT [(${v.slice(0, 4)}) -12 (${v.slice(4)})] TJ ET`),
    ),
  ],
  [
    'a PDF: the code as a hex string',
    nonXmlBytes('mediaType="application/pdf"', (v) =>
      pdfWith(`BT <${Buffer.from(v).toString('hex')}> Tj ET`),
    ),
  ],
  [
    'a PDF: the code in octal escapes, shown in two strings',
    nonXmlBytes('mediaType="application/pdf"', (v) => {
      const octal = (t: string): string =>
        Array.from(t, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`).join('');
      return pdfWith(`BT (${octal(v.slice(0, 7))}) Tj (${octal(v.slice(7))}) Tj ET`);
    }),
  ],
  [
    'a PDF declared application/octet-stream',
    nonXmlBytes('mediaType="application/octet-stream"', (v) => pdfWith(`BT (${v}) Tj ET`)),
  ],
  [
    'nonXMLBody base64 text/plain in UTF-16',
    nonXmlBytes('mediaType="text/plain"', (v) => Buffer.from(`Potilas ${v}`, 'utf16le')),
  ],
  ['nonXMLBody base64 text/xml', nonXml('text/xml', (v) => `<a>Potilas ${v}</a>`)],
  ['nonXMLBody base64 application/json', nonXml('application/json', (v) => JSON.stringify({ hetu: v }))],
  [
    'nonXMLBody base64 application/json with an escaped hyphen',
    nonXml('application/json', (v) => JSON.stringify({ hetu: v }).replace('-', '\\u002d')),
  ],
  [
    'observationMedia base64 with no mediaType (text/plain)',
    (c, v) =>
      c.replace(
        `<text>${NARRATIVE}</text>`,
        `<text><renderMultiMedia referencedObject="m1"/></text><entry><observationMedia ID="m1" classCode="OBS" moodCode="EVN"><value representation="B64">${b64(`Potilas ${v}`)}</value></observationMedia></entry>`,
      ),
  ],
];

/** In the Patient Data Repository message around the document. */
const FRAME_ROWS: [string, Edit][] = [
  ['the message id extension', (m, v) => m.replace(/(<id root="[^"]+)"\/>/, `$1" extension="${v}"/>`)],
  ['a comment in the frame', (m, v) => m.replace('<creationTime', `<!-- ${v} --><creationTime`)],
  [
    'a text element of the frame',
    (m, v) =>
      m.replace(
        '<acceptAckCode code="ER"/>',
        `<acceptAckCode code="ER"/><attentionLine>${v}</attentionLine>`,
      ),
  ],
  [
    'a MIME part header',
    (m, v) =>
      m.replace(
        'Content-Transfer-Encoding: BASE64',
        `Content-Transfer-Encoding: BASE64\nContent-Description: ${v}`,
      ),
  ],
  [
    'the MIME preamble',
    (m, v) => m.replace('\n------=_Part_kantasim_1\n', `\npreamble ${v}\n------=_Part_kantasim_1\n`),
  ],
  [
    'the MIME epilogue',
    (m, v) => m.replace('------=_Part_kantasim_1--', `------=_Part_kantasim_1--\nepilogue ${v}`),
  ],
];

/** A test-range code of the same shape: the control of every row. */
const TEST_CODE = '010181-900C';

describe('a PDF that cannot be read within bounds', () => {
  const flate = (pdf: Buffer): Buffer =>
    Buffer.from(pdf.toString('latin1').replace('/Length', '/Filter /FlateDecode /Length'), 'latin1');
  it.each([
    ['a corrupt FlateDecode stream', () => flate(pdfWith(Buffer.from('not deflate data'), false))],
    ['a stream inflating past the 20 MB budget', () => pdfWith(Buffer.alloc(21 * 1024 * 1024, 0x20))],
  ])('is archived: %s is skipped, not a finding and not a server error', async (_row, pdf) => {
    const edit = nonXmlBytes('mediaType="application/pdf"', () => pdf());
    const cda = edit(buildCda(), TEST_CODE);
    const r = await submit('pta', buildMessage(cda, { repository: 'pta' }), 'strict');
    expect(r.status, r.text).toBe(201);
    expect(r.codes).not.toContain('CDA-ID-007');
  });
});

describe.each(['strict', 'rehearsal'] as const)('a real code hidden in a PTA submission (%s)', (mode) => {
  it.each(DOCUMENT_ROWS)('is refused in %s (CDA-ID-007) and not stored', async (_row, edit) => {
    const control = buildCda();
    const good = edit(control, TEST_CODE);
    expect(good, 'the edit applies').not.toBe(control);
    const accepted = await submit('pta', buildMessage(good, { repository: 'pta' }), mode);
    expect(accepted.status, accepted.text).toBe(201);

    const cda = edit(buildCda(), REAL);
    const r = await submit('pta', buildMessage(cda, { repository: 'pta' }), mode);
    expect(r.status, r.text).toBe(422);
    expect(r.codes).toContain('CDA-ID-007');
    expect(await stored(cdaOid(cda))).toBe(404);
  });

  it.each(FRAME_ROWS)('is refused in %s (CDA-ID-007, frame path) and not stored', async (_row, edit) => {
    const control = buildMessage(buildCda(), { repository: 'pta' });
    const good = edit(control, TEST_CODE);
    expect(good, 'the edit applies').not.toBe(control);
    expect((await submit('pta', good, mode)).status).toBe(201);

    const cda = buildCda();
    const r = await submit('pta', edit(buildMessage(cda, { repository: 'pta' }), REAL), mode);
    expect(r.status, r.text).toBe(422);
    expect(r.codes).toContain('CDA-ID-007');
    expect(r.text).toContain('/RCMR_IN100002FI01');
    expect(await stored(cdaOid(cda))).toBe(404);
  });
});

describe('a real code in the social-welfare base64 parts', () => {
  const rows: [string, (v: string) => Parameters<typeof kantaSocialMessage>[1]][] = [
    ['the XHTML view', (v) => ({ xhtml: XHTML(`Asiakas ${v}`) })],
    ['the hl7fi:json part', (v) => ({ json: { asiakas: { henkilotunnus: v } } })],
  ];
  it.each(rows)('is refused in %s (CDA-ID-007) and not stored', async (_row, options) => {
    const control = kantaSocialMessage('client', options(TEST_CODE));
    const accepted = await submit('social', control.message, 'strict');
    expect(accepted.status, accepted.text).toBe(201);
    for (const mode of ['strict', 'rehearsal'] as const) {
      const bad = kantaSocialMessage('client', options(REAL));
      const r = await submit('social', bad.message, mode);
      expect(r.status, r.text).toBe(422);
      expect(r.codes).toContain('CDA-ID-007');
      expect(await stored(bad.oid)).toBe(404);
    }
  });

  it('refuses a comment in the social-welfare frame', async () => {
    const control = kantaSocialMessage('client');
    const accepted = await submit(
      'social',
      control.message.replace('<creationTime', `<!-- ${TEST_CODE} --><creationTime`),
      'strict',
    );
    expect(accepted.status, accepted.text).toBe(201);
    const bad = kantaSocialMessage('client');
    const r = await submit(
      'social',
      bad.message.replace('<creationTime', `<!-- ${REAL} --><creationTime`),
      'strict',
    );
    expect(r.status, r.text).toBe(422);
    expect(r.codes).toContain('CDA-ID-007');
  });
});

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

describe('with --allow-real-identities', () => {
  it('archives a real code in a comment, in base64 text and in the frame: the scan is off', async () => {
    const open = await startTestSimulator({ allowRealIdentities: true });
    try {
      const cda = nonXml('text/plain', (v) => `Potilas ${v}`)(buildCda(), REAL).replace(
        '?>',
        `?><!-- ${REAL} -->`,
      );
      const message = buildMessage(cda, { repository: 'pta' }).replace(
        '<creationTime',
        `<!-- ${REAL} --><creationTime`,
      );
      const res = await fetch(`${open.url}/archive/pta`, {
        method: 'POST',
        body: message,
        headers: { 'content-type': 'text/xml', accept: 'application/json' },
      });
      expect(res.status, await res.text()).toBe(201);
      expect((await fetch(`${open.url}/archive/documents/${cdaOid(cda)}`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
