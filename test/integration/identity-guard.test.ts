/**
 * The identity guard over real HTTP: in strict mode (the default) a real person's identity code
 * (checksum-valid, individual number 002–899) is refused on every channel, and whatever is kept or
 * shown — the event log, its live stream, recorded runs, the server log, the viewer's person page and
 * access log — carries only its masked form `131052-***T`. Queries by the code answer normally and
 * find nothing. Each row of `GUARD_CHECKS` in simulator/domain/identity-guard.ts is exercised here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCda, buildMessage, cdaOid } from '../../fixtures/cda/index.ts';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { recordRun } from '../../runner/record.ts';
import { startServer, type RunningServer } from '../../simulator/server.ts';
import { json, startLoggedServer, viewerCookie } from '../support/sim.ts';
import { sampleRun } from '../support/run-sample.ts';
import { openSse } from '../support/sse.ts';

const REAL = '131052-308T';
const MASKED = '131052-***T';
/** Checksum-valid, real range: refused even under a temporary-ID root. */
const REAL_TEMP = '010100A123D';
/** Same shape with a wrong check character: a temporary ID like those in real hospital material. */
const INVALID_TEMP = '010100A123X';
const TEMP_ROOT = '1.2.246.10.3210987.22.2026';

let sim: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  sim = await startLoggedServer({}, 'info', logLines);
});
afterAll(async () => {
  await sim.close();
});

interface Issue {
  severity: string;
  code: string;
  details?: { coding?: { code?: string }[] };
  diagnostics?: string;
  expression?: string[];
}
const codesOf = (body: unknown): string[] =>
  ((body as { issue?: Issue[] }).issue ?? []).map((i) => i.details?.coding?.[0]?.code ?? '');

const fhir = (method: string, path: string, body: unknown): ReturnType<typeof json> =>
  json(sim.url, method, `/fhir${path}`, body, {
    'Content-Type': 'application/fhir+json',
    Accept: 'application/fhir+json',
  });

const patientWith = (identifier: { system: string; value: string }, extra = {}): unknown => ({
  resourceType: 'Patient',
  identifier: [identifier],
  ...extra,
});

async function archive(cda: string): Promise<{ status: number; body: { details: { code: string }[] } }> {
  const res = await fetch(`${sim.url}/archive/pta`, {
    method: 'POST',
    body: buildMessage(cda, { repository: 'pta' }),
    headers: { 'content-type': 'text/xml', accept: 'application/json' },
  });
  return { status: res.status, body: (await res.json()) as { details: { code: string }[] } };
}

describe('the identity guard refuses real codes in FHIR', () => {
  it.each([
    ['the identity-code system', 'urn:oid:1.2.246.21'],
    ['the system in upper case', 'URN:OID:1.2.246.21'],
    ['a child OID of the identity-code system', 'urn:oid:1.2.246.21.1'],
    ['a temporary-ID system', `urn:oid:${TEMP_ROOT}`],
  ])('refuses a real code under %s with KANTA-ID-002', async (_what, system) => {
    const res = await fhir('POST', '/Patient', patientWith({ system, value: REAL }));
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toContain('KANTA-ID-002');
    // The answer repeats the code to the one who sent it; only what is kept is masked.
    expect(JSON.stringify(res.body)).toContain(REAL);
  });

  it('refuses a system written with spaces (not a URI) with a 400, keeping the code out of the log', async () => {
    const res = await fhir('POST', '/Patient', patientWith({ system: 'urn:oid: 1.2.246.21 ', value: REAL }));
    expect(res.status).toBe(400);
    expect(codesOf(res.body)).toContain('FHIR-STRUCT-005');
    const events = await json(sim.url, 'GET', '/events?limit=1000');
    expect(JSON.stringify(events.body)).not.toContain(REAL);
  });

  it('warns (KANTA-ID-004) about a differently written identity-code system, and still checks it', async () => {
    const res = await fhir(
      'POST',
      '/Patient',
      patientWith({ system: 'URN:OID:1.2.246.21', value: '010181-900C' }),
    );
    expect(res.status).toBe(201);
    const oo = await fhir(
      'POST',
      '/Patient/$validate',
      patientWith({ system: 'URN:OID:1.2.246.21', value: '010181-900C' }),
    );
    expect(JSON.stringify(oo.body)).toContain('KANTA-ID-004');
  });

  it('accepts a checksum-invalid value under a temporary-ID system as a temporary ID', async () => {
    const res = await fhir(
      'POST',
      '/Patient',
      patientWith({ system: `urn:oid:${TEMP_ROOT}`, value: INVALID_TEMP }),
    );
    expect(res.status).toBe(201);
  });

  it('refuses a real code in a Kanta appointment actor.identifier under a temporary-ID system', async () => {
    const a = kantaAppointment();
    const actor = a.participant[0]?.actor;
    if (actor) actor.identifier = { system: `urn:oid:${TEMP_ROOT}`, value: REAL_TEMP };
    const res = await fhir('POST', '', storeBundle(a));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toContain('KANTA-ID-002');
    expect(JSON.stringify(res.body)).toContain(REAL_TEMP);
  });

  it.each([
    ['a name', { name: [{ text: `Potilas ${REAL}` }] }],
    [
      'the narrative',
      { text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">HETU ${REAL}</div>` } },
    ],
    ['a display', { generalPractitioner: [{ display: `Dr, potilas ${REAL}` }] }],
  ])('refuses a real code in free text (%s) with KANTA-ID-003', async (_what, extra) => {
    const res = await fhir(
      'POST',
      '/Patient',
      patientWith({ system: 'urn:oid:1.2.246.21', value: '010181-900C' }, extra),
    );
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toEqual(['KANTA-ID-003']);
  });

  it('does not flag a test code or a non-code number in free text', async () => {
    const res = await fhir(
      'POST',
      '/Patient',
      patientWith(
        { system: 'urn:oid:1.2.246.21', value: '010181-900C' },
        { name: [{ text: '010181-900C puh 040-1234567' }] },
      ),
    );
    expect(res.status).toBe(201);
  });

  it('refuses PUT /fhir/Patient/<real code> (the id is the code) with a 4xx', async () => {
    const res = await fhir('PUT', `/Patient/${REAL}`, { resourceType: 'Patient', id: REAL });
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toContain('KANTA-ID-003');
  });
});

describe('the identity guard refuses real codes in CDA', () => {
  it('refuses a checksum-valid real code under a temporary-ID root (patientRole/id) with CDA-ID-002', async () => {
    const r = await archive(buildCda({ patient: { root: TEMP_ROOT, extension: REAL_TEMP } }));
    expect(r.status).toBe(422);
    expect(r.body.details.map((d) => d.code)).toContain('CDA-ID-002');
    expect(JSON.stringify(r.body)).toContain(REAL_TEMP);
  });

  it('keeps a checksum-invalid value under a temporary-ID root a temporary ID (CDA-ID-005)', async () => {
    const cda = buildCda({ patient: { root: TEMP_ROOT, extension: INVALID_TEMP } });
    const r = await archive(cda);
    expect(r.status).toBe(201);
    expect(r.body.details.map((d) => d.code)).toContain('CDA-ID-005');
    const events = await json<{ events: { patient?: string }[] }>(
      sim.url,
      'GET',
      `/events?patient=${INVALID_TEMP}`,
    );
    expect(events.body.events.length).toBeGreaterThan(0);
    expect(cdaOid(cda)).not.toBe('');
  });

  it('recognises the identity-code root written with spaces', async () => {
    const r = await archive(buildCda({ patient: { root: ' 1.2.246.21 ', extension: REAL } }));
    expect(r.status).toBe(422);
    expect(r.body.details.map((d) => d.code)).toContain('CDA-ID-002');
  });

  it('refuses a real code in the narrative with CDA-ID-007', async () => {
    const cda = buildCda().replace(
      'Kontrollikäynti, ei huomautettavaa.',
      `Kontrollikäynti, omainen ${REAL} paikalla.`,
    );
    const r = await archive(cda);
    expect(r.status).toBe(422);
    expect(r.body.details.map((d) => d.code)).toContain('CDA-ID-007');
  });
});

describe('what is kept carries only the masked form', () => {
  it('the event log keeps refused submissions masked, and a query by the code finds nothing', async () => {
    await fhir('POST', '/Patient', patientWith({ system: 'urn:oid:1.2.246.21', value: REAL }));
    const a = kantaAppointment({ hetu: REAL });
    await fhir('POST', '', storeBundle(a));
    const byCode = await json<{ events: unknown[] }>(sim.url, 'GET', `/events?patient=${REAL}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body.events).toEqual([]);
    const all = await json<{ events: { outcome: string }[] }>(sim.url, 'GET', '/events?limit=1000');
    const text = JSON.stringify(all.body);
    expect(text).not.toContain(REAL);
    expect(text).not.toContain(REAL_TEMP);
    expect(text).toContain(MASKED);
  });

  it('other queries by the code answer normally and find nothing', async () => {
    const docs = await json<{ total?: number; documents?: unknown[] }>(
      sim.url,
      'GET',
      `/archive/documents?patient=${REAL}`,
    );
    expect(docs.status).toBe(200);
    expect(docs.body.documents ?? []).toEqual([]);
    const search = await fetch(`${sim.url}/fhir/Appointment/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/fhir+json' },
      body: `patient:identifier=urn:oid:1.2.246.21|${REAL}`,
    });
    expect(search.status).toBeLessThan(500);
  });

  it('the live feed (/events/stream) carries only the masked form', async () => {
    const stream = await openSse(`${sim.url}/events/stream?since=0`);
    try {
      const count = (await json<{ events: unknown[] }>(sim.url, 'GET', '/events?limit=1000')).body.events
        .length;
      const frames = await stream.next(count);
      const text = frames.map((f) => f.data).join('\n');
      expect(text).toContain(MASKED);
      expect(text).not.toContain(REAL);
    } finally {
      stream.close();
    }
  });

  it('the server log never has the code, not even in request URLs', async () => {
    await fhir('PUT', `/Patient/${REAL}`, { resourceType: 'Patient', id: REAL });
    await json(sim.url, 'GET', `/events?patient=${REAL}`);
    const log = logLines.join('');
    expect(log).toContain(`/fhir/Patient/${MASKED}`);
    expect(log).not.toContain(REAL);
    expect(log).not.toContain(REAL_TEMP);
  });

  it('POST /runs refuses a record with an unmasked real code in testPersons', async () => {
    const run = sampleRun();
    const scenario = run.scenarios[0];
    if (scenario) scenario.testPersons = [{ hetu: REAL }];
    const res = await json<{ error: { code: string; message: string; path: string } }>(
      sim.url,
      'POST',
      '/runs',
      run,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('real-identity');
    expect(res.body.error.path).toBe('/scenarios/0/testPersons/0/hetu');
    expect(res.body.error.message).not.toContain(REAL);
  });

  it('the runner masks real codes before it records a run, and /runs keeps the masked form', async () => {
    const run = sampleRun();
    const scenario = run.scenarios[0];
    if (scenario) scenario.testPersons = [{ hetu: REAL }];
    const recorded = await recordRun(sim.url, run);
    expect(recorded.ok).toBe(true);
    const runs = await json(sim.url, 'GET', '/runs');
    const text = JSON.stringify(runs.body);
    expect(text).not.toContain(REAL);
    if (recorded.ok) {
      const one = await json(sim.url, 'GET', `/runs/${recorded.runs[0]?.id ?? ''}`);
      expect(JSON.stringify(one.body)).toContain(MASKED);
      expect(JSON.stringify(one.body)).not.toContain(REAL);
    }
  });

  it("the viewer's person page and access log for a real code show nothing stored and only the masked form", async () => {
    const cookie = await viewerCookie(sim.url, 'arkistonhoitaja.kuusijarvi');
    const page = await fetch(`${sim.url}/viewer/persons/${REAL}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain(REAL);
    expect(html).toContain(MASKED);
    const log = await fetch(`${sim.url}/viewer/access-log`, { headers: { Cookie: cookie } });
    expect(log.status).toBe(200);
    const logHtml = await log.text();
    expect(logHtml).not.toContain(REAL);
    expect(logHtml).toContain(MASKED);
  });
});

describe('with --allow-real-identities', () => {
  it('accepts a real code and keeps it in the event log unmasked, so it can be queried', async () => {
    const open = await startServer({
      port: 0,
      dbFile: ':memory:',
      logLevel: 'silent',
      allowRealIdentities: true,
    });
    try {
      const res = await json(
        open.url,
        'POST',
        '/fhir/Patient',
        patientWith({ system: 'urn:oid:1.2.246.21', value: REAL }),
        {
          'Content-Type': 'application/fhir+json',
        },
      );
      expect(res.status).toBe(201);
      const run = sampleRun();
      const scenario = run.scenarios[0];
      if (scenario) scenario.testPersons = [{ hetu: REAL }];
      expect((await json(open.url, 'POST', '/runs', run)).status).toBe(201);
    } finally {
      await open.close();
    }
  });
});
