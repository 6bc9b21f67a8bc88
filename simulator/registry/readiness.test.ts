import { describe, expect, it } from 'vitest';
import { assessReadiness, type ReadinessInput, type ReadinessItemId } from './readiness.ts';
import type { CertifiedSystem, Customer, Organisation } from '../domain/registry.ts';

const now = new Date('2026-11-22T12:00:00Z');
const org: Organisation = {
  oid: '1.2.246.10.1111111.10.0',
  name: 'Testiklinikka Oy',
  kind: 'organisation',
  public: false,
  active: true,
  updatedAt: '2026-10-01T00:00:00.000Z',
};
const controller: Organisation = {
  ...org,
  oid: '1.2.246.10.1111111.19.0',
  kind: 'register-controller',
  partOf: org.oid,
};
const systemA: CertifiedSystem = {
  id: 'a',
  vendor: 'V',
  product: 'Alpha',
  version: '1',
  category: 'A',
  certifiedFor: ['pta', 'pta-appointment'],
};
const customer: Customer = {
  orgOid: org.oid,
  serviceDescriptionAccepted: true,
  system: 'a',
  connectionPoints: [{ id: 'cp1', operator: 'V', announcedAt: '2026-10-01' }],
  services: ['pta', 'pta-appointment'],
  documentGroups: [],
  serviceTasks: [],
  plannedStart: '2026-12-01',
  updatedAt: '2026-10-01T00:00:00.000Z',
};
const ready: ReadinessInput = {
  orgOid: org.oid,
  organisation: org,
  registerControllers: [controller],
  customer,
  system: systemA,
  issuedTestPersons: 3,
  now,
};

function failing(input: ReadinessInput): ReadinessItemId[] {
  return assessReadiness(input)
    .items.filter((i) => !i.passed)
    .map((i) => i.id);
}

describe('readiness checklist', () => {
  it('is ready when every prerequisite holds', () => {
    const r = assessReadiness(ready);
    expect(r.ready).toBe(true);
    expect(r.items).toHaveLength(9);
    expect(r.items.every((i) => i.action === undefined)).toBe(true);
  });

  it('names a missing code-server entry and everything that depends on a customer record', () => {
    const { organisation: _o, customer: _c, system: _s, ...rest } = ready;
    expect(failing({ ...rest, registerControllers: [], issuedTestPersons: 0 })).toEqual([
      'code-server-entry',
      'register-controller',
      'customer-application',
      'service-description',
      'certified-system',
      'connection-point',
      'connection-point-notice',
      'test-persons',
    ]);
  });

  it('refuses a code-server entry that is no longer current or not confirmed for a year', () => {
    expect(failing({ ...ready, organisation: { ...org, active: false } })).toEqual(['code-server-entry']);
    const stale = assessReadiness({
      ...ready,
      organisation: { ...org, updatedAt: '2025-01-01T00:00:00.000Z' },
    });
    expect(stale.items[0]).toMatchObject({ passed: false, detail: expect.stringContaining('days ago') });
  });

  it('accepts a category-B system only through a category-A one', () => {
    const systemB: CertifiedSystem = {
      ...systemA,
      id: 'b',
      category: 'B',
      certifiedFor: ['pta'],
      connectsThrough: 'a',
    };
    expect(failing({ ...ready, system: systemB })).toEqual(['certified-system']);
    expect(failing({ ...ready, system: systemB, throughSystem: systemA })).toEqual([]);
  });

  it('names the services the system is not certified for', () => {
    const r = assessReadiness({ ...ready, customer: { ...customer, services: ['pta', 'pta-imaging'] } });
    const item = r.items.find((i) => i.id === 'certified-system');
    expect(item).toMatchObject({
      passed: false,
      detail: expect.stringContaining('pta-imaging (Imaging archiving)'),
    });
  });

  it('requires connection points to be announced two weeks before the planned start', () => {
    const late = { ...customer, connectionPoints: [{ id: 'cp1', operator: 'V', announcedAt: '2026-11-20' }] };
    const r = assessReadiness({ ...ready, customer: late });
    expect(r.ready).toBe(false);
    expect(r.items.find((i) => i.id === 'connection-point-notice')?.detail).toContain(
      'cp1 announced 2026-11-20, under 14 days before planned start 2026-12-01',
    );
    // Exactly 14 days is enough.
    const onTime = { ...late, connectionPoints: [{ id: 'cp1', operator: 'V', announcedAt: '2026-11-17' }] };
    expect(failing({ ...ready, customer: onTime })).toEqual([]);
  });

  it('measures the notice from today when no start is planned', () => {
    const { plannedStart: _p, ...noStart } = customer;
    const recent = {
      ...noStart,
      connectionPoints: [{ id: 'cp1', operator: 'V', announcedAt: '2026-11-15' }],
    };
    expect(failing({ ...ready, customer: recent })).toEqual(['connection-point-notice']);
  });

  it('needs the service description accepted and test persons issued', () => {
    expect(
      failing({
        ...ready,
        customer: { ...customer, serviceDescriptionAccepted: false },
        issuedTestPersons: 0,
      }),
    ).toEqual(['service-description', 'test-persons']);
  });

  it('flags a planned start date in the past, and not today or later', () => {
    const r = assessReadiness({ ...ready, customer: { ...customer, plannedStart: '2026-11-21' } });
    expect(r.ready).toBe(false);
    expect(r.items.find((i) => i.id === 'planned-start')).toMatchObject({
      passed: false,
      detail: 'planned start 2026-11-21 is in the past (today is 2026-11-22)',
      action: expect.stringContaining('Extranet'),
    });
    expect(failing({ ...ready, customer: { ...customer, plannedStart: '2026-11-22' } })).toEqual([]);
    expect(failing(ready)).toEqual([]);
  });
});
