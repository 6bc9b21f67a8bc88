/**
 * Contract tests of the FHIR repository. Every Store implementation runs them (SQLite from
 * `sqlite/fhir.test.ts`; a PostgreSQL store would call `describeFhirContract` the same way).
 */
import type { Appointment, Patient } from 'fhir/r4.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXACT_TOTAL_LIMIT,
  ResourceExistsError,
  VersionConflictError,
  type IndexEntry,
  type SearchResult,
  type TotalMode,
} from './fhir-types.ts';
import { INVALID_TAG_CODE, KANTASIM_TAG_SYSTEM } from '../domain/fhir.ts';
import type { Store } from './types.ts';

const day = (iso: string): { low: number; high: number } => {
  const low = Date.parse(`${iso}T00:00:00Z`);
  return { low, high: low + 86_400_000 };
};

function patient(id: string, family: string): Patient & { id: string } {
  return { resourceType: 'Patient', id, name: [{ family }] };
}

function appointment(id: string, start: string, hetu: string): Appointment & { id: string } {
  return {
    resourceType: 'Appointment',
    id,
    status: 'booked',
    start,
    end: start,
    participant: [
      { status: 'accepted', actor: { identifier: { system: 'urn:oid:1.2.246.21', value: hetu } } },
    ],
  };
}

function appointmentIndex(a: Appointment): IndexEntry[] {
  const at = Date.parse(a.start ?? '');
  const hetu = a.participant[0]?.actor?.identifier?.value ?? '';
  return [
    { param: 'date', kind: 'date', low: at, high: at + 1 },
    { param: 'patient:identifier', kind: 'token', system: 'urn:oid:1.2.246.21', code: hetu },
    { param: 'status', kind: 'token', system: 'http://hl7.org/fhir/appointmentstatus', code: a.status },
  ];
}

export function describeFhirContract(name: string, open: () => Promise<Store>): void {
  describe(`FHIR repository contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates version 1 with id and meta stamped, and reads it back', async () => {
      const stored = await store.fhir.create(patient('p1', 'Testinen'), { index: [] });
      expect(stored).toMatchObject({ resourceType: 'Patient', id: 'p1', versionId: 1, deleted: false });
      expect(stored.resource?.meta).toMatchObject({ versionId: '1', lastUpdated: stored.lastUpdated });
      const read = await store.fhir.read('Patient', 'p1');
      expect(read?.resource).toEqual(stored.resource);
      expect(await store.fhir.read('Patient', 'nope')).toBeUndefined();
    });

    it('refuses a create under an id that is taken, even after a delete', async () => {
      await store.fhir.create(patient('p1', 'A'), { index: [] });
      await expect(store.fhir.create(patient('p1', 'B'), { index: [] })).rejects.toBeInstanceOf(
        ResourceExistsError,
      );
      await store.fhir.delete('Patient', 'p1');
      await expect(store.fhir.create(patient('p1', 'C'), { index: [] })).rejects.toBeInstanceOf(
        ResourceExistsError,
      );
    });

    it('update makes a new version and keeps the old one readable by vread', async () => {
      await store.fhir.create(patient('p1', 'Vanha'), { index: [] });
      const v2 = await store.fhir.update(patient('p1', 'Uusi'), { index: [], ifMatch: 1 });
      expect(v2.versionId).toBe(2);
      expect((await store.fhir.vread('Patient', 'p1', 1))?.resource).toMatchObject({
        name: [{ family: 'Vanha' }],
      });
      expect((await store.fhir.read('Patient', 'p1'))?.resource).toMatchObject({
        name: [{ family: 'Uusi' }],
      });
      expect(await store.fhir.vread('Patient', 'p1', 3)).toBeUndefined();
    });

    it('update with a stale ifMatch is refused and changes nothing', async () => {
      await store.fhir.create(patient('p1', 'A'), { index: [] });
      await store.fhir.update(patient('p1', 'B'), { index: [] });
      await expect(store.fhir.update(patient('p1', 'C'), { index: [], ifMatch: 1 })).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect((await store.fhir.read('Patient', 'p1'))?.versionId).toBe(2);
    });

    it('update of a missing resource creates version 1', async () => {
      const stored = await store.fhir.update(patient('new', 'A'), { index: [] });
      expect(stored.versionId).toBe(1);
    });

    it('delete writes a marker that read returns and history lists; a second delete does nothing', async () => {
      await store.fhir.create(patient('p1', 'A'), { index: [] });
      const marker = await store.fhir.delete('Patient', 'p1');
      expect(marker).toMatchObject({ versionId: 2, deleted: true });
      expect(await store.fhir.read('Patient', 'p1')).toMatchObject({ deleted: true, versionId: 2 });
      expect(await store.fhir.delete('Patient', 'p1')).toBeUndefined();
      const history = await store.fhir.history({ resourceType: 'Patient', id: 'p1', count: 10, offset: 0 });
      expect(history.versions.map((v) => [v.versionId, v.deleted])).toEqual([
        [2, true],
        [1, false],
      ]);
    });

    it('history pages newest first over a type and over everything', async () => {
      for (let i = 0; i < 5; i++) await store.fhir.create(patient(`p${i}`, 'A'), { index: [] });
      await store.fhir.create(appointment('a1', '2026-10-01T10:00:00Z', '010181-900C'), { index: [] });
      const page = await store.fhir.history({ resourceType: 'Patient', count: 2, offset: 2 });
      expect(page.total).toBe(5);
      expect(page.versions.map((v) => v.id)).toEqual(['p2', 'p1']);
      expect((await store.fhir.history({ count: 100, offset: 0 })).total).toBe(6);
    });

    it('searches tokens, strings and references through the index', async () => {
      await store.fhir.create(patient('p1', 'Virtanen'), {
        index: [
          { param: 'family', kind: 'string', value: 'Virtanen' },
          { param: 'identifier', kind: 'token', system: 'urn:oid:1.2.246.21', code: '010181-900C' },
          { param: 'organization', kind: 'reference', value: 'Organization/o1' },
        ],
      });
      await store.fhir.create(patient('p2', 'Korhonen'), {
        index: [{ param: 'family', kind: 'string', value: 'Korhonen' }],
      });
      const ids = async (criteria: Parameters<Store['fhir']['search']>[0]['criteria']): Promise<string[]> =>
        (await store.fhir.search({ resourceType: 'Patient', criteria, count: 10, offset: 0 })).matches.map(
          (m) => m.id,
        );
      expect(await ids([{ param: 'family', kind: 'string', values: ['virt'] }])).toEqual(['p1']);
      expect(await ids([{ param: 'family', kind: 'string', values: ['virt'], exact: true }])).toEqual([]);
      expect(await ids([{ param: 'family', kind: 'string', values: ['KOR', 'virtanen'] }])).toEqual([
        'p1',
        'p2',
      ]);
      expect(
        await ids([
          {
            param: 'identifier',
            kind: 'token',
            values: [{ system: 'urn:oid:1.2.246.21', code: '010181-900C' }],
          },
        ]),
      ).toEqual(['p1']);
      expect(
        await ids([
          { param: 'identifier', kind: 'token', values: [{ system: 'other', code: '010181-900C' }] },
        ]),
      ).toEqual([]);
      expect(await ids([{ param: 'identifier', kind: 'token', values: [{ code: '010181-900C' }] }])).toEqual([
        'p1',
      ]);
      expect(await ids([{ param: 'organization', kind: 'reference', values: ['Organization/o1'] }])).toEqual([
        'p1',
      ]);
      expect(await ids([{ param: '_id', kind: 'id', values: ['p2'] }])).toEqual(['p2']);
      expect(
        await ids([
          { param: 'family', kind: 'string', values: ['k', 'v'] },
          { param: '_id', kind: 'id', values: ['p2'] },
        ]),
      ).toEqual(['p2']);
    });

    it('searches dates with prefixes, sorts and pages with a total', async () => {
      const starts = ['2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z', '2026-10-03T08:00:00Z'];
      for (const [i, start] of starts.entries()) {
        const a = appointment(`a${i}`, start, '010181-900C');
        await store.fhir.create(a, { index: appointmentIndex(a) });
      }
      const search = async (
        prefix: 'eq' | 'ge' | 'lt' | 'gt' | 'le' | 'ne',
        iso: string,
      ): Promise<string[]> =>
        (
          await store.fhir.search({
            resourceType: 'Appointment',
            criteria: [{ param: 'date', kind: 'date', prefix, ...day(iso) }],
            sort: [{ param: 'date', descending: false }],
            count: 10,
            offset: 0,
          })
        ).matches.map((m) => m.id);
      expect(await search('eq', '2026-10-02')).toEqual(['a1']);
      expect(await search('ne', '2026-10-02')).toEqual(['a0', 'a2']);
      expect(await search('ge', '2026-10-02')).toEqual(['a1', 'a2']);
      expect(await search('gt', '2026-10-02')).toEqual(['a2']);
      expect(await search('lt', '2026-10-02')).toEqual(['a0']);
      expect(await search('le', '2026-10-02')).toEqual(['a0', 'a1']);
      const page = await store.fhir.search({
        resourceType: 'Appointment',
        criteria: [],
        sort: [{ param: 'date', descending: true }],
        count: 2,
        offset: 1,
      });
      expect(page.total).toBe(3);
      expect(page.matches.map((m) => m.id)).toEqual(['a1', 'a0']);
    });

    it('search sees only current, undeleted versions', async () => {
      const a = appointment('a1', '2026-10-01T08:00:00Z', '010181-900C');
      await store.fhir.create(a, { index: appointmentIndex(a) });
      const moved = { ...a, status: 'cancelled' as const };
      await store.fhir.update(moved, { index: appointmentIndex(moved) });
      const byStatus = async (code: string): Promise<number> =>
        (
          await store.fhir.search({
            resourceType: 'Appointment',
            criteria: [{ param: 'status', kind: 'token', values: [{ code }] }],
            count: 10,
            offset: 0,
          })
        ).total;
      expect(await byStatus('booked')).toBe(0);
      expect(await byStatus('cancelled')).toBe(1);
      await store.fhir.delete('Appointment', 'a1');
      expect(await byStatus('cancelled')).toBe(0);
    });

    it('finds deleted resources only when asked to (their last index rows are kept)', async () => {
      const a = appointment('a1', '2026-10-01T08:00:00Z', '010181-900C');
      await store.fhir.create(a, { index: appointmentIndex(a) });
      await store.fhir.delete('Appointment', 'a1');
      const query = {
        resourceType: 'Appointment',
        criteria: [
          { param: 'patient:identifier', kind: 'token' as const, values: [{ code: '010181-900C' }] },
        ],
        count: 10,
        offset: 0,
      };
      expect((await store.fhir.search(query)).total).toBe(0);
      const found = await store.fhir.search({ ...query, includeDeleted: true });
      expect(found.matches.map((m) => [m.id, m.deleted])).toEqual([['a1', true]]);
    });

    it('history honours since', async () => {
      await store.fhir.create(patient('p1', 'A'), { index: [], lastUpdated: '2026-01-01T00:00:00.000Z' });
      await store.fhir.update(patient('p1', 'B'), { index: [], lastUpdated: '2026-03-01T00:00:00.000Z' });
      const recent = await store.fhir.history({ since: '2026-02-01T00:00:00.000Z', count: 10, offset: 0 });
      expect(recent.versions.map((v) => v.versionId)).toEqual([2]);
    });

    it('a search with several ORed values and several criteria matches each resource once', async () => {
      for (const [id, hetu, start] of [
        ['a1', '010181-900C', '2026-10-01T08:00:00Z'],
        ['a2', '020516C903K', '2026-10-02T08:00:00Z'],
        ['a3', '010594Y9032', '2026-10-03T08:00:00Z'],
      ] as const) {
        const a = appointment(id, start, hetu);
        await store.fhir.create(a, { index: appointmentIndex(a) });
      }
      const result = await store.fhir.search({
        resourceType: 'Appointment',
        criteria: [
          {
            param: 'patient:identifier',
            kind: 'token',
            values: [
              { system: 'urn:oid:1.2.246.21', code: '010181-900C' },
              { code: '020516C903K' },
              { code: '010181-900C' },
            ],
          },
          { param: 'date', kind: 'date', prefix: 'ge', ...day('2026-10-02') },
        ],
        count: 10,
        offset: 0,
      });
      expect(result.matches.map((m) => m.id)).toEqual(['a2']);
      expect(result.total).toBe(1);
    });

    it('marks resources tagged invalid', async () => {
      const stored = await store.fhir.create(
        { ...patient('p1', 'A'), meta: { tag: [{ system: KANTASIM_TAG_SYSTEM, code: INVALID_TAG_CODE }] } },
        { index: [] },
      );
      expect(stored.invalid).toBe(true);
      expect((await store.fhir.read('Patient', 'p1'))?.invalid).toBe(true);
    });

    it('a rolled-back transaction leaves no version, pointer or index row behind', async () => {
      const a = appointment('a1', '2026-10-01T08:00:00Z', '010181-900C');
      await expect(
        store.transaction(async (tx) => {
          await tx.fhir.create(a, { index: appointmentIndex(a) });
          throw new Error('second entry is bad');
        }),
      ).rejects.toThrow('second entry is bad');
      expect(await store.fhir.read('Appointment', 'a1')).toBeUndefined();
      const all = await store.fhir.search({
        resourceType: 'Appointment',
        criteria: [],
        count: 10,
        offset: 0,
      });
      expect(all.total).toBe(0);
      expect((await store.fhir.history({ count: 10, offset: 0 })).total).toBe(0);
    });

    it('filters by _lastUpdated', async () => {
      await store.fhir.create(patient('old', 'A'), { index: [], lastUpdated: '2026-01-01T00:00:00.000Z' });
      await store.fhir.create(patient('new', 'B'), { index: [], lastUpdated: '2026-06-01T00:00:00.000Z' });
      const result = await store.fhir.search({
        resourceType: 'Patient',
        criteria: [{ param: '_lastUpdated', kind: 'lastUpdated', prefix: 'ge', ...day('2026-03-01') }],
        count: 10,
        offset: 0,
      });
      expect(result.matches.map((m) => m.id)).toEqual(['new']);
    });

    it('counts as _total asks: exact up to the limit, a lower bound past it, nothing for none', async () => {
      const many = EXACT_TOTAL_LIMIT + 5;
      await store.transaction(async (tx) => {
        for (let i = 0; i < many; i++) {
          const a = appointment(`t${String(i).padStart(5, '0')}`, '2026-12-14T08:00:00Z', '010181-900C');
          await tx.fhir.create(a, { index: appointmentIndex(a) });
        }
      });
      const booked = (total: TotalMode, offset = 0): Promise<SearchResult> =>
        store.fhir.search({
          resourceType: 'Appointment',
          criteria: [{ param: 'status', kind: 'token', values: [{ code: 'booked' }] }],
          count: 10,
          offset,
          total,
        });
      expect(await booked('accurate')).toMatchObject({ total: many });
      expect((await booked('accurate')).exact).not.toBe(false);
      // Past the limit an estimate says only that there are more than it counted.
      const estimate = await booked('estimate');
      expect(estimate.exact).toBe(false);
      expect(estimate.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
      expect(estimate.matches).toHaveLength(10);
      // `none`: a lower bound that says whether another page follows; on the last page, nothing more.
      const none = await booked('none');
      expect(none).toMatchObject({ total: 11, exact: false });
      const last = await booked('none', many - 3);
      expect(last.matches).toHaveLength(3);
      expect(last.total).toBe(many);
      // History of a type: exact (a store may keep counters) or a lower bound past the limit; of one
      // resource: exact.
      const history = await store.fhir.history({ resourceType: 'Appointment', count: 10, offset: 0 });
      expect(history.versions).toHaveLength(10);
      if (history.exact === false) expect(history.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
      else expect(history.total).toBe(many);
      expect(
        await store.fhir.history({ resourceType: 'Appointment', id: 't00001', count: 10, offset: 0 }),
      ).toMatchObject({
        total: 1,
      });
      // Few matches: exact, whatever the mode.
      const few = await store.fhir.search({
        resourceType: 'Appointment',
        criteria: [{ param: '_id', kind: 'id', values: ['t00001', 't00002'] }],
        count: 10,
        offset: 0,
      });
      expect([few.total, few.exact]).toEqual([2, undefined]);
    });
  });
}
