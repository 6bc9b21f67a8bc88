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
  MAX_FHIR_PAGE,
  ResourceExistsError,
  VersionConflictError,
  type DatePrefix,
  type FhirRepository,
  type HistoryQuery,
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

/** Index-backed criteria that select few rows: good drivers of a search. */
function selective(c: SearchCriterion): boolean {
  return (
    c.kind === 'id' || c.kind === 'reference' || c.kind === 'string' || (c.kind === 'token' && c.not !== true)
  );
}

/**
 * SQL for one criterion. The driving criterion selects candidate ids from the index (`c.id IN (…)`);
 * the others are checked per candidate with `EXISTS` on the (type, id, param) index, so a search costs
 * in proportion to the driver's matches, not to the size of the store.
 */
function criterionSql(type: string, c: SearchCriterion, params: Params, driver: boolean): string {
  /** `alternatives`: ORed conditions on the index row, each with its bound values. */
  const match = (alternatives: [string, Params][]): string => {
    if (driver) {
      // The candidates: a derived table joined first (CROSS JOIN fixes the order in SQLite, so the
      // planner cannot choose to scan every current resource and probe this list instead). One
      // SELECT per alternative, UNIONed, so each uses the index on its own.
      const hint = c.kind === 'date' ? 'fhir_index_date' : 'fhir_index_value';
      const selects = alternatives.map(([condition, values]) => {
        params.push(type, c.param, ...values);
        return `SELECT i.id AS id FROM fhir_index i INDEXED BY ${hint} WHERE i.type = ? AND i.param = ? AND ${condition}`;
      });
      return `(${selects.join(' UNION ')}) AS d CROSS JOIN fhir_current c ON c.id = d.id`;
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
    case 'token': {
      if (c.values.length === 0) return '0';
      const sql = match(
        c.values.map((v): [string, Params] =>
          v.system === undefined
            ? ['i.value = ?', [v.code]]
            : ['i.value = ? AND i.system = ?', [v.code, v.system]],
        ),
      );
      return c.not === true ? `NOT ${sql}` : sql;
    }
    case 'string': {
      if (c.values.length === 0) return '0';
      return match(
        c.values.map((v): [string, Params] => {
          const value = v.toLowerCase();
          // A prefix match as a range, so the (type, param, value) index serves it.
          return c.exact === true
            ? ['i.value = ?', [value]]
            : ['i.value >= ? AND i.value < ?', [value, `${value}\u{10ffff}`]];
        }),
      );
    }
    case 'reference': {
      if (c.values.length === 0) return '0';
      return match(c.values.map((v): [string, Params] => ['i.value = ?', [v]]));
    }
    case 'date': {
      return match([dateCondition(c.prefix, 'i.low', 'i.high', c.low, c.high)]);
    }
  }
}

/** Builds FROM and WHERE; the most selective criterion drives (see `criterionSql`). */
function whereSql(query: SearchQuery): { from: string; sql: string; params: Params } {
  const fromParams: Params = [];
  const params: Params = [query.resourceType];
  const parts =
    query.onlyDeleted === true
      ? ['c.type = ?', 'c.deleted = 1']
      : query.includeDeleted === true
        ? ['c.type = ?']
        : ['c.type = ?', 'c.deleted = 0'];
  let driver = query.criteria.findIndex((c) => selective(c) && c.kind !== 'id');
  if (driver < 0) driver = query.criteria.findIndex((c) => c.kind === 'date');
  let from = 'fhir_current c';
  query.criteria.forEach((c, i) => {
    if (i === driver) from = criterionSql(query.resourceType, c, fromParams, true);
    else parts.push(criterionSql(query.resourceType, c, params, false));
  });
  return { from, sql: parts.join(' AND '), params: [...fromParams, ...params] };
}

function orderSql(sort: readonly SortKey[] | undefined, params: Params): string {
  const keys = (sort ?? []).map((k) => {
    const dir = k.descending ? 'DESC' : 'ASC';
    if (k.param === '_lastUpdated') return `c.lu_ms ${dir}`;
    if (k.param === '_id') return `c.id ${dir}`;
    params.push(k.param);
    return `(SELECT MIN(s.low) FROM fhir_index s INDEXED BY fhir_index_resource WHERE s.type = c.type AND s.id = c.id AND s.param = ?) ${dir}`;
  });
  keys.push('c.lu_ms ASC', 'c.id ASC');
  return keys.join(', ');
}

export function sqliteFhir(db: Database.Database, gate: Gate): FhirRepository {
  const current = db.prepare<[string, string], { version: number; deleted: number }>(
    'SELECT version, deleted FROM fhir_current WHERE type = ? AND id = ?',
  );
  const anyVersion = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM fhir_versions WHERE type = ? AND id = ?',
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
  const insertIndex = db.prepare(
    'INSERT INTO fhir_index (type, id, param, system, value, low, high) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
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
    clearIndex.run(body.resourceType, body.id);
    for (const e of index) {
      switch (e.kind) {
        case 'token':
          insertIndex.run(body.resourceType, body.id, e.param, e.system, e.code, null, null);
          break;
        case 'string':
          insertIndex.run(body.resourceType, body.id, e.param, null, e.value.toLowerCase(), null, null);
          break;
        case 'reference':
          insertIndex.run(body.resourceType, body.id, e.param, null, e.value, null, null);
          break;
        case 'date':
          insertIndex.run(body.resourceType, body.id, e.param, null, null, e.low, e.high);
          break;
      }
    }
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
      gate.run(() => {
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
        const total = (
          prepared(`SELECT COUNT(*) AS n FROM fhir_versions ${clause}`).get(...params) as { n: number }
        ).n;
        const count = Math.min(Math.max(query.count, 0), MAX_FHIR_PAGE);
        // One resource's versions are numbered in write order: by version, the (type, id, version)
        // key serves the order; otherwise the write sequence does.
        const order = query.id !== undefined && query.resourceType !== undefined ? 'version' : 'seq';
        const rows = prepared(
          `SELECT type, id, version, last_updated, deleted, invalid, json FROM fhir_versions ${clause}
           ORDER BY ${order} DESC LIMIT ? OFFSET ?`,
        ).all(...params, count, Math.max(query.offset, 0)) as VersionRow[];
        return { versions: rows.map(toStored), total };
      }),

    search: (query: SearchQuery) =>
      gate.run((): SearchResult => {
        const where = whereSql(query);
        const total = (
          prepared(`SELECT COUNT(*) AS n FROM ${where.from} WHERE ${where.sql}`).get(...where.params) as {
            n: number;
          }
        ).n;
        const count = Math.min(Math.max(query.count, 0), MAX_FHIR_PAGE);
        if (count === 0 || total === 0) return { matches: [], total };
        const orderParams: Params = [];
        const order = orderSql(query.sort, orderParams);
        const rows = prepared(
          `SELECT v.type, v.id, v.version, v.last_updated, v.deleted, v.invalid, v.json
           FROM ${where.from} JOIN fhir_versions v ON v.type = c.type AND v.id = c.id AND v.version = c.version
           WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
        ).all(...where.params, ...orderParams, count, Math.max(query.offset, 0)) as VersionRow[];
        return { matches: rows.map(toStored), total };
      }),
  };
}
