/**
 * In-process FHIR validation rate: every validation layer (`validateResource`) on a Kanta appointment and
 * its Provenance, without HTTP or storage, against `JSON.parse` of the same text (the baseline). The
 * ratio shows what the rule layers cost per resource; the R4 base rules must keep it near where it was.
 */
import { kantaAppointment, kantaProvenance } from '../../fixtures/fhir/appointment.ts';
import { isSupportedType } from '../../simulator/fhir/search-params.ts';
import { validateResource } from '../../simulator/fhir/validation/index.ts';
import type { BenchSuite } from './harness.ts';

export const suite: BenchSuite = {
  name: 'fhir-validation',
  description: 'validateResource in process (Kanta appointment, Provenance) vs JSON.parse of the same text',
  run(h) {
    const appointment = kantaAppointment({ hetu: '010181-900C' });
    const text = JSON.stringify(appointment);
    const provenance = kantaProvenance();
    const base = { supported: isSupportedType, allowRealIdentities: false } as const;
    h.progress('JSON.parse of the appointment text (baseline)');
    h.throughput('JSON.parse of the Kanta appointment', () => JSON.parse(text) as unknown, {
      baseline: true,
    });
    h.progress('validateResource: Kanta appointment');
    h.throughput('validateResource: Kanta appointment, every layer', () =>
      validateResource(appointment, { ...base, expectedType: 'Appointment', kanta: true }),
    );
    h.progress('validateResource: Provenance');
    h.throughput('validateResource: Provenance (no Kanta context)', () =>
      validateResource(provenance, { ...base, expectedType: 'Provenance', kanta: 'auto' }),
    );
    return Promise.resolve();
  },
};
