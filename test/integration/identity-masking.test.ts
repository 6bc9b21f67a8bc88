/**
 * The identity guard over real HTTP, where a real person's code hides: percent-encoded in a URL, after
 * letters, in registry fields, in a narrative's markup, in an appointment search's paging state and in
 * every answer that repeats the request. In strict mode (the default) none of them reaches the server
 * log, the event log, the store or an answer; only the guard's own refusal repeats the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { findRealCodes } from '../../simulator/domain/identity-guard.ts';
import { startServer, type RunningServer } from '../../simulator/server.ts';
import { sampleRun } from '../support/run-sample.ts';
import { json, startLoggedServer, viewerCookie } from '../support/sim.ts';

const REAL = '131052-308T';
const MASKED = '131052-***T';

let sim: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  sim = await startLoggedServer({ defaultLanguage: 'en' }, 'debug', logLines);
});
afterAll(async () => {
  await sim.close();
});

/** No real-range code in `text`, as written or as any percent-decoding shows it. */
function expectNoCode(text: string): void {
  expect(text).not.toContain(REAL);
  expect(findRealCodes(text)).toEqual([]);
}

const codesOf = (body: unknown): string[] =>
  ((body as { issue?: { details?: { coding?: { code?: string }[] } }[] }).issue ?? []).map(
    (i) => i.details?.coding?.[0]?.code ?? '',
  );

const fhir = (method: string, path: string, body?: unknown): ReturnType<typeof json> =>
  json(sim.url, method, `/fhir${path}`, body, {
    'Content-Type': 'application/fhir+json',
    Accept: 'application/fhir+json',
  });

async function text(path: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${sim.url}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, body: await res.text() };
}

/** Requests whose URL carries a real code behind a percent escape (method, path). */
const ENCODED_REQUESTS: [string, string][] = [
  ['GET', `/fhir/Patient?identifier=urn:oid:1.2.246.21%7C${REAL}`],
  ['GET', `/registry/test-persons/%20${REAL}`],
  ['GET', `/viewer/persons/%20${REAL}`],
  ['DELETE', `/fhir/Patient/x%20${REAL}`],
  ['POST', `/fhir/Appointment/%7C${REAL}`],
];

const patient = (extra: Record<string, unknown>): unknown => ({
  resourceType: 'Patient',
  identifier: [{ system: 'urn:oid:1.2.246.21', value: '010181-900C' }],
  ...extra,
});

describe('a code in a percent-encoded or prefixed context', () => {
  it('never reaches the server log or the event log', async () => {
    const at = logLines.length;
    for (const [method, path] of ENCODED_REQUESTS)
      await text(path, {
        method,
        headers: { 'Content-Type': 'application/fhir+json' },
        ...(method === 'POST' && { body: '{}' }),
      });
    const log = logLines.slice(at).join('');
    expect(log).toContain(`%7C${MASKED}`);
    expect(log).toContain(`%20${MASKED}`);
    expectNoCode(log);
    expectNoCode(JSON.stringify((await json(sim.url, 'GET', '/events?limit=1000')).body));
  });

  it('POST /runs refuses a percent-encoded code in an evidence link', async () => {
    const run = sampleRun();
    const check = run.scenarios[0]?.steps[0]?.checks[0];
    if (check)
      check.evidence = [
        { label: 'search', value: 'ok', href: `/fhir/Patient?identifier=urn:oid:1.2.246.21%7C${REAL}` },
      ];
    const res = await json<{ error: { code: string; message: string } }>(sim.url, 'POST', '/runs', run);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('real-identity');
    expectNoCode(JSON.stringify(res.body));
  });

  it('refuses a code written straight after letters (HETU131052-308T) in an appointment', async () => {
    const a = kantaAppointment();
    const actor = a.participant[0]?.actor;
    if (actor) actor.display = `HETU${REAL}`;
    const res = await fhir('POST', '', storeBundle(a));
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toContain('KANTA-ID-003');
  });

  it('still accepts a test code after letters and in an encoded identifier search', async () => {
    expect((await fhir('POST', '/Patient', patient({ name: [{ text: 'HETU010181-900C' }] }))).status).toBe(
      201,
    );
    const search = await text('/fhir/Patient?identifier=urn:oid:1.2.246.21%7C010181-900C');
    expect(search.status).toBe(200);
    expect(search.body).toContain('010181-900C');
  });
});

describe('registry fields', () => {
  const ORG = '1.2.246.10.3210987.10.0';
  const CONTROLLER = '1.2.246.10.3210987.19.0';

  it.each([
    [
      'an organisation name',
      '/registry/organisations',
      { oid: '1.2.246.10.9876501.10.0', name: REAL, kind: 'organisation', public: true },
      '/name',
    ],
    [
      'a vendor to issue test persons to',
      '/registry/test-persons/issue',
      { customer: ORG, count: 1, vendor: REAL, service: 'pta' },
      '/vendor',
    ],
    [
      'an archivist name',
      '/registry/archivists',
      { id: 'arkistonhoitaja.x', name: REAL, registerController: CONTROLLER },
      '/name',
    ],
    [
      'a certified system',
      '/registry/systems',
      {
        id: 'gamma',
        vendor: 'V',
        product: `Potilas ${REAL}`,
        version: '1',
        category: 'A',
        certifiedFor: ['pta'],
      },
      '/product',
    ],
  ])('refuse a real code in %s (400 real-identity, masked)', async (_what, path, body, pointer) => {
    const res = await json<{ error: { code: string; message: string; path: string } }>(
      sim.url,
      'POST',
      path,
      body,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('real-identity');
    expect(res.body.error.path).toBe(pointer);
    expect(res.body.error.message).toContain(MASKED);
    expectNoCode(JSON.stringify(res.body));
  });

  it('keep nothing of a refused field: the sign-in page and the registries show no code', async () => {
    const signIn = await text('/viewer/sign-in');
    expect(signIn.status).toBe(200);
    expectNoCode(signIn.body);
    for (const path of ['/registry/organisations', '/registry/archivists', '/registry/test-persons'])
      expectNoCode(JSON.stringify((await json(sim.url, 'GET', path)).body));
  });
});

describe('appointment searches by a real code', () => {
  const form = (path: string, body: string): Promise<{ status: number; body: string }> =>
    text(`/fhir/Appointment/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/fhir+json' },
      body,
    });

  it.each([
    ['_search', `patient:identifier=urn:oid:1.2.246.21|${REAL}`],
    ['_history', `patient=urn:oid:1.2.246.21|${REAL}`],
  ])('%s answers normally, finds nothing and keeps its paging state masked', async (path, body) => {
    const res = await form(path, body);
    expect(res.status).toBe(200);
    expectNoCode(res.body);
    const links = (JSON.parse(res.body) as { link: { url: string }[] }).link;
    expect(links.length).toBeGreaterThan(0);
    for (const { url } of links) {
      const token = url.split('/_page/')[1] ?? '';
      const state = await sim.store.pageTokens.get(token, Date.now());
      expect(JSON.stringify(state)).toContain(MASKED);
      expectNoCode(JSON.stringify(state));
      const page = await text(`/fhir/_page/${token}`, { headers: { Accept: 'application/fhir+json' } });
      expect(page.status).toBe(200);
      expect((JSON.parse(page.body) as { total?: number }).total).toBe(0);
    }
  });
});

describe('a narrative read as its reader sees it', () => {
  it.each([
    ['a character reference for the hyphen', `131052&#45;308T`],
    ['a hexadecimal character reference', `131052&#x2d;308T`],
    ['markup inside the code', `<b>131052</b>-308T`],
    ['a soft hyphen inside the code', `131052-30&#173;8T`],
  ])('refuses %s with KANTA-ID-003', async (_what, inner) => {
    const res = await fhir(
      'POST',
      '/Patient',
      patient({
        text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>` },
      }),
    );
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toEqual(['KANTA-ID-003']);
  });

  it('accepts a narrative whose reader text carries a test code', async () => {
    const res = await fhir(
      'POST',
      '/Patient',
      patient({
        text: {
          status: 'generated',
          div: '<div xmlns="http://www.w3.org/1999/xhtml"><b>010181</b>&#45;900C</div>',
        },
      }),
    );
    expect(res.status).toBe(201);
  });
});

describe('answers that repeat the request', () => {
  it.each([
    '/registry/test-persons/',
    '/registry/systems/',
    '/registry/archivists/',
    '/registry/organisations/',
    '/registry/customers/',
    '/registry/readiness/',
    '/rules/',
    '/no-such-endpoint/',
  ])('%s<code> answers with the code masked', async (prefix) => {
    const res = await json(sim.url, 'GET', `${prefix}${REAL}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = JSON.stringify(res.body);
    expect(body).toContain(MASKED);
    expectNoCode(body);
  });

  it.each(ENCODED_REQUESTS)('%s %s answers with the code masked', async (method, path) => {
    const res = await text(path, {
      method,
      headers: { 'Content-Type': 'application/fhir+json' },
      ...(method === 'POST' && { body: '{}' }),
    });
    expectNoCode(res.body);
    if (res.status !== 303) expect(res.body).toContain(MASKED);
  });

  it("a FHIR search's links and a 404 carry the code masked", async () => {
    const search = await fhir('GET', `/Patient?identifier=urn:oid:1.2.246.21|${REAL}`);
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).toContain(MASKED);
    expectNoCode(JSON.stringify(search.body));
    const missing = await fhir('GET', `/Patient/${REAL}/_history/1/x`);
    expectNoCode(JSON.stringify(missing.body));
  });

  it("a batch's entries (their outcomes, the searchsets they answer) carry the code masked", async () => {
    const res = await fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${REAL}` } },
        { request: { method: 'GET', url: `Patient?identifier=urn:oid:1.2.246.21|${REAL}` } },
      ],
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain(MASKED);
    expectNoCode(JSON.stringify(res.body));
  });

  it("the guard's own refusal still names the code to the one who sent it", async () => {
    const res = await fhir('PUT', `/Patient/${REAL}`, { resourceType: 'Patient', id: REAL });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain(REAL);
  });

  it("the viewer's pages (find and access-log fields, return paths, 404s) show the code masked", async () => {
    const cookie = await viewerCookie(sim.url, 'arkistonhoitaja.kuusijarvi');
    for (const path of [
      `/viewer/find?patient=${REAL}`,
      `/viewer/find?patient=%20${REAL}&from=x`,
      `/viewer/access-log?patient=${REAL}`,
      `/viewer/documents/${REAL}`,
      `/viewer/no-such-page/${REAL}`,
      `/viewer/persons/${REAL}`,
    ]) {
      const page = await text(path, { headers: { Cookie: cookie } });
      expect(page.status, path).toBeLessThan(500);
      expect(page.body, path).toContain(MASKED);
      expectNoCode(page.body);
    }
    const back = await fetch(`${sim.url}/viewer/language`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Sec-Fetch-Site': 'same-origin',
        Cookie: cookie,
      },
      body: new URLSearchParams({ lang: 'en', back: `/viewer/persons/${REAL}` }).toString(),
      redirect: 'manual',
    });
    expect(back.status).toBe(303);
    expectNoCode(back.headers.get('location') ?? '');
  });
});

describe('with --allow-real-identities', () => {
  it('registry fields and the viewer keep what they are given', async () => {
    const open = await startServer({
      port: 0,
      dbFile: ':memory:',
      logLevel: 'silent',
      allowRealIdentities: true,
    });
    try {
      const res = await json(open.url, 'POST', '/registry/organisations', {
        oid: '1.2.246.10.9876502.10.0',
        name: `Potilas ${REAL}`,
        kind: 'organisation',
        public: true,
      });
      expect(res.status).toBe(201);
    } finally {
      await open.close();
    }
  });
});
