/**
 * SQLite implementation of the FHIR resource repository (see `../fhir-types.ts` for the model).
 *
 * Three tables: `fhir_versions` (every version, append-only), `fhir_current` (the pointer per resource)
 * and `fhir_index` (search rows of current versions). Searches select ids from the index with indexed
 * lookups and join the JSON of the matched page only, so a search never parses stored resources.
 */
import type Database from 'better-sqlite3';
import type { Resource } from 'fhir/r4.js';
import type { AreaMigrations } from './migrate.ts';
import type { Gate } from './gate.ts';
import {
  EXACT_TOTAL_LIMIT,
  lowerBoundTotal,
  MAX_FHIR_PAGE,
  ResourceExistsError,
  VersionConflictError,
  type DatePrefix,
  type FhirRepository,
  type HistoryQuery,
  type HistoryResult,
  type IndexEntry,
  type SearchCriterion,
  type SearchQuery,
  type SearchResult,
  type SortKey,
} from '../fhir-types.ts';
import { INVALID_TAG_CODE, KANTASIM_TAG_SYSTEM, type StoredResource } from '../../domain/fhir.ts';

export const fhirMigrations: AreaMigrations = {
  area: 'fhir',
  migrations: [
    {
      version: 1,
      name: 'versioned resources, current pointer, search index',
      up: `
        CREATE TABLE fhir_versions (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          type TEXT NOT NULL,
          id TEXT NOT NULL,
          version INTEGER NOT NULL,
          last_updated TEXT NOT NULL,
          lu_ms INTEGER NOT NULL,
          deleted INTEGER NOT NULL,
          invalid INTEGER NOT NULL,
          json TEXT,
          UNIQUE (type, id, version)
        );
        CREATE INDEX fhir_versions_time ON fhir_versions (lu_ms);
        CREATE TABLE fhir_current (
          type TEXT NOT NULL,
          id TEXT NOT NULL,
          version INTEGER NOT NULL,
          deleted INTEGER NOT NULL,
          lu_ms INTEGER NOT NULL,
          PRIMARY KEY (type, id)
        ) WITHOUT ROWID;
        CREATE INDEX fhir_current_updated ON fhir_current (type, deleted, lu_ms);
        CREATE TABLE fhir_index (
          type TEXT NOT NULL,
          id TEXT NOT NULL,
          param TEXT NOT NULL,
          system TEXT,
          value TEXT,
          low INTEGER,
          high INTEGER
        );
        CREATE INDEX fhir_index_value ON fhir_index (type, param, value, system);
        CREATE INDEX fhir_index_date ON fhir_index (type, param, low, high);
        CREATE INDEX fhir_index_resource ON fhir_index (type, id, param);
      `,
    },
    {
      // The history of a type is read newest first: walk an index in that order instead of sorting
      // every version of the type.
      version: 2,
      name: 'history of a type in write order',
      up: 'CREATE INDEX fhir_versions_type_seq ON fhir_versions (type, seq);',
    },
    {
      // Totals that would otherwise count every resource of a type (a search without criteria, the
      // history of a type or of everything) come from a counter row per type, kept by triggers in the
      // transaction of the write. Searches that walk the store in page order need the current versions
      // in `_lastUpdated` order whether deleted or not, and a date parameter's rows in (low, id) order;
      // date criteria of the `ge`/`gt`/`eb` kind bound the end of the stored range, so the date index
      // comes by end too; the history of a type since an instant finds its versions by time. The date
      // indexes hold date rows only (partial), so token and reference rows do not pay for them.
      version: 3,
      name: 'counts per type, current versions in update order, date index by end',
      up: `
        CREATE TABLE fhir_counts (
          type TEXT PRIMARY KEY,
          live INTEGER NOT NULL,
          deleted INTEGER NOT NULL,
          versions INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO fhir_counts (type, live, deleted, versions)
          SELECT t.type,
            (SELECT COUNT(*) FROM fhir_current c WHERE c.type = t.type AND c.deleted = 0),
            (SELECT COUNT(*) FROM fhir_current c WHERE c.type = t.type AND c.deleted = 1),
            (SELECT COUNT(*) FROM fhir_versions v WHERE v.type = t.type)
          FROM (SELECT DISTINCT type FROM fhir_versions) t;
        CREATE TRIGGER fhir_counts_version_insert AFTER INSERT ON fhir_versions BEGIN
          INSERT INTO fhir_counts (type, live, deleted, versions) VALUES (NEW.type, 0, 0, 1)
            ON CONFLICT (type) DO UPDATE SET versions = versions + 1;
        END;
        CREATE TRIGGER fhir_counts_version_delete AFTER DELETE ON fhir_versions BEGIN
          UPDATE fhir_counts SET versions = versions - 1 WHERE type = OLD.type;
        END;
        CREATE TRIGGER fhir_counts_current_insert AFTER INSERT ON fhir_current BEGIN
          INSERT INTO fhir_counts (type, live, deleted, versions)
            VALUES (NEW.type, 1 - NEW.deleted, NEW.deleted, 0)
            ON CONFLICT (type) DO UPDATE SET live = live + 1 - NEW.deleted, deleted = deleted + NEW.deleted;
        END;
        CREATE TRIGGER fhir_counts_current_update AFTER UPDATE OF deleted ON fhir_current
          WHEN OLD.deleted <> NEW.deleted BEGIN
          UPDATE fhir_counts SET live = live + OLD.deleted - NEW.deleted, deleted = deleted + NEW.deleted - OLD.deleted
           WHERE type = NEW.type;
        END;
        CREATE TRIGGER fhir_counts_current_delete AFTER DELETE ON fhir_current BEGIN
          UPDATE fhir_counts SET live = live - 1 + OLD.deleted, deleted = deleted - OLD.deleted
           WHERE type = OLD.type;
        END;
        CREATE INDEX fhir_current_type_updated ON fhir_current (type, lu_ms, id);
        DROP INDEX fhir_index_date;
        CREATE INDEX fhir_index_date ON fhir_index (type, param, low, id, high) WHERE low IS NOT NULL;
        CREATE INDEX fhir_index_date_end ON fhir_index (type, param, high, low) WHERE high IS NOT NULL;
        CREATE INDEX fhir_versions_type_time ON fhir_versions (type, lu_ms);
      `,
    },
  ],
};

interface VersionRow {
  type: string;
  id: string;
  version: number;
  last_updated: string;
  deleted: number;
  invalid: number;
  json: string | null;
}

type Params = (string | number)[];

function isInvalid(resource: Resource): boolean {
  return (
    resource.meta?.tag?.some((t) => t.system === KANTASIM_TAG_SYSTEM && t.code === INVALID_TAG_CODE) === true
  );
}

function toStored(row: VersionRow): StoredResource {
  const stored: StoredResource = {
    resourceType: row.type,
    id: row.id,
    versionId: row.version,
    lastUpdated: row.last_updated,
    deleted: row.deleted === 1,
    invalid: row.invalid === 1,
  };
  if (row.json !== null) stored.resource = JSON.parse(row.json) as Resource;
  return stored;
}

/**
 * SQL condition of a date prefix over a stored range [low, high) against the query range [lo, hi), with
 * its bound values. See: https://hl7.org/fhir/R4/search.html#prefix
 */
function dateCondition(
  prefix: DatePrefix,
  low: string,
  high: string,
  lo: number,
  hi: number,
): [string, Params] {
  switch (prefix) {
    case 'eq':
      return [`${low} >= ? AND ${high} <= ?`, [lo, hi]];
    case 'ne':
      return [`NOT (${low} >= ? AND ${high} <= ?)`, [lo, hi]];
    case 'gt':
      return [`${high} > ?`, [hi]];
    case 'lt':
      return [`${low} < ?`, [lo]];
    case 'ge':
      return [`${high} > ?`, [lo]];
    case 'le':
      return [`${low} < ?`, [hi]];
    case 'sa':
      return [`${low} >= ?`, [hi]];
    case 'eb':
      return [`${high} <= ?`, [lo]];
    case 'ap':
      return [`${low} < ? AND ${high} > ?`, [hi, lo]];
  }
}

/** Criteria that can select candidates from an index range (a `ne` date or a negated token cannot). */
function drivable(c: SearchCriterion): boolean {
  if (c.kind === 'id' || c.kind === 'lastUpdated') return false;
  if (c.kind === 'token') return c.not !== true;
  if (c.kind === 'date') return c.prefix !== 'ne';
  return true;
}

/** The date index whose leading column the prefix bounds: `ge`, `gt`, `eb` bound the end of the range. */
function dateIndex(c: SearchCriterion): string {
  return c.kind === 'date' && (c.prefix === 'ge' || c.prefix === 'gt' || c.prefix === 'eb')
    ? 'fhir_index_date_end'
    : 'fhir_index_date';
}

/**
 * SQL for one criterion. A driving criterion (`driver`) selects candidate ids from the index; the
 * others are checked per candidate with `EXISTS` on the (type, id, param) index, so a search costs in
 * proportion to the driver's matches, not to the size of the store.
 */
function criterionSql(type: string, c: SearchCriterion, params: Params, driver: boolean): string {
  /** `alternatives`: ORed conditions on the index row, each with its bound values. */
  const match = (alternatives: [string, Params][]): string => {
    if (driver) {
      // The candidates: a derived table joined first (CROSS JOIN fixes the order in SQLite, so the
      // planner cannot choose to scan every current resource and probe this list instead). One
      // SELECT per alternative, UNIONed, so each uses the index on its own.
      return `(${candidatesSql(type, c, alternatives, params)}) AS d CROSS JOIN fhir_current c ON c.id = d.id`;
    }
    params.push(c.param, ...alternatives.flatMap(([, values]) => values));
    const ors = alternatives.map(([condition]) => `(${condition})`).join(' OR ');
    return `EXISTS (SELECT 1 FROM fhir_index i INDEXED BY fhir_index_resource WHERE i.type = c.type AND i.id = c.id AND i.param = ? AND (${ors}))`;
  };
  switch (c.kind) {
    case 'id': {
      if (c.values.length === 0) return '0';
      params.push(...c.values);
      return `c.id IN (${c.values.map(() => '?').join(', ')})`;
    }
    case 'lastUpdated': {
      const [sql, values] = dateCondition(c.prefix, 'c.lu_ms', '(c.lu_ms + 1)', c.low, c.high);
      params.push(...values);
      return `(${sql})`;
    }
    case 'token':
    case 'string':
    case 'reference':
    case 'date': {
      const alternatives = alternativesOf(c);
      if (alternatives.length === 0) return '0';
      const sql = match(alternatives);
      return c.kind === 'token' && c.not === true ? `NOT ${sql}` : sql;
    }
  }
}

/** The ORed conditions on an index row that make up an index-backed criterion, with their values. */
function alternativesOf(c: SearchCriterion): [string, Params][] {
  switch (c.kind) {
    case 'token':
      return c.values.map((v): [string, Params] =>
        v.system === undefined
          ? ['i.value = ?', [v.code]]
          : ['i.value = ? AND i.system = ?', [v.code, v.system]],
      );
    case 'string':
      return c.values.map((v): [string, Params] => {
        const value = v.toLowerCase();
        // A prefix match as a range, so the (type, param, value) index serves it.
        return c.exact === true
          ? ['i.value = ?', [value]]
          : ['i.value >= ? AND i.value < ?', [value, `${value}\u{10ffff}`]];
      });
    case 'reference':
      return c.values.map((v): [string, Params] => ['i.value = ?', [v]]);
    case 'date':
      return [dateCondition(c.prefix, 'i.low', 'i.high', c.low, c.high)];
    case 'id':
    case 'lastUpdated':
      return [];
  }
}

/** The ids a criterion selects from the index, one SELECT per alternative, UNIONed. */
function candidatesSql(
  type: string,
  c: SearchCriterion,
  alternatives: [string, Params][],
  params: Params,
): string {
  const hint = c.kind === 'date' ? dateIndex(c) : 'fhir_index_value';
  return alternatives
    .map(([condition, values]) => {
      params.push(type, c.param, ...values);
      return `SELECT i.id AS id FROM fhir_index i INDEXED BY ${hint} WHERE i.type = ? AND i.param = ? AND ${condition}`;
    })
    .join(' UNION ');
}

function deletedSql(query: SearchQuery): string[] {
  return query.onlyDeleted === true
    ? ['c.type = ?', 'c.deleted = 1']
    : query.includeDeleted === true
      ? ['c.type = ?']
      : ['c.type = ?', 'c.deleted = 0'];
}

/** FROM and WHERE with `driver` (an index into the criteria, or -1) selecting the candidates. */
function whereSql(query: SearchQuery, driver: number): { from: string; sql: string; params: Params } {
  const fromParams: Params = [];
  const params: Params = [query.resourceType];
  const parts = deletedSql(query);
  let from = 'fhir_current c';
  query.criteria.forEach((c, i) => {
    if (i === driver) from = criterionSql(query.resourceType, c, fromParams, true);
    else parts.push(criterionSql(query.resourceType, c, params, false));
  });
  return { from, sql: parts.join(' AND '), params: [...fromParams, ...params] };
}

/**
 * The sort: the keys, then the id in the direction of the first key (or `_lastUpdated`, then the id,
 * when no sort is asked for). Date keys sort by the earliest `low` of the resource's index rows.
 */
function orderSql(
  sort: readonly SortKey[] | undefined,
  params: Params,
  dateKey?: { low: string; id: string },
): string {
  const keys = (sort ?? []).map((k, i) => {
    const dir = k.descending ? 'DESC' : 'ASC';
    if (k.param === '_lastUpdated') return `c.lu_ms ${dir}`;
    if (k.param === '_id') return `c.id ${dir}`;
    if (i === 0 && dateKey !== undefined) return `${dateKey.low} ${dir}`;
    params.push(k.param);
    return `(SELECT MIN(s.low) FROM fhir_index s INDEXED BY fhir_index_resource WHERE s.type = c.type AND s.id = c.id AND s.param = ?) ${dir}`;
  });
  const first = sort?.[0];
  if (first === undefined) return 'c.lu_ms ASC, c.id ASC';
  // Walking a date index, its own id column: the index is in (low, id) order, `c.id` is not known to be.
  if (first.param !== '_id') keys.push(`${dateKey?.id ?? 'c.id'} ${first.descending ? 'DESC' : 'ASC'}`);
  return keys.join(', ');
}

/**
 * The search that walks the store in page order, for searches whose every criterion matches more than
 * `EXACT_TOTAL_LIMIT` resources: sorting all of them would cost in proportion to the store, while in
 * page order a page is found after about a page of matches. A first date key walks that parameter's
 * index (each resource once, at its earliest `low`); otherwise the current versions are walked in
 * `_lastUpdated` or id order. Every criterion is checked per row.
 */
function walkSql(query: SearchQuery): { from: string; sql: string; order: string; params: Params } {
  const first = query.sort?.[0];
  const where = whereSql(query, -1);
  if (first !== undefined && first.param !== '_lastUpdated' && first.param !== '_id') {
    const orderParams: Params = [];
    const order = orderSql(query.sort, orderParams, { low: 'o.low', id: 'o.id' });
    return {
      from: 'fhir_index o INDEXED BY fhir_index_date CROSS JOIN fhir_current c ON c.type = o.type AND c.id = o.id',
      sql: `o.type = ? AND o.param = ? AND o.low = (SELECT MIN(s.low) FROM fhir_index s INDEXED BY fhir_index_resource WHERE s.type = o.type AND s.id = o.id AND s.param = o.param) AND ${where.sql}`,
      order,
      params: [query.resourceType, first.param, ...where.params, ...orderParams],
    };
  }
  const orderParams: Params = [];
  const order = orderSql(query.sort, orderParams);
  return { from: where.from, sql: where.sql, order, params: [...where.params, ...orderParams] };
}

/**
 * How a search runs: `driver` selects candidates with that criterion (-1: none needed, e.g. ids) and
 * sorts them; `walk` walks the store in page order (see `walkSql`); `empty` matches nothing.
 */
/** Candidates few enough that no other criterion is counted to find a better driver. */
const FEW_CANDIDATES = 50;
/** Index rows per INSERT statement (7 values each, far below SQLite's limit on bound values). */
const INDEX_ROWS_PER_STATEMENT = 16;

type Plan = { kind: 'empty' } | { kind: 'driver'; driver: number } | { kind: 'walk' };

export function sqliteFhir(db: Database.Database, gate: Gate): FhirRepository {
  const countsOf = db.prepare<[string], { live: number; deleted: number; versions: number }>(
    'SELECT live, deleted, versions FROM fhir_counts WHERE type = ?',
  );
  const countAllVersions = db.prepare<[], { n: number }>(
    'SELECT COALESCE(SUM(versions), 0) AS n FROM fhir_counts',
  );
  const current = db.prepare<[string, string], { version: number; deleted: number }>(
    'SELECT version, deleted FROM fhir_current WHERE type = ? AND id = ?',
  );
  const anyVersion = db.prepare<[string, string], { n: number }>(
    'SELECT 1 AS n FROM fhir_versions WHERE type = ? AND id = ? LIMIT 1',
  );
  const insertVersion = db.prepare(
    `INSERT INTO fhir_versions (type, id, version, last_updated, lu_ms, deleted, invalid, json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertCurrent = db.prepare(
    `INSERT INTO fhir_current (type, id, version, deleted, lu_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (type, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, lu_ms = excluded.lu_ms`,
  );
  const clearIndex = db.prepare('DELETE FROM fhir_index WHERE type = ? AND id = ?');
  /** INSERTs of up to INDEX_ROWS_PER_STATEMENT rows each, prepared once per row count. */
  const insertIndexMany = new Map<number, Database.Statement<(string | number | null)[]>>();
  const insertIndexRows = (type: string, id: string, index: readonly IndexEntry[]): void => {
    for (let at = 0; at < index.length; at += INDEX_ROWS_PER_STATEMENT) {
      const rows = index.slice(at, at + INDEX_ROWS_PER_STATEMENT);
      let stmt = insertIndexMany.get(rows.length);
      if (stmt === undefined) {
        stmt = db.prepare<(string | number | null)[]>(
          `INSERT INTO fhir_index (type, id, param, system, value, low, high) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        );
        insertIndexMany.set(rows.length, stmt);
      }
      const params: (string | number | null)[] = [];
      for (const e of rows) {
        switch (e.kind) {
          case 'token':
            params.push(type, id, e.param, e.system, e.code, null, null);
            break;
          case 'string':
            params.push(type, id, e.param, null, e.value.toLowerCase(), null, null);
            break;
          case 'reference':
            params.push(type, id, e.param, null, e.value, null, null);
            break;
          case 'date':
            params.push(type, id, e.param, null, null, e.low, e.high);
            break;
        }
      }
      stmt.run(...params);
    }
  };
  const selectVersion = db.prepare<[string, string, number], VersionRow>(
    `SELECT type, id, version, last_updated, deleted, invalid, json FROM fhir_versions
     WHERE type = ? AND id = ? AND version = ?`,
  );
  const cache = new Map<string, Database.Statement<Params>>();
  const prepared = (sql: string): Database.Statement<Params> => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size > 500) cache.clear();
      stmt = db.prepare<Params>(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };

  /**
   * The criterion with the fewest candidates drives, counted up to EXACT_TOTAL_LIMIT + 1 each (a few
   * index steps); when every criterion has more, sorting the candidates would cost in proportion to
   * the store, so the search walks in page order instead.
   */
  const planOf = (query: SearchQuery): Plan => {
    // Ids: looked up by key, few by nature.
    if (query.criteria.some((c) => c.kind === 'id')) return { kind: 'driver', driver: -1 };
    let best = -1;
    let least = Infinity;
    // Value criteria first, dates last: once a criterion has a page's worth of candidates or fewer
    // (a patient's appointments), counting the others cannot pay off.
    const order = [...query.criteria.entries()].sort(
      ([, a], [, b]) => Number(a.kind === 'date') - Number(b.kind === 'date'),
    );
    for (const [i, c] of order) {
      if (least <= FEW_CANDIDATES) break;
      if (!drivable(c)) continue;
      const alternatives = alternativesOf(c);
      if (alternatives.length === 0) return { kind: 'empty' };
      const params: Params = [];
      const sql = candidatesSql(query.resourceType, c, alternatives, params);
      const n = (
        prepared(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM (${sql}) LIMIT ?)`).get(
          ...params,
          EXACT_TOTAL_LIMIT + 1,
        ) as { n: number }
      ).n;
      if (n === 0) return { kind: 'empty' };
      if (n < least) {
        least = n;
        best = i;
      }
    }
    return least <= EXACT_TOTAL_LIMIT ? { kind: 'driver', driver: best } : { kind: 'walk' };
  };

  const write = (
    resource: Resource & { id: string },
    version: number,
    index: IndexEntry[],
    lastUpdated: string | undefined,
  ): StoredResource => {
    const at = lastUpdated ?? new Date().toISOString();
    const ms = Date.parse(at);
    const body = {
      ...resource,
      meta: { ...resource.meta, versionId: String(version), lastUpdated: at },
    } as Resource & { id: string };
    const invalid = isInvalid(body);
    insertVersion.run(body.resourceType, body.id, version, at, ms, 0, invalid ? 1 : 0, JSON.stringify(body));
    upsertCurrent.run(body.resourceType, body.id, version, 0, ms);
    // A first version has no index rows to replace.
    if (version > 1) clearIndex.run(body.resourceType, body.id);
    insertIndexRows(body.resourceType, body.id, index);
    return {
      resourceType: body.resourceType,
      id: body.id,
      versionId: version,
      lastUpdated: at,
      deleted: false,
      invalid,
      resource: body,
    };
  };

  return {
    create: <R extends Resource>(
      resource: R & { id: string },
      options: { index: IndexEntry[]; lastUpdated?: string },
    ) =>
      gate.run(() =>
        db.transaction(() => {
          if ((anyVersion.get(resource.resourceType, resource.id)?.n ?? 0) > 0) {
            throw new ResourceExistsError(resource.resourceType, resource.id);
          }
          return write(resource, 1, options.index, options.lastUpdated) as StoredResource<R>;
        })(),
      ),

    update: <R extends Resource>(
      resource: R & { id: string },
      options: { index: IndexEntry[]; lastUpdated?: string; ifMatch?: number },
    ) =>
      gate.run(() =>
        db.transaction(() => {
          const now = current.get(resource.resourceType, resource.id);
          if (options.ifMatch !== undefined && now?.version !== options.ifMatch) {
            throw new VersionConflictError(resource.resourceType, resource.id, options.ifMatch, now?.version);
          }
          return write(
            resource,
            (now?.version ?? 0) + 1,
            options.index,
            options.lastUpdated,
          ) as StoredResource<R>;
        })(),
      ),

    delete: (resourceType, id, options = {}) =>
      gate.run(() =>
        db.transaction((): StoredResource | undefined => {
          const now = current.get(resourceType, id);
          if (options.ifMatch !== undefined && now?.version !== options.ifMatch) {
            throw new VersionConflictError(resourceType, id, options.ifMatch, now?.version);
          }
          if (!now || now.deleted === 1) return undefined;
          const at = options.lastUpdated ?? new Date().toISOString();
          const ms = Date.parse(at);
          const version = now.version + 1;
          insertVersion.run(resourceType, id, version, at, ms, 1, 0, null);
          upsertCurrent.run(resourceType, id, version, 1, ms);
          return { resourceType, id, versionId: version, lastUpdated: at, deleted: true, invalid: false };
        })(),
      ),

    read: (resourceType, id) =>
      gate.run(() => {
        const now = current.get(resourceType, id);
        if (!now) return undefined;
        const row = selectVersion.get(resourceType, id, now.version);
        return row ? toStored(row) : undefined;
      }),

    vread: (resourceType, id, versionId) =>
      gate.run(() => {
        const row = selectVersion.get(resourceType, id, versionId);
        return row ? toStored(row) : undefined;
      }),

    history: (query: HistoryQuery) =>
      gate.run((): HistoryResult => {
        const where: string[] = [];
        const params: Params = [];
        if (query.resourceType !== undefined) {
          where.push('type = ?');
          params.push(query.resourceType);
        }
        if (query.id !== undefined) {
          where.push('id = ?');
          params.push(query.id);
        }
        if (query.since !== undefined) {
          where.push('lu_ms >= ?');
          params.push(Date.parse(query.since));
        }
        const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
        const count = Math.min(Math.max(query.count, 0), MAX_FHIR_PAGE);
        const offset = Math.max(query.offset, 0);
        const mode = query.total ?? 'estimate';
        const timeIndex = query.resourceType === undefined ? 'fhir_versions_time' : 'fhir_versions_type_time';
        // `total`: exact when known. `many`: more than EXACT_TOTAL_LIMIT versions match.
        let total: number | undefined;
        let many = true;
        if (query.id !== undefined || mode === 'accurate') {
          total = (
            prepared(`SELECT COUNT(*) AS n FROM fhir_versions ${clause}`).get(...params) as { n: number }
          ).n;
        } else if (query.since === undefined) {
          // Every version of a type, or of everything: the counters (migration 3).
          total =
            query.resourceType === undefined
              ? (countAllVersions.get()?.n ?? 0)
              : (countsOf.get(query.resourceType)?.versions ?? 0);
        } else if (mode === 'estimate') {
          const n = (
            prepared(
              `SELECT COUNT(*) AS n FROM (SELECT 1 FROM fhir_versions INDEXED BY ${timeIndex} ${clause} LIMIT ?)`,
            ).get(...params, EXACT_TOTAL_LIMIT + 1) as { n: number }
          ).n;
          if (n <= EXACT_TOTAL_LIMIT) total = n;
        }
        if (total !== undefined) many = total > EXACT_TOTAL_LIMIT;
        // One resource's versions are numbered in write order: by version, the (type, id, version)
        // key serves the order. Few versions since an instant: found by time, then sorted. Otherwise
        // the write sequence is walked newest first.
        const sql =
          query.id !== undefined && query.resourceType !== undefined
            ? `SELECT type, id, version, last_updated, deleted, invalid, json FROM fhir_versions ${clause}
               ORDER BY version DESC LIMIT ? OFFSET ?`
            : query.since !== undefined && !many
              ? `SELECT type, id, version, last_updated, deleted, invalid, json FROM fhir_versions
                 INDEXED BY ${timeIndex} ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`
              : `SELECT type, id, version, last_updated, deleted, invalid, json FROM fhir_versions
                 ${query.resourceType === undefined ? '' : 'INDEXED BY fhir_versions_type_seq'} ${clause}
                 ORDER BY seq DESC LIMIT ? OFFSET ?`;
        const rows = prepared(sql).all(...params, count + 1, offset) as VersionRow[];
        const more = rows.length > count;
        const versions = rows.slice(0, count).map(toStored);
        if (total !== undefined) return { versions, total };
        return { versions, ...lowerBoundTotal(offset + versions.length, more, mode === 'estimate') };
      }),

    search: (query: SearchQuery) =>
      gate.run((): SearchResult => {
        const count = Math.min(Math.max(query.count, 0), MAX_FHIR_PAGE);
        const offset = Math.max(query.offset, 0);
        const mode = query.total ?? 'estimate';
        const plan = planOf(query);
        if (plan.kind === 'empty') return { matches: [], total: 0 };
        let total: number | undefined;
        if (query.criteria.length === 0) {
          // Every resource of the type: the counters (migration 3).
          const n = countsOf.get(query.resourceType);
          total =
            query.onlyDeleted === true
              ? (n?.deleted ?? 0)
              : (n?.live ?? 0) + (query.includeDeleted === true ? (n?.deleted ?? 0) : 0);
        } else if (plan.kind === 'driver' || mode === 'accurate') {
          // A driver selects at most EXACT_TOTAL_LIMIT candidates: exact, and cheap.
          if (mode !== 'none' || plan.kind !== 'driver') {
            const where = whereSql(query, plan.kind === 'driver' ? plan.driver : -1);
            total = (
              prepared(`SELECT COUNT(*) AS n FROM ${where.from} WHERE ${where.sql}`).get(...where.params) as {
                n: number;
              }
            ).n;
          }
        } else if (mode === 'estimate') {
          const where = whereSql(query, -1);
          const n = (
            prepared(
              `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${where.from} WHERE ${where.sql} LIMIT ?)`,
            ).get(...where.params, EXACT_TOTAL_LIMIT + 1) as { n: number }
          ).n;
          if (n <= EXACT_TOTAL_LIMIT) total = n;
        }
        if (total === 0) return { matches: [], total };
        if (count === 0)
          return total === undefined
            ? { matches: [], ...lowerBoundTotal(0, false, mode === 'estimate') }
            : { matches: [], total };
        let sql: string;
        let params: Params;
        if (plan.kind === 'driver') {
          const where = whereSql(query, plan.driver);
          const orderParams: Params = [];
          const order = orderSql(query.sort, orderParams);
          sql = `SELECT v.type, v.id, v.version, v.last_updated, v.deleted, v.invalid, v.json
           FROM ${where.from} JOIN fhir_versions v ON v.type = c.type AND v.id = c.id AND v.version = c.version
           WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`;
          params = [...where.params, ...orderParams];
        } else {
          const walk = walkSql(query);
          sql = `SELECT v.type, v.id, v.version, v.last_updated, v.deleted, v.invalid, v.json
           FROM ${walk.from} JOIN fhir_versions v ON v.type = c.type AND v.id = c.id AND v.version = c.version
           WHERE ${walk.sql} ORDER BY ${walk.order} LIMIT ? OFFSET ?`;
          params = walk.params;
        }
        const rows = prepared(sql).all(...params, count + 1, offset) as VersionRow[];
        const more = rows.length > count;
        const matches = rows.slice(0, count).map(toStored);
        if (total !== undefined) return { matches, total };
        return { matches, ...lowerBoundTotal(offset + matches.length, more, mode === 'estimate') };
      }),
  };
}
