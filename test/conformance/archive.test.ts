/**
 * Conformance of the CDA archive with real-format Kanta data (test/conformance/data.ts, docs/conformance.md):
 * the HUS RCMR_IN100002FI01 message is accepted, its CDA validates against the HL7 Finland schema set,
 * and mutations of it are refused with their finding — including XXE and entity-expansion attacks,
 * which must not read files, reach the network or grow memory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kantaSocialMessage } from '../../fixtures/cda/index.ts';
import { loadCdaSchema } from '../../simulator/archive/schema.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { registerSocialCustomer } from '../support/social-customer.ts';
import { conformancePath, readConformance, readConformanceText } from './data.ts';

const SCHEMA_DIR = dirname(conformancePath('cda-schema/CDA_Fi.xsd'));
const MESSAGE = readConformanceText('messages/RCMR_IN100002FI01.xml');
const CDA = readConformance('messages/RCMR_IN100002FI01.cda.xml');
const DOCUMENT_OID = '1.2.246.537.10.15675350.10.1.11220.19098';

const HUS = {
  organisation: '1.2.246.537.10.15675350.10.0',
  registerController: '1.2.246.537.10.15675350.19.0',
  connectionPoint: '1.2.246.537.10.15675350.10.0.13.2.1',
};

interface Ack {
  acknowledgement: string;
  outcome: string;
  details: { code: string; typeCode: string; location: string }[];
}

/** Registers the organisations and the connection point the sample names. */
async function registerHus(url: string): Promise<void> {
  const send = async (path: string, body: unknown, method = 'POST'): Promise<void> => {
    const res = await fetch(`${url}${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBeLessThan(300);
  };
  await send('/registry/organisations', {
    oid: HUS.organisation,
    name: 'HUS',
    kind: 'organisation',
    public: true,
  });
  await send('/registry/organisations', {
    oid: HUS.registerController,
    name: 'HYKS-sairaanhoitoalue',
    kind: 'register-controller',
    partOf: HUS.organisation,
    public: true,
  });
  await send(
    `/registry/customers/${HUS.organisation}`,
    {
      serviceDescriptionAccepted: true,
      system: 'terveystieto-potilas360',
      connectionPoints: [{ id: HUS.connectionPoint, operator: 'HUS', announcedAt: '2017-01-01' }],
      services: ['pta'],
      documentGroups: [],
      serviceTasks: [],
    },
    'PUT',
  );
}

/** The sample message with its CDA changed by `mutate` (decoded, changed, base64-encoded again). */
function mutated(mutate: (cda: string) => string): string {
  const m = /Content-ID: &lt;[^&]+&gt;\n\n([A-Za-z0-9+/=\n]+?)\n\n--/.exec(MESSAGE);
  if (!m?.[1]) throw new Error('sample message shape changed');
  const cda = Buffer.from(m[1].replace(/\n/g, ''), 'base64').toString('utf8');
  const again = (
    Buffer.from(mutate(cda), 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\n');
  return MESSAGE.replace(m[1], again);
}

async function post(
  url: string,
  body: string,
  repository: 'pta' | 'social' = 'pta',
): Promise<{ status: number; ack: Ack }> {
  const res = await fetch(`${url}/archive/${repository}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml', accept: 'application/json' },
  });
  return { status: res.status, ack: (await res.json()) as Ack };
}

const codes = (a: Ack): string[] => a.details.map((d) => d.code);

/** Codes of the frame rules (rules/frame.ts): wrapper, receiver, controlAct, service request. */
const FRAME_CODES = /^CDA-(MSG-01[25-9]|MSG-02\d|SOC-01[56])$/;

describe('the HUS RCMR_IN100002FI01 sample', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestSimulator({ cdaSchemaDir: SCHEMA_DIR });
    await registerHus(server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('its CDA validates against CDA_Fi.xsd', () => {
    const schema = loadCdaSchema(SCHEMA_DIR);
    expect(schema.validate(new Uint8Array(CDA), 'pta')).toEqual([]);
    schema.dispose();
  });

  it('is accepted (AA) with schema validation on, and the CDA is stored byte-exact', async () => {
    const r = await post(server.url, MESSAGE);
    expect(r.ack.acknowledgement).toBe('AA');
    expect(r.ack.details.filter((d) => d.typeCode === 'E')).toEqual([]);
    expect(codes(r.ack)).not.toContain('CDA-XSD-001');
    // Its frame is what the frame rules expect: HL7's interaction root, D / T / ER, Kanta's receiver,
    // controlAct RCMR_TE000102UV01 and service request PP1.
    expect(codes(r.ack).filter((c) => FRAME_CODES.test(c))).toEqual([]);
    const stored = await fetch(`${server.url}/archive/documents/${DOCUMENT_OID}`);
    expect(Buffer.from(await stored.arrayBuffer()).equals(CDA)).toBe(true);
  });

  it('is refused at the social-welfare archive, which names its own interaction', async () => {
    const r = await post(server.url, MESSAGE, 'social');
    expect([r.status, r.ack.acknowledgement, codes(r.ack)]).toEqual([400, 'AR', ['CDA-MSG-002']]);
    expect(JSON.stringify(r.ack)).toContain('RCMR_IN200002FI01');
  });

  it('the same message again is an idempotent duplicate, and so is its bare CDA', async () => {
    expect(codes((await post(server.url, MESSAGE)).ack)).toContain('CDA-VER-002');
    const res = await fetch(`${server.url}/archive/pta`, {
      method: 'POST',
      body: CDA,
      headers: { 'content-type': 'application/hl7-cda+xml', accept: 'application/json' },
    });
    expect(((await res.json()) as Ack).details.map((d) => d.code)).toContain('CDA-VER-002');
  });
});

describe('a real-format social-welfare document with the HL7 Finland set, which has no CDA_Fi_sos.xsd', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestSimulator({ cdaSchemaDir: SCHEMA_DIR });
    await registerSocialCustomer(server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('is not validated against the Patient Data Repository schema, and the answer says it was not checked', async () => {
    for (const kind of ['client', 'client-relationship'] as const) {
      const r = await post(server.url, kantaSocialMessage(kind).message, 'social');
      expect([r.status, r.ack.acknowledgement]).toEqual([201, 'AA']);
      expect(codes(r.ack)).not.toContain('CDA-XSD-001');
      expect(r.ack.details.filter((d) => d.code === 'CDA-XSD-002')).toEqual([
        expect.objectContaining({ typeCode: 'I', location: '/ClinicalDocument' }),
      ]);
    }
  });

  it('CDA_Fi.xsd refuses its hl7fi:localSocialHeader, naming the element', () => {
    const schema = loadCdaSchema(SCHEMA_DIR);
    const findings = schema.validate(new Uint8Array(Buffer.from(kantaSocialMessage('client').cda)), 'pta');
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['CDA-XSD-001', '/ClinicalDocument/hl7fi:localSocialHeader'],
    ]);
    schema.dispose();
  });
});

describe('mutations of the sample are refused with their finding', () => {
  let server: RunningServer;
  let sentinel: Server;
  let sentinelHits = 0;
  let sentinelUrl = '';
  let dir = '';
  const marker = `KANTASIM-SECRET-${process.pid}`;

  beforeAll(async () => {
    server = await startTestSimulator({ cdaSchemaDir: SCHEMA_DIR });
    await registerHus(server.url);
    sentinel = createServer((_req, res) => {
      sentinelHits++;
      res.end(marker);
    });
    await new Promise<void>((ok) => sentinel.listen(0, '127.0.0.1', ok));
    sentinelUrl = `http://127.0.0.1:${(sentinel.address() as AddressInfo).port}/x`;
    dir = mkdtempSync(join(tmpdir(), 'kantasim-xxe-'));
    writeFileSync(join(dir, 'secret.txt'), marker);
  });
  afterAll(async () => {
    await server.close();
    await new Promise<void>((ok) => {
      sentinel.close(() => {
        ok();
      });
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('a real-range identity code of the author: CDA-ID-002', async () => {
    const r = await post(
      server.url,
      mutated((cda) => cda.replace('150848-999R', '131052-308T')),
    );
    expect(r.ack.acknowledgement).toBe('AE');
    expect(codes(r.ack)).toContain('CDA-ID-002');
  });

  it('a wrong version number for a new document: CDA-VER-004', async () => {
    const r = await post(
      server.url,
      mutated((cda) => cda.replace('<versionNumber value="1"/>', '<versionNumber value="2"/>')),
    );
    expect(r.ack.acknowledgement).toBe('AE');
    expect(codes(r.ack)).toContain('CDA-VER-004');
  });

  it('an unknown custodian: CDA-REG-001', async () => {
    const r = await post(
      server.url,
      mutated((cda) => cda.replace(HUS.registerController, '1.2.246.537.10.15675350.19.9')),
    );
    expect(r.ack.acknowledgement).toBe('AE');
    expect(codes(r.ack)).toContain('CDA-REG-001');
  });

  it('an attribute CDA_Fi.xsd does not allow: CDA-XSD-001 at the element, not a line', async () => {
    const r = await post(
      server.url,
      mutated((cda) =>
        cda.replace(
          '<title>palvelutapahtuma-asiakirja</title>',
          '<title foo="x">palvelutapahtuma-asiakirja</title>',
        ),
      ),
    );
    expect(r.ack.acknowledgement).toBe('AE');
    const xsd = r.ack.details.filter((d) => d.code === 'CDA-XSD-001');
    expect(xsd.map((d) => d.location)).toEqual(['/ClinicalDocument/title']);
  });

  it('frame fields HL7 fixes: interactionId root CDA-MSG-015, processingCode CDA-MSG-016', async () => {
    const root = await post(
      server.url,
      MESSAGE.replace(
        '<interactionId extension="RCMR_IN100002FI01" root="2.16.840.1.113883.1.6"/>',
        '<interactionId extension="RCMR_IN100002FI01" root="2.16.840.1.113883.1.18"/>',
      ),
    );
    expect([root.ack.acknowledgement, codes(root.ack)]).toEqual([
      'AE',
      expect.arrayContaining(['CDA-MSG-015']),
    ]);
    const processing = await post(
      server.url,
      MESSAGE.replace('<processingCode code="D"/>', '<processingCode code="Q"/>'),
    );
    expect([processing.ack.acknowledgement, codes(processing.ack)]).toEqual([
      'AE',
      expect.arrayContaining(['CDA-MSG-016']),
    ]);
  });

  it('a service request from the social-welfare list (SP17): CDA-MSG-019', async () => {
    const r = await post(
      server.url,
      MESSAGE.replace(
        '<reasonCode code="PP1" codeSystem="1.2.246.537.5.40157.2008"',
        '<reasonCode code="SP17" codeSystem="1.2.246.537.6.1503.201601"',
      ),
    );
    expect(r.ack.acknowledgement).toBe('AE');
    expect(codes(r.ack)).toContain('CDA-MSG-019');
  });

  it('a DOCTYPE with external entities (file and URL): CDA-XML-002, nothing read or fetched', async () => {
    const doctype = `<!DOCTYPE ClinicalDocument [<!ENTITY f SYSTEM "file://${join(dir, 'secret.txt')}"><!ENTITY u SYSTEM "${sentinelUrl}">]>`;
    const inner = mutated((cda) =>
      cda
        .replace('?>', `?>${doctype}`)
        .replace('<title>palvelutapahtuma-asiakirja</title>', '<title>&f;&u;</title>'),
    );
    const outer = MESSAGE.replace('<RCMR_IN100002FI01', `${doctype}<RCMR_IN100002FI01`);
    for (const body of [inner, outer]) {
      const res = await fetch(`${server.url}/archive/pta`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/xml' },
      });
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(text).toContain('<acknowledgement typeCode="AR">');
      expect(text).toContain('CDA-XML-002');
      expect(text).not.toContain(marker);
    }
    expect(sentinelHits).toBe(0);
    expect((await fetch(`${server.url}/archive/documents/${DOCUMENT_OID}`)).status).toBe(404);
  });

  it('an entity-expansion bomb: CDA-XML-002 without growing memory', async () => {
    const levels = Array.from({ length: 10 }, (_, i) =>
      i === 0
        ? '<!ENTITY l0 "lollollollollollollollollollol">'
        : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
    ).join('');
    const bomb = mutated((cda) =>
      cda
        .replace('?>', `?><!DOCTYPE ClinicalDocument [${levels}]>`)
        .replace('<title>palvelutapahtuma-asiakirja</title>', '<title>&l9;</title>'),
    );
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 20; i++) {
      const r = await post(server.url, bomb);
      expect(codes(r.ack)).toEqual(['CDA-XML-002']);
    }
    const grown = process.memoryUsage().rss - before;
    // Expanded, the bomb would be 3·10^10 bytes; refusing it before parsing keeps growth to noise.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('the archive still accepts the unmodified sample after all of that', async () => {
    expect((await post(server.url, MESSAGE)).ack.acknowledgement).toBe('AA');
  });
});
