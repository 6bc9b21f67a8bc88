/**
 * The CDA archive through real HTTP on loopback: intake answers (V3 acknowledgement and JSON), queries,
 * retrieval, version chains, nullification, modes, and robustness against malformed input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SOCIAL_OIDS,
  SOCIAL_ORGANISATIONS,
  TEST_HETU,
  buildCda,
  buildMessage,
  kantaSocialMessage,
  lummeMessage,
  ptaMessage,
  socialCda,
  socialFrame,
  type SocialKind,
} from '../../fixtures/cda/index.ts';
import { canLocalise } from '../../common/rules/messages.ts';
import type { Finding } from '../../simulator/domain/findings.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { registerSocialCustomer } from '../support/social-customer.ts';
import { startTestSimulator } from '../support/sim.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestSimulator({ maxBodyBytes: 2_000_000 });
});
afterAll(async () => {
  await server.close();
});

interface AckBody {
  acknowledgement: string;
  outcome: string;
  documentOid?: string;
  status?: string;
  valid?: boolean;
  details: { typeCode: string; code: string; text: string; location: string }[];
}

async function post(
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: AckBody; text: string; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: { 'content-type': 'text/xml', accept: 'application/json', ...headers },
  });
  const text = await res.text();
  let json = {} as AckBody;
  try {
    json = JSON.parse(text) as AckBody;
  } catch {
    // XML answer
  }
  return { status: res.status, json, text, headers: res.headers };
}

// The type parameter only names the expected JSON shape for the test's reads.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function getJson<T = unknown>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`);
  const body: unknown = await res.json();
  return { status: res.status, body: body as T };
}

const codes = (a: AckBody): string[] => a.details.map((d) => d.code);

describe('archive intake over HTTP', () => {
  it('accepts a V3 message and answers an HL7 V3 acknowledgement AA after commit', async () => {
    const m = ptaMessage();
    const r = await post('/archive/pta', m.message, { accept: 'application/xml' });
    expect(r.status).toBe(201);
    expect(r.text).toContain('<acknowledgement typeCode="AA">');
    // The application acknowledgement Kanta's HL7 V3 messaging guide names (not the accept acknowledgement).
    expect(r.text).toMatch(/^<\?xml[^>]*>\s*<MCCI_HD000300UV01 xmlns="urn:hl7-org:v3"/);
    expect(r.text).toContain('<interactionId root="2.16.840.1.113883.1.6" extension="MCCI_HD000300UV01"/>');
    expect(r.text).toMatch(/<targetMessage><id root="[0-9.]+"[^>]*\/><\/targetMessage>/);
    expect(r.text).toMatch(/<\/acknowledgement>\s*<\/MCCI_HD000300UV01>$/);
    expect(r.text).not.toContain('MCCI_IN000002UV01');
    expect(r.headers.get('location')).toBe(`/archive/documents/${m.oid}`);
    const stored = await fetch(`${server.url}/archive/documents/${m.oid}`);
    expect(Buffer.from(await stored.arrayBuffer()).toString('utf8')).toBe(m.cda);
  });

  it('answers refusals as AE with one acknowledgementDetail per finding (code, text, location)', async () => {
    const r = await post('/archive/pta', ptaMessage({ realmCode: 'SE', languageCode: null }).message, {
      accept: 'text/xml',
    });
    expect(r.status).toBe(422);
    expect(r.text).toContain('<acknowledgement typeCode="AE">');
    expect(r.text).toMatch(/<acknowledgementDetail typeCode="E">\s*<code code="CDA-HDR-003"/);
    expect(r.text).toMatch(/<acknowledgementDetail typeCode="W">\s*<code code="CDA-HDR-018"/);
    expect(r.text).toContain('<location>/ClinicalDocument/realmCode/@code</location>');
  });

  it('gives the same answer as JSON with Accept: application/json', async () => {
    const r = await post('/archive/pta', ptaMessage({ realmCode: 'SE' }).message);
    expect(r.json.acknowledgement).toBe('AE');
    expect(r.json.details.find((d) => d.code === 'CDA-HDR-003')).toMatchObject({
      typeCode: 'E',
      location: '/ClinicalDocument/realmCode/@code',
    });
  });

  it('accepts a message in a SOAP 1.1 envelope and a bare CDA document as application/hl7-cda+xml', async () => {
    expect(
      (
        await post('/archive/pta', ptaMessage({}, { soap: '1.1' }).message, {
          'content-type': 'application/soap+xml',
        })
      ).json.acknowledgement,
    ).toBe('AA');
    const bare = await post('/archive/pta', buildCda(), { 'content-type': 'application/hl7-cda+xml' });
    expect(bare.json.acknowledgement).toBe('AA');
    expect(codes(bare.json)).toContain('CDA-REG-007');
  });

  it('answers a SOAP message inside the same SOAP version', async () => {
    const r11 = await post('/archive/pta', ptaMessage({}, { soap: '1.1' }).message, { accept: 'text/xml' });
    expect(r11.text).toMatch(
      /<soap:Envelope xmlns:soap="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/">\s*<soap:Body>\s*<MCCI_HD000300UV01/,
    );
    const r12 = await post('/archive/pta', ptaMessage({}, { soap: '1.2' }).message, {
      accept: 'application/xml',
      'content-type': 'application/soap+xml',
    });
    expect(r12.headers.get('content-type')).toMatch(/^application\/soap\+xml/);
    expect(r12.text).toContain('<acknowledgement typeCode="AA">');
  });

  it('accepts a social-welfare document in its own frame (RCMR_IN200002FI01) at /archive/social', async () => {
    const r = await post('/archive/social', lummeMessage('client').message);
    expect([r.status, r.json.acknowledgement, codes(r.json)]).toEqual([201, 'AA', []]);
  });

  it('refuses the Patient Data Repository’s interaction at /archive/social with what to send (400 AR)', async () => {
    const m = buildMessage(buildCda({ repository: 'social' }), { repository: 'social' });
    const r = await post('/archive/social', m, { accept: 'text/xml' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('<acknowledgement typeCode="AR">');
    expect(r.text).toMatch(/<code code="CDA-MSG-002"/);
    expect(r.text).toContain('<location>/RCMR_IN100002FI01</location>');
    const en = await post('/archive/social', m, { 'accept-language': 'en' });
    expect(en.json.details).toEqual([
      expect.objectContaining({
        code: 'CDA-MSG-002',
        text: 'RCMR_IN100002FI01 is a message of the Patient Data Repository; the social-welfare Client Data Repository takes RCMR_IN200002FI01: send that message to POST /archive/social, or this one to POST /archive/pta',
      }),
    ]);
    const fi = await post('/archive/social', m, { 'accept-language': 'fi' });
    expect(fi.json.details[0]?.text).toMatch(/^RCMR_IN100002FI01 on potilastiedon arkiston sanoma/);
  });

  it('answers the frame’s checks over HTTP: a wrong interactionId root is AE, an unusual processingCode a warning', async () => {
    const root = await post('/archive/pta', ptaMessage({}, { interactionIdRoot: '1.2.3' }).message);
    expect([root.status, root.json.acknowledgement]).toEqual([422, 'AE']);
    expect(root.json.details.find((d) => d.code === 'CDA-MSG-015')).toMatchObject({
      typeCode: 'E',
      location: '/RCMR_IN100002FI01/interactionId/@root',
    });
    const p = await post('/archive/pta', ptaMessage({}, { processingCode: 'P' }).message);
    expect([p.status, p.json.acknowledgement]).toEqual([201, 'AA']);
    expect(p.json.details.find((d) => d.code === 'CDA-MSG-017')).toMatchObject({
      typeCode: 'W',
      location: '/RCMR_IN100002FI01/processingCode/@code',
    });
  });

  it('says in every language that the certificate view code TOD is a kantasim assumption (CDA-REG-004)', async () => {
    const texts: Record<string, string | undefined> = {};
    for (const lang of ['fi', 'sv', 'en']) {
      const r = await post('/archive/pta', ptaMessage({ viewCodes: ['TOD'] }).message, {
        'accept-language': lang,
      });
      expect(r.status).toBe(422);
      texts[lang] = r.json.details.find((d) => d.code === 'CDA-REG-004')?.text;
    }
    expect(texts.fi).toMatch(/näkymäkoodi TOD .*kantasimin oletuksen mukaan.*F122/);
    expect(texts.sv).toMatch(/vykoden TOD .*enligt ett antagande av kantasim.*F122/);
    expect(texts.en).toMatch(
      /view code TOD .*needs by a kantasim assumption: no public source gives a view code TOD.*F122/,
    );
  });

  it('answers 413 with CDA-XML-001 for a body over the limit, and keeps working', async () => {
    const r = await post('/archive/pta', ptaMessage({ padToBytes: 2_500_000 }).message);
    expect([r.status, codes(r.json)]).toEqual([413, ['CDA-XML-001']]);
    expect((await post('/archive/pta', ptaMessage().message)).json.acknowledgement).toBe('AA');
  });

  it('takes the mode from X-Kantasim-Mode and refuses an unknown mode', async () => {
    const m = ptaMessage({ realmCode: 'SE' });
    const r = await post('/archive/pta', m.message, { 'x-kantasim-mode': 'rehearsal' });
    expect([r.json.acknowledgement, r.json.valid]).toEqual(['AA', false]);
    const findings = await getJson<{ valid: boolean; findings: { code: string }[] }>(
      `/archive/documents/${m.oid}/findings`,
    );
    expect(findings.body.valid).toBe(false);
    expect(findings.body.findings.map((f) => f.code)).toContain('CDA-HDR-003');
    const bad = await post('/archive/pta', ptaMessage().message, { 'x-kantasim-mode': 'lenient' });
    expect([bad.status, codes(bad.json)]).toEqual([400, ['CDA-MSG-014']]);
  });

  it('never answers 500 to malformed input and keeps archiving afterwards', async () => {
    const garbage: (string | Uint8Array)[] = [
      '',
      '<',
      '<?xml version="1.0"?>',
      '<a><b></a>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
      '<RCMR_IN100002FI01 xmlns="urn:hl7-org:v3"/>',
      '<RCMR_IN100016FI01 xmlns="urn:hl7-org:v3"><controlActProcess><subject><clinicalDocument><text mediaType="multipart/related">nonsense</text></clinicalDocument></subject></controlActProcess></RCMR_IN100016FI01>',
      '<ClinicalDocument xmlns="urn:hl7-org:v3"/>',
      '<ClinicalDocument xmlns="urn:hl7-org:v3"><id root="1.2.3"/><setId root="x"/><versionNumber value="-1"/></ClinicalDocument>',
      new Uint8Array([0xff, 0xfe, 0x00, 0x3c]),
      `<a>${'<b>'.repeat(5000)}`,
      'x'.repeat(10_000),
    ];
    for (const body of garbage) {
      for (const path of ['/archive/pta', '/archive/social']) {
        const r = await post(path, body);
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.json.acknowledgement === 'AR' || r.json.acknowledgement === 'AE').toBe(true);
      }
    }
    expect((await post('/archive/pta', ptaMessage().message)).json.acknowledgement).toBe('AA');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('records every submission, accepted or refused, in the event log', async () => {
    type Events = { events: { seq: number; kind: string; outcome: string }[]; lastSeq: number };
    const before = await getJson<Events>('/events?channel=archive&limit=1000');
    await post('/archive/pta', ptaMessage().message);
    await post('/archive/pta', '<broken');
    const after = await getJson<Events>(`/events?channel=archive&limit=1000&since=${before.body.lastSeq}`);
    expect(after.body.events.map((e) => [e.kind, e.outcome])).toEqual([
      ['document.archive', 'accepted'],
      ['document.refused', 'refused'],
    ]);
  });
});

/** A Kanta-format social-welfare message whose document text is changed by `change` before framing. */
function changedSocial(kind: SocialKind, change: (cda: string) => string): string {
  const org = SOCIAL_ORGANISATIONS.pohjola;
  return socialFrame(change(socialCda(kind, { organisation: org }).cda), kind, org);
}

describe("social-welfare documents in Kanta's format over HTTP", () => {
  beforeAll(() => registerSocialCustomer(server.url));

  it('are accepted as sent', async () => {
    const r = await post('/archive/social', kantaSocialMessage('client').message);
    expect([r.status, r.json.acknowledgement]).toEqual([201, 'AA']);
  });

  it('are refused when hl7fi:documentGroup or hl7fi:functionCode is renamed (read from its element)', async () => {
    const group = await post(
      '/archive/social',
      changedSocial('client', (cda) => cda.replace(/hl7fi:documentGroup/g, 'hl7fi:typeCode')),
    );
    expect([group.status, group.json.acknowledgement]).toEqual([422, 'AE']);
    expect(group.json.details.find((d) => d.code === 'CDA-SOC-001')?.location).toBe(
      '/ClinicalDocument/hl7fi:localSocialHeader',
    );
    const task = await post(
      '/archive/social',
      changedSocial('client', (cda) => cda.replace(/hl7fi:functionCode/g, 'hl7fi:serviceTask')),
    );
    expect([task.status, codes(task.json)]).toEqual([422, ['CDA-SOC-004']]);
  });

  it('blame hl7fi:documentGroup, not hl7fi:functionCode, for a group from the service-task code system', async () => {
    const r = await post(
      '/archive/social',
      changedSocial('client', (cda) =>
        cda.replace(/(<hl7fi:documentGroup [^>]*codeSystem=")[^"]*/, `$1${SOCIAL_OIDS.serviceTask}`),
      ),
    );
    expect(r.status).toBe(422);
    expect(r.json.details.map((d) => [d.code, d.location])).toEqual([
      ['CDA-SOC-002', '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:documentGroup/@codeSystem'],
    ]);
  });
});

describe('archive queries and retrieval over HTTP', () => {
  const patient = TEST_HETU.other;
  let first: string;
  let second: string;

  beforeAll(async () => {
    const a = ptaMessage({
      patient: { root: '1.2.246.21', extension: patient },
      effectiveTime: '20260101090000',
    });
    first = a.oid;
    expect((await post('/archive/pta', a.message)).json.acknowledgement).toBe('AA');
    const b = ptaMessage(
      {
        setId: first,
        versionNumber: 2,
        replaces: { oid: first, setId: first, versionNumber: 1 },
        patient: { root: '1.2.246.21', extension: patient },
        effectiveTime: '20260102090000',
      },
      { interaction: 'RCMR_IN100016FI01' },
    );
    second = b.oid;
    expect((await post('/archive/pta', b.message)).json.acknowledgement).toBe('AA');
    for (let i = 0; i < 5; i++) {
      const c = ptaMessage({
        patient: { root: '1.2.246.21', extension: patient },
        effectiveTime: `2026020${i + 1}090000`,
      });
      expect((await post('/archive/pta', c.message)).json.acknowledgement).toBe('AA');
    }
  });

  type Page = { total: number; documents: { oid: string; status: string; versionNumber: number }[] };

  it('lists current documents of a patient newest first, with paging', async () => {
    const all = await getJson<Page>(`/archive/documents?patient=${patient}`);
    expect(all.body.total).toBe(6);
    expect(all.body.documents.map((d) => d.oid)).not.toContain(first);
    const page = await getJson<Page>(`/archive/documents?patient=${patient}&limit=2&offset=4`);
    expect(page.body.documents).toHaveLength(2);
    expect(page.body.documents[1]?.oid).toBe(second);
  });

  it('filters by set, type, repository and date range, and includes replaced versions when asked', async () => {
    expect((await getJson<Page>(`/archive/documents?setId=${first}`)).body.total).toBe(1);
    expect((await getJson<Page>(`/archive/documents?setId=${first}&includeReplaced=true`)).body.total).toBe(
      2,
    );
    expect(
      (await getJson<Page>(`/archive/documents?patient=${patient}&type=4&from=2026-02-02&to=2026-02-04`)).body
        .total,
    ).toBe(3);
    expect((await getJson<Page>(`/archive/documents?patient=${patient}&repository=social`)).body.total).toBe(
      0,
    );
  });

  it('refuses bad query parameters with 400', async () => {
    expect((await getJson(`/archive/documents?repository=x`)).status).toBe(400);
    expect((await getJson(`/archive/documents?from=yesterday`)).status).toBe(400);
    expect((await getJson(`/archive/documents?limit=0`)).status).toBe(400);
  });

  it('returns the version chain, the typed header and 404 for an unknown OID', async () => {
    const versions = await getJson<{ versions: { oid: string; status: string }[] }>(
      `/archive/documents/${second}/versions`,
    );
    expect(versions.body.versions.map((v) => [v.oid, v.status])).toEqual([
      [first, 'replaced'],
      [second, 'current'],
    ]);
    const header = await getJson<{
      header: { patient: { id: { extension: string } }; replaces: { id: { root: string } } };
    }>(`/archive/documents/${second}/header`);
    expect(header.body.header.patient.id.extension).toBe(patient);
    expect(header.body.header.replaces.id.root).toBe(first);
    expect((await fetch(`${server.url}/archive/documents/1.2.3.404`)).status).toBe(404);
  });
});

describe('nullification over HTTP', () => {
  const nullify = (oid: string, body: unknown): Promise<Response> =>
    fetch(`${server.url}/archive/documents/${oid}/nullify`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('marks every version nullified, keeps the XML, hides the set from listings and refuses replacing it', async () => {
    const a = ptaMessage({ patient: { root: '1.2.246.21', extension: '010594Y9032' } });
    await post('/archive/pta', a.message);
    const b = ptaMessage(
      {
        setId: a.oid,
        versionNumber: 2,
        replaces: { oid: a.oid },
        patient: { root: '1.2.246.21', extension: '010594Y9032' },
      },
      { interaction: 'RCMR_IN100016FI01' },
    );
    await post('/archive/pta', b.message);

    const refused = await nullify(a.oid, { reason: 'väärä potilas', by: 'arkistonhoitaja' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('CDA-NUL-004');

    const res = await nullify(b.oid, {
      reason: 'väärä potilas',
      by: 'arkistonhoitaja',
      organisation: '1.2.246.10.3210987.10.0',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      versions: { status: string }[];
      nullification: { reason: string; by: string; at: string };
    };
    expect(body.versions.map((v) => v.status)).toEqual(['nullified', 'nullified']);
    expect(body.nullification).toMatchObject({ reason: 'väärä potilas', by: 'arkistonhoitaja' });

    const xml = await fetch(`${server.url}/archive/documents/${b.oid}`);
    expect([xml.status, xml.headers.get('x-kantasim-status')]).toEqual([200, 'nullified']);
    expect((await getJson<{ total: number }>(`/archive/documents?setId=${a.oid}`)).body.total).toBe(0);
    expect(
      (await getJson<{ total: number }>(`/archive/documents?setId=${a.oid}&includeNullified=true`)).body
        .total,
    ).toBe(2);

    const again = await nullify(b.oid, { reason: 'väärä potilas', by: 'arkistonhoitaja' });
    expect(((await again.json()) as { alreadyNullified: boolean }).alreadyNullified).toBe(true);

    const c = ptaMessage(
      {
        setId: a.oid,
        versionNumber: 3,
        replaces: { oid: b.oid },
        patient: { root: '1.2.246.21', extension: '010594Y9032' },
      },
      { interaction: 'RCMR_IN100016FI01' },
    );
    expect(codes((await post('/archive/pta', c.message)).json)).toContain('CDA-VER-006');
  });

  it('refuses without reason or who (CDA-NUL-003), for an unknown OID (CDA-NUL-001) and for another organisation (CDA-NUL-005)', async () => {
    const a = ptaMessage();
    await post('/archive/pta', a.message);
    const missing = await nullify(a.oid, { reason: '' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('CDA-NUL-003');
    const unknown = await nullify('1.2.3.404', { reason: 'r', by: 'b' });
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('CDA-NUL-001');
    const other = await nullify(a.oid, { reason: 'r', by: 'b', organisation: '1.2.246.10.2876543.10.0' });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('CDA-NUL-005');
  });

  it("refuses a real person's identity code in the reason or who (CDA-ID-007) and stores, logs and answers it masked only", async () => {
    const a = ptaMessage();
    await post('/archive/pta', a.message);
    for (const body of [
      { reason: 'väärä potilas 131052-308T', by: 'arkistonhoitaja' },
      { reason: 'väärä potilas', by: 'HETU131052-308T' },
    ]) {
      const res = await nullify(a.oid, body);
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toContain('131052-308T');
      const answer = JSON.parse(text) as { error: { code: string; path: string } };
      expect(answer.error.code).toBe('CDA-ID-007');
      expect(answer.error.path).toBe(body.by === 'arkistonhoitaja' ? '/reason' : '/by');
    }
    const doc = (await (await fetch(`${server.url}/archive/documents/${a.oid}/header`)).json()) as {
      status?: string;
    };
    expect(doc.status).not.toBe('nullified');
    const events = await (await fetch(`${server.url}/events?kind=document.nullify`)).text();
    expect(events).not.toContain('131052-308T');
  });

  it('requires the document group of a social-welfare document (CDA-NUL-006) and checks it (CDA-NUL-007)', async () => {
    type Events = { events: { kind: string; outcome: string; findings: Finding[] }[]; lastSeq: number };
    const m = lummeMessage('client');
    expect((await post('/archive/social', m.message)).status).toBe(201);
    const before = await getJson<Events>('/events?channel=archive&limit=1000');
    const missing = await nullify(m.oid, { reason: 'väärä asiakas', by: 'arkistonhoitaja' });
    expect(missing.status).toBe(400);
    const error = ((await missing.json()) as { error: { code: string; path: string; message: string } })
      .error;
    expect(error).toMatchObject({ code: 'CDA-NUL-006', path: '/documentGroup' });
    expect(error.message).toMatch(/"documentGroup"/);
    const other = await nullify(m.oid, {
      reason: 'väärä asiakas',
      by: 'arkistonhoitaja',
      documentGroup: '5',
    });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'CDA-NUL-007',
      message: expect.stringMatching(/archived with group '2'/) as unknown,
    });
    expect((await fetch(`${server.url}/archive/documents/${m.oid}`)).headers.get('x-kantasim-status')).toBe(
      'current',
    );
    const after = await getJson<Events>(`/events?channel=archive&limit=1000&since=${before.body.lastSeq}`);
    const refused = after.body.events.filter((e) => e.kind === 'document.nullify');
    expect(refused.map((e) => [e.outcome, e.findings.map((f) => f.code)])).toEqual([
      ['refused', ['CDA-NUL-006']],
      ['refused', ['CDA-NUL-007']],
    ]);
    for (const f of refused.flatMap((e) => e.findings)) expect(canLocalise(f), f.message).toBe(true);
    const res = await nullify(m.oid, { reason: 'väärä asiakas', by: 'arkistonhoitaja', documentGroup: '2' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { nullification: unknown }).nullification).toMatchObject({
      reason: 'väärä asiakas',
      documentGroup: '2',
    });
  });

  it('nullifies a Kanta-format social-welfare document given its hl7fi:documentGroup', async () => {
    await registerSocialCustomer(server.url, SOCIAL_ORGANISATIONS.kaarna);
    const m = kantaSocialMessage('client', { organisation: SOCIAL_ORGANISATIONS.kaarna });
    expect((await post('/archive/social', m.message)).status).toBe(201);
    expect((await nullify(m.oid, { reason: 'r', by: 'b' })).status).toBe(400);
    expect((await nullify(m.oid, { reason: 'r', by: 'b', documentGroup: '1' })).status).toBe(409);
    expect((await nullify(m.oid, { reason: 'r', by: 'b', documentGroup: '5' })).status).toBe(200);
  });

  it('records every refused nullification in the event log, its findings in every language', async () => {
    type Events = {
      events: { kind: string; outcome: string; resourceIds: string[]; findings: Finding[] }[];
      lastSeq: number;
    };
    const a = ptaMessage();
    await post('/archive/pta', a.message);
    const before = await getJson<Events>('/events?channel=archive&limit=1000');
    await nullify(a.oid, { reason: '' });
    await nullify('1.2.3.404', { reason: 'r', by: 'b' });
    await nullify(a.oid, { reason: 'r', by: 'b', organisation: '1.2.246.10.2876543.10.0' });
    const after = await getJson<Events>(`/events?channel=archive&limit=1000&since=${before.body.lastSeq}`);
    const refused = after.body.events.filter((e) => e.kind === 'document.nullify');
    expect(refused.map((e) => [e.outcome, e.findings.map((f) => f.code).sort()])).toEqual([
      ['refused', ['CDA-NUL-003', 'CDA-NUL-003']],
      ['refused', ['CDA-NUL-001']],
      ['refused', ['CDA-NUL-005']],
    ]);
    expect(refused.map((e) => e.resourceIds)).toEqual([[a.oid], [], [a.oid]]);
    for (const f of refused.flatMap((e) => e.findings)) expect(canLocalise(f), f.message).toBe(true);
  });

  it('records a nullification whose body is not JSON, not UTF-8 or holds a lone surrogate as refused, and answers 400', async () => {
    type Events = { events: { kind: string; outcome: string; findings: Finding[] }[]; lastSeq: number };
    const a = ptaMessage();
    await post('/archive/pta', a.message);
    const before = await getJson<Events>('/events?channel=archive&limit=1000');
    const bodies: [Uint8Array<ArrayBuffer> | string, string][] = [
      ['{"reason": "väärä potilas", ', 'invalid-json'],
      [
        new Uint8Array([...Buffer.from('{"reason": "v'), 0xe4, ...Buffer.from('rä potilas", "by": "x"}')]),
        'invalid-utf8',
      ],
      ['{"reason": "väärä \\ud800 potilas", "by": "x"}', 'invalid-text'],
    ];
    for (const [body, code] of bodies) {
      const res = await fetch(`${server.url}/archive/documents/${a.oid}/nullify`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'accept-language': 'sv' },
      });
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe(code);
      // In the language asked for: the catalogue renders the raised text in Swedish.
      expect(error.message).toMatch(/innehåll|JSON/);
    }
    const after = await getJson<Events>(`/events?channel=archive&limit=1000&since=${before.body.lastSeq}`);
    const refused = after.body.events.filter((e) => e.kind === 'document.nullify');
    expect(refused.map((e) => [e.outcome, e.findings.map((f) => f.code)])).toEqual(
      bodies.map(([, code]) => ['refused', [code]]),
    );
    for (const f of refused.flatMap((e) => e.findings)) expect(canLocalise(f), f.message).toBe(true);
    const still = await fetch(`${server.url}/archive/documents/${a.oid}`);
    expect(still.headers.get('x-kantasim-status')).not.toBe('nullified');
  });
});
