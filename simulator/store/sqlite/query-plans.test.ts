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
import type { ArchivePage, ArchiveQuery } from '../archive-types.ts';
import type { EventQuery } from '../types.ts';
import type { NewArchivedDocument, Nullification } from '../../domain/cda.ts';
import {
  EXACT_TOTAL_LIMIT,
  type HistoryQuery,
  type HistoryResult,
  type SearchCriterion,
  type SearchQuery,
  type SearchResult,
  type SortKey,
} from '../fhir-types.ts';

const MAIN_TABLES = ['archive_documents', 'events', 'fhir_current', 'fhir_index', 'fhir_versions'];

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

/**
 * Plan lines that mean work in proportion to the store. `walk` names a table whose rowid order is the
 * page order (the history of everything, newest first): walking it stops after the page.
 */
function problems(lines: string[], allowSort: boolean, walk?: string): string[] {
  return lines.filter((line) => {
    if (walk !== undefined && line === `SCAN ${walk}`) return false;
    const scan = /^SCAN (\S+)(?: AS \S+)?$/.exec(line);
    if (scan && MAIN_TABLES.includes(scan[1] ?? '')) return true;
    if (MAIN_TABLES.some((t) => line === `SCAN ${t}`)) return true;
    return (
      !allowSort && /USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY|LAST TERM OF ORDER BY)/.test(line)
    );
  });
}

/** The plans of every statement one call runs (statements prepared earlier are recorded too). */
async function plansOf(call: () => Promise<unknown>): Promise<{ sql: string; lines: string[] }[]> {
  recorded = [];
  await call();
  return recorded.map((r) => ({ sql: r.sql, lines: plan(r) }));
}

/** Documents enough that the broad shapes take their at-scale plans; custodians and days alternate. */
const DOCS = EXACT_TOTAL_LIMIT + 100;
const CUSTODIANS = ['1.2.246.10.1', '1.2.246.10.2'];
const ALL_STATUSES = ['current', 'replaced', 'nullified'] as const;

function archived(n: number): NewArchivedDocument {
  const oid = `1.2.246.10.9.${n}`;
  return {
    oid,
    repository: 'pta',
    setId: oid,
    versionNumber: 1,
    status: 'current',
    valid: n % 50 !== 3,
    mode: 'strict',
    patient: `0101${String(n % 100).padStart(2, '0')}-900C`,
    documentType: n % 5 === 0 ? '1' : '4',
    effectiveAt: `2025-03-${String((n % 28) + 1).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:00:00`,
    custodian: CUSTODIANS[n % 2] ?? '',
    // Every document is submitted by S; three by R as well.
    organisation: n < 3 ? 'R' : 'S',
    header: {
      documentOid: oid,
      id: { root: oid },
      templateIds: [],
      authors: n < 3 ? [{ organisation: 'S' }] : [],
      relatedDocuments: [],
      localHeader: {
        present: false,
        tableOfContents: [],
        serviceChainLinks: [],
        episodeLinks: [],
        signatures: [],
        otherElements: [],
      },
      viewCodes: [],
      social: {},
    },
    findings: [],
    sha256: 'x',
    sizeBytes: 3,
    receivedAt: '2025-03-01T00:00:00.000Z',
    xml: new Uint8Array([0x3c, 0x61, 0x2f, 0x3e]),
  };
}

/**
 * The third value: whether a sort of the matches is allowed, because a selective lookup (a patient,
 * a set, a submitter of few documents) bounds them, not the archive. The fourth: the total is exact.
 */
const archiveShapes: [string, ArchiveQuery, boolean, boolean][] = [
  ['everything, newest first', {}, false, true],
  ['by patient', { patient: '010107-900C' }, false, true],
  ['by patient, every status', { patient: '010107-900C', statuses: [...ALL_STATUSES] }, false, true],
  ['by repository', { repository: 'pta' }, false, true],
  ['by set', { setId: '1.2.246.10.9.7' }, false, true],
  ['by type', { type: '1' }, false, true],
  ['by type and one month', { type: '1', from: '2025-03', to: '2025-03' }, false, true],
  ['one month', { from: '2025-03', to: '2025-03' }, false, true],
  ['one day', { from: '2025-03-05', to: '2025-03-05' }, false, true],
  ['from an hour on (finer than a day)', { from: '2025-03-01T10' }, false, false],
  ['by custodian', { custodian: CUSTODIANS[1] ?? '' }, false, true],
  ['by custodians (an organisation in shared mode)', { custodians: CUSTODIANS }, false, true],
  [
    'by custodian and one month',
    { custodian: CUSTODIANS[0] ?? '', from: '2025-03', to: '2025-03' },
    false,
    true,
  ],
  ['by patient and type', { patient: '010105-900C', type: '1' }, false, true],
  ['including replaced and nullified', { includeReplaced: true, includeNullified: true }, false, true],
  ['valid only', { includeInvalid: false }, false, true],
  ['by submitter of many', { submitter: 'S' }, false, false],
  [
    'by submitter of many, every status, by type (the viewer find)',
    { submitter: 'S', statuses: [...ALL_STATUSES], type: '1' },
    true,
    true,
  ],
  ['by submitter of few', { submitter: 'R' }, true, true],
  ['by submitter and patient', { submitter: 'S', patient: '010107-900C' }, false, true],
  ['second page', { type: '1', limit: 50, offset: 50 }, false, true],
];

describe('archive query shapes', () => {
  beforeAll(async () => {
    await store.transaction(async (tx) => {
      for (let n = 0; n < DOCS; n++) await tx.archive.insert(archived(n));
      for (let n = 10; n < 20; n++) await tx.archive.markReplaced(`1.2.246.10.9.${n}`, 'x');
      for (let n = 20; n < 25; n++)
        await tx.archive.nullify(`1.2.246.10.9.${n}`, {
          at: '2025-04-01T00:00:00Z',
          reason: 'test',
        } as Nullification);
    });
  });

  it.each(archiveShapes)('%s: indexed, in page order', async (_name, query, allowSort, exact) => {
    let page: ArchivePage | undefined;
    const plans = await plansOf(async () => {
      page = await store.archive.search(query);
    });
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, lines } of plans)
      expect({ sql, bad: problems(lines, allowSort) }).toEqual({ sql, bad: [] });
    expect(page?.documents.length).toBeGreaterThan(0);
    expect(page?.exact !== false).toBe(exact);
  });

  it('counter totals agree with the documents, after replacing and nullifying', async () => {
    const all = Array.from({ length: DOCS }, (_, n) => ({
      ...archived(n),
      status: n >= 10 && n < 20 ? 'replaced' : n >= 20 && n < 25 ? 'nullified' : 'current',
    }));
    const day = (d: { effectiveAt?: string }): string => d.effectiveAt?.slice(0, 10) ?? '';
    const cases: [ArchiveQuery, (d: (typeof all)[number]) => boolean][] = [
      [{}, (d) => d.status === 'current'],
      [{ statuses: [...ALL_STATUSES] }, () => true],
      [{ includeNullified: true }, (d) => d.status !== 'replaced'],
      [{ type: '1' }, (d) => d.status === 'current' && d.documentType === '1'],
      [{ custodian: CUSTODIANS[1] ?? '' }, (d) => d.status === 'current' && d.custodian === CUSTODIANS[1]],
      [{ custodians: [] }, () => false],
      [
        { from: '2025-03-05', to: '2025-03-09', includeInvalid: false },
        (d) => d.status === 'current' && d.valid && day(d) >= '2025-03-05' && day(d) <= '2025-03-09',
      ],
      [
        { to: '2025-03-02', statuses: ['replaced'] },
        (d) => d.status === 'replaced' && day(d) <= '2025-03-02',
      ],
      [{ submitter: 'R' }, (d) => d.status === 'current' && d.organisation === 'R'],
    ];
    for (const [query, keep] of cases)
      expect({ query, total: (await store.archive.search(query)).total }).toEqual({
        query,
        total: all.filter(keep).length,
      });
    const many = await store.archive.search({ submitter: 'S', limit: 1000 });
    expect(many).toMatchObject({ exact: false });
    expect(many.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const next = await store.archive.search({ submitter: 'S', limit: 1000, offset: 1000 });
    expect(many.documents.length + next.documents.length).toBe(
      all.filter((d) => d.status === 'current').length,
    );
    expect(await store.archive.count()).toBe(DOCS);
  });
});

const t0 = Date.parse('2025-03-01T00:00:00Z');
const t1 = Date.parse('2025-04-01T00:00:00Z');
/** More appointments than a search counts exactly, so the broad shapes take their at-scale plans. */
const BROAD = EXACT_TOTAL_LIMIT + 100;

const appointments = (query: Partial<SearchQuery>): SearchQuery => ({
  resourceType: 'Appointment',
  criteria: [],
  count: 50,
  offset: 0,
  ...query,
});
const patient = (n: number): SearchCriterion => ({
  param: 'patient',
  kind: 'reference',
  values: [`Patient/${n}`],
});
const booked: SearchCriterion = { param: 'status', kind: 'token', values: [{ code: 'booked' }] };
const organiser: SearchCriterion = {
  param: 'service-organiser',
  kind: 'token',
  values: [{ code: '1.2.246.10.1' }, { code: '1.2.246.10.2' }],
};
const dateGe = (low: number): SearchCriterion => ({
  param: 'date',
  kind: 'date',
  prefix: 'ge',
  low,
  high: low + 1000,
});
const byDateDesc: SortKey[] = [{ param: 'date', descending: true }];

/**
 * The third value: whether the page may be sorted in a temporary b-tree. A search sorts only when its
 * most selective criterion (the driver) has at most EXACT_TOTAL_LIMIT candidates; a search whose every
 * criterion matches more (or has none) must walk an index in page order. The fourth: the total is exact.
 */
const fhirShapes: [string, SearchQuery, boolean, boolean][] = [
  ['every appointment', appointments({}), false, true],
  [
    'every appointment, newest update first',
    appointments({ sort: [{ param: '_lastUpdated', descending: true }] }),
    false,
    true,
  ],
  ['every appointment, by date', appointments({ sort: byDateDesc }), false, true],
  ['every appointment by id', appointments({ sort: [{ param: '_id', descending: false }] }), false, true],
  ['every appointment, deleted ones too', appointments({ includeDeleted: true }), false, true],
  ['deleted ones', appointments({ onlyDeleted: true }), false, true],
  ['by patient', appointments({ criteria: [patient(7)] }), true, true],
  [
    'by patient, deleted ones too',
    appointments({ criteria: [patient(7)], includeDeleted: true }),
    true,
    true,
  ],
  [
    'by patient and date, sorted by date',
    appointments({ criteria: [patient(7), dateGe(t0)], sort: [{ param: 'date', descending: false }] }),
    // The sort runs over the patient's candidates only (the driver bounds them), not over the store.
    true,
    true,
  ],
  [
    'by organiser and patient, by date (the viewer timeline)',
    appointments({ criteria: [organiser, patient(7)], sort: byDateDesc }),
    true,
    true,
  ],
  [
    'by identifier',
    appointments({
      criteria: [{ param: 'identifier', kind: 'token', values: [{ system: 'urn:x', code: '1' }] }],
    }),
    true,
    true,
  ],
  [
    'by status and actor (both broad)',
    appointments({ criteria: [{ param: 'actor', kind: 'reference', values: ['Practitioner/1'] }, booked] }),
    false,
    false,
  ],
  [
    'by organiser, by date (the viewer find)',
    appointments({ criteria: [organiser], sort: byDateDesc }),
    false,
    false,
  ],
  [
    'by organiser from a date, by date',
    appointments({ criteria: [organiser, dateGe(t0)], sort: byDateDesc, includeDeleted: true }),
    false,
    false,
  ],
  ['by date alone, broad', appointments({ criteria: [dateGe(t0)] }), false, false],
  ['by date alone, narrow', appointments({ criteria: [dateGe(t0 + (BROAD - 5) * 1000)] }), true, true],
  [
    'by date before, narrow',
    appointments({
      criteria: [{ param: 'date', kind: 'date', prefix: 'lt', low: t0 + 5000, high: t0 + 6000 }],
    }),
    true,
    true,
  ],
  [
    'by date not equal',
    appointments({ criteria: [{ param: 'date', kind: 'date', prefix: 'ne', low: t0, high: t0 + 1000 }] }),
    false,
    false,
  ],
  [
    'by last update',
    appointments({
      criteria: [{ param: '_lastUpdated', kind: 'lastUpdated', prefix: 'ge', low: t0, high: t1 }],
    }),
    false,
    false,
  ],
  ['broad, accurate total', appointments({ criteria: [booked], total: 'accurate' }), false, true],
  ['broad, no total', appointments({ criteria: [booked], total: 'none' }), false, false],
  [
    'by name prefix',
    {
      resourceType: 'Patient',
      criteria: [{ param: 'name', kind: 'string', values: ['virta'] }],
      count: 50,
      offset: 0,
    },
    true,
    true,
  ],
  ['by id', appointments({ criteria: [{ param: '_id', kind: 'id', values: ['a1', 'a2'] }] }), true, true],
];

/**
 * The third value: whether the versions may be sorted (a bounded set found by time); the fourth: the
 * total is exact. The history of everything walks the versions in write (rowid) order.
 */
const historyShapes: [string, HistoryQuery, boolean, boolean][] = [
  ['history of a resource', { resourceType: 'Appointment', id: 'a1', count: 50, offset: 0 }, false, true],
  ['history of a type', { resourceType: 'Appointment', count: 50, offset: 0 }, false, true],
  ['history of everything', { count: 50, offset: 0 }, false, true],
  [
    'history of a type since an instant, few',
    {
      resourceType: 'Appointment',
      since: new Date(t0 + (BROAD - 5) * 1000).toISOString(),
      count: 50,
      offset: 0,
    },
    true,
    true,
  ],
  [
    'history of a type since an instant, many',
    { resourceType: 'Appointment', since: new Date(t0).toISOString(), count: 50, offset: 0 },
    false,
    false,
  ],
  [
    'history of everything since an instant, many',
    { since: new Date(t0).toISOString(), count: 50, offset: 0 },
    false,
    false,
  ],
];

describe('FHIR query shapes', () => {
  beforeAll(async () => {
    // BROAD appointments, one a second from t0, a patient for every hundred; a few deleted.
    await store.transaction(async (tx) => {
      for (let n = 0; n < BROAD; n++) {
        const at = new Date(t0 + n * 1000).toISOString();
        await tx.fhir.create(
          { resourceType: 'Appointment', id: `a${n}`, status: 'booked', participant: [] },
          {
            index: [
              { param: 'patient', kind: 'reference', value: `Patient/${n % 100}` },
              { param: 'actor', kind: 'reference', value: 'Practitioner/1' },
              { param: 'status', kind: 'token', system: '', code: 'booked' },
              { param: 'service-organiser', kind: 'token', system: '', code: '1.2.246.10.1' },
              { param: 'identifier', kind: 'token', system: 'urn:x', code: String(n) },
              { param: 'date', kind: 'date', low: t0 + n * 1000, high: t0 + n * 1000 + 1000 },
            ],
            lastUpdated: at,
          },
        );
      }
      for (let n = 0; n < 5; n++) await tx.fhir.delete('Appointment', `a${n * 7}`);
    });
    await store.fhir.create(
      { resourceType: 'Patient', id: 'p' },
      { index: [{ param: 'name', kind: 'string', value: 'Virtanen' }] },
    );
  });

  it.each(fhirShapes)('%s: indexed', async (_name, query, allowSort, exact) => {
    let result: SearchResult | undefined;
    const plans = await plansOf(async () => {
      result = await store.fhir.search(query);
    });
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, lines } of plans)
      expect({ sql, bad: problems(lines, allowSort) }).toEqual({ sql, bad: [] });
    expect(result?.matches.length).toBeGreaterThan(0);
    expect(result?.exact !== false).toBe(exact);
  });

  it.each(historyShapes)('%s: indexed, in page order', async (_name, query, allowSort, exact) => {
    let result: HistoryResult | undefined;
    const plans = await plansOf(async () => {
      result = await store.fhir.history(query);
    });
    expect(plans.length).toBeGreaterThan(0);
    const walk = query.resourceType === undefined ? 'fhir_versions' : undefined;
    for (const { sql, lines } of plans)
      expect({ sql, bad: problems(lines, allowSort, walk) }).toEqual({ sql, bad: [] });
    expect(result?.versions.length).toBeGreaterThan(0);
    expect(result?.exact !== false).toBe(exact);
  });

  it('broad searches page in order and say there is more', async () => {
    const first = await store.fhir.search(appointments({ criteria: [organiser], sort: byDateDesc }));
    const second = await store.fhir.search(
      appointments({ criteria: [organiser], sort: byDateDesc, offset: 50 }),
    );
    const ids = [...first.matches, ...second.matches].map((m) => Number(m.id.slice(1)));
    const expected = Array.from({ length: BROAD }, (_, n) => BROAD - 1 - n)
      .filter((n) => n % 7 !== 0 || n >= 35)
      .slice(0, 100);
    expect(ids).toEqual(expected);
    expect(first).toMatchObject({ exact: false });
    expect(first.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const accurate = await store.fhir.search(appointments({ criteria: [organiser], total: 'accurate' }));
    expect(accurate).toMatchObject({ total: BROAD - 5 });
    expect(accurate.exact).toBeUndefined();
    // The counters agree with a count of the rows.
    expect((await store.fhir.search(appointments({}))).total).toBe(BROAD - 5);
    expect((await store.fhir.search(appointments({ includeDeleted: true }))).total).toBe(BROAD);
    expect((await store.fhir.search(appointments({ onlyDeleted: true }))).total).toBe(5);
    expect((await store.fhir.history({ resourceType: 'Appointment', count: 1, offset: 0 })).total).toBe(
      BROAD + 5,
    );
  });
});

/** Event log shapes (GET /events, the stream, the viewer's activity list): in sequence order. */
const eventShapes: [string, EventQuery][] = [
  ['first page', {}],
  ['since a sequence number', { since: 500 }],
  ['newest first', { newestFirst: true, limit: 50 }],
  ['by patient', { patient: '010107-900C' }],
  ['by organisation', { organisation: '1.2.246.10.1' }],
  ['by channel', { channel: 'fhir' }],
  ['by outcome', { outcome: 'refused' }],
  ['by kind', { kind: 'document.refused' }],
  ['by service', { service: 'pta' }],
  [
    'an organisation scope, newest first (the viewer)',
    { organisations: ['1.2.246.10.1', '1.2.246.10.2'], excludeChannels: ['runner'], newestFirst: true },
  ],
];

describe('event query shapes', () => {
  beforeAll(async () => {
    await store.transaction(async (tx) => {
      for (let n = 0; n < 1000; n++)
        await tx.events.append({
          channel: n % 2 === 0 ? 'archive' : 'fhir',
          service: n % 2 === 0 ? 'pta' : 'pta-appointment',
          kind: n % 100 === 7 ? 'document.refused' : 'document.archive',
          outcome: n % 100 === 7 ? 'refused' : 'accepted',
          organisation: `1.2.246.10.${n % 3}`,
          patient: `0101${String(n % 100).padStart(2, '0')}-900C`,
          resourceIds: [],
          findings: [],
          summary: `event ${n}`,
        });
    });
  });

  it.each(eventShapes)('%s: indexed, in sequence order', async (_name, query) => {
    let events: unknown[] = [];
    const plans = await plansOf(async () => {
      events = await store.events.list(query);
    });
    expect(plans.length).toBeGreaterThan(0);
    // The log's rowid is its sequence: walking it in order is the page order.
    for (const { sql, lines } of plans)
      expect({ sql, bad: problems(lines, false, 'events') }).toEqual({ sql, bad: [] });
    expect(events.length).toBeGreaterThan(0);
  });
});
