import type { Appointment, Provenance } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  kantaAppointment,
  kantaProvenance,
  REAL_RANGE_HETU,
  TILA_URL,
} from '../../../fixtures/fhir/appointment.ts';
import { checkFiSchedulingAppointment, TILA_TO_STATUS } from './fi-scheduling.ts';
import { validateResource, type ValidateOptions } from './index.ts';
import { checkInvariants } from './invariants.ts';
import { checkKantaAppointment, checkKantaProvenance } from './kanta-profiles.ts';
import { checkIdentityCodes } from './registry-rules.ts';
import { checkResourceType, checkStructure, pointerToFhirPath } from './structure.ts';

const options: ValidateOptions = { supported: () => true, kanta: 'auto', allowRealIdentities: false };
const codesOf = (findings: { code: string }[]): string[] => findings.map((f) => f.code);
const invariantsOf = (a: Appointment): string[] =>
  codesOf(checkInvariants(a as unknown as Appointment & Record<string, unknown>));

describe('layer 1 and 2: JSON, resourceType and R4 structure', () => {
  it('a valid Kanta appointment passes every layer without findings', () => {
    const result = validateResource(kantaAppointment(), { ...options, kanta: true });
    expect(result.findings).toEqual([]);
    expect(result.refuseWith).toBeUndefined();
  });

  it('turns JSON pointers into FHIRPath', () => {
    expect(pointerToFhirPath('Appointment', '/participant/0/actor/identifier')).toBe(
      'Appointment.participant[0].actor.identifier',
    );
    expect(pointerToFhirPath('Patient', '')).toBe('Patient');
  });

  it('names an unknown element and its path', () => {
    const findings = checkStructure({
      resourceType: 'Slot',
      schedule: { reference: 'Schedule/1' },
      status: 'free',
      start: 'x',
      end: 'y',
      colour: 'red',
    });
    expect(findings.map((f) => [f.code, f.path])).toContainEqual(['FHIR-STRUCT-001', 'Slot.colour']);
  });

  it('reports a broken contained resource once', () => {
    const findings = checkStructure({
      resourceType: 'Patient',
      contained: [{ resourceType: 'Patient', a: 1, b: 2 }],
    });
    expect(findings.filter((f) => f.code === 'FHIR-STRUCT-010')).toHaveLength(1);
  });

  it('refuses nulls except in primitive arrays aligned with their extension array', () => {
    expect('findings' in checkResourceType({ resourceType: 'Patient', active: null }, options)).toBe(true);
    const aligned = {
      resourceType: 'Patient',
      name: [{ given: ['A', null], _given: [null, { extension: [{ url: 'x', valueString: 'y' }] }] }],
    };
    expect('resource' in checkResourceType(aligned, options)).toBe(true);
  });

  it('stops at structure: later layers do not run on a structurally broken resource', () => {
    const result = validateResource(
      { resourceType: 'Appointment', status: 'booked', participant: 'all' },
      options,
    );
    expect(result.refuseWith).toBe(400);
    expect(result.findings.every((f) => f.code.startsWith('FHIR-STRUCT'))).toBe(true);
  });
});

describe('layer 3: R4 invariants', () => {
  it('app-2: start and end together', () => {
    const a = kantaAppointment();
    delete a.end;
    expect(invariantsOf(a)).toContain('R4-INV-app-2');
  });

  it('app-3: only proposed, cancelled or waitlist appointments may lack times', () => {
    const a = kantaAppointment();
    delete a.start;
    delete a.end;
    expect(invariantsOf(a)).toEqual(['R4-INV-app-3']);
    expect(invariantsOf({ ...a, status: 'proposed' })).toEqual([]);
  });

  it('app-4: cancelationReason only when cancelled or noshow', () => {
    expect(invariantsOf({ ...kantaAppointment(), cancelationReason: { text: 'x' } })).toEqual([
      'R4-INV-app-4',
    ]);
    expect(invariantsOf(kantaAppointment({ status: 'cancelled' }))).toEqual([]);
  });

  it('app-5 (from R5): an appointment must not end before it starts', () => {
    const a = kantaAppointment({ start: '2026-10-05T10:00:00+03:00', end: '2026-10-05T09:30:00+03:00' });
    expect(invariantsOf(a)).toEqual(['R5-INV-app-5']);
    expect(
      invariantsOf(kantaAppointment({ start: '2026-10-05T10:00:00+03:00', end: '2026-10-05T07:30:00Z' })),
    ).toEqual([]);
  });

  it('app-1: a participant needs a type or an actor', () => {
    const a = kantaAppointment();
    a.participant.push({ status: 'accepted' });
    expect(checkInvariants(a as unknown as Appointment & Record<string, unknown>).map((f) => f.path)).toEqual(
      ['Appointment.participant[2]'],
    );
  });

  it('per-1 and ext-1 on nested elements', () => {
    const a = kantaAppointment();
    a.requestedPeriod = [{ start: '2026-10-02', end: '2026-10-01' }];
    a.extension = [{ url: 'https://example.org/x' }];
    expect(invariantsOf(a).sort()).toEqual(['R4-INV-ext-1', 'R4-INV-per-1']);
  });

  it('ref-1: a local reference must name a contained resource', () => {
    const a = { ...kantaAppointment(), reasonReference: [{ reference: '#missing' }] };
    expect(invariantsOf(a)).toContain('R4-INV-ref-1');
  });
});

describe('layer 4: Finnish Scheduling', () => {
  it('maps every ajanvarauksen tila code to a status as the IG concept map does', () => {
    expect(TILA_TO_STATUS).toMatchObject({
      '3': 'booked',
      '4': 'cancelled',
      '10': 'checked-in',
      '9': 'noshow',
      '1': 'waitlist',
    });
  });

  it('refuses a status that disagrees with the booking-status extension, and accepts arrived with 3 or 6', () => {
    const withTila = (status: Appointment['status'], code: string): Appointment => ({
      ...kantaAppointment(),
      status,
      _status: {
        extension: [{ url: TILA_URL, valueCoding: { system: 'urn:oid:1.2.246.537.6.881.201501', code } }],
      },
    });
    expect(codesOf(checkFiSchedulingAppointment(withTila('booked', '4')))).toEqual(['FI-SCHED-053']);
    expect(checkFiSchedulingAppointment(withTila('arrived', '3'))).toEqual([]);
    expect(checkFiSchedulingAppointment(withTila('arrived', '6'))).toEqual([]);
    expect(codesOf(checkFiSchedulingAppointment(withTila('booked', '42')))).toEqual(['FI-SCHED-051']);
    expect(codesOf(checkFiSchedulingAppointment(withTila('cancelled', '5')))).toEqual(['FI-SCHED-054']);
  });

  it('checks the code systems of cancelationReason and appointmentType', () => {
    const a = kantaAppointment({ status: 'cancelled' });
    a.cancelationReason = { coding: [{ system: 'urn:oid:1.2.246.537.6.881', code: '1' }] };
    a.appointmentType = { coding: [{ system: '1.2.246.537.6.884', code: '10' }] };
    expect(codesOf(checkFiSchedulingAppointment(a)).sort()).toEqual(['FI-SCHED-001', 'FI-SCHED-031']);
  });

  it('wants reasonReference to point to a contained Condition', () => {
    const a = { ...kantaAppointment(), reasonReference: [{ reference: 'Condition/1' }] };
    expect(codesOf(checkFiSchedulingAppointment(a))).toEqual(['FI-SCHED-040']);
  });
});

describe('layer 4: Kanta appointment and Provenance', () => {
  it('requires the Kanta profile and the patient by identity code', () => {
    const a = kantaAppointment();
    delete a.meta;
    a.participant = a.participant.slice(1);
    expect(codesOf(checkKantaAppointment(a))).toEqual(['KANTA-APPT-001', 'KANTA-APPT-002']);
  });

  it('refuses entered-in-error (nullify instead)', () => {
    expect(codesOf(checkKantaAppointment({ ...kantaAppointment(), status: 'entered-in-error' }))).toContain(
      'KANTA-APPT-011',
    );
  });

  const ctx = {
    appointmentRefs: ['urn:uuid:a'],
    nullification: false,
    now: new Date('2026-09-21T00:00:00Z'),
  };

  it('accepts the fixture Provenance', () => {
    expect(checkKantaProvenance(kantaProvenance({ target: 'urn:uuid:a' }), ctx)).toEqual([]);
  });

  it('requires the service organiser with identifier system, OID value and display', () => {
    const p: Provenance = kantaProvenance({ target: 'urn:uuid:a' });
    const who = p.agent[0]?.who;
    if (who) {
      who.identifier = { system: 'urn:oid:1.2.246.537.6.202', value: '1.2.246.10.3210987.10.0' };
      delete who.display;
    }
    expect(codesOf(checkKantaProvenance(p, ctx))).toEqual([
      'KANTA-PROV-008',
      'KANTA-PROV-009',
      'KANTA-PROV-010',
    ]);
    expect(codesOf(checkKantaProvenance({ ...p, agent: [] }, ctx))).toContain('KANTA-PROV-007');
  });

  it('requires the target to be the transaction appointment and recorded to be present', () => {
    const p = kantaProvenance({ target: 'Appointment/other' });
    delete (p as Partial<Provenance>).recorded;
    expect(codesOf(checkKantaProvenance(p, ctx))).toEqual(['KANTA-PROV-002', 'KANTA-PROV-003']);
  });

  it('refuses role codes outside the closed agent slicing and warns about a missing signature', () => {
    const p = kantaProvenance({ target: 'urn:uuid:a' });
    p.agent.push({
      role: [
        {
          coding: [
            { system: 'http://gen.kanta.fi/figen-cs-provenancerolecategory', code: '99', display: 'x' },
          ],
        },
      ],
      who: { display: 'x' },
    });
    delete p.signature;
    expect(checkKantaProvenance(p, ctx).map((f) => [f.code, f.severity])).toEqual([
      ['KANTA-PROV-006', 'error'],
      ['KANTA-PROV-011', 'warning'],
    ]);
  });
});

describe('layer 5: identity codes', () => {
  it('finds identity codes anywhere, contained resources included', () => {
    const patient = {
      resourceType: 'Patient',
      contained: [
        {
          resourceType: 'RelatedPerson',
          identifier: [{ system: 'urn:oid:1.2.246.21', value: REAL_RANGE_HETU }],
        },
      ],
    };
    expect(checkIdentityCodes(patient, 'Patient', false).map((f) => [f.code, f.path])).toEqual([
      ['KANTA-ID-002', 'Patient.contained[0].identifier[0].value'],
    ]);
  });

  it('accepts real-range codes only when the operator allows real identities', () => {
    const a = kantaAppointment({ hetu: REAL_RANGE_HETU });
    expect(checkIdentityCodes(a, 'Appointment', true)).toEqual([]);
    expect(codesOf(checkIdentityCodes(a, 'Appointment', false))).toEqual(['KANTA-ID-002']);
  });

  it('does not checksum temporary IDs (their own system)', () => {
    const a = kantaAppointment();
    const ident = a.participant[0]?.actor?.identifier;
    if (ident) {
      ident.system = 'urn:oid:1.2.246.10.3210987.22.2026';
      ident.value = '010100A998F';
    }
    expect(validateResource(a, { ...options, kanta: true }).findings).toEqual([]);
  });
});
