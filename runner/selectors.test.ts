import { describe, expect, it } from 'vitest';
import { compare } from './compare.ts';
import { select, SelectorError } from './selectors.ts';

const appointment = {
  resourceType: 'Appointment',
  id: '12',
  meta: { versionId: '2' },
  status: 'booked',
  start: '2026-10-01T10:00:00+03:00',
  participant: [{ actor: { identifier: { value: '010181-900C' } }, status: 'accepted' }],
};

const cda = `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:hl7fi="urn:hl7finland">
  <id root="1.2.246.10.3210987.14.2026.1"/>
  <setId root="1.2.246.10.3210987.14.2026.1"/>
  <versionNumber value="2"/>
  <custodian><assignedCustodian><representedCustodianOrganization><id root="1.2.246.10.3210987.19.0"/></representedCustodianOrganization></assignedCustodian></custodian>
  <hl7fi:localHeader><hl7fi:retentionPeriodClass code="1"/></hl7fi:localHeader>
</ClinicalDocument>`;

describe('selectors', () => {
  it('evaluates FHIRPath over a FHIR resource with the R4 model', () => {
    expect(select(appointment, { fhirpath: 'Appointment.status' })).toEqual(['booked']);
    expect(select(appointment, { fhirpath: 'start > @2026-09-01T00:00:00Z' })).toEqual([true]);
    expect(select(appointment, { fhirpath: 'participant.actor.identifier.value' })).toEqual(['010181-900C']);
  });

  it('evaluates FHIRPath over plain JSON such as a registry answer', () => {
    const readiness = {
      ready: false,
      items: [
        { id: 'a', passed: true },
        { id: 'b', passed: false },
      ],
    };
    expect(select(readiness, { fhirpath: 'items.where(passed = false).id' })).toEqual(['b']);
  });

  it('evaluates XPath over CDA with the hl7 and hl7fi namespaces', () => {
    expect(select(cda, { xpath: 'string(/cda:ClinicalDocument/cda:versionNumber/@value)' })).toEqual(['2']);
    expect(select(cda, { xpath: '//hl7:custodian//hl7:id/@root' })).toEqual(['1.2.246.10.3210987.19.0']);
    expect(
      select(cda, { xpath: '/cda:ClinicalDocument/hl7fi:localHeader/hl7fi:retentionPeriodClass/@code' }),
    ).toEqual(['1']);
  });

  it('reads dotted paths, flattening a selected list into its values', () => {
    expect(select({ resourceIds: ['a', 'b'] }, { path: 'resourceIds' })).toEqual(['a', 'b']);
    expect(select({ resourceIds: ['a', 'b'] }, { path: 'resourceIds[1]' })).toEqual(['b']);
    expect(select({ a: 1 }, { path: 'b' })).toEqual([]);
  });

  it('refuses XPath over JSON and FHIRPath over text with a clear error', () => {
    expect(() => select({ a: 1 }, { xpath: '/a' })).toThrow(SelectorError);
    expect(() => select({ a: 1 }, { xpath: '/a' })).toThrow(/XPath needs an XML document/);
    expect(() => select('<x/>', { fhirpath: 'x' })).toThrow(/FHIRPath needs a JSON document/);
    expect(() => select({ a: 1 }, { fhirpath: 'a..b' })).toThrow(/could not be evaluated/);
  });
});

describe('comparisons', () => {
  it('passes when every comparison holds', () => {
    expect(
      compare(
        ['booked'],
        { equals: 'booked', oneOf: ['booked', 'cancelled'], exists: true, count: 1 },
        'status',
      ),
    ).toEqual([]);
  });

  it('says expected and received for each comparison that fails', () => {
    expect(compare(['proposed'], { equals: 'booked' }, 'status')).toEqual([
      'expected status = "booked", received "proposed"',
    ]);
    expect(compare([], { exists: true }, 'x')).toEqual(['expected x to exist, received nothing']);
    expect(compare(['a', 'b'], { count: 1 }, 'x')).toEqual([
      'expected 1 × x, received 2: 2 values ["a","b"]',
    ]);
    expect(compare(['abc'], { matches: '^x' }, 'x')).toEqual(['expected x to match /^x/, received "abc"']);
  });

  it('treats a number and its decimal text as equal (source-system values)', () => {
    expect(compare(['2'], { equals: 2 }, 'version')).toEqual([]);
    expect(compare([2], { equals: '2' }, 'version')).toEqual([]);
  });

  it('compares a list with a list and checks containment', () => {
    expect(compare(['a', 'b'], { equals: ['a', 'b'] }, 'ids')).toEqual([]);
    expect(compare(['a', 'b'], { contains: ['b'] }, 'ids')).toEqual([]);
    expect(compare(['category A system'], { contains: 'category A' }, 'detail')).toEqual([]);
    expect(compare(['a'], { contains: 'z' }, 'ids')).toEqual(['expected ids to contain "z", received "a"']);
  });
});
