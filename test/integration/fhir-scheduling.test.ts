/**
 * Scheduling resources over real HTTP with fhir-kit-client: CRUD, vread, history, search parameters,
 * `_include`, `_sort`, batch and transaction Bundles, and conditional create under concurrency.
 */
import type {
  Bundle,
  HealthcareService,
  OperationOutcome,
  Organization,
  Patient,
  Schedule,
  Slot,
} from 'fhir/r4.js';
import { FhirTestClient as Client } from './fhir-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startTestSimulator();
  client = new Client(`${server.url}/fhir`);
});
afterAll(async () => {
  await server.close();
});

const OID = (oid: string): { system: string; value: string } => ({
  system: 'urn:ietf:rfc:3986',
  value: `urn:oid:${oid}`,
});

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/fhir/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('CRUD, versions and history', () => {
  it('creates, reads, updates with version checks, vreads, deletes and keeps history', async () => {
    const created = (await client.create({
      resourceType: 'Organization',
      body: {
        resourceType: 'Organization',
        name: 'Kuusijärven terveysasema',
        identifier: [OID('1.2.246.10.3210987.10.2')],
      },
    })) as Organization;
    const id = created.id ?? '';
    expect(created.meta?.versionId).toBe('1');

    const v2 = (await client.update({
      resourceType: 'Organization',
      id,
      body: { ...created, name: 'Kuusijärven terveysasema (uusi nimi)' },
      options: { headers: { 'If-Match': 'W/"1"' } },
    })) as Organization;
    expect(v2.meta?.versionId).toBe('2');

    const stale = await fetch(`${server.url}/fhir/Organization/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/fhir+json', 'If-Match': 'W/"1"' },
      body: JSON.stringify({ ...created, name: 'lost update' }),
    });
    expect(stale.status).toBe(412);

    const old = (await client.vread({ resourceType: 'Organization', id, version: '1' })) as Organization;
    expect(old.name).toBe('Kuusijärven terveysasema');

    await client.delete({ resourceType: 'Organization', id });
    expect((await fetch(`${server.url}/fhir/Organization/${id}`)).status).toBe(410);

    const history = (await client.history({ resourceType: 'Organization', id })) as Bundle;
    expect(history.type).toBe('history');
    expect(history.entry?.map((e) => e.request?.method)).toEqual(['DELETE', 'PUT', 'POST']);
    const typeHistory = (await client.history({ resourceType: 'Organization' })) as Bundle;
    expect(typeHistory.total).toBeGreaterThanOrEqual(3);
  });

  it('answers unknown ids and versions with 404', async () => {
    expect((await fetch(`${server.url}/fhir/Patient/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/fhir/Patient/nope/_history/1`)).status).toBe(404);
    expect((await fetch(`${server.url}/fhir/Patient/nope/_history`)).status).toBe(404);
  });
});

describe('search', () => {
  let orgId = '';
  let practitionerId = '';
  let scheduleId = '';
  let serviceId = '';
  beforeAll(async () => {
    orgId =
      (
        (await client.create({
          resourceType: 'Organization',
          body: { resourceType: 'Organization', name: 'Lääkäriasema Kielo' },
        })) as Organization
      ).id ?? '';
    practitionerId =
      (
        (await client.create({
          resourceType: 'Practitioner',
          body: {
            resourceType: 'Practitioner',
            name: [{ family: 'Lääkäri', given: ['Leena'] }],
            active: true,
          },
        })) as { id?: string }
      ).id ?? '';
    const service = (await client.create({
      resourceType: 'HealthcareService',
      body: {
        resourceType: 'HealthcareService',
        name: 'Lastenvalvojan vastaanotto',
        providedBy: { reference: `Organization/${orgId}` },
        type: [{ coding: [{ system: 'urn:oid:1.2.246.537.6.49.201501', code: 'NC' }] }],
        active: true,
      },
    })) as HealthcareService;
    serviceId = service.id ?? '';
    scheduleId =
      (
        (await client.create({
          resourceType: 'Schedule',
          body: {
            resourceType: 'Schedule',
            active: true,
            actor: [
              { reference: `Practitioner/${practitionerId}` },
              { reference: `HealthcareService/${serviceId}` },
            ],
          },
        })) as Schedule
      ).id ?? '';
    for (let h = 8; h < 14; h++) {
      await client.create({
        resourceType: 'Slot',
        body: {
          resourceType: 'Slot',
          schedule: { reference: `Schedule/${scheduleId}` },
          status: h % 2 === 0 ? 'free' : 'busy',
          start: `2026-10-05T${String(h).padStart(2, '0')}:00:00Z`,
          end: `2026-10-05T${String(h).padStart(2, '0')}:30:00Z`,
          serviceType: [{ coding: [{ system: 'urn:oid:1.2.246.537.6.49.201501', code: 'NC' }] }],
        },
      });
    }
  });

  it('finds slots by schedule, status, start and service type, sorted by start, with _include', async () => {
    const bundle = (await client.search({
      resourceType: 'Slot',
      searchParams: {
        schedule: `Schedule/${scheduleId}`,
        status: 'free',
        start: 'ge2026-10-05T09:00:00Z',
        _sort: '-start',
        _include: 'Slot:schedule',
      },
    })) as Bundle;
    const slots = bundle.entry
      ?.filter((e) => e.search?.mode === 'match')
      .map((e) => (e.resource as Slot).start);
    expect(slots).toEqual(['2026-10-05T12:00:00Z', '2026-10-05T10:00:00Z']);
    expect(
      bundle.entry?.filter((e) => e.search?.mode === 'include').map((e) => e.resource?.resourceType),
    ).toEqual(['Schedule']);
    const byType = (await client.search({
      resourceType: 'Slot',
      searchParams: { 'service-type': 'urn:oid:1.2.246.537.6.49.201501|NC' },
    })) as Bundle;
    expect(byType.total).toBe(6);
  });

  it('finds schedules by actor and includes the actors; services by organisation and name', async () => {
    const schedules = (await client.search({
      resourceType: 'Schedule',
      searchParams: { actor: `Practitioner/${practitionerId}`, _include: 'Schedule:actor' },
    })) as Bundle;
    expect(schedules.total).toBe(1);
    expect(schedules.entry?.map((e) => e.resource?.resourceType).sort()).toEqual([
      'HealthcareService',
      'Practitioner',
      'Schedule',
    ]);
    const services = (await client.search({
      resourceType: 'HealthcareService',
      searchParams: { organization: orgId, name: 'lasten' },
    })) as Bundle;
    expect(services.total).toBe(1);
    const practitioners = (await client.search({
      resourceType: 'Practitioner',
      searchParams: { family: 'lääk', active: 'true' },
    })) as Bundle;
    expect(practitioners.total).toBe(1);
  });

  it('pages with _count and next links, and accepts POST _search', async () => {
    const first = (await client.search({
      resourceType: 'Slot',
      searchParams: { _count: '4', _sort: 'start' },
    })) as Bundle;
    expect(first.entry).toHaveLength(4);
    const second = (await client.nextPage({ bundle: first })) as Bundle;
    expect(second.entry).toHaveLength(2);
    const posted = (await client.search({
      resourceType: 'Slot',
      searchParams: { status: 'busy' },
      options: { postSearch: true },
    })) as Bundle;
    expect(posted.total).toBe(3);
  });

  it('refuses unknown parameters, bad dates and unsupported sorts with 400', async () => {
    for (const query of [
      'Slot?colour=red',
      'Slot?start=yesterday',
      'Slot?_sort=status',
      'Slot?_include=Slot:nothing',
      'Slot?_count=lots',
    ]) {
      const res = await fetch(`${server.url}/fhir/${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
    }
  });
});

describe('conditional create', () => {
  it('50 parallel identical conditional creates make exactly one resource', async () => {
    const body: Patient = {
      resourceType: 'Patient',
      identifier: [{ system: 'urn:oid:1.2.246.21', value: '010594Y9032' }],
      name: [{ family: 'Rinnakkainen' }],
    };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        post('Patient', body, { 'If-None-Exist': 'identifier=urn:oid:1.2.246.21|010594Y9032' }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as Patient).id)));
    expect(ids.size).toBe(1);
    const found = (await client.search({
      resourceType: 'Patient',
      searchParams: { identifier: 'urn:oid:1.2.246.21|010594Y9032' },
    })) as Bundle;
    expect(found.total).toBe(1);
  });

  it('refuses a conditional create whose criteria match several resources (412)', async () => {
    for (let i = 0; i < 2; i++)
      await post('Practitioner', { resourceType: 'Practitioner', name: [{ family: 'Kaksonen' }] });
    const res = await post(
      'Practitioner',
      { resourceType: 'Practitioner', name: [{ family: 'Kaksonen' }] },
      { 'If-None-Exist': 'family=Kaksonen' },
    );
    expect(res.status).toBe(412);
  });
});

describe('Bundles of scheduling resources', () => {
  it('a transaction resolves urn:uuid references and stores everything', async () => {
    const res = (await client.transaction({
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001',
            resource: { resourceType: 'Schedule', active: true, actor: [{ display: 'Vastaanotto 1' }] },
            request: { method: 'POST', url: 'Schedule' },
          },
          {
            resource: {
              resourceType: 'Slot',
              schedule: { reference: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001' },
              status: 'free',
              start: '2026-12-01T08:00:00Z',
              end: '2026-12-01T08:30:00Z',
            },
            request: { method: 'POST', url: 'Slot' },
          },
        ],
      },
    })) as Bundle;
    const [scheduleLoc, slotLoc] = res.entry?.map((e) => e.response?.location ?? '') ?? [];
    const slot = (await client.read({ resourceType: 'Slot', id: slotLoc?.split('/').at(-3) ?? '' })) as Slot;
    expect(`${slot.schedule.reference ?? ''}/_history/1`).toBe(scheduleLoc?.replace(/^.*\/fhir\//, ''));
  });

  it('a transaction with a bad second entry stores nothing', async () => {
    const before = ((await client.history({ resourceType: 'Location' })) as Bundle).total;
    const res = await post('', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: { resourceType: 'Location', name: 'Atomic' },
          request: { method: 'POST', url: 'Location' },
        },
        {
          resource: { resourceType: 'Location', name: 'Broken', status: 'exploded' },
          request: { method: 'POST', url: 'Location' },
        },
      ],
    });
    expect(res.status).toBe(400);
    const oo = (await res.json()) as OperationOutcome;
    expect(oo.issue[0]?.diagnostics).toMatch(/entry 1/);
    expect(((await client.history({ resourceType: 'Location' })) as Bundle).total).toBe(before);
  });

  it('a batch answers each entry on its own', async () => {
    const res = (await client.batch({
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          {
            resource: { resourceType: 'Location', name: 'Batch OK' },
            request: { method: 'POST', url: 'Location' },
          },
          {
            resource: { resourceType: 'Location', name: 'Batch bad', status: 'nope' },
            request: { method: 'POST', url: 'Location' },
          },
          { request: { method: 'GET', url: 'Location?name=Batch' } },
          { request: { method: 'GET', url: 'Location/missing' } },
        ],
      },
    })) as Bundle;
    expect(res.type).toBe('batch-response');
    expect(res.entry?.map((e) => e.response?.status.split(' ')[0])).toEqual(['201', '400', '200', '404']);
    expect((res.entry?.[2]?.resource as Bundle).total).toBe(1);
  });
});

describe('CapabilityStatement', () => {
  it('lists what the route table serves', async () => {
    const cs = (await client.capabilityStatement()) as {
      rest: {
        resource: { type: string; interaction: { code: string }[]; searchParam?: { name: string }[] }[];
        interaction: { code: string }[];
      }[];
    };
    const resources = cs.rest[0]?.resource ?? [];
    const appointment = resources.find((r) => r.type === 'Appointment');
    expect(appointment?.interaction.map((i) => i.code).sort()).toEqual([
      'create',
      'history-instance',
      'history-type',
      'read',
      'search-type',
      'update',
      'vread',
    ]);
    expect(appointment?.searchParam?.map((p) => p.name)).toContain('patient:identifier');
    const slot = resources.find((r) => r.type === 'Slot');
    expect(slot?.interaction.map((i) => i.code)).toContain('delete');
    expect(cs.rest[0]?.interaction.map((i) => i.code)).toEqual(['transaction', 'batch', 'history-system']);
  });
});

describe('rehearsal mode set by the server', () => {
  let rehearsal: RunningServer;
  beforeAll(async () => {
    rehearsal = await startTestSimulator({ mode: 'rehearsal' });
  });
  afterAll(async () => {
    await rehearsal.close();
  });
  // A content error rehearsal may relax (pat-1); a real-range identity code it may not (below).
  const invalidPatient = {
    resourceType: 'Patient',
    contact: [{ gender: 'female' }],
  };
  const realRangePatient = {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:oid:1.2.246.21', value: '131052-308T' }],
  };

  it('refuses a real-range identity code although the server runs in rehearsal mode', async () => {
    const res = await fetch(`${rehearsal.url}/fhir/Patient`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(realRangePatient),
    });
    expect(res.status).toBe(422);
    const oo = (await res.json()) as OperationOutcome;
    expect(oo.issue.map((i) => [i.severity, i.details?.coding?.[0]?.code])).toEqual([
      ['error', 'KANTA-ID-002'],
    ]);
  });

  it('stores an invalid resource tagged invalid and answers 201 with the findings as warnings', async () => {
    const res = await fetch(`${rehearsal.url}/fhir/Patient`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(invalidPatient),
    });
    expect(res.status).toBe(201);
    const oo = (await res.json()) as OperationOutcome;
    expect(oo.issue.map((i) => [i.severity, i.details?.coding?.[0]?.code])).toEqual([
      ['warning', 'R4-INV-pat-1'],
    ]);
    const stored = (await (await fetch(res.headers.get('location') ?? '')).json()) as Patient;
    expect(stored.meta?.tag).toContainEqual(expect.objectContaining({ code: 'invalid' }));
    const events = (await (await fetch(`${rehearsal.url}/events?channel=fhir`)).json()) as {
      events: { outcome: string; details?: { invalidStored?: boolean; mode?: string } }[];
    };
    expect(events.events.at(-1)).toMatchObject({
      outcome: 'accepted-with-warnings',
      details: { invalidStored: true, mode: 'rehearsal' },
    });
  });

  it('a request can ask for strict mode with X-Kantasim-Mode', async () => {
    const res = await fetch(`${rehearsal.url}/fhir/Patient`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json', 'X-Kantasim-Mode': 'strict' },
      body: JSON.stringify(invalidPatient),
    });
    expect(res.status).toBe(422);
  });

  it('a valid resource stored in rehearsal mode carries no tag', async () => {
    const res = await fetch(`${rehearsal.url}/fhir/Patient`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Kunnossa' }] }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Patient).meta?.tag).toBeUndefined();
  });
});
