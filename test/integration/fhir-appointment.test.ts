/**
 * The Kanta appointment API over real HTTP, driven with fhir-kit-client as a vendor system would:
 * book, reschedule by replace, cancel by status, nullify; search and history with body parameters;
 * paging; transaction atomicity; rehearsal mode; the event log.
 */
import type { Appointment, Bundle, OperationOutcome, Provenance } from 'fhir/r4.js';
import { FhirTestClient as Client } from './fhir-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  kantaAppointment,
  nullifyBundle,
  ORG_NOT_DEPLOYED,
  ORG_READY,
  replaceBundle,
  storeBundle,
  TEST_HETUS,
  UNIT_READY,
} from '../../fixtures/fhir/appointment.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import type { SubmissionEvent } from '../../simulator/domain/events.ts';

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startTestSimulator();
  client = new Client(`${server.url}/fhir`);
});
afterAll(async () => {
  await server.close();
});

const idOf = (location: string | undefined): string =>
  /Appointment\/([^/]+)\//.exec(location ?? '')?.[1] ?? '';

async function store(
  appointment: Appointment,
  organiser?: string,
): Promise<{ id: string; response: Bundle }> {
  const response = (await client.transaction({
    body: storeBundle(appointment, organiser !== undefined ? { organiser } : {}),
  })) as Bundle;
  return { id: idOf(response.entry?.[0]?.response?.location), response };
}

async function search(params: Record<string, string>): Promise<Bundle> {
  return (await client.search({
    resourceType: 'Appointment',
    searchParams: params,
    options: { postSearch: true },
  })) as Bundle;
}

function codes(oo: OperationOutcome): string[] {
  return oo.issue.flatMap(
    (i) =>
      i.details?.coding
        ?.filter((c) => c.system !== 'urn:oid:1.2.246.537.5.40112.2006')
        .map((c) => c.code ?? '') ?? [],
  );
}

async function rawPost(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/fhir/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', ...headers },
    body: JSON.stringify(body),
  });
}

async function eventsSince(seq: number): Promise<SubmissionEvent[]> {
  const res = await fetch(`${server.url}/events?since=${seq}&channel=fhir`);
  const body = (await res.json()) as { events?: SubmissionEvent[] } | SubmissionEvent[];
  return Array.isArray(body) ? body : (body.events ?? []);
}

describe('the booking lifecycle', () => {
  it('books, reschedules by replace, cancels by status and nullifies an appointment', async () => {
    const hetu = TEST_HETUS[1];
    const seqBefore = await server.store.events.lastSeq();

    // Book.
    const booked = await store(kantaAppointment({ hetu, identifier: 'AJ-LIFE-1' }));
    expect(booked.response.type).toBe('transaction-response');
    expect(booked.response.entry?.map((e) => e.response?.status)).toEqual(['201 Created', '201 Created']);
    expect(booked.response.entry?.[0]?.response?.location).toBe(`Appointment/${booked.id}/_history/1`);
    const provLocation = booked.response.entry?.[1]?.response?.location ?? '';
    const provenance = (await client.read({
      resourceType: 'Provenance',
      id: provLocation.split('/')[1] ?? '',
    })) as Provenance;
    expect(provenance.target[0]?.reference).toBe(`Appointment/${booked.id}/_history/1`);

    // Reschedule: replace with a new time.
    const moved = kantaAppointment({
      hetu,
      identifier: 'AJ-LIFE-1',
      start: '2026-10-07T13:00:00+03:00',
      end: '2026-10-07T13:30:00+03:00',
    });
    const replaced = (await client.transaction({
      body: replaceBundle(booked.id, moved, { ifMatch: 'W/"1"' }),
    })) as Bundle;
    expect(replaced.entry?.[0]?.response).toMatchObject({
      status: '200 OK',
      location: `Appointment/${booked.id}/_history/2`,
    });
    const read = (await client.read({ resourceType: 'Appointment', id: booked.id })) as Appointment;
    expect(read.start).toBe('2026-10-07T13:00:00+03:00');
    expect(read.meta?.versionId).toBe('2');

    // Cancel by status, with PUT and If-Match.
    const cancelled = {
      ...kantaAppointment({ hetu, identifier: 'AJ-LIFE-1', status: 'cancelled' }),
      id: booked.id,
    };
    const updated = (await client.update({
      resourceType: 'Appointment',
      id: booked.id,
      body: cancelled,
      options: { headers: { 'If-Match': 'W/"2"' } },
    })) as Appointment;
    expect(updated.status).toBe('cancelled');
    expect(updated.meta?.versionId).toBe('3');
    const found = await search({ 'patient:identifier': `urn:oid:1.2.246.21|${hetu}` });
    expect(found.total).toBe(1);
    expect((found.entry?.[0]?.resource as Appointment).status).toBe('cancelled');

    // Nullify: gone from searches, history and Provenances remain.
    const nullified = (await client.transaction({ body: nullifyBundle(booked.id) })) as Bundle;
    expect(nullified.entry?.map((e) => e.response?.status)).toEqual(['201 Created', '204 No Content']);
    expect((await search({ 'patient:identifier': `urn:oid:1.2.246.21|${hetu}` })).total).toBe(0);
    const gone = await fetch(`${server.url}/fhir/Appointment/${booked.id}`);
    expect(gone.status).toBe(410);
    const history = (await client.history({ resourceType: 'Appointment', id: booked.id })) as Bundle;
    expect(history.total).toBe(4);
    expect(history.entry?.[0]?.request?.method).toBe('DELETE');
    const kantaHistory = (await client.request('Appointment/_history', {
      method: 'POST',
      body: `patient=${encodeURIComponent(hetu)}`,
      options: { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    })) as Bundle;
    expect(kantaHistory.total).toBe(4);
    const provenances = (await client.history({ resourceType: 'Provenance' })) as Bundle;
    const targets = provenances.entry?.map((e) => (e.resource as Provenance).target[0]?.reference) ?? [];
    expect(targets).toContain(`Appointment/${booked.id}/_history/1`);
    expect(targets).toContain(`Appointment/${booked.id}/_history/3`);
    const byTarget = (await client.search({
      resourceType: 'Provenance',
      searchParams: { target: `Appointment/${booked.id}`, _sort: '-_lastUpdated' },
    })) as Bundle;
    expect(byTarget.total).toBe(3);

    // Every step is in the event log with organisation, patient and resource ids.
    const events = (await eventsSince(seqBefore)).filter(
      (e) => e.service === 'pta-appointment' || e.kind.startsWith('appointment.'),
    );
    expect(events.map((e) => e.kind)).toEqual([
      'appointment.store',
      'appointment.replace',
      'appointment.update',
      'appointment.nullify',
    ]);
    for (const e of events) {
      expect(e.outcome).toBe('accepted');
      expect(e.patient).toBe(hetu);
      expect(e.resourceIds.length).toBeGreaterThan(0);
    }
    expect(events[0]?.organisation).toBe(ORG_READY);
  });

  it('refuses a PUT without If-Match (428) and with a stale one (412)', async () => {
    const { id } = await store(kantaAppointment({ hetu: TEST_HETUS[2] }));
    const body = JSON.stringify({ ...kantaAppointment({ hetu: TEST_HETUS[2] }), id });
    const without = await fetch(`${server.url}/fhir/Appointment/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/fhir+json' },
      body,
    });
    expect(without.status).toBe(428);
    expect(codes((await without.json()) as OperationOutcome)).toEqual(['KANTA-APPT-020']);
    const stale = await fetch(`${server.url}/fhir/Appointment/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/fhir+json', 'If-Match': 'W/"7"' },
      body,
    });
    expect(stale.status).toBe(412);
    expect(codes((await stale.json()) as OperationOutcome)).toEqual(['FHIR-VERSION-001']);
  });

  it('refuses to move an appointment to another patient, by replace or by update', async () => {
    const { id } = await store(kantaAppointment({ hetu: '010501E9032', identifier: 'AJ-MOVE-1' }));
    const other = kantaAppointment({ hetu: '020503F9037', identifier: 'AJ-MOVE-1' });
    const replaced = await rawPost('', replaceBundle(id, other, { ifMatch: 'W/"1"' }));
    expect(replaced.status).toBe(422);
    expect(codes((await replaced.json()) as OperationOutcome)).toEqual(['KANTA-APPT-014']);
    const updated = await fetch(`${server.url}/fhir/Appointment/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/fhir+json', 'If-Match': 'W/"1"' },
      body: JSON.stringify({ ...other, id }),
    });
    expect(updated.status).toBe(422);
    expect(codes((await updated.json()) as OperationOutcome)).toEqual(['KANTA-APPT-014']);
  });

  it('holds an update of a Kanta appointment to the Kanta rules even without the profile', async () => {
    const { id } = await store(kantaAppointment({ hetu: '010501E9032', identifier: 'AJ-PROF-1' }));
    const body = { ...kantaAppointment({ hetu: '010501E9032', identifier: 'AJ-PROF-1' }), id };
    delete body.meta;
    const res = await fetch(`${server.url}/fhir/Appointment/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/fhir+json', 'If-Match': 'W/"1"' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(422);
    expect(codes((await res.json()) as OperationOutcome)).toEqual(['KANTA-APPT-001']);
  });

  it('refuses a replace in the transaction without request.ifMatch (428), as the plain PUT', async () => {
    const hetu = '010501E9032';
    const { id } = await store(kantaAppointment({ hetu, identifier: 'AJ-TXIM-0' }));
    const seq = await server.store.events.lastSeq();
    const res = await rawPost('', replaceBundle(id, kantaAppointment({ hetu, identifier: 'AJ-TXIM-0' })));
    expect(res.status).toBe(428);
    const oo = (await res.json()) as OperationOutcome;
    expect(codes(oo)).toEqual(['KANTA-TX-003']);
    expect(oo.issue[0]?.expression).toEqual(['Bundle.entry[0].request.ifMatch']);
    expect(oo.issue[0]?.code).toBe('required');
    const read = (await client.read({ resourceType: 'Appointment', id })) as Appointment;
    expect(read.meta?.versionId).toBe('1');
    const refused = (await eventsSince(seq)).filter((e) => e.outcome === 'refused');
    expect(refused.map((e) => [e.details?.status, e.findings.map((f) => f.code)])).toEqual([
      [428, ['KANTA-TX-003']],
    ]);
  });

  it('checks request.ifMatch of a replace or nullify in the transaction (412 when stale)', async () => {
    const { id } = await store(kantaAppointment({ hetu: '010501E9032', identifier: 'AJ-TXIM-1' }));
    const appt = kantaAppointment({ hetu: '010501E9032', identifier: 'AJ-TXIM-1' });
    const stale = await rawPost('', replaceBundle(id, appt, { ifMatch: 'W/"5"' }));
    expect(stale.status).toBe(412);
    expect(codes((await stale.json()) as OperationOutcome)).toEqual(['KANTA-TX-002']);
    const nullify = nullifyBundle(id);
    const del = nullify.entry?.[1]?.request;
    if (del) del.ifMatch = 'W/"9"';
    expect((await rawPost('', nullify)).status).toBe(412);
    expect((await fetch(`${server.url}/fhir/Appointment/${id}`)).status).toBe(200);
  });

  it('refuses a direct DELETE of an appointment (nullify instead)', async () => {
    const { id } = await store(kantaAppointment({ hetu: TEST_HETUS[2] }));
    const res = await fetch(`${server.url}/fhir/Appointment/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(405);
  });

  it('refuses to nullify twice, and to replace a nullified appointment', async () => {
    const { id } = await store(kantaAppointment({ hetu: TEST_HETUS[3] }));
    expect((await rawPost('', nullifyBundle(id))).status).toBe(200);
    expect((await rawPost('', nullifyBundle(id))).status).toBe(410);
    expect(
      (await rawPost('', replaceBundle(id, kantaAppointment({ hetu: TEST_HETUS[3] }), { ifMatch: 'W/"1"' })))
        .status,
    ).toBe(410);
    expect((await rawPost('', nullifyBundle('no-such-appointment'))).status).toBe(404);
  });
});

describe('the Kanta transaction is atomic and checked', () => {
  it('a bad second entry leaves nothing behind, and the refusal is in the event log', async () => {
    const hetu = TEST_HETUS[4];
    const seq = await server.store.events.lastSeq();
    const bundle = storeBundle(kantaAppointment({ hetu }));
    const prov = bundle.entry?.[1]?.resource as Provenance;
    prov.agent = [];
    const res = await rawPost('', bundle);
    expect(res.status).toBe(422);
    const found = codes((await res.json()) as OperationOutcome);
    expect(found).toContain('KANTA-PROV-007');
    expect((await search({ 'patient:identifier': hetu })).total).toBe(0);
    const appts = (await client.history({ resourceType: 'Appointment' })) as Bundle;
    const forPatient = appts.entry?.filter((e) =>
      (e.resource as Appointment | undefined)?.participant.some((p) => p.actor?.identifier?.value === hetu),
    );
    expect(forPatient).toEqual([]);
    const events = await eventsSince(seq);
    expect(events.map((e) => [e.kind, e.outcome, e.patient])).toEqual([
      ['appointment.store', 'refused', hetu],
    ]);
  });

  it('refuses a service organiser whose customer has not deployed pta-appointment, naming the expansion of use', async () => {
    const res = await rawPost(
      '',
      storeBundle(kantaAppointment({ identifier: 'AJ-REG-4' }), {
        organiser: ORG_NOT_DEPLOYED,
        organiserName: 'Hoivapalvelu Lumme Oy',
      }),
    );
    expect(res.status).toBe(422);
    const oo = (await res.json()) as OperationOutcome;
    expect(codes(oo)).toEqual(['KANTA-REG-004']);
    expect(oo.issue[0]?.diagnostics).toMatch(/käytön laajennus/);
  });

  it('refuses an unregistered service organiser', async () => {
    const res = await rawPost(
      '',
      storeBundle(kantaAppointment({ identifier: 'AJ-REG-1' }), { organiser: '1.2.246.10.9999999.10.0' }),
    );
    expect(codes((await res.json()) as OperationOutcome)).toEqual(['KANTA-REG-001']);
  });

  it('warns when a store repeats the identifier of a stored appointment', async () => {
    await store(kantaAppointment({ hetu: TEST_HETUS[0], identifier: 'AJ-DUP-1' }));
    const res = await rawPost(
      '',
      storeBundle(kantaAppointment({ hetu: TEST_HETUS[0], identifier: 'AJ-DUP-1' })),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Bundle;
    const outcome = answer.entry?.[0]?.response?.outcome as OperationOutcome;
    expect(codes(outcome)).toEqual(['KANTA-APPT-013']);
  });

  it('refuses bundles of the wrong shape with 400', async () => {
    const one = storeBundle();
    one.entry = one.entry?.slice(0, 1);
    const res = await rawPost('', one);
    expect(res.status).toBe(400);
    expect(codes((await res.json()) as OperationOutcome)).toEqual(['KANTA-TX-001']);
  });

  it('rehearsal mode stores an invalid booking tagged invalid and answers with the findings as warnings', async () => {
    const bad = kantaAppointment({ hetu: '010181-900C' });
    delete bad.meta;
    const res = await rawPost('', storeBundle(bad), { 'X-Kantasim-Mode': 'rehearsal' });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Bundle;
    const outcome = answer.entry?.[0]?.response?.outcome as OperationOutcome;
    expect(outcome.issue.map((i) => [i.severity, i.details?.coding?.[0]?.code])).toContainEqual([
      'warning',
      'KANTA-APPT-001',
    ]);
    const stored = (await client.read({
      resourceType: 'Appointment',
      id: idOf(answer.entry?.[0]?.response?.location),
    })) as Appointment;
    expect(stored.meta?.tag).toContainEqual(expect.objectContaining({ code: 'invalid' }));
  });
});

describe('Kanta search', () => {
  const hetu = '020594X903P';
  beforeAll(async () => {
    for (let day = 1; day <= 25; day++) {
      const d = String(day).padStart(2, '0');
      await store(
        kantaAppointment({
          hetu,
          identifier: `AJ-S-${d}`,
          start: `2026-11-${d}T08:00:00+02:00`,
          end: `2026-11-${d}T08:30:00+02:00`,
        }),
      );
    }
  });

  it('pages through results with next links that keep the body parameters out of the URL', async () => {
    const first = await search({
      'patient:identifier': `urn:oid:1.2.246.21|${hetu}`,
      _count: '10',
      _sort: 'date',
    });
    expect(first.total).toBe(25);
    expect(first.entry).toHaveLength(10);
    const next = first.link?.find((l) => l.relation === 'next')?.url ?? '';
    expect(next).not.toContain(hetu);
    const second = (await client.nextPage({ bundle: first })) as Bundle;
    const third = (await client.nextPage({ bundle: second })) as Bundle;
    expect(second.entry).toHaveLength(10);
    expect(third.entry).toHaveLength(5);
    expect(third.link?.some((l) => l.relation === 'next')).toBe(false);
    const starts = [first, second, third].flatMap(
      (b) => b.entry?.map((e) => (e.resource as Appointment).start) ?? [],
    );
    expect(starts).toEqual([...starts].sort());
    expect(new Set(starts).size).toBe(25);
  });

  it('filters by date with prefixes, identifier, organiser, provider and unit', async () => {
    const p = `urn:oid:1.2.246.21|${hetu}`;
    expect((await search({ 'patient:identifier': p, date: 'ge2026-11-20' })).total).toBe(6);
    expect((await search({ 'patient:identifier': p, date: 'lt2026-11-03' })).total).toBe(2);
    expect((await search({ 'patient:identifier': p, date: '2026-11-10' })).total).toBe(1);
    expect((await search({ 'patient:identifier': p, identifier: 'AJ-S-07' })).total).toBe(1);
    expect(
      (await search({ 'patient:identifier': p, 'service-organiser': `urn:oid:${ORG_READY}` })).total,
    ).toBe(25);
    expect((await search({ 'patient:identifier': p, 'service-organiser': ORG_NOT_DEPLOYED })).total).toBe(0);
    expect((await search({ 'patient:identifier': p, 'appointment-service-provider': ORG_READY })).total).toBe(
      25,
    );
    expect(
      (await search({ 'patient:identifier': p, 'appointment-service-provider-unit': UNIT_READY })).total,
    ).toBe(25);
    expect((await search({ 'patient:identifier': p, recorded: 'ge2026-09-01' })).total).toBe(25);
  });

  it('refuses URL parameters, a missing patient, and GET searches, each with a reason', async () => {
    const inUrl = await fetch(`${server.url}/fhir/Appointment/_search?patient:identifier=${hetu}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(inUrl.status).toBe(400);
    expect(codes((await inUrl.json()) as OperationOutcome)).toEqual(['KANTA-SEARCH-001']);
    const noPatient = await fetch(`${server.url}/fhir/Appointment/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'date=ge2026-01-01',
    });
    expect(noPatient.status).toBe(400);
    expect(codes((await noPatient.json()) as OperationOutcome)).toEqual(['KANTA-SEARCH-002']);
    const json = await fetch(`${server.url}/fhir/Appointment/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const get = await fetch(`${server.url}/fhir/Appointment?patient:identifier=${hetu}`);
    expect(get.status).toBe(405);
    const unknown = await fetch(`${server.url}/fhir/Appointment/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `patient:identifier=${hetu}&register-type-code=1`,
    });
    expect(codes((await unknown.json()) as OperationOutcome)).toEqual(['KANTA-SEARCH-003']);
  });

  it('an expired paging link answers 404 with what to do', async () => {
    const res = await fetch(`${server.url}/fhir/_page/not-a-token`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as OperationOutcome).issue[0]?.diagnostics).toMatch(/repeat the POST search/);
  });
});
