/**
 * Conformance: the Finnish Scheduling example appointment (`fhir/` of the conformance data, test/conformance/data.ts) against the
 * simulator's FHIR endpoint.
 *
 * How the example is submitted: it is a Finnish Scheduling Appointment (no Kanta meta.profile, no
 * Provenance), so it is checked as one, via `$validate` and via a plain create (`POST /fhir/Appointment`):
 * JSON, R4 structure, R4 invariants, Finnish Scheduling rules and the registry's identity-code rule.
 * The Kanta layer applies to Kanta transactions (and to appointments claiming the Kanta profile); the
 * last test shows what it adds when the same appointment is sent as a Kanta transaction.
 */
import type { Appointment, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBundle } from '../../fixtures/fhir/appointment.ts';
import { checkCharFor } from '../../simulator/domain/hetu.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { readConformanceText } from './data.ts';

const example = JSON.parse(readConformanceText('fhir/finnish-scheduling-appointment.json')) as Appointment;

/** The example's code `010101-123N` with its individual number moved into the test range (9xx). */
function testRangeVersion(a: Appointment): { appointment: Appointment; code: string } {
  const copy = structuredClone(a);
  const ident = copy.participant[0]?.actor?.identifier;
  const real = ident?.value ?? '';
  const individual = `9${real.slice(8, 10)}`;
  const code = `${real.slice(0, 7)}${individual}${checkCharFor(real.slice(0, 6), individual)}`;
  if (ident) ident.value = code;
  return { appointment: copy, code };
}

function codes(oo: OperationOutcome): string[] {
  return oo.issue.flatMap(
    (i) =>
      i.details?.coding
        ?.filter((c) => c.system !== 'urn:oid:1.2.246.537.5.40112.2006')
        .map((c) => c.code ?? '') ?? [],
  );
}

describe('Finnish Scheduling example appointment', () => {
  let server: RunningServer;
  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${server.url}/fhir/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestSimulator();
  });
  afterAll(async () => {
    await server.close();
  });

  it('uses a checksum-valid identity code in the real-person range', () => {
    expect(example.participant[0]?.actor?.identifier).toEqual({
      system: 'urn:oid:1.2.246.21',
      value: '010101-123N',
    });
  });

  it('$validate reports the real-range identity code, and that finding alone', async () => {
    const res = await post('Appointment/$validate', example);
    expect(res.status).toBe(200);
    const oo = (await res.json()) as OperationOutcome;
    expect(oo.issue).toHaveLength(1);
    expect(oo.issue[0]).toMatchObject({
      severity: 'error',
      expression: ['Appointment.participant[0].actor.identifier.value'],
    });
    expect(codes(oo)).toEqual(['KANTA-ID-002']);
  });

  it('a plain create is refused with 422 for the real-range identity code alone, and nothing is stored', async () => {
    const res = await post('Appointment', example);
    expect(res.status).toBe(422);
    const oo = (await res.json()) as OperationOutcome;
    expect(codes(oo)).toEqual(['KANTA-ID-002']);
    const history = await fetch(`${server.url}/fhir/Appointment/_history`);
    expect(((await history.json()) as { total: number }).total).toBe(0);
  });

  it('is accepted once a test-range identity code replaces the real one', async () => {
    const { appointment, code } = testRangeVersion(example);
    expect(code).toMatch(/^010101-9\d\d[0-9A-Y]$/);

    const validated = (await (await post('Appointment/$validate', appointment)).json()) as OperationOutcome;
    expect(validated.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
    expect(validated.issue.filter((i) => i.severity === 'warning')).toEqual([]);

    const res = await post('Appointment', appointment);
    expect(res.status).toBe(201);
    const stored = (await res.json()) as Appointment;
    expect(stored.meta?.versionId).toBe('1');
    expect(stored.participant[0]?.actor?.identifier?.value).toBe(code);
    expect(res.headers.get('location')).toMatch(/\/fhir\/Appointment\/[^/]+\/_history\/1$/);
  });

  it('sent as a Kanta transaction, the Kanta layer adds its own findings (profile), which a plain example does not meet', async () => {
    const { appointment } = testRangeVersion(example);
    const res = await post('', storeBundle(appointment));
    expect(res.status).toBe(422);
    const found = codes((await res.json()) as OperationOutcome);
    expect(found).toContain('KANTA-APPT-001');
    expect(found).not.toContain('KANTA-ID-002');
  });
});
