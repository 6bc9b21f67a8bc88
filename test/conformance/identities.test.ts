/**
 * The identity codes in the external conformance data, read as Kanta would read them (domain.md §1).
 */
import { describe, expect, it } from 'vitest';
import { readConformanceText } from './data.ts';
import { HETU_OID, HETU_SYSTEM, isTemporaryIdRoot, validateTestHetu } from '../../simulator/domain/hetu.ts';

describe('identity codes in the conformance data', () => {
  it('finds the Finnish Scheduling example patient in the real-person range', () => {
    const appointment = JSON.parse(readConformanceText('fhir/finnish-scheduling-appointment.json')) as {
      participant: { actor?: { identifier?: { system?: string; value?: string } } }[];
    };
    const codes = appointment.participant
      .map((p) => p.actor?.identifier)
      .filter((id) => id?.system === HETU_SYSTEM)
      .map((id) => id?.value ?? '');
    expect(codes).toEqual(['010101-123N']);
    const result = validateTestHetu(codes[0]!);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.reason).toBe('real-person-range');
  });

  it('finds only test-range codes and a temporary patient ID in the archived CDA document', () => {
    const cda = readConformanceText('messages/RCMR_IN100002FI01.cda.xml');
    const hetus = [
      ...cda.matchAll(
        new RegExp(
          `root="${HETU_OID.replaceAll('.', '\\.')}" extension="([^"]+)"|extension="([^"]+)" root="${HETU_OID.replaceAll('.', '\\.')}"`,
          'g',
        ),
      ),
    ].map((m) => m[1] ?? m[2] ?? '');
    expect(hetus.length).toBeGreaterThan(0);
    for (const code of hetus) expect(validateTestHetu(code).ok, code).toBe(true);
    const patientId = /<patientRole>\s*<id ([^>]+)\/>/.exec(cda)?.[1] ?? '';
    const root = /root="([^"]+)"/.exec(patientId)?.[1] ?? '';
    expect(isTemporaryIdRoot(root)).toBe(true);
  });
});
