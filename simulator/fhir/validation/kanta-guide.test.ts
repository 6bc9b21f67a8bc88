/**
 * The rules the published Kanta appointment guide adds to the Appointment and its Provenance
 * (AppointmentAppointment, AppointmentProvenance, MitatointiProvenanceV2): each test breaks one element
 * of a valid fixture and expects exactly the code of that rule, and the minimal transaction built from
 * the facts the guide names stays free of errors.
 */
import type { Appointment, Provenance } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { kantaAppointment, kantaProvenance } from '../../../fixtures/fhir/appointment.ts';
import { checkKantaAppointment, checkKantaProvenance, producingUnitOids } from './kanta-profiles.ts';

const ctx = { appointmentRefs: ['urn:uuid:a'], nullification: false, now: new Date('2026-09-21T00:00:00Z') };
const codes = (findings: { code: string; severity: string }[]): string[][] =>
  findings.map((f) => [f.code, f.severity]);
const ROLE = 'http://gen.kanta.fi/figen-cs-provenancerolecategory';

describe('AppointmentAppointment', () => {
  it('KANTA-APPT-015: an identifier without value is an error', () => {
    const a = kantaAppointment();
    a.identifier = [{ system: 'urn:oid:1.2.246.10.3210987.10.0.21.1' }];
    expect(codes(checkKantaAppointment(a))).toEqual([['KANTA-APPT-015', 'error']]);
  });

  it('KANTA-APPT-016: a meta.security coding without display', () => {
    const a = kantaAppointment();
    a.meta = { ...a.meta, security: [{ system: 'https://pta.kanta.fi/CodeSystem/x', code: '1' }] };
    expect(codes(checkKantaAppointment(a))).toEqual([['KANTA-APPT-016', 'error']]);
  });

  it('KANTA-APPT-017: a cancelationReason coding without display', () => {
    const a = kantaAppointment({ status: 'cancelled' });
    a.cancelationReason = { coding: [{ system: 'urn:oid:1.2.246.537.6.126.2008', code: '1' }] };
    const found = checkKantaAppointment(a);
    expect(codes(found)).toEqual([['KANTA-APPT-017', 'error']]);
    expect(found[0]?.message).toContain('display');
    expect(codes(checkKantaAppointment({ ...a, cancelationReason: { text: 'peruttu' } }))).toEqual([
      ['KANTA-APPT-017', 'error'],
    ]);
  });

  it('KANTA-APPT-018 and 019: serviceCategory and serviceType codings carry system, code and display', () => {
    const a: Appointment = {
      ...kantaAppointment(),
      serviceCategory: [{ coding: [{ system: 'urn:oid:1.2.246.537.6.50.201801', code: 'SOTE9.2' }] }],
      serviceType: [{ coding: [{ system: 'urn:oid:1.2.246.537.6.49.201501', code: 'EEA' }] }],
    };
    expect(codes(checkKantaAppointment(a))).toEqual([
      ['KANTA-APPT-018', 'error'],
      ['KANTA-APPT-019', 'warning'],
    ]);
  });
});

describe('AppointmentProvenance', () => {
  it('the fixture Provenance has no findings', () => {
    expect(checkKantaProvenance(kantaProvenance({ target: 'urn:uuid:a' }), ctx)).toEqual([]);
  });

  it('KANTA-PROV-006: a role outside the closed slicing is an error; 2, 5, 7 and 12 are slices', () => {
    for (const code of ['2', '5', '7', '12']) {
      const p = kantaProvenance({ target: 'urn:uuid:a' });
      p.agent.push({
        role: [{ coding: [{ system: ROLE, code, display: 'x' }] }],
        who: { identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:oid:1.2.246.10.3210987.10.2' } },
      });
      expect(checkKantaProvenance(p, ctx)).toEqual([]);
    }
    const p = kantaProvenance({ target: 'urn:uuid:a' });
    p.agent.push({ role: [{ coding: [{ system: ROLE, code: '8', display: 'x' }] }], who: { display: 'x' } });
    expect(codes(checkKantaProvenance(p, ctx))).toEqual([['KANTA-PROV-006', 'error']]);
  });

  it('KANTA-PROV-012: a role coding without display', () => {
    const p = kantaProvenance({ target: 'urn:uuid:a' });
    p.agent[0]!.role = [{ coding: [{ system: ROLE, code: '10' }] }];
    expect(codes(checkKantaProvenance(p, ctx))).toEqual([['KANTA-PROV-012', 'error']]);
  });

  it('KANTA-PROV-013 and 014: language is 1..1, occurred[x] is not allowed', () => {
    const p: Provenance = { ...kantaProvenance({ target: 'urn:uuid:a' }), occurredDateTime: '2026-09-20' };
    delete p.language;
    expect(codes(checkKantaProvenance(p, ctx))).toEqual([
      ['KANTA-PROV-013', 'error'],
      ['KANTA-PROV-014', 'error'],
    ]);
  });

  it('KANTA-PROV-016 and 017: agents name contained Patient, Practitioner or Device', () => {
    const p = kantaProvenance({ target: 'urn:uuid:a' });
    p.contained = [
      {
        resourceType: 'Device',
        id: 'dev',
        meta: { profile: ['https://gen.kanta.fi/fhir/StructureDefinition/KantaDevice'] },
      },
      { resourceType: 'Organization', id: 'org' },
    ];
    p.agent.push(
      { role: [{ coding: [{ system: ROLE, code: '12', display: 'x' }] }], who: { reference: '#dev' } },
      { role: [{ coding: [{ system: ROLE, code: '2', display: 'x' }] }], who: { reference: '#nobody' } },
    );
    expect(codes(checkKantaProvenance(p, ctx))).toEqual([
      ['KANTA-PROV-017', 'error'],
      ['KANTA-PROV-016', 'error'],
    ]);
  });

  it('producingUnitOids reads the role-7 agent, with or without urn:oid:', () => {
    const p = kantaProvenance({ target: 'urn:uuid:a' });
    p.agent.push({
      role: [{ coding: [{ system: ROLE, code: '7', display: 'Palveluyksikkö' }] }],
      who: { identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:oid:1.2.246.10.3210987.10.2' } },
    });
    expect(producingUnitOids(p)).toEqual(['1.2.246.10.3210987.10.2']);
  });
});

describe('MitatointiProvenanceV2', () => {
  const nctx = { ...ctx, nullification: true };

  it('the fixture nullification Provenance has no findings', () => {
    expect(
      checkKantaProvenance(kantaProvenance({ target: 'urn:uuid:a', nullification: true }), nctx),
    ).toEqual([]);
  });

  it('KANTA-PROV-015: reason, policy, location, occurred[x], text and implicitRules are 0..0', () => {
    const p: Provenance = {
      ...kantaProvenance({ target: 'urn:uuid:a', nullification: true }),
      reason: [{ text: 'väärä potilas' }],
      policy: ['urn:x'],
      implicitRules: 'urn:x',
    };
    expect(checkKantaProvenance(p, nctx).map((f) => [f.code, f.path])).toEqual([
      ['KANTA-PROV-015', 'Provenance.reason'],
      ['KANTA-PROV-015', 'Provenance.policy'],
      ['KANTA-PROV-015', 'Provenance.implicitRules'],
    ]);
  });
});
