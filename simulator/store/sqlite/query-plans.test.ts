/**
 * Every query shape the archive and FHIR APIs offer, checked with SQLite's `EXPLAIN QUERY PLAN`.
 *
 * A shape that scans a main table, or sorts every match in a temporary b-tree, costs in proportion to the
 * store and falls over at a million records; one that searches an index in the order of the page stays
 * flat. The test records the SQL the repository really runs for each shape (with its bound values) and
 * asks SQLite for its plan, so a change in the repository's SQL or in the indexes is caught here, not by
 * the benchmark at scale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openSqliteStore, type SqliteStore } from './index.ts';
import type { ArchiveQuery } from '../archive-types.ts';
import type { HistoryQuery, SearchQuery } from '../fhir-types.ts';

const MAIN_TABLES = ['archive_documents', 'fhir_current', 'fhir_index', 'fhir_versions'];

interface Recorded {
  sql: string;
  args: unknown[];
}

let store: SqliteStore;
let recorded: Recorded[] = [];

beforeAll(() => {
  store = openSqliteStore(':memory:');
  const db = store.db;
  const original = db.prepare.bind(db);
  // Record each statement's SQL with the values it runs with, so its plan can be asked for as run.
  (db as { prepare: unknown }).prepare = (sql: string): Database.Statement => {
    const stmt = original(sql);
    for (const method of ['get', 'all'] as const) {
      const run: (...args: unknown[]) => unknown = stmt[method].bind(stmt);
      (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]): unknown => {
        recorded.push({ sql, args });
        return run(...args);
      };
    }
    return stmt;
  };
});

afterAll(async () => {
  await store.close();
});

function plan({ sql, args }: Recorded): string[] {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as [])) as { detail: string }[]).map(
    (r) => r.detail,
  );
}

/** Plan lines that mean work in proportion to the store. */
function problems(lines: string[], allowSort: boolean): string[] {
  return lines.filter((line) => {
    const scan = /^SCAN (\S+)(?: AS \S+)?$/.exec(line);
    if (scan && MAIN_TABLES.includes(scan[1] ?? '')) return true;
    if (MAIN_TABLES.some((t) => line === `SCAN ${t}`)) return true;
    return !allowSort && /USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(line);
  });
}

/** The plans of every statement one call runs (statements prepared earlier are recorded too). */
async function plansOf(call: () => Promise<unknown>): Promise<{ sql: string; lines: string[] }[]> {
  recorded = [];
  await call();
  return recorded.map((r) => ({ sql: r.sql, lines: plan(r) }));
}

/**
 * `true` where a sort of the matches is bounded by a selective lookup (one submitter's documents), not by
 * the archive.
 */
const archiveShapes: [string, ArchiveQuery, boolean?][] = [
  ['everything, newest first', {}],
  ['by patient', { patient: '010181-900C' }],
  ['by patient, every status', { patient: '010181-900C', statuses: ['current', 'replaced', 'nullified'] }],
  ['by repository', { repository: 'pta' }],
  ['by set', { setId: '1.2.3' }],
  ['by type', { type: '1' }],
  ['by type and one month', { type: '1', from: '2025-03', to: '2025-03' }],
  ['one month', { from: '2025-03', to: '2025-03' }],
  ['by custodian', { custodian: '1.2.246.10.1' }],
  ['by patient and type', { patient: '010181-900C', type: '1' }],
  ['including replaced and nullified', { includeReplaced: true, includeNullified: true }],
  ['valid only', { includeInvalid: false }],
  ['by submitter', { submitter: '1.2.246.10.1' }, true],
  ['second page', { type: '1', limit: 50, offset: 50 }],
];

describe('archive query shapes', () => {
  it.each(archiveShapes)('%s: indexed, in page order', async (_name, query, allowSort) => {
    const plans = await plansOf(() => store.archive.search(query));
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, lines } of plans)
      expect({ sql, bad: problems(lines, allowSort === true) }).toEqual({ sql, bad: [] });
  });
});

const t0 = Date.parse('2025-03-01T00:00:00Z');
const t1 = Date.parse('2025-04-01T00:00:00Z');
/**
 * The third value: whether the page may be sorted in a temporary b-tree. FHIR searches select candidate
 * ids with the most selective criterion (an index search) and sort only those, so the sort is bounded by
 * the driver's matches; shapes with no driver must walk an index in page order.
 */
const fhirShapes: [string, SearchQuery, boolean][] = [
  ['every appointment', { resourceType: 'Appointment', criteria: [], count: 50, offset: 0 }, false],
  [
    'by patient',
    {
      resourceType: 'Appointment',
      criteria: [{ param: 'patient', kind: 'reference', values: ['Patient/1'] }],
      count: 50,
      offset: 0,
    },
    true,
  ],
  [
    'by patient and date, sorted by date',
    {
      resourceType: 'Appointment',
      criteria: [
        { param: 'patient', kind: 'reference', values: ['Patient/1'] },
        { param: 'date', kind: 'date', prefix: 'ge', low: t0, high: t1 },
      ],
      sort: [{ param: 'date', descending: false }],
      count: 50,
      offset: 0,
    },
    // The sort runs over the patient's candidates only (the driver bounds them), not over the store.
    true,
  ],
  [
    'by identifier',
    {
      resourceType: 'Appointment',
      criteria: [{ param: 'identifier', kind: 'token', values: [{ system: 'urn:x', code: '1' }] }],
      count: 50,
      offset: 0,
    },
    true,
  ],
  [
    'by status and actor',
    {
      resourceType: 'Appointment',
      criteria: [
        { param: 'actor', kind: 'reference', values: ['Practitioner/1'] },
        { param: 'status', kind: 'token', values: [{ code: 'booked' }] },
      ],
      count: 50,
      offset: 0,
    },
    true,
  ],
  [
    'by name prefix',
    {
      resourceType: 'Patient',
      criteria: [{ param: 'name', kind: 'string', values: ['virta'] }],
      count: 50,
      offset: 0,
    },
    true,
  ],
  [
    'by id',
    {
      resourceType: 'Appointment',
      criteria: [{ param: '_id', kind: 'id', values: ['a', 'b'] }],
      count: 50,
      offset: 0,
    },
    true,
  ],
  [
    'by date alone',
    {
      resourceType: 'Appointment',
      criteria: [{ param: 'date', kind: 'date', prefix: 'ge', low: t0, high: t1 }],
      count: 50,
      offset: 0,
    },
    true,
  ],
  [
    'by last update',
    {
      resourceType: 'Appointment',
      criteria: [{ param: '_lastUpdated', kind: 'lastUpdated', prefix: 'ge', low: t0, high: t1 }],
      count: 50,
      offset: 0,
    },
    false,
  ],
  [
    'deleted ones',
    { resourceType: 'Appointment', criteria: [], count: 50, offset: 0, onlyDeleted: true },
    false,
  ],
];

const historyShapes: [string, HistoryQuery][] = [
  ['history of a resource', { resourceType: 'Appointment', id: 'a', count: 50, offset: 0 }],
  ['history of a type', { resourceType: 'Appointment', count: 50, offset: 0 }],
];

describe('FHIR query shapes', () => {
  beforeAll(async () => {
    // One match, so the page query runs as well as the count.
    await store.fhir.create(
      { resourceType: 'Appointment', id: 'a', status: 'booked', participant: [] },
      {
        index: [
          { param: 'patient', kind: 'reference', value: 'Patient/1' },
          { param: 'actor', kind: 'reference', value: 'Practitioner/1' },
          { param: 'status', kind: 'token', system: '', code: 'booked' },
          { param: 'identifier', kind: 'token', system: 'urn:x', code: '1' },
          { param: 'date', kind: 'date', low: t0 + 1000, high: t0 + 2000 },
        ],
        lastUpdated: '2025-03-02T00:00:00Z',
      },
    );
    await store.fhir.create(
      { resourceType: 'Patient', id: 'p' },
      { index: [{ param: 'name', kind: 'string', value: 'Virtanen' }] },
    );
  });

  it.each(fhirShapes)('%s: indexed', async (_name, query, allowSort) => {
    const plans = await plansOf(() => store.fhir.search(query));
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, lines } of plans)
      expect({ sql, bad: problems(lines, allowSort) }).toEqual({ sql, bad: [] });
  });

  it.each(historyShapes)('%s: indexed, in page order', async (_name, query) => {
    const plans = await plansOf(() => store.fhir.history(query));
    for (const { sql, lines } of plans)
      expect({ sql, bad: problems(lines, false) }).toEqual({ sql, bad: [] });
  });
});
