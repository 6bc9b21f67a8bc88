/**
 * The R4 base rules over HTTP: `$validate` names the element an Appointment, Slot or Patient lacks; a
 * strict Kanta transaction whose `Appointment._status` carries an extension without url is refused and
 * nothing is stored; the body-text rules (duplicate keys, empty fullUrl) answer 400 with their codes.
 */
import type { Appointment, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator();
});
afterAll(async () => {
  await server.close();
});

async function post(path: string, body: string): Promise<{ status: number; oo: OperationOutcome }> {
  const res = await fetch(`${server.url}/fhir/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body,
  });
  return { status: res.status, oo: (await res.json()) as OperationOutcome };
}

const errors = (oo: OperationOutcome): [string, string][] =>
  oo.issue
    .filter((i) => i.severity === 'error' || i.severity === 'fatal')
    .map((i) => [i.details?.coding?.[0]?.code ?? '', i.expression?.[0] ?? i.location?.[0] ?? '']);

describe('R4 base rules over HTTP', () => {
  it('$validate refuses an Appointment without status, naming Appointment.status', async () => {
    const { status, oo } = await post(
      'Appointment/$validate',
      JSON.stringify({
        resourceType: 'Appointment',
        participant: [{ status: 'accepted', actor: { display: 'A' } }],
      }),
    );
    expect(status).toBe(200);
    expect(errors(oo)).toContainEqual(['R4-CARD-001', 'Appointment.status']);
    expect(
      oo.issue.find((i) => i.details?.coding?.[0]?.code === 'R4-CARD-001')?.diagnostics ?? JSON.stringify(oo),
    ).toContain('Appointment.status');
  });

  it('$validate refuses a Slot without start', async () => {
    const { oo } = await post(
      'Slot/$validate',
      JSON.stringify({
        resourceType: 'Slot',
        schedule: { reference: 'Schedule/1' },
        status: 'free',
        end: '2026-11-02T10:00:00Z',
      }),
    );
    expect(errors(oo)).toEqual([['R4-CARD-001', 'Slot.start']]);
  });

  it('$validate refuses a Patient whose extension has no url', async () => {
    const { oo } = await post(
      'Patient/$validate',
      JSON.stringify({ resourceType: 'Patient', extension: [{ valueString: 'x' }] }),
    );
    expect(errors(oo)).toEqual([['R4-EXT-001', 'Patient.extension[0].url']]);
  });

  it('refuses a strict Kanta transaction whose Appointment._status has an extension without url', async () => {
    const a = kantaAppointment({ identifier: 'AJ-R4-EXT-1' }) as unknown as Record<string, unknown>;
    a._status = { extension: [{ valueCoding: { system: 'urn:oid:1.2.246.537.6.881', code: '1' } }] };
    const { status, oo } = await post('', JSON.stringify(storeBundle(a as unknown as Appointment)));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(JSON.stringify(oo)).toContain('R4-EXT-001');
    const search = await fetch(`${server.url}/fhir/Appointment/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        identifier: 'AJ-R4-EXT-1',
        'patient:identifier': 'urn:oid:1.2.246.21|010181-900C',
      }).toString(),
    });
    const found = (await search.json()) as { total?: number; entry?: unknown[] };
    expect(found.entry ?? []).toEqual([]);
  });

  it('answers 400 for a duplicate key and for an empty fullUrl, with the path', async () => {
    const dup = await post(
      'Patient/$validate',
      '{"resourceType":"Patient","gender":"male","gender":"female"}',
    );
    expect(dup.status).toBe(400);
    expect(errors(dup.oo)).toEqual([['R4-JSON-001', 'Patient.gender']]);
    const bundle = storeBundle(kantaAppointment()) as { entry: { fullUrl?: string }[] };
    const first = bundle.entry[0];
    if (first) first.fullUrl = '';
    const empty = await post('', JSON.stringify(bundle));
    expect(empty.status).toBe(400);
    expect(errors(empty.oo)).toContainEqual(['R4-JSON-004', 'Bundle.entry[0].fullUrl']);
  });
});
