/**
 * The appointment API as the published Kanta guide defines it, over real HTTP: the refusals the bar of
 * the guide's profiles asks for (each 4xx with an error issue carrying Kanta's process-error coding),
 * the search parameter producing-service-provider-unit, and service providers taken from the
 * organisation register's structure rather than from the shape of an OID.
 */
import type { Bundle, OperationOutcome, Provenance } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  kantaAppointment,
  nullifyBundle,
  ORG_READY,
  ROLE_SYSTEM,
  storeBundle,
  TEST_HETUS,
} from '../../fixtures/fhir/appointment.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator();
});
afterAll(async () => {
  await server.close();
});

const KANTA = 'urn:oid:1.2.246.537.5.40112.2006';

async function post(body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}/fhir`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function search(body: string): Promise<{ status: number; json: Bundle & OperationOutcome }> {
  const res = await fetch(`${server.url}/fhir/Appointment/_search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, json: (await res.json()) as Bundle & OperationOutcome };
}

/** The refusal's error issues as [kantasim code, Kanta process-error code]. */
function refusal(oo: unknown): string[][] {
  return (oo as OperationOutcome).issue
    .filter((i) => i.severity === 'error')
    .map((i) => [
      i.details?.coding?.find((c) => c.system !== KANTA)?.code ?? '',
      i.details?.coding?.find((c) => c.system === KANTA)?.code ?? '',
    ]);
}

const provenanceOf = (b: Bundle): Provenance =>
  b.entry?.find((e) => e.resource?.resourceType === 'Provenance')?.resource as Provenance;

async function storeOk(b: Bundle): Promise<string> {
  const res = await post(b);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const location = (res.json as Bundle).entry?.[0]?.response?.location ?? '';
  return /Appointment\/([^/]+)/.exec(location)?.[1] ?? '';
}

describe('refusals of the guide, each with Kanta process-error coding', () => {
  it('an appointment identifier without value', async () => {
    const a = kantaAppointment({ hetu: TEST_HETUS[1] });
    a.identifier = [{ system: `urn:oid:${ORG_READY}.21.1` }];
    const res = await post(storeBundle(a));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(refusal(res.json)).toContainEqual(['KANTA-APPT-015', '4Y00007']);
    const issue = (res.json as OperationOutcome).issue.find(
      (i) => i.details?.coding?.[0]?.code === 'KANTA-APPT-015',
    );
    expect(issue?.details?.coding?.[1]).toEqual({
      system: KANTA,
      code: '4Y00007',
      display: 'Virhe sanoman eheydessä.',
    });
  });

  it('a Provenance agent with a role outside the slices', async () => {
    const b = storeBundle(kantaAppointment({ hetu: TEST_HETUS[1], identifier: 'AJ-ROLE' }));
    provenanceOf(b).agent.push({
      role: [{ coding: [{ system: ROLE_SYSTEM, code: '8', display: 'Palvelunjärjestäjä' }] }],
      who: { display: 'Kuusijärven hyvinvointialue' },
    });
    const res = await post(b);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(refusal(res.json)).toContainEqual(['KANTA-PROV-006', '4Y00007']);
  });

  it('a cancelationReason coding without display', async () => {
    const a = kantaAppointment({ hetu: TEST_HETUS[1], identifier: 'AJ-CANCEL', status: 'cancelled' });
    a.cancelationReason = { coding: [{ system: 'urn:oid:1.2.246.537.6.126.2008', code: '1' }] };
    const res = await post(storeBundle(a));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(refusal(res.json)).toContainEqual(['KANTA-APPT-017', '4Y00007']);
  });

  it('a nullification Provenance with reason', async () => {
    const id = await storeOk(storeBundle(kantaAppointment({ hetu: TEST_HETUS[1], identifier: 'AJ-NULL' })));
    const b = nullifyBundle(id);
    provenanceOf(b).reason = [{ text: 'väärä potilas' }];
    const res = await post(b);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(refusal(res.json)).toContainEqual(['KANTA-PROV-015', '4Y00007']);
  });

  it('a refusal of an organisation without the service carries the access-error code', async () => {
    const res = await post(
      storeBundle(kantaAppointment({ hetu: TEST_HETUS[1], identifier: 'AJ-ACCESS' }), {
        organiser: '1.2.246.10.2654321.10.0',
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(refusal(res.json)).toContainEqual(['KANTA-REG-004', '5Y00009']);
  });
});

describe('search as the guide defines it', () => {
  const hetu = TEST_HETUS[2];
  const unit = '1.2.246.10.3210987.10.2';

  it('producing-service-provider-unit with appointment-service-provider answers the matching appointments', async () => {
    const mine = storeBundle(kantaAppointment({ hetu, identifier: 'AJ-PROD-1' }));
    provenanceOf(mine).agent.push({
      role: [{ coding: [{ system: ROLE_SYSTEM, code: '7', display: 'Palveluyksikkö' }] }],
      who: { identifier: { system: 'urn:ietf:rfc:3986', value: `urn:oid:${unit}` }, display: 'Terveysasema' },
    });
    const mineId = await storeOk(mine);
    await storeOk(storeBundle(kantaAppointment({ hetu, identifier: 'AJ-PROD-2' })));
    const patient = `patient:identifier=${encodeURIComponent(`urn:oid:1.2.246.21|${hetu}`)}`;
    for (const form of [`urn:oid:${unit}`, unit]) {
      const res = await search(
        `${patient}&appointment-service-provider=${encodeURIComponent(`urn:oid:${ORG_READY}`)}&producing-service-provider-unit=${encodeURIComponent(form)}`,
      );
      expect(res.status).toBe(200);
      expect((res.json as Bundle).entry?.map((e) => e.resource?.id)).toEqual([mineId]);
    }
  });

  it('producing-service-provider-unit without appointment-service-provider is refused (KANTA-SEARCH-008)', async () => {
    const res = await search(
      `patient:identifier=${encodeURIComponent(`urn:oid:1.2.246.21|${hetu}`)}&producing-service-provider-unit=${unit}`,
    );
    expect(res.status).toBe(400);
    expect(refusal(res.json)).toEqual([['KANTA-SEARCH-008', '4Y00007']]);
  });

  it('the service provider of a unit is its partOf in the register, whatever the OID looks like', async () => {
    const odd = '1.2.246.10.3210987.19.77';
    const reg = await fetch(`${server.url}/registry/organisations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        oid: odd,
        name: 'Kuusijärven kotisairaala',
        kind: 'service-unit',
        partOf: ORG_READY,
        public: true,
      }),
    });
    expect(reg.status, await reg.text()).toBeLessThan(300);
    const id = await storeOk(
      storeBundle(kantaAppointment({ hetu: TEST_HETUS[3], identifier: 'AJ-ODD', unit: odd })),
    );
    const res = await search(
      `patient:identifier=${encodeURIComponent(`urn:oid:1.2.246.21|${TEST_HETUS[3]}`)}&appointment-service-provider=${ORG_READY}&appointment-service-provider-unit=${odd}`,
    );
    expect(res.status).toBe(200);
    expect((res.json as Bundle).entry?.map((e) => e.resource?.id)).toEqual([id]);
  });
});

describe('Kanta FHIR HTTP headers', () => {
  it("echoes the request's X-Request-Id and adds an X-Correlation-Id of its own", async () => {
    const res = await fetch(`${server.url}/fhir/metadata`, { headers: { 'X-Request-Id': 'req-4711' } });
    expect(res.headers.get('x-request-id')).toBe('req-4711');
    expect(res.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const again = await fetch(`${server.url}/fhir/metadata`, { headers: { 'X-Request-Id': 'req-4712' } });
    expect(again.headers.get('x-correlation-id')).not.toBe(res.headers.get('x-correlation-id'));
    const without = await fetch(`${server.url}/fhir/metadata`);
    expect(without.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(without.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
