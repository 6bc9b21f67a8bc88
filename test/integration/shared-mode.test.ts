/**
 * Shared (TLS) mode over real HTTPS on loopback: certificates made with kantasim's own CA in a temp
 * directory, the simulator started with `tls`, requests sent with the runner's client-certificate
 * transport. It holds the issue's bar verbatim (first test) and runs every read endpoint as two
 * organisations, asserting that neither sees the other's data.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, OperationOutcome, Provenance } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ptaMessage } from '../../fixtures/cda/index.ts';
import {
  kantaAppointment,
  ORG_KIELO,
  ORG_READY,
  storeBundle,
  TEST_HETUS,
} from '../../fixtures/fhir/appointment.ts';
import { requestWithCertificate } from '../../runner/http.ts';
import {
  initCa,
  issueOperatorCertificate,
  issueOrganisationCertificate,
  issueToken,
  type IssuedFiles,
} from '../../simulator/http/tls-ca.ts';
import { canLocalise } from '../../common/rules/messages.ts';
import type { Finding } from '../../simulator/domain/findings.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { KUUSIJARVI, LUMME, sampleRun } from '../support/run-sample.ts';
import { startTestSimulator } from '../support/sim.ts';

const dir = mkdtempSync(join(tmpdir(), 'kantasim-ca-'));
let server: RunningServer;
let caPem: string;
const agents: Record<string, Agent> = {};

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

function agentFor(files: IssuedFiles | undefined): Agent {
  if (!files) return new Agent({ ca: caPem });
  return new Agent({
    ca: caPem,
    cert: readFileSync(files.cert, 'utf8'),
    key: readFileSync(files.key, 'utf8'),
  });
}

async function call(
  who: 'A' | 'B' | 'operator' | 'none',
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const all: Record<string, string> = {
    Accept: 'application/json',
    'X-Request-Id': crypto.randomUUID(),
    ...headers,
  };
  let text: string | undefined;
  if (body !== undefined) {
    text = typeof body === 'string' ? body : JSON.stringify(body);
    all['Content-Type'] ??= path.startsWith('/fhir') ? 'application/fhir+json' : 'application/json';
  }
  const agent = agents[who];
  if (!agent) throw new Error(`no agent ${who}`);
  const res = await requestWithCertificate(
    `${server.url}${path}`,
    { method, headers: all, ...(text !== undefined && { body: text }), timeoutMs: 10_000 },
    agent,
  );
  let parsed: unknown = res.text;
  try {
    parsed = res.text === '' ? undefined : JSON.parse(res.text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, text: res.text };
}

const search = (who: 'A' | 'B', hetu: string): Promise<Answer> =>
  call(who, 'POST', '/fhir/Appointment/_search', `patient:identifier=${encodeURIComponent(hetu)}`, {
    'Content-Type': 'application/x-www-form-urlencoded',
  });

const codesOf = (oo: unknown): string[] =>
  (oo as OperationOutcome).issue.flatMap((i) => i.details?.coding?.map((c) => c.code ?? '') ?? []);

let files: { A: IssuedFiles; B: IssuedFiles; operator: IssuedFiles };

beforeAll(async () => {
  await initCa(dir);
  files = {
    A: await issueOrganisationCertificate(dir, { org: ORG_READY, name: 'Kuusijärven hyvinvointialue' }),
    B: await issueOrganisationCertificate(dir, { org: ORG_KIELO, name: 'Lääkäriasema Kielo Oy' }),
    operator: await issueOperatorCertificate(dir),
  };
  caPem = readFileSync(files.A.ca, 'utf8');
  agents.A = agentFor(files.A);
  agents.B = agentFor(files.B);
  agents.operator = agentFor(files.operator);
  agents.none = agentFor(undefined);
  server = await startTestSimulator({ tls: { caDir: dir }, seed: true });
});

afterAll(async () => {
  for (const agent of Object.values(agents)) agent.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bar', () => {
  const hetu = TEST_HETUS[0];
  let appointmentId = '';

  it('serves HTTPS and answers /healthz without a certificate', async () => {
    expect(server.url.startsWith('https://')).toBe(true);
    expect((await call('none', 'GET', '/healthz')).status).toBe(200);
  });

  it('a request without a client certificate cannot write', async () => {
    const res = await call('none', 'POST', '/registry/organisations', {
      oid: '1.2.246.10.7777777.10.0',
      name: 'Ei varmennetta Oy',
      kind: 'organisation',
    });
    expect(res.status).toBe(401);
    expect((res.body as { error: { code: string } }).error.code).toBe('access-no-certificate');
    const fhir = await call('none', 'POST', '/fhir', storeBundle(kantaAppointment({ hetu })));
    expect(fhir.status).toBe(401);
    expect(codesOf(fhir.body)).toContain('FHIR-ACCESS-001');
  });

  it("an organisation's certificate cannot write the registry", async () => {
    const res = await call('A', 'PUT', `/registry/customers/${ORG_READY}`, {});
    expect(res.status).toBe(403);
    const error = (res.body as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('access-operator-only');
    expect(error.message).toContain(ORG_READY);
    // The operator can.
    const operator = await call('operator', 'GET', `/registry/customers/${ORG_READY}`);
    expect(operator.status).toBe(200);
  });

  it("organisation A's certificate stores A's appointment and finds it again", async () => {
    const stored = await call(
      'A',
      'POST',
      '/fhir',
      storeBundle(kantaAppointment({ hetu, identifier: 'AJ-TLS-A-1' })),
    );
    expect(stored.status).toBe(200);
    const location = (stored.body as Bundle).entry?.[0]?.response?.location ?? '';
    appointmentId = /Appointment\/([^/]+)/.exec(location)?.[1] ?? '';
    expect(appointmentId).not.toBe('');
    const found = await search('A', hetu);
    expect(found.status).toBe(200);
    const ids = ((found.body as Bundle).entry ?? []).map((e) => e.resource?.id);
    expect(ids).toContain(appointmentId);
    expect((await call('A', 'GET', `/fhir/Appointment/${appointmentId}`)).status).toBe(200);
  });

  it("B's certificate submitting as A gets 403 with an OperationOutcome", async () => {
    const res = await call(
      'B',
      'POST',
      '/fhir',
      storeBundle(kantaAppointment({ hetu, identifier: 'AJ-TLS-B-AS-A' })),
    );
    expect(res.status).toBe(403);
    expect((res.body as OperationOutcome).resourceType).toBe('OperationOutcome');
    expect(codesOf(res.body)).toContain('FHIR-ACCESS-002');
    expect(codesOf(res.body)).toContain('5Y00009');
    expect(JSON.stringify(res.body)).toContain(ORG_KIELO);
  });

  it("B cannot find A's appointments or read A's events, while A reads its own", async () => {
    const found = await search('B', hetu);
    expect(found.status).toBe(200);
    expect((found.body as Bundle).total ?? 0).toBe(0);
    expect((await call('B', 'GET', `/fhir/Appointment/${appointmentId}`)).status).toBe(404);
    const eventsB = (await call('B', 'GET', '/events')).body as { events: { organisation?: string }[] };
    expect(eventsB.events.some((e) => e.organisation === ORG_READY)).toBe(false);
    const eventsA = (await call('A', 'GET', '/events')).body as { events: { organisation?: string }[] };
    expect(eventsA.events.some((e) => e.organisation === ORG_READY)).toBe(true);
    expect(eventsA.events.every((e) => e.organisation !== ORG_KIELO)).toBe(true);
  });

  it("B's certificate cannot change A's appointment by id", async () => {
    const res = await call('B', 'PUT', `/fhir/Appointment/${appointmentId}`, kantaAppointment({ hetu }), {
      'If-Match': 'W/"1"',
    });
    expect(res.status).toBe(403);
    expect(codesOf(res.body)).toContain('FHIR-ACCESS-002');
  });

  it("every refusal is in the caller's own event log, never in another organisation's", async () => {
    /** The refused events `who` sees for one request id. */
    const seen = async (who: 'A' | 'B', requestId: string): Promise<{ findings: { code: string }[] }[]> => {
      const res = await call(who, 'GET', '/events?outcome=refused&limit=1000');
      expect(res.status).toBe(200);
      return (res.body as { events: { requestId?: string; findings: { code: string }[] }[] }).events.filter(
        (e) => e.requestId === requestId,
      );
    };
    const codes = (events: { findings: { code: string }[] }[]): string[] =>
      events.flatMap((e) => e.findings.map((f) => f.code));
    // A refusal logged before the appointment's organiser is read: an update without If-Match.
    const noIfMatch = crypto.randomUUID();
    const update = await call('A', 'PUT', `/fhir/Appointment/${appointmentId}`, kantaAppointment({ hetu }), {
      'X-Request-Id': noIfMatch,
    });
    expect(update.status).toBe(428);
    expect(codes(await seen('A', noIfMatch))).toContain('KANTA-APPT-020');
    expect(await seen('B', noIfMatch)).toEqual([]);
    // A refusal naming another organisation (B submitting for A's organiser) is B's, not A's.
    const asA = crypto.randomUUID();
    const foreign = await call(
      'B',
      'POST',
      '/fhir',
      storeBundle(kantaAppointment({ hetu, identifier: 'AJ-TLS-B-AS-A-2' })),
      { 'X-Request-Id': asA },
    );
    expect(foreign.status).toBe(403);
    expect(codes(await seen('B', asA))).toContain('FHIR-ACCESS-002');
    expect(await seen('A', asA)).toEqual([]);
    // An archive submission refused before its body was read (a wrong mode header).
    const badMode = crypto.randomUUID();
    const archived = await call('B', 'POST', '/archive/pta', ptaMessage().message, {
      'Content-Type': 'text/xml',
      'X-Kantasim-Mode': 'sideways',
      'X-Request-Id': badMode,
    });
    expect(archived.status).toBe(400);
    expect(codes(await seen('B', badMode))).toContain('CDA-MSG-014');
    expect(await seen('A', badMode)).toEqual([]);
    // An archive submission for another organisation's register is the caller's refusal.
    const custodian = crypto.randomUUID();
    const intoA = await call('B', 'POST', '/archive/pta', ptaMessage().message, {
      'Content-Type': 'text/xml',
      'X-Request-Id': custodian,
    });
    expect(intoA.status).toBe(403);
    expect(codes(await seen('B', custodian))).toContain('CDA-ACCESS-001');
    expect(await seen('A', custodian)).toEqual([]);
  });
});

describe('every read endpoint as two organisations', () => {
  const hetuB = TEST_HETUS[1];

  beforeAll(async () => {
    const stored = await call(
      'B',
      'POST',
      '/fhir',
      storeBundle(kantaAppointment({ hetu: hetuB, identifier: 'AJ-TLS-B-1' }), { organiser: ORG_KIELO }),
    );
    expect(stored.status).toBe(200);
  });

  it('/fhir Appointment search', async () => {
    expect(((await search('A', hetuB)).body as Bundle).total ?? 0).toBe(0);
    expect(((await search('B', hetuB)).body as Bundle).total ?? 0).toBe(1);
  });

  it('/fhir Provenance search and history', async () => {
    // The service organisers (Provenance agent role 10) of every Provenance in a Bundle.
    const organisers = (bundle: unknown): string[] =>
      ((bundle as Bundle).entry ?? []).flatMap((e) =>
        e.resource?.resourceType === 'Provenance'
          ? (e.resource as Provenance).agent
              .filter((a) => a.role?.some((r) => r.coding?.some((c) => c.code === '10')))
              .map((a) => a.who.identifier?.value ?? '')
          : [],
      );
    for (const [who, own] of [
      ['A', ORG_READY],
      ['B', ORG_KIELO],
    ] as const) {
      const res = await call(who, 'GET', '/fhir/Provenance');
      expect(res.status).toBe(200);
      expect(organisers(res.body).length).toBeGreaterThan(0);
      expect(new Set(organisers(res.body))).toEqual(new Set([`urn:oid:${own}`]));
      const history = await call(who, 'GET', '/fhir/_history');
      expect(new Set(organisers(history.body))).toEqual(new Set([`urn:oid:${own}`]));
      // Totals count the caller's own only, and a page of one is never empty while some are visible.
      for (const path of [
        '/fhir/Provenance',
        '/fhir/_history',
        '/fhir/Provenance/_history',
        '/fhir/Appointment/_history',
      ]) {
        // History takes no _total: up to 1,000 its total is exact anyway.
        const total = path.endsWith('_history') ? '' : '&_total=accurate';
        const all = (await call(who, 'GET', `${path}?_count=1000${total}`)).body as Bundle;
        expect(all.total, `${who} ${path}`).toBe(all.entry?.length ?? 0);
        expect(all.total, `${who} ${path}`).toBeGreaterThan(0);
        const one = (await call(who, 'GET', `${path}?_count=1${total}`)).body as Bundle;
        expect(one.total, `${who} ${path}, a page of one`).toBe(all.total);
        expect(one.entry?.length, `${who} ${path}, a page of one`).toBe(1);
      }
    }
  });

  it('/events and /events/stream', async () => {
    for (const [who, other] of [
      ['A', ORG_KIELO],
      ['B', ORG_READY],
    ] as const) {
      type Listed = { organisation?: string; caller?: string; outcome: string; channel: string };
      const own = who === 'A' ? ORG_READY : ORG_KIELO;
      // The other organisation's events (registry changes included) are never shown; only the
      // caller's own refused attempts naming it (a submission for its organiser) are, as they are the caller's.
      const others = (events: Listed[]): Listed[] =>
        events.filter((e) => e.organisation === other && e.caller !== own);
      const list = (await call(who, 'GET', '/events')).body as { events: Listed[] };
      expect(list.events.length).toBeGreaterThan(0);
      expect(others(list.events)).toEqual([]);
      const asOther = (await call(who, 'GET', `/events?organisation=${other}`)).body as { events: Listed[] };
      expect(asOther.events.every((e) => e.caller === own && e.outcome === 'refused')).toBe(true);
    }
  });

  it('/archive/documents and /runs', async () => {
    for (const who of ['A', 'B'] as const) {
      const other = who === 'A' ? '1.2.246.10.2876543.19.0' : '1.2.246.10.3210987.19.0';
      const docs = (await call(who, 'GET', `/archive/documents?custodian=${other}`)).body as {
        total: number;
      };
      expect(docs.total).toBe(0);
      const runs = await call(who, 'GET', `/runs?organisation=${who === 'A' ? ORG_KIELO : ORG_READY}`);
      expect((runs.body as { runs: unknown[] }).runs).toEqual([]);
    }
  });
});

describe('Schedule and Slot as two organisations', () => {
  const ids = { service: '', schedule: '', slot: '', shared: '' };
  const created = async (who: 'A' | 'B', resource: Record<string, unknown>): Promise<Answer> =>
    call(who, 'POST', `/fhir/${String(resource.resourceType)}`, resource);
  const idOf = (a: Answer): string => (a.body as { id?: string }).id ?? '';
  const found = async (who: 'A' | 'B', type: string): Promise<string[]> => {
    const res = await call(who, 'GET', `/fhir/${type}?_count=100`);
    expect(res.status, res.text).toBe(200);
    return ((res.body as Bundle).entry ?? []).map((e) => e.resource?.id ?? '');
  };

  beforeAll(async () => {
    const service = await created('A', {
      resourceType: 'HealthcareService',
      name: 'Kuusijärven terveysasema, vastaanotto',
      providedBy: { identifier: { system: 'urn:ietf:rfc:3986', value: `urn:oid:${ORG_READY}` } },
    });
    expect(service.status, service.text).toBe(201);
    ids.service = idOf(service);
    const schedule = await created('A', {
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: `HealthcareService/${ids.service}` }],
    });
    expect(schedule.status, schedule.text).toBe(201);
    ids.schedule = idOf(schedule);
    const slot = await created('A', {
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${ids.schedule}` },
      status: 'free',
      start: '2026-12-14T08:00:00+02:00',
      end: '2026-12-14T08:30:00+02:00',
    });
    expect(slot.status, slot.text).toBe(201);
    ids.slot = idOf(slot);
    const practitioner = await created('B', { resourceType: 'Practitioner', name: [{ family: 'Lääkäri' }] });
    const shared = await created('B', {
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: `Practitioner/${idOf(practitioner)}` }],
    });
    expect(shared.status, shared.text).toBe(201);
    ids.shared = idOf(shared);
    // A type every organisation sees has one history for all, with the store's own paging.
    const histories = await Promise.all(
      (['A', 'B'] as const).map(
        async (who) => (await call(who, 'GET', '/fhir/Practitioner/_history?_count=1')).body as Bundle,
      ),
    );
    for (const h of histories) {
      expect(h.total).toBeGreaterThan(0);
      expect(h.entry?.length).toBe(1);
    }
    expect(histories[1]?.total).toBe(histories[0]?.total);
    expect(histories[1]?.entry?.[0]?.fullUrl).toBe(histories[0]?.entry?.[0]?.fullUrl);
  });

  it('A finds and reads its Schedule and Slot; B does not see them', async () => {
    expect(await found('A', 'Schedule')).toEqual(expect.arrayContaining([ids.schedule, ids.shared]));
    expect(await found('A', 'Slot')).toContain(ids.slot);
    expect(await found('B', 'Schedule')).not.toContain(ids.schedule);
    expect(await found('B', 'Slot')).not.toContain(ids.slot);
    expect((await call('A', 'GET', `/fhir/Schedule/${ids.schedule}`)).status).toBe(200);
    expect((await call('B', 'GET', `/fhir/Schedule/${ids.schedule}`)).status).toBe(404);
    expect((await call('B', 'GET', `/fhir/Slot/${ids.slot}`)).status).toBe(404);
    expect((await call('B', 'GET', `/fhir/Slot/${ids.slot}/_history`)).status).toBe(404);
    // A Schedule whose actors name no organisation stays shared.
    expect((await call('A', 'GET', `/fhir/Schedule/${ids.shared}`)).status).toBe(200);
  });

  it("counts and pages B's own matches only: A's schedules and slots are in no total and no page", async () => {
    const page = async (who: 'A' | 'B', query: string): Promise<{ total?: number; ids: string[] }> => {
      const res = await call(who, 'GET', `/fhir/${query}`);
      expect(res.status, res.text).toBe(200);
      const bundle = res.body as Bundle;
      return {
        ids: (bundle.entry ?? []).map((e) => e.resource?.id ?? ''),
        ...(bundle.total !== undefined && { total: bundle.total }),
      };
    };
    // B sees the shared schedule only; a page of one must hold it, whatever order A's schedule has.
    for (const total of ['accurate', 'estimate']) {
      const first = await page('B', `Schedule?_count=1&_total=${total}`);
      expect(first, `_total=${total}`).toEqual({ total: 1, ids: [ids.shared] });
      expect(await page('B', `Slot?_count=1&_total=${total}`), `_total=${total}`).toEqual({
        total: 0,
        ids: [],
      });
    }
    // A sees both schedules; page by page, nothing is skipped or repeated.
    const a1 = await page('A', 'Schedule?_count=1&_total=accurate&_sort=_lastUpdated');
    expect(a1.total).toBe(2);
    const a2 = await page('A', 'Schedule?_count=1&_total=accurate&_sort=_lastUpdated&_offset=1');
    expect([...a1.ids, ...a2.ids].sort()).toEqual([ids.schedule, ids.shared].sort());
  });

  it("B may not write A's Schedule or Slot, nor create one for A's service", async () => {
    const refused = (a: Answer, what: string): void => {
      expect(a.status, `${what}: ${a.text}`).toBe(403);
      expect(codesOf(a.body), what).toContain('FHIR-ACCESS-002');
      expect(JSON.stringify(a.body), what).toContain(ORG_READY);
    };
    refused(
      await call('B', 'PUT', `/fhir/Schedule/${ids.schedule}`, {
        resourceType: 'Schedule',
        id: ids.schedule,
        active: false,
        actor: [{ reference: `HealthcareService/${ids.service}` }],
      }),
      'update of the schedule',
    );
    refused(await call('B', 'DELETE', `/fhir/Slot/${ids.slot}`), 'delete of the slot');
    refused(
      await created('B', {
        resourceType: 'Slot',
        schedule: { reference: `Schedule/${ids.schedule}` },
        status: 'free',
        start: '2026-12-14T09:00:00+02:00',
        end: '2026-12-14T09:30:00+02:00',
      }),
      "a slot on A's schedule",
    );
    refused(
      await created('B', {
        resourceType: 'Schedule',
        actor: [{ reference: `HealthcareService/${ids.service}` }],
      }),
      "a schedule for A's service",
    );
    // Nothing changed: A's slot is still there, and A's schedule still active.
    expect((await call('A', 'GET', `/fhir/Slot/${ids.slot}`)).status).toBe(200);
    expect(
      ((await call('A', 'GET', `/fhir/Schedule/${ids.schedule}`)).body as { active?: boolean }).active,
    ).toBe(true);
    // A may change its own.
    const own = await call('A', 'PUT', `/fhir/Slot/${ids.slot}`, {
      resourceType: 'Slot',
      id: ids.slot,
      schedule: { reference: `Schedule/${ids.schedule}` },
      status: 'busy',
      start: '2026-12-14T08:00:00+02:00',
      end: '2026-12-14T08:30:00+02:00',
    });
    expect(own.status, own.text).toBe(200);
  });

  it("B may not move A's service, place, role or organisation to itself; A may change its own", async () => {
    const refused = (a: Answer, what: string, path: string): void => {
      expect(a.status, `${what}: ${a.text}`).toBe(403);
      expect(codesOf(a.body), what).toContain('FHIR-ACCESS-002');
      expect(JSON.stringify(a.body), what).toContain(ORG_READY);
      expect(JSON.stringify(a.body), what).toContain(path);
    };
    const providedBy = (oid: string): Record<string, unknown> => ({
      identifier: { system: 'urn:ietf:rfc:3986', value: `urn:oid:${oid}` },
    });
    // Moving A's service to B would hand B A's schedules and slots.
    refused(
      await call('B', 'PUT', `/fhir/HealthcareService/${ids.service}`, {
        resourceType: 'HealthcareService',
        id: ids.service,
        name: 'Kuusijärven terveysasema, vastaanotto',
        providedBy: providedBy(ORG_KIELO),
      }),
      "update of A's service",
      'HealthcareService.id',
    );
    refused(
      await call('B', 'DELETE', `/fhir/HealthcareService/${ids.service}`),
      "delete of A's service",
      'HealthcareService.id',
    );
    refused(
      await created('B', {
        resourceType: 'Location',
        name: 'Vastaanotto 2',
        managingOrganization: providedBy(ORG_READY),
      }),
      'a location for A',
      'Location.managingOrganization',
    );
    refused(
      await created('B', { resourceType: 'PractitionerRole', organization: providedBy(ORG_READY) }),
      'a role in A',
      'PractitionerRole.organization',
    );
    refused(
      await created('B', {
        resourceType: 'Organization',
        name: 'Kuusijärvi',
        identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:oid:${ORG_READY}` }],
      }),
      "an Organization with A's OID",
      'Organization.identifier',
    );
    // The same inside a transaction Bundle.
    refused(
      await call('B', 'POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: {
              resourceType: 'HealthcareService',
              id: ids.service,
              providedBy: providedBy(ORG_KIELO),
            },
            request: { method: 'PUT', url: `HealthcareService/${ids.service}` },
          },
        ],
      }),
      "a transaction moving A's service",
      'Bundle.entry[0].request.url',
    );
    refused(
      await call('B', 'POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: { resourceType: 'HealthcareService', providedBy: providedBy(ORG_READY) },
            request: { method: 'POST', url: 'HealthcareService' },
          },
        ],
      }),
      'a transaction creating a service for A',
      'Bundle.entry[0].resource.providedBy',
    );
    // However the entry's URL is spelt, it is judged as the request it becomes.
    for (const url of [
      `/HealthcareService/${ids.service}`,
      `./HealthcareService/${ids.service}`,
      `HealthcareService%2F${ids.service}`,
    ]) {
      refused(
        await call('B', 'POST', '/fhir', {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [{ request: { method: 'DELETE', url } }],
        }),
        `a transaction deleting A's service as ${url}`,
        'HealthcareService.id',
      );
      const batch = await call('B', 'POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          {
            resource: {
              resourceType: 'HealthcareService',
              id: ids.service,
              providedBy: providedBy(ORG_KIELO),
            },
            request: { method: 'PUT', url },
          },
        ],
      });
      expect(batch.status, batch.text).toBe(200);
      expect(
        (batch.body as Bundle).entry?.[0]?.response?.status,
        `a batch moving A's service as ${url}`,
      ).toMatch(/^403/);
    }
    // Nothing moved: B still does not see A's schedule, A still does, and the service still names A.
    expect((await call('B', 'GET', `/fhir/Schedule/${ids.schedule}`)).status).toBe(404);
    expect((await call('A', 'GET', `/fhir/Schedule/${ids.schedule}`)).status).toBe(200);
    const service = await call('B', 'GET', `/fhir/HealthcareService/${ids.service}`);
    expect(service.status, 'the service stays readable by everyone').toBe(200);
    expect(JSON.stringify(service.body)).toContain(ORG_READY);
    // A may change its own service, and B create its own.
    const own = await call('A', 'PUT', `/fhir/HealthcareService/${ids.service}`, {
      resourceType: 'HealthcareService',
      id: ids.service,
      name: 'Kuusijärven terveysasema, ajanvaraus',
      providedBy: providedBy(ORG_READY),
    });
    expect(own.status, own.text).toBe(200);
    const mine = await created('B', {
      resourceType: 'Location',
      name: 'Kielo',
      managingOrganization: providedBy(ORG_KIELO),
    });
    expect(mine.status, mine.text).toBe(201);
  });
});

describe('archiving and recording runs as two organisations', () => {
  interface Ack {
    acknowledgement: string;
    details: { code: string; text: string }[];
  }
  const archive = (who: 'A' | 'B', message: string): Promise<Answer> =>
    call(who, 'POST', '/archive/pta', message, { 'Content-Type': 'text/xml' });
  const listed = async (who: 'A' | 'B'): Promise<string[]> => {
    const res = await call(who, 'GET', '/archive/documents');
    expect(res.status, res.text).toBe(200);
    return (res.body as { documents: { oid: string }[] }).documents.map((d) => d.oid);
  };

  it('A archives its own document and finds it in /archive/documents; B does not', async () => {
    // The fixture document's custodian is A's register controller (a unit of A by partOf).
    const own = ptaMessage();
    const res = await archive('A', own.message);
    expect(res.status).toBe(201);
    expect((res.body as Ack).acknowledgement).toBe('AA');
    expect(await listed('A')).toContain(own.oid);
    expect(await listed('B')).not.toContain(own.oid);
    expect((await call('B', 'GET', `/archive/documents/${own.oid}`)).status).toBe(404);
    expect((await call('A', 'GET', `/archive/documents/${own.oid}`)).status).toBe(200);
  });

  it("B archiving a document whose custodian is A's register gets 403 CDA-ACCESS-001, nothing stored", async () => {
    const foreign = ptaMessage();
    const res = await archive('B', foreign.message);
    expect(res.status).toBe(403);
    const ack = res.body as Ack;
    expect(ack.acknowledgement).not.toBe('AA');
    const finding = ack.details.find((d) => d.code === 'CDA-ACCESS-001');
    expect(finding).toBeDefined();
    expect(finding?.text).toContain('1.2.246.10.3210987.19.0');
    expect(await listed('A')).not.toContain(foreign.oid);
    expect(await listed('B')).not.toContain(foreign.oid);
  });

  interface NullifyEvent {
    outcome: string;
    summary: string;
    findings: Finding[];
  }
  /** The nullification events about `oid` in `who`'s event log. */
  const nullifyEvents = async (who: 'A' | 'B', oid: string): Promise<NullifyEvent[]> =>
    (
      (await call(who, 'GET', '/events?kind=document.nullify&limit=1000')).body as { events: NullifyEvent[] }
    ).events.filter((e) => e.summary.includes(oid));

  it("A nullifying its document without naming itself is refused and in A's event log, not B's", async () => {
    const own = ptaMessage();
    expect((await archive('A', own.message)).status).toBe(201);
    const res = await call('A', 'POST', `/archive/documents/${own.oid}/nullify`, {
      reason: 'väärä potilas',
      by: 'arkistonhoitaja',
    });
    expect(res.status, res.text).toBe(403);
    expect((res.body as { error: { code: string } }).error.code).toBe('access-operator-only');
    const refusedIn = (who: 'A' | 'B'): Promise<NullifyEvent[]> => nullifyEvents(who, own.oid);
    const inA = await refusedIn('A');
    expect(inA.map((e) => [e.outcome, e.findings.map((f) => f.code)])).toEqual([
      ['refused', ['access-operator-only']],
    ]);
    expect(canLocalise(inA[0]?.findings[0] as Finding)).toBe(true);
    expect(await refusedIn('B')).toEqual([]);
    // Naming itself, A may.
    const named = await call('A', 'POST', `/archive/documents/${own.oid}/nullify`, {
      reason: 'väärä potilas',
      by: 'arkistonhoitaja',
      organisation: '1.2.246.10.3210987.10.0',
    });
    expect(named.status, named.text).toBe(200);
  });

  it("B nullifying A's document gets the 404 of an unknown one, logged in B's event log only", async () => {
    const own = ptaMessage();
    expect((await archive('A', own.message)).status).toBe(201);
    const body = { reason: 'väärä potilas', by: 'arkistonhoitaja', organisation: '1.2.246.10.2876543.10.0' };
    const foreign = await call('B', 'POST', `/archive/documents/${own.oid}/nullify`, body);
    const unknown = await call('B', 'POST', '/archive/documents/1.2.246.10.404.1/nullify', body);
    expect([foreign.status, unknown.status]).toEqual([404, 404]);
    expect((foreign.body as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'not-found',
      message: `no archived document ${own.oid}`,
    });
    const about = (who: 'A' | 'B'): Promise<NullifyEvent[]> => nullifyEvents(who, own.oid);
    const inB = await about('B');
    expect(inB.map((e) => [e.outcome, e.findings.map((f) => f.code)])).toEqual([
      ['refused', ['CDA-NUL-001']],
    ]);
    expect(canLocalise(inB[0]?.findings[0] as Finding)).toBe(true);
    expect(await about('A'), "A's log does not learn that B tried").toEqual([]);
    expect(await listed('A'), 'not nullified: still listed').toContain(own.oid);
  });

  it('A recording a run that names another organisation gets 403 access-out-of-scope', async () => {
    // sampleRun() holds a scenario of A (Kuusijärvi) and one of Lumme, which is outside A's scope.
    const res = await call('A', 'POST', '/runs', sampleRun());
    expect(res.status).toBe(403);
    const error = (res.body as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('access-out-of-scope');
    expect(error.message).toContain(LUMME);
    expect(((await call('A', 'GET', '/runs')).body as { runs: unknown[] }).runs).toEqual([]);
    // A run of A's own scenario only is recorded, and B does not see it.
    const run = sampleRun();
    run.scenarios = run.scenarios.filter((s) => s.organisation?.oid === KUUSIJARVI);
    const own = await call('A', 'POST', '/runs', run);
    expect(own.status).toBe(201);
    const ownId = (own.body as { runs: { id: string }[] }).runs[0]?.id ?? '';
    expect(
      ((await call('B', 'GET', '/runs')).body as { runs: { id: string }[] }).runs.map((r) => r.id),
    ).not.toContain(ownId);
    expect((await call('B', 'GET', `/runs/${ownId}`)).status).toBe(404);
  });
});

describe('headers and tokens', () => {
  it('refuses a request without X-Request-Id', async () => {
    const res = await requestWithCertificate(
      `${server.url}/events`,
      { method: 'GET', headers: { Accept: 'application/json' }, timeoutMs: 10_000 },
      agents.A as Agent,
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('missing-request-id');
  });

  it('refuses a FHIR request without X-Request-Id with an OperationOutcome', async () => {
    const res = await requestWithCertificate(
      `${server.url}/fhir/metadata`,
      { method: 'GET', headers: { Accept: 'application/fhir+json' }, timeoutMs: 10_000 },
      agents.A as Agent,
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('FHIR-HDR-001');
  });

  it("answers the gate's FHIR refusals in the language Accept-Language asks for", async () => {
    const texts = async (lang: string): Promise<string[]> => {
      const noId = await requestWithCertificate(
        `${server.url}/fhir/metadata`,
        {
          method: 'GET',
          headers: { Accept: 'application/fhir+json', 'Accept-Language': lang },
          timeoutMs: 10_000,
        },
        agents.A as Agent,
      );
      const noCertificate = await call('none', 'GET', '/fhir/metadata', undefined, {
        'Accept-Language': lang,
      });
      const outcomes = [JSON.parse(noId.text) as OperationOutcome, noCertificate.body as OperationOutcome];
      return outcomes.map((o) => {
        const issue = o.issue[0];
        const code = issue?.details?.coding?.[0]?.code ?? '';
        const text = issue?.details?.text ?? '';
        if (lang === 'en') expect(canLocalise({ code, message: text }), text).toBe(true);
        return `${code}: ${text}`;
      });
    };
    const [en, fi, sv] = [await texts('en'), await texts('fi'), await texts('sv')];
    expect(en.map((t) => t.split(':')[0])).toEqual(['FHIR-HDR-001', 'FHIR-ACCESS-001']);
    for (const i of [0, 1]) {
      expect(fi[i], 'Finnish differs from English').not.toBe(en[i]);
      expect(sv[i], 'Swedish differs from English and Finnish').not.toBe(en[i]);
      expect(sv[i]).not.toBe(fi[i]);
    }
  });

  it('the operator creates archivists, with a passcode only', async () => {
    const body = {
      id: 'arkistonhoitaja.tls',
      name: 'Testi Arkistonhoitaja',
      registerController: '1.2.246.10.3210987.19.0',
    };
    const without = await call('operator', 'POST', '/registry/archivists', body);
    expect(without.status).toBe(400);
    expect((without.body as { error: { code: string } }).error.code).toBe('passcode-required');
    expect(
      (await call('operator', 'POST', '/registry/archivists', { ...body, passcode: 'salasana-123' })).status,
    ).toBe(201);
    expect(
      (await call('A', 'POST', '/registry/archivists', { ...body, passcode: 'salasana-123' })).status,
    ).toBe(403);
  });

  it('with requireJwt: a missing or bad token gets 401 without body; a good one passes', async () => {
    const jwt = await startTestSimulator({ tls: { caDir: dir }, requireJwt: true });
    try {
      const get = (authorization?: string): ReturnType<typeof requestWithCertificate> =>
        requestWithCertificate(
          `${jwt.url}/events`,
          {
            method: 'GET',
            headers: {
              'X-Request-Id': 'r-1',
              ...(authorization !== undefined && { Authorization: authorization }),
            },
            timeoutMs: 10_000,
          },
          agents.A as Agent,
        );
      const missing = await get();
      expect(missing.status).toBe(401);
      expect(missing.text).toBe('');
      expect((await get('Bearer not.a.token')).status).toBe(401);
      const forB = await issueToken(dir, { org: ORG_KIELO });
      expect((await get(`Bearer ${forB}`)).status).toBe(401);
      const good = await issueToken(dir, { org: ORG_READY });
      expect((await get(`Bearer ${good}`)).status).toBe(200);
    } finally {
      await jwt.close();
    }
  });
});
