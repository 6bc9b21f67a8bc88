/**
 * FHIR rules that no other test raised by code: each case builds the smallest input that breaks one
 * rule and expects that rule's code (and its path), so every entry of the catalogue of finding codes
 * (docs/rules.md) is shown to fire.
 */
import type { Appointment, HealthcareService, Provenance } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { kantaAppointment, kantaProvenance, TILA_URL } from '../../../fixtures/fhir/appointment.ts';
import type { RegistryReader } from '../../domain/registry.ts';
import { FhirError } from '../outcomes.ts';
import { parseSearch } from '../search.ts';
import { checkFiSchedulingAppointment, checkFiSchedulingHealthcareService } from './fi-scheduling.ts';
import { validateResource, type ValidateOptions } from './index.ts';
import { checkInvariants } from './invariants.ts';
import { checkKantaAppointment, checkKantaProvenance, type ProvenanceContext } from './kanta-profiles.ts';
import { checkServiceOrganiser } from './registry-rules.ts';
import { checkResourceType, checkStructure } from './structure.ts';

const options: ValidateOptions = { supported: () => true, kanta: 'auto', allowRealIdentities: false };
type Coded = { code: string; path: string };
const pairs = (findings: readonly Coded[]): [string, string][] => findings.map((f) => [f.code, f.path]);
const codes = (findings: readonly Coded[]): string[] => findings.map((f) => f.code);

function appointment(change: (a: Appointment) => void): Appointment {
  const a = kantaAppointment();
  change(a);
  return a;
}

describe('JSON and structure', () => {
  it('FHIR-JSON-008: a null element', () => {
    const typed = checkResourceType({ resourceType: 'Patient', active: null }, options);
    expect('findings' in typed && pairs(typed.findings)).toEqual([['FHIR-JSON-008', 'Patient.active']]);
  });

  it('FHIR-JSON-006: a type the endpoint does not serve', () => {
    const typed = checkResourceType({ resourceType: 'Patient' }, { ...options, supported: () => false });
    expect('findings' in typed && codes(typed.findings)).toEqual(['FHIR-JSON-006']);
  });

  it('FHIR-STRUCT-006: a fixed value (resourceType of a Bundle entry)', () => {
    const findings = checkStructure({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'NoSuchType' } }],
    });
    expect(pairs(findings)).toContainEqual(['FHIR-STRUCT-006', 'Bundle.entry[0].resource.resourceType']);
  });
});

describe('R4 invariants', () => {
  const inv = (resource: Record<string, unknown>): [string, string][] =>
    pairs(checkInvariants(resource as Record<string, unknown> & { resourceType: string }));

  it('R4-INV-app-1: a participant with neither type nor actor', () => {
    expect(
      inv({ resourceType: 'Appointment', status: 'proposed', participant: [{ status: 'accepted' }] }),
    ).toContainEqual(['R4-INV-app-1', 'Appointment.participant[0]']);
  });

  it('R4-INV-org-1: an Organization without name or identifier', () => {
    expect(inv({ resourceType: 'Organization', active: true })).toContainEqual([
      'R4-INV-org-1',
      'Organization',
    ]);
  });

  it('R4-INV-pat-1: a Patient contact with no details', () => {
    expect(inv({ resourceType: 'Patient', contact: [{ gender: 'male' }] })).toContainEqual([
      'R4-INV-pat-1',
      'Patient.contact[0]',
    ]);
  });

  it('R4-INV-dom-2 and R4-INV-dom-4: nested contained resources and contained meta.versionId', () => {
    const nested = { resourceType: 'Patient', id: 'a', contained: [{ resourceType: 'Patient', id: 'b' }] };
    expect(codes(checkInvariants({ resourceType: 'Patient', contained: [nested] }))).toContain(
      'R4-INV-dom-2',
    );
    const versioned = { resourceType: 'Patient', id: 'a', meta: { versionId: '1' } };
    expect(codes(checkInvariants({ resourceType: 'Patient', contained: [versioned] }))).toContain(
      'R4-INV-dom-4',
    );
  });
});

describe('Finnish Scheduling', () => {
  const fi = (change: (a: Appointment) => void): [string, string][] =>
    pairs(checkFiSchedulingAppointment(appointment(change)));

  it('FI-SCHED-010 and FI-SCHED-011: serviceCategory codings', () => {
    expect(
      fi((a) => {
        a.serviceCategory = [{ coding: [{ system: 'urn:oid:1.2.246.537.6.999', code: 'x' }] }];
      }),
    ).toEqual([['FI-SCHED-010', 'Appointment.serviceCategory[0].coding[0].system']]);
    expect(
      fi((a) => {
        a.serviceCategory = [{ coding: [{ system: 'urn:oid:1.2.246.537.6.50.201801' }] }];
      }),
    ).toEqual([['FI-SCHED-011', 'Appointment.serviceCategory[0].coding[0].code']]);
  });

  it('FI-SCHED-020: a serviceType coding from another THL code system', () => {
    expect(
      fi((a) => {
        a.serviceType = [{ coding: [{ system: 'urn:oid:1.2.246.537.6.999', code: 'x' }] }];
      }),
    ).toEqual([['FI-SCHED-020', 'Appointment.serviceType[0].coding[0].system']]);
  });

  it('FI-SCHED-030: an appointmentType without a THL - Asiointitapa coding', () => {
    expect(
      fi((a) => {
        a.appointmentType = {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'ROUTINE' }],
        };
      }),
    ).toEqual([['FI-SCHED-030', 'Appointment.appointmentType.coding']]);
  });

  it('FI-SCHED-050 and FI-SCHED-052: the ajanvarauksen-tila extension', () => {
    expect(
      fi((a) => {
        a._status = { extension: [{ url: TILA_URL, valueCoding: { system: 'urn:oid:1.2.3', code: '3' } }] };
      }),
    ).toEqual([['FI-SCHED-050', 'Appointment.status.extension(ajanvarauksen-tila).valueCoding.system']]);
    expect(
      codes(
        checkFiSchedulingAppointment(
          appointment((a) => {
            a.extension = [
              { url: TILA_URL, valueCoding: { system: 'urn:oid:1.2.246.537.6.881', code: '3' } },
            ];
          }),
        ),
      ),
    ).toContain('FI-SCHED-052');
  });

  it('FI-SCHED-060: the identity-code system without urn:oid:', () => {
    expect(
      fi((a) => {
        const id = a.participant[0]?.actor?.identifier;
        if (id) id.system = '1.2.246.21';
      }),
    ).toEqual([['FI-SCHED-060', 'Appointment.participant[0].actor.identifier.system']]);
  });

  it('FI-SCHED-070: a HealthcareService type coding without a system', () => {
    const h: HealthcareService = { resourceType: 'HealthcareService', type: [{ coding: [{ code: 'NC' }] }] };
    expect(pairs(checkFiSchedulingHealthcareService(h))).toEqual([
      ['FI-SCHED-070', 'HealthcareService.type[0].coding[0].system'],
    ]);
  });
});

describe('Kanta appointment profiles', () => {
  const kanta = (change: (a: Appointment) => void): string[] =>
    codes(checkKantaAppointment(appointment(change)));

  it('KANTA-APPT-003: two patients in one appointment', () => {
    expect(
      kanta((a) => {
        const first = a.participant[0];
        if (first) a.participant.push(structuredClone(first));
      }),
    ).toContain('KANTA-APPT-003');
  });

  it('KANTA-APPT-004: a patient identifier without a value', () => {
    expect(
      kanta((a) => {
        const id = a.participant[0]?.actor?.identifier;
        if (id) delete id.value;
      }),
    ).toContain('KANTA-APPT-004');
  });

  it('KANTA-APPT-010: no booking identifier', () => {
    expect(
      kanta((a) => {
        delete a.identifier;
      }),
    ).toEqual(['KANTA-APPT-010']);
  });

  it('KANTA-APPT-012: a cancelled appointment without cancelationReason', () => {
    const a = kantaAppointment({ status: 'cancelled' });
    delete a.cancelationReason;
    expect(codes(checkKantaAppointment(a))).toEqual(['KANTA-APPT-012']);
  });

  const ctx: ProvenanceContext = {
    appointmentRefs: ['urn:uuid:6f1c2a3e-0000-4000-8000-000000000001'],
    nullification: false,
    now: new Date('2026-09-21T00:00:00Z'),
  };
  const prov = (change: (p: Provenance) => void): string[] => {
    const p = kantaProvenance();
    change(p);
    return codes(checkKantaProvenance(p, ctx));
  };

  it('KANTA-PROV-001: a Provenance without its Kanta profile', () => {
    expect(
      prov((p) => {
        delete p.meta;
      }),
    ).toEqual(['KANTA-PROV-001']);
  });

  it('KANTA-PROV-004: recorded in the future', () => {
    expect(
      prov((p) => {
        p.recorded = '2030-01-01T00:00:00Z';
      }),
    ).toEqual(['KANTA-PROV-004']);
  });

  it('KANTA-PROV-005: an agent without a role', () => {
    expect(
      prov((p) => {
        p.agent.push({ who: { display: 'Ajanvarausjärjestelmä' } });
      }),
    ).toContain('KANTA-PROV-005');
  });

  it('KANTASIM-000: a rule layer that fails on odd input becomes a finding, not a crash', () => {
    // appointmentRefs is not a list: the Provenance rules throw, and validateResource says so.
    const broken = { ...ctx, appointmentRefs: null } as unknown as ProvenanceContext;
    const result = validateResource(kantaProvenance(), { ...options, provenance: broken });
    expect(codes(result.findings)).toContain('KANTASIM-000');
  });
});

describe('registry rules for the service organiser', () => {
  const registry = (org: { active: boolean } | undefined): RegistryReader =>
    ({
      getOrganisation: () =>
        Promise.resolve(org && { oid: '1.2.246.10.1.10.0', name: 'Testi', kind: 'organisation', ...org }),
      getCustomer: () => Promise.resolve(undefined),
    }) as unknown as RegistryReader;

  it('KANTA-REG-002: an organiser no longer current in the code server', async () => {
    expect(codes(await checkServiceOrganiser(registry({ active: false }), '1.2.246.10.1.10.0', 'p'))).toEqual(
      ['KANTA-REG-002'],
    );
  });

  it('KANTA-REG-003: an organiser that is not a Kanta customer', async () => {
    expect(codes(await checkServiceOrganiser(registry({ active: true }), '1.2.246.10.1.10.0', 'p'))).toEqual([
      'KANTA-REG-003',
    ]);
  });
});

describe('search parameters', () => {
  const refused = (type: string, name: string, values: string[]): string[] => {
    try {
      parseSearch(type, new Map([[name, values]]));
      return [];
    } catch (e) {
      if (!(e instanceof FhirError)) throw e;
      return codes(e.outcome.findings);
    }
  };

  it.each([
    ['FHIR-SEARCH-002', 'Patient', 'name:bogus', ['x']],
    ['FHIR-SEARCH-003', 'Patient', '_count', ['abc']],
    ['FHIR-SEARCH-004', 'Patient', 'identifier', ['urn:oid:1.2.246.21|']],
    ['FHIR-SEARCH-005', 'Patient', 'birthdate', ['not-a-date']],
    ['FHIR-SEARCH-006', 'Patient', 'name', ['']],
    ['FHIR-SEARCH-007', 'Schedule', 'actor', ['123']],
    ['FHIR-SEARCH-008', 'Slot', 'start', ['2026-10-01,2026-10-02']],
    ['FHIR-SEARCH-009', 'Patient', '_sort', ['name']],
    ['FHIR-SEARCH-010', 'Patient', '_include', ['Foo']],
    ['FHIR-SEARCH-011', 'Patient', '_include', ['Patient:name']],
    ['FHIR-SEARCH-012', 'Patient', '_include', ['Patient:organization:Patient']],
    ['FHIR-SEARCH-013', 'Patient', '_elements', ['id']],
  ])('%s: %s?%s=%s', (code, type, name, values) => {
    expect(refused(type, name, values)).toEqual([code]);
  });
});
