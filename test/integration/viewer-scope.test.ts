/**
 * The viewer's scope, sign-in hardening and resilience, over real HTTP against a real simulator:
 * - an appointment is visible only through its service organiser (Provenance agent role 10): an extra
 *   agent naming another register's organisation grants that register nothing;
 * - a social-welfare document in Kanta's format (custodian: the organisation or its unit, no `….19.0`)
 *   is visible to the archivists of that organisation's register controller, on every page, and stays
 *   404 for another organisation's;
 * - `POST /viewer/sign-in` with `Origin: null` is refused like any cross-site post, and wrong passcodes
 *   are rate-limited per account, saying so;
 * - resources stored straight into the store with odd shapes (bypassing validation, as rehearsal mode
 *   or an old version might leave them) never make a list or detail page answer 500.
 */
import { registerSocialCustomer } from '../support/social-customer.ts';
import type { Appointment, Provenance } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SOCIAL_ORGANISATIONS,
  TEST_HETU,
  kantaSocialMessage,
  type SocialOrganisation,
} from '../../fixtures/cda/index.ts';
import {
  kantaAppointment,
  ORG_KIELO,
  ORG_READY,
  ROLE_SYSTEM,
  storeBundle,
} from '../../fixtures/fhir/appointment.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { json, startTestSimulator } from '../support/sim.ts';
import { ARCHIVISTS } from '../support/viewer-seed.ts';

let sim: RunningServer;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

const form = (archivist: string, passcode = ''): string =>
  new URLSearchParams({ archivist, passcode }).toString();

async function signIn(
  archivist: string,
  passcode = '',
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${sim.url}/viewer/sign-in`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Sec-Fetch-Site': 'same-origin',
      // These tests read the English viewer (the default is Finnish).
      'Accept-Language': 'en',
      ...headers,
    },
    body: form(archivist, passcode),
    redirect: 'manual',
  });
}

async function cookieFor(archivist: string): Promise<string> {
  const res = await signIn(archivist);
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const get = (path: string, cookie: string): Promise<Response> =>
  fetch(`${sim.url}${path}`, { headers: { Cookie: cookie, 'Accept-Language': 'en' }, redirect: 'manual' });

describe('appointment scope', () => {
  it('shows an appointment only to the register of its service organiser, whatever other agents say', async () => {
    const appointment = kantaAppointment({ hetu: TEST_HETU.patient, identifier: 'AJ-SCOPE-1' });
    const bundle = storeBundle(appointment);
    const provenance = bundle.entry?.[1]?.resource as Provenance;
    // A second agent naming another register's organisation (here: as the author of the booking).
    provenance.agent.push({
      role: [{ coding: [{ system: ROLE_SYSTEM, code: '12' }] }],
      who: { identifier: { system: 'urn:ietf:rfc:3986', value: `urn:oid:${ORG_KIELO}` }, display: 'Kielo' },
    });
    const res = await fetch(`${sim.url}/fhir`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/fhir+json',
        Accept: 'application/fhir+json',
        'X-Kantasim-Mode': 'rehearsal',
      },
      body: JSON.stringify(bundle),
    });
    expect(res.status).toBeLessThan(300);
    const body = (await res.json()) as { entry?: { response?: { location?: string } }[] };
    const id = /^Appointment\/([^/]+)/.exec(body.entry?.[0]?.response?.location ?? '')?.[1];
    expect(id).toBeDefined();

    const own = await cookieFor(ARCHIVISTS.kuusijarvi);
    expect((await get(`/viewer/appointments/${id}`, own)).status).toBe(200);
    const other = await cookieFor(ARCHIVISTS.kielo);
    const page = await get(`/viewer/appointments/${id}`, other);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('not found');
    const found = await (await get(`/viewer/find?patient=${TEST_HETU.patient}`, other)).text();
    expect(found).not.toContain(`/viewer/appointments/${id}`);
    const person = await (await get(`/viewer/persons/${TEST_HETU.patient}`, other)).text();
    expect(person).not.toContain(`/viewer/appointments/${id}`);
    // The organiser filter cannot widen the scope either.
    const filtered = await (await get(`/viewer/find?organisation=${ORG_READY}`, other)).text();
    expect(filtered).not.toContain(`/viewer/appointments/${id}`);
  });
});

describe('social-welfare document scope', () => {
  const controllerOf = (org: SocialOrganisation): string => org.oid.replace(/\.10\.0$/, '.19.0');
  const archivistOf = (org: SocialOrganisation): string => `arkistonhoitaja.${org.oid.split('.')[4]}`;

  /** The organisation registers itself (its unit, system and customer data), its register controller and an archivist. */
  async function register(org: SocialOrganisation): Promise<void> {
    const post = async (path: string, body: unknown): Promise<void> => {
      const res = await json(sim.url, 'POST', path, body);
      expect(res.status, `POST ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    };
    await registerSocialCustomer(sim.url, org);
    await post('/registry/organisations', {
      oid: controllerOf(org),
      name: `${org.name}, rekisterinpitäjä`,
      kind: 'register-controller',
      partOf: org.oid,
      public: true,
    });
    await post('/registry/archivists', {
      id: archivistOf(org),
      name: `Arkistonhoitaja ${org.name}`,
      registerController: controllerOf(org),
    });
  }

  async function archive(message: string): Promise<void> {
    const res = await fetch(`${sim.url}/archive/social`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', Accept: 'application/json' },
      body: message,
    });
    const body = (await res.json()) as { acknowledgement?: string; findings?: unknown };
    expect(body.acknowledgement, JSON.stringify(body)).toBe('AA');
  }

  const pohjola = SOCIAL_ORGANISATIONS.pohjola;
  const kaarna = SOCIAL_ORGANISATIONS.kaarna;
  const HETU = TEST_HETU.patient;
  let byOrganisation = '';
  let byUnit = '';
  let replacement = '';
  let theirs = '';

  beforeAll(async () => {
    await register(pohjola);
    await register(kaarna);
    const first = kantaSocialMessage('client', { organisation: pohjola, custodian: 'organisation' });
    await archive(first.message);
    byOrganisation = first.oid;
    // A second version of the same set, kept by the unit.
    const second = kantaSocialMessage(
      'client',
      {
        organisation: pohjola,
        custodian: 'unit',
        setId: first.oid,
        versionNumber: 2,
        replaces: { oid: first.oid, setId: first.oid, versionNumber: 1 },
      },
      { interaction: 'RCMR_IN200016FI01' },
    );
    await archive(second.message);
    replacement = second.oid;
    const unit = kantaSocialMessage('client-relationship', { organisation: pohjola, custodian: 'unit' });
    await archive(unit.message);
    byUnit = unit.oid;
    const other = kantaSocialMessage('client', { organisation: kaarna, custodian: 'organisation' });
    await archive(other.message);
    theirs = other.oid;
  });

  it('shows the organisation’s and its units’ documents to its register controller’s archivist', async () => {
    const cookie = await cookieFor(archivistOf(pohjola));
    const found = await (await get('/viewer/find?repository=social', cookie)).text();
    for (const oid of [byOrganisation, replacement, byUnit])
      expect(found).toContain(`/viewer/documents/${oid}`);
    expect(found).not.toContain(theirs);
    const person = await (await get(`/viewer/persons/${HETU}`, cookie)).text();
    expect(person).toContain(byUnit);
    expect(person).not.toContain(theirs);
    for (const path of [
      `/viewer/documents/${byOrganisation}`,
      `/viewer/documents/${byUnit}`,
      `/viewer/documents/${byUnit}/xml`,
      `/viewer/documents/${byUnit}/compare`,
      `/viewer/documents/${replacement}/diff?with=${byOrganisation}`,
    ])
      expect((await get(path, cookie)).status, path).toBe(200);
    // Both versions of the set, the organisation's and the unit's, are listed on the document page.
    const page = await (await get(`/viewer/documents/${replacement}`, cookie)).text();
    expect(page).toContain(byOrganisation);
    // Viewing them was logged in this register.
    const log = await (await get(`/viewer/access-log?patient=${HETU}`, cookie)).text();
    expect(log).toContain(byUnit);
  });

  it('keeps them 404 for another organisation’s archivist, and theirs 404 here', async () => {
    const pohjolan = await cookieFor(archivistOf(pohjola));
    const kaarnan = await cookieFor(archivistOf(kaarna));
    const kuusijarvi = await cookieFor(ARCHIVISTS.kuusijarvi);
    for (const [cookie, oid] of [
      [pohjolan, theirs],
      [kaarnan, byOrganisation],
      [kaarnan, byUnit],
      [kuusijarvi, byUnit],
    ] as const) {
      for (const path of [
        `/viewer/documents/${oid}`,
        `/viewer/documents/${oid}/xml`,
        `/viewer/documents/${oid}/compare`,
        `/viewer/documents/${oid}/diff?with=${oid}`,
      ]) {
        const res = await get(path, cookie);
        expect(res.status, path).toBe(404);
        expect(await res.text()).not.toContain('Sosiaali360');
      }
    }
    const found = await (await get('/viewer/find?repository=social', kaarnan)).text();
    expect(found).toContain(theirs);
    for (const oid of [byOrganisation, replacement, byUnit]) expect(found).not.toContain(oid);
    const log = await (await get(`/viewer/access-log?patient=${HETU}`, kaarnan)).text();
    expect(log).not.toContain(byUnit);
    // A version of another register is not listed beside one's own.
    expect(
      await (await get(`/viewer/documents/${replacement}/diff?with=${theirs}`, pohjolan)).text(),
    ).not.toContain(`/viewer/documents/${theirs}`);
  });
});

describe('sign-in hardening', () => {
  it('refuses a sign-in post with Origin: null and no fetch metadata, issuing no session', async () => {
    const res = await fetch(`${sim.url}/viewer/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' },
      body: form(ARCHIVISTS.kuusijarvi),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('cross-site');
    // The same post from this origin still signs in.
    const ok = await fetch(`${sim.url}/viewer/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: sim.url },
      body: form(ARCHIVISTS.kuusijarvi),
      redirect: 'manual',
    });
    expect(ok.status).toBe(303);
  });

  it('rate-limits wrong passcodes per account and says so', async () => {
    for (const id of ['lukittava', 'naapuri'])
      expect(
        (
          await json(sim.url, 'POST', '/registry/archivists', {
            id,
            name: `Tili ${id}`,
            registerController: '1.2.246.10.3210987.19.0',
            passcode: 'oikea-koodi-123',
          })
        ).status,
      ).toBe(201);
    for (let i = 0; i < 5; i++) expect((await signIn('lukittava', `väärä-${i}`)).status).toBe(401);
    const limited = await signIn('lukittava', 'väärä-6');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many wrong passcodes for this account');
    // Even the right passcode waits; no session is issued meanwhile.
    const right = await signIn('lukittava', 'oikea-koodi-123');
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();
    // Another account is not affected.
    expect((await signIn('naapuri', 'oikea-koodi-123')).status).toBe(303);
  });
});

describe('odd stored resources', () => {
  const HETU = TEST_HETU.other;
  const ODD_DOC = '1.2.246.10.3210987.91.99001';
  let ids: string[] = [];

  beforeAll(async () => {
    const index = (extra: { param: string; kind: 'token'; system: string; code: string }[] = []) => [
      { param: 'service-organiser', kind: 'token' as const, system: '', code: ORG_READY },
      { param: 'patient:identifier', kind: 'token' as const, system: 'urn:oid:1.2.246.21', code: HETU },
      ...extra,
    ];
    // An extension without url under _status, a start that is a number, a participant that is null.
    const odd1 = {
      resourceType: 'Appointment',
      id: 'odd-status-ext',
      status: 'booked',
      _status: { extension: [{ valueCoding: { code: '3' } }] },
      start: 20261101,
      participant: [null, { actor: { identifier: { system: 'urn:oid:1.2.246.21', value: HETU } } }],
      serviceType: 'not-an-array',
      identifier: [{ system: 5 }],
    } as unknown as Appointment & { id: string };
    // No status, no participant at all, text.div not a string.
    const odd2 = {
      resourceType: 'Appointment',
      id: 'odd-empty',
      text: { div: { nested: true } },
    } as unknown as Appointment & { id: string };
    await sim.store.fhir.create(odd1, { index: index() });
    await sim.store.fhir.create(odd2, { index: index() });
    // A Provenance without agents or recorded time, and one whose agent is not an object.
    for (const [id, agent] of [
      ['odd-prov-1', undefined],
      ['odd-prov-2', ['x']],
    ] as const)
      await sim.store.fhir.create(
        {
          resourceType: 'Provenance',
          id,
          target: [{ reference: 'Appointment/odd-status-ext/_history/1' }],
          ...(agent !== undefined && { agent }),
        } as unknown as Provenance & { id: string },
        { index: [{ param: 'target', kind: 'reference', value: 'Appointment/odd-status-ext' }] },
      );
    // A document whose header lacks most fields, with XML that does not parse.
    await sim.store.archive.insert({
      oid: ODD_DOC,
      repository: 'pta',
      setId: ODD_DOC,
      versionNumber: 1,
      status: 'current',
      valid: false,
      mode: 'rehearsal',
      patient: HETU,
      effectiveAt: '2026-10-01T10:00:00',
      custodian: '1.2.246.10.3210987.19.0',
      header: { documentOid: ODD_DOC } as never,
      findings: [],
      sha256: 'x',
      sizeBytes: 5,
      receivedAt: '2026-10-01T10:01:00.000Z',
      xml: new TextEncoder().encode('<oops'),
    });
    ids = ['odd-status-ext', 'odd-empty'];
  });

  it('keeps every page that lists or shows them below 500, and marks what it could not show', async () => {
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);
    const pages = [
      `/viewer/find?patient=${HETU}`,
      '/viewer/find?status=current',
      '/viewer/find?service=pta-appointment',
      `/viewer/persons/${HETU}`,
      ...ids.map((id) => `/viewer/appointments/${id}`),
      `/viewer/documents/${ODD_DOC}`,
      `/viewer/documents/${ODD_DOC}/xml`,
      `/viewer/documents/${ODD_DOC}/diff?with=${ODD_DOC}`,
      `/viewer/documents/${ODD_DOC}/compare`,
      `/viewer/access-log?patient=${HETU}`,
      '/viewer/live',
    ];
    for (const path of pages) {
      const res = await get(path, cookie);
      expect(res.status, path).toBeLessThan(500);
    }
    const compare = await fetch(`${sim.url}/viewer/documents/${ODD_DOC}/compare`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Sec-Fetch-Site': 'same-origin',
      },
      body: new URLSearchParams({
        expected: JSON.stringify({ title: 'x', author: 'y', patient: HETU }),
      }).toString(),
    });
    expect(compare.status).toBeLessThan(500);
    // What can be shown is shown: the rows link to the odd records.
    const found = await (await get(`/viewer/find?patient=${HETU}`, cookie)).text();
    for (const id of ids) expect(found).toContain(id);
    expect(found).toContain(ODD_DOC);
    for (const path of [`/viewer/persons/${HETU}`, `/viewer/documents/${ODD_DOC}`]) {
      const text = await (await get(path, cookie)).text();
      expect(text, path).toContain(ODD_DOC);
      expect(text, path).not.toContain('Record not shown');
    }
    const apt = await get('/viewer/appointments/odd-status-ext', cookie);
    expect(apt.status).toBe(200);
    const aptText = await apt.text();
    expect(aptText).toContain('odd-status-ext');
    expect(aptText).not.toContain('Record not shown');
    expect(aptText).toContain('could not be shown');
  });
});
