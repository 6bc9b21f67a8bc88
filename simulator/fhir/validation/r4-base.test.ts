/**
 * The R4 base layer: rules the official JSON schema does not encode, each with its code and the path of
 * the element, through the whole pipeline (validateResource) where the refusal matters.
 */
import { describe, expect, it } from 'vitest';
import { kantaAppointment, kantaProvenance } from '../../../fixtures/fhir/appointment.ts';
import { validateResource, type ValidateOptions } from './index.ts';
import { checkR4Base, withoutSchemaDuplicates } from './r4-base.ts';
import { R4_ELEMENTS, R4_SOURCE } from './r4-tables.generated.ts';

const options: ValidateOptions = { supported: () => true, kanta: 'auto', allowRealIdentities: false };
const found = (r: Record<string, unknown> & { resourceType: string }): [string, string][] =>
  checkR4Base(r).map((f) => [f.code, f.path]);

describe('R4 base tables', () => {
  it('are derived from the published R4 definitions of the served types', () => {
    expect(R4_SOURCE.fhirVersion).toBe('4.0.1');
    expect(R4_ELEMENTS.Appointment?.status).toEqual([1, 1, 'code']);
    expect(R4_ELEMENTS.Appointment?.['participant.status']?.[0]).toBe(1);
    expect(R4_ELEMENTS.Extension?.url?.slice(0, 2)).toEqual([1, 1]);
    expect(R4_ELEMENTS.Bundle?.['entry.link']?.[2]).toBe('#link');
    for (const t of ['Slot', 'Schedule', 'Provenance', 'Patient', 'OperationOutcome', 'Signature'])
      expect(R4_ELEMENTS[t]).toBeDefined();
  });
});

describe('R4 base rules the schema misses', () => {
  it('refuses an Appointment without status, naming Appointment.status (400, structure)', () => {
    // Without its status and the status's extensions: an element with only extensions is present.
    const a = kantaAppointment() as unknown as Record<string, unknown>;
    delete a.status;
    delete a._status;
    const result = validateResource(a, { ...options, kanta: true });
    expect(result.refuseWith).toBe(400);
    const f = result.findings.find((x) => x.code === 'R4-CARD-001');
    expect(f?.path).toBe('Appointment.status');
    expect(f?.message).toContain('Appointment.status');
  });

  it('refuses a Slot without start', () => {
    const result = validateResource(
      {
        resourceType: 'Slot',
        schedule: { reference: 'Schedule/1' },
        status: 'free',
        end: '2026-11-02T10:00:00Z',
      },
      options,
    );
    expect(result.refuseWith).toBe(400);
    expect(result.findings.map((f) => [f.code, f.path])).toEqual([['R4-CARD-001', 'Slot.start']]);
  });

  it('refuses a Patient whose extension has no url', () => {
    const result = validateResource({ resourceType: 'Patient', extension: [{ valueString: 'x' }] }, options);
    expect(result.refuseWith).toBe(400);
    const f = result.findings.find((x) => x.code === 'R4-EXT-001');
    expect(f?.path).toBe('Patient.extension[0].url');
    expect(f?.message).toContain('Patient.extension[0]');
  });

  it('checks a participant of an Appointment and the Provenance agents', () => {
    const a = kantaAppointment() as unknown as { participant: Record<string, unknown>[] };
    delete a.participant[0]?.status;
    expect(found(a as unknown as Record<string, unknown> & { resourceType: string })).toEqual([
      ['R4-CARD-001', 'Appointment.participant[0].status'],
    ]);
    const p = kantaProvenance() as unknown as { agent: Record<string, unknown>[]; resourceType: string };
    delete p.agent[0]?.who;
    expect(found(p)).toContainEqual(['R4-CARD-001', 'Provenance.agent[0].who']);
  });

  it('checks extensions on primitives, nested extensions and contained resources', () => {
    expect(
      found({
        resourceType: 'Appointment',
        status: 'booked',
        _status: { extension: [{ url: 'https://example.org/a', extension: [{ valueCode: 'x' }] }] },
        participant: [{ status: 'accepted', actor: { display: 'A' } }],
        contained: [
          { resourceType: 'Patient', id: 'p1', gender: 'male', _gender: { extension: [{ valueCode: 'y' }] } },
        ],
      }),
    ).toEqual([
      ['R4-EXT-001', 'Appointment._status.extension[0].extension[0].url'],
      ['R4-EXT-001', 'Appointment.contained[0]._gender.extension[0].url'],
    ]);
  });

  it('checks the shape of primitive extensions', () => {
    const codes = found({
      resourceType: 'Patient',
      gender: 'male',
      _gender: [{ id: 'g' }],
      birthDate: '1980-01-01',
      _birthDate: {},
      name: [
        { given: ['A', 'B'], _given: [null] },
        { given: ['C', null], _given: [null, null] },
      ],
    });
    expect(codes).toEqual([
      ['R4-PRIM-001', 'Patient._gender'],
      ['R4-PRIM-001', 'Patient._birthDate'],
      ['R4-PRIM-001', 'Patient.name[0]._given'],
      ['R4-PRIM-001', 'Patient.name[1]._given[1]'],
    ]);
    // A value-less primitive with an extension counts as present, and aligned arrays are fine.
    expect(
      found({
        resourceType: 'Slot',
        schedule: { reference: 'Schedule/1' },
        _status: {
          extension: [
            { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' },
          ],
        },
        start: '2026-11-02T10:00:00Z',
        end: '2026-11-02T10:30:00Z',
      }),
    ).toEqual([]);
    expect(
      found({
        resourceType: 'Patient',
        name: [
          {
            given: ['A', null],
            _given: [null, { extension: [{ url: 'https://example.org/x', valueString: 'y' }] }],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses a choice element given in two types', () => {
    expect(
      found({ resourceType: 'Patient', deceasedBoolean: false, deceasedDateTime: '2020-01-01' }),
    ).toEqual([['R4-CHOICE-001', 'Patient.deceasedDateTime']]);
  });

  it('checks element ids and duplicate contained ids', () => {
    expect(
      found({
        resourceType: 'Patient',
        name: [{ id: 'has space', family: 'X' }],
        contained: [
          { resourceType: 'Patient', id: 'a' },
          { resourceType: 'Practitioner', id: 'a' },
        ],
      }),
    ).toEqual([
      ['R4-JSON-003', 'Patient.contained[1].id'],
      ['R4-JSON-002', 'Patient.name[0].id'],
    ]);
  });

  it('checks required bindings the schema does not enumerate', () => {
    expect(
      found({ resourceType: 'PractitionerRole', availableTime: [{ daysOfWeek: ['mon', 'monday'] }] }),
    ).toEqual([['R4-BIND-001', 'PractitionerRole.availableTime[0].daysOfWeek[1]']]);
  });

  it('walks Bundle entries and content references', () => {
    expect(
      found({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ link: [{ relation: 'self' }], resource: { resourceType: 'Slot', status: 'free' } }],
      }),
    ).toEqual([
      ['R4-CARD-001', 'Bundle.entry[0].link[0].url'],
      ['R4-CARD-001', 'Bundle.entry[0].resource.schedule'],
      ['R4-CARD-001', 'Bundle.entry[0].resource.start'],
      ['R4-CARD-001', 'Bundle.entry[0].resource.end'],
    ]);
  });

  it('leaves to the schema layer what it already reported at the same place', () => {
    const base = [
      { code: 'R4-CARD-001', severity: 'error' as const, path: 'Patient.link[0].other', message: '' },
      { code: 'R4-EXT-001', severity: 'error' as const, path: 'Patient.extension[0].url', message: '' },
    ];
    const schema = [
      { code: 'FHIR-STRUCT-003', severity: 'error' as const, path: 'Patient.link[0]', message: '' },
    ];
    expect(withoutSchemaDuplicates(base, schema).map((f) => f.code)).toEqual(['R4-EXT-001']);
  });

  it('a valid Kanta appointment and Provenance have no R4 base findings', () => {
    expect(
      found(kantaAppointment() as unknown as Record<string, unknown> & { resourceType: string }),
    ).toEqual([]);
    expect(found(kantaProvenance() as unknown as Record<string, unknown> & { resourceType: string })).toEqual(
      [],
    );
  });
});
