/**
 * PostgreSQL implementation of the FHIR resource repository (the model is in `../fhir-types.ts`; the
 * tables mirror `../sqlite/fhir.ts`: append-only versions, the current pointer, the search index).
 *
 * Writes run under the store's write lock (`db.transaction`), so an If-Match check and the version it
 * writes cannot interleave with another instance's write; `UNIQUE (type, id, version)` backs it up. A
 * search selects candidate ids from the index through its most selective criterion and checks the rest
 * per candidate with EXISTS, as in the SQLite store.
 */
import type { Resource } from 'fhir/r4.js';
import { Params, isUniqueViolation, type Db } from './db.ts';
import { TEXT, type PgAreaMigrations } from './migrate.ts';
import {
  EXACT_TOTAL_LIMIT,
  MAX_FHIR_PAGE,
  ResourceExistsError,
  lowerBoundTotal,
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
  type TotalMode,
} from '../fhir-types.ts';
import { INVALID_TAG_CODE, KANTASIM_TAG_SYSTEM, type StoredResource } from '../../domain/fhir.ts';

export const pgFhirMigrations: PgAreaMigrations = {
  area: 'fhir',
  migrations: [
    {
      version: 1,
      name: 'versioned resources, current pointer, search index',
      sql: `
        CREATE TABLE fhir_versions (
          seq BIGSERIAL PRIMARY KEY,
          type ${TEXT} NOT NULL,
          id ${TEXT} NOT NULL,
          version INTEGER NOT NULL,
          last_updated TEXT NOT NULL,
          lu_ms BIGINT NOT NULL,
          deleted INTEGER NOT NULL,
          invalid INTEGER NOT NULL,
          json TEXT,
          UNIQUE (type, id, version)
        );
        CREATE INDEX fhir_versions_time ON fhir_versions (lu_ms);
        CREATE TABLE fhir_current (
          type ${TEXT} NOT NULL,
          id ${TEXT} NOT NULL,
          version INTEGER NOT NULL,
          deleted INTEGER NOT NULL,
          lu_ms BIGINT NOT NULL,
          PRIMARY KEY (type, id)
        );
        CREATE INDEX fhir_current_updated ON fhir_current (type, deleted, lu_ms);
        CREATE TABLE fhir_index (
          type ${TEXT} NOT NULL,
          id ${TEXT} NOT NULL,
          param ${TEXT} NOT NULL,
          system ${TEXT},
          value ${TEXT},
          low BIGINT,
          high BIGINT
        );
        CREATE INDEX fhir_index_value ON fhir_index (type, param, value, system);
        CREATE INDEX fhir_index_date ON fhir_index (type, param, low, high);
        CREATE INDEX fhir_index_resource ON fhir_index (type, id, param);
      `,
    },
    {
      // The indexes of the SQLite store's fhir migrations 2 and 3 (sqlite/fhir.ts): a type's history in
      // write order and by time, current versions in update order whether deleted or not, a date
      // parameter's rows in (low, id) order and by the end of their range.
      version: 2,
      name: 'history in write order and by time, walks in page order, date index by end',
      sql: `
        CREATE INDEX fhir_versions_type_seq ON fhir_versions (type, seq);
        CREATE INDEX fhir_versions_type_time ON fhir_versions (type, lu_ms);
        CREATE INDEX fhir_current_type_updated ON fhir_current (type, lu_ms, id);
        DROP INDEX fhir_index_date;
        CREATE INDEX fhir_index_date ON fhir_index (type, param, low, id, high);
        CREATE INDEX fhir_index_date_end ON fhir_index (type, param, high, low);
      `,
    },
  ],
};

interface VersionRow {
  [key: string]: unknown;
  type: string;
  id: string;
  version: number;
  last_updated: string;
  deleted: number;
  invalid: number;
  json: string | null;
}

const VERSION_COLUMNS = 'v.type, v.id, v.version, v.last_updated, v.deleted, v.invalid, v.json';

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

/** A date prefix over a stored range [low, high) against the query range [lo, hi). */
function dateCondition(
  q: Params,
  prefix: DatePrefix,
  low: string,
  high: string,
  lo: number,
  hi: number,
): string {
  switch (prefix) {
    case 'eq':
      return `${low} >= ${q.p(lo)} AND ${high} <= ${q.p(hi)}`;
    case 'ne':
      return `NOT (${low} >= ${q.p(lo)} AND ${high} <= ${q.p(hi)})`;
    case 'gt':
      return `${high} > ${q.p(hi)}`;
    case 'lt':
      return `${low} < ${q.p(lo)}`;
    case 'ge':
      return `${high} > ${q.p(lo)}`;
    case 'le':
      return `${low} < ${q.p(hi)}`;
    case 'sa':
      return `${low} >= ${q.p(hi)}`;
    case 'eb':
      return `${high} <= ${q.p(lo)}`;
    case 'ap':
      return `${low} < ${q.p(hi)} AND ${high} > ${q.p(lo)}`;
  }
}

function selective(c: SearchCriterion): boolean {
  return (
    c.kind === 'id' || c.kind === 'reference' || c.kind === 'string' || (c.kind === 'token' && c.not !== true)
  );
}

/** One criterion: as the driver a derived table of candidate ids, otherwise a per-candidate EXISTS. */
function criterionSql(q: Params, type: string, c: SearchCriterion, driver: boolean): string {
  const match = (alternatives: ((q: Params) => string)[]): string => {
    if (driver) {
      const selects = alternatives.map(
        (condition) =>
          `SELECT i.id AS id FROM fhir_index i WHERE i.type = ${q.p(type)} AND i.param = ${q.p(c.param)} AND ${condition(q)}`,
      );
      return `(${selects.join(' UNION ')}) AS d JOIN fhir_current c ON c.id = d.id`;
    }
    const param = q.p(c.param);
    const ors = alternatives.map((condition) => `(${condition(q)})`).join(' OR ');
    return `EXISTS (SELECT 1 FROM fhir_index i WHERE i.type = c.type AND i.id = c.id AND i.param = ${param} AND (${ors}))`;
  };
  switch (c.kind) {
    case 'id':
      return c.values.length === 0 ? 'FALSE' : `c.id IN (${c.values.map((v) => q.p(v)).join(', ')})`;
    case 'lastUpdated':
      return `(${dateCondition(q, c.prefix, 'c.lu_ms', '(c.lu_ms + 1)', c.low, c.high)})`;
    case 'token': {
      if (c.values.length === 0) return 'FALSE';
      const sql = match(
        c.values.map(
          (v) => (qq: Params) =>
            v.system === undefined
              ? `i.value = ${qq.p(v.code)}`
              : `i.value = ${qq.p(v.code)} AND i.system = ${qq.p(v.system)}`,
        ),
      );
      return c.not === true ? `NOT ${sql}` : sql;
    }
    case 'string': {
      if (c.values.length === 0) return 'FALSE';
      return match(
        c.values.map((v) => (qq: Params) => {
          const value = v.toLowerCase();
          // A prefix match as a range, so the (type, param, value) index serves it (C collation).
          return c.exact === true
            ? `i.value = ${qq.p(value)}`
            : `i.value >= ${qq.p(value)} AND i.value < ${qq.p(`${value}\u{10ffff}`)}`;
        }),
      );
    }
    case 'reference':
      if (c.values.length === 0) return 'FALSE';
      return match(c.values.map((v) => (qq: Params) => `i.value = ${qq.p(v)}`));
    case 'date':
      return match([(qq: Params) => dateCondition(qq, c.prefix, 'i.low', 'i.high', c.low, c.high)]);
  }
}

/**
 * How many rows `select` (a `SELECT 1 …`) matches, as FHIR `_total` asks: `accurate` counts them all,
 * `estimate` counts up to EXACT_TOTAL_LIMIT and beyond answers undefined (a lower bound follows from the
 * page), `none` does not count. So a search or history over a large store costs in proportion to its
 * page, not to its matches, unless the caller asks for the exact total.
 */
async function countMatches(
  db: Db,
  select: string,
  values: unknown[],
  mode: TotalMode,
): Promise<number | undefined> {
  if (mode === 'none') return undefined;
  if (mode === 'accurate')
    return (await db.one<{ n: number }>(`SELECT COUNT(*)::int AS n FROM (${select}) m`, values))?.n ?? 0;
  const n =
    (
      await db.one<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM (${select} LIMIT ${EXACT_TOTAL_LIMIT + 1}) m`,
        values,
      )
    )?.n ?? 0;
  return n <= EXACT_TOTAL_LIMIT ? n : undefined;
}

function whereSql(q: Params, query: SearchQuery): { from: string; where: string } {
  const parts = [`c.type = ${q.p(query.resourceType)}`];
  if (query.onlyDeleted === true) parts.push('c.deleted = 1');
  else if (query.includeDeleted !== true) parts.push('c.deleted = 0');
  let driver = query.criteria.findIndex((c) => selective(c) && c.kind !== 'id');
  if (driver < 0) driver = query.criteria.findIndex((c) => c.kind === 'date');
  let from = 'fhir_current c';
  query.criteria.forEach((c, i) => {
    if (i === driver) from = criterionSql(q, query.resourceType, c, true);
    else parts.push(criterionSql(q, query.resourceType, c, false));
  });
  return { from, where: parts.join(' AND ') };
}

function orderSql(q: Params, sort: readonly SortKey[] | undefined): string {
  const keys = (sort ?? []).map((k) => {
    const dir = k.descending ? 'DESC' : 'ASC';
    if (k.param === '_lastUpdated') return `c.lu_ms ${dir}`;
    if (k.param === '_id') return `c.id ${dir}`;
    // SQLite orders NULL first ascending and last descending; say so explicitly here.
    return `(SELECT MIN(s.low) FROM fhir_index s WHERE s.type = c.type AND s.id = c.id AND s.param = ${q.p(k.param)}) ${dir} ${k.descending ? 'NULLS LAST' : 'NULLS FIRST'}`;
  });
  keys.push('c.lu_ms ASC', 'c.id ASC');
  return keys.join(', ');
}

export function pgFhir(db: Db): FhirRepository {
  const current = (type: string, id: string) =>
    db.one<{ version: number; deleted: number }>(
      'SELECT version, deleted FROM fhir_current WHERE type = $1 AND id = $2',
      [type, id],
    );
  const selectVersion = async (type: string, id: string, version: number) => {
    const row = await db.one<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM fhir_versions v WHERE v.type = $1 AND v.id = $2 AND v.version = $3`,
      [type, id, version],
    );
    return row ? toStored(row) : undefined;
  };

  const write = async (
    resource: Resource & { id: string },
    version: number,
    index: IndexEntry[],
    lastUpdated: string | undefined,
  ): Promise<StoredResource> => {
    const at = lastUpdated ?? new Date().toISOString();
    const ms = Date.parse(at);
    const body = {
      ...resource,
      meta: { ...resource.meta, versionId: String(version), lastUpdated: at },
    } as Resource & { id: string };
    const invalid = isInvalid(body);
    const type = body.resourceType;
    await db.query(
      `INSERT INTO fhir_versions (type, id, version, last_updated, lu_ms, deleted, invalid, json)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $7)`,
      [type, body.id, version, at, ms, invalid ? 1 : 0, JSON.stringify(body)],
    );
    await db.query(
      `INSERT INTO fhir_current (type, id, version, deleted, lu_ms) VALUES ($1, $2, $3, 0, $4)
       ON CONFLICT (type, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, lu_ms = excluded.lu_ms`,
      [type, body.id, version, ms],
    );
    await db.query('DELETE FROM fhir_index WHERE type = $1 AND id = $2', [type, body.id]);
    if (index.length > 0) {
      // One multi-row INSERT: a round trip per index row would dominate a write.
      const q = new Params();
      const rows = index.map((e) => {
        const [system, value, low, high] =
          e.kind === 'token'
            ? [e.system, e.code, null, null]
            : e.kind === 'string'
              ? [null, e.value.toLowerCase(), null, null]
              : e.kind === 'reference'
                ? [null, e.value, null, null]
                : [null, null, e.low, e.high];
        return `(${[type, body.id, e.param, system, value, low, high].map((v) => q.p(v)).join(', ')})`;
      });
      await db.query(
        `INSERT INTO fhir_index (type, id, param, system, value, low, high) VALUES ${rows.join(', ')}`,
        q.values,
      );
    }
    return {
      resourceType: type,
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
      db
        .transaction(async () => {
          const taken = await db.one('SELECT 1 FROM fhir_versions WHERE type = $1 AND id = $2 LIMIT 1', [
            resource.resourceType,
            resource.id,
          ]);
          if (taken) throw new ResourceExistsError(resource.resourceType, resource.id);
          return (await write(resource, 1, options.index, options.lastUpdated)) as StoredResource<R>;
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw new ResourceExistsError(resource.resourceType, resource.id);
          throw err;
        }),

    update: <R extends Resource>(
      resource: R & { id: string },
      options: { index: IndexEntry[]; lastUpdated?: string; ifMatch?: number },
    ) =>
      db.transaction(async () => {
        const now = await current(resource.resourceType, resource.id);
        if (options.ifMatch !== undefined && now?.version !== options.ifMatch) {
          throw new VersionConflictError(resource.resourceType, resource.id, options.ifMatch, now?.version);
        }
        return (await write(
          resource,
          (now?.version ?? 0) + 1,
          options.index,
          options.lastUpdated,
        )) as StoredResource<R>;
      }),

    delete: (resourceType, id, options = {}) =>
      db.transaction(async (): Promise<StoredResource | undefined> => {
        const now = await current(resourceType, id);
        if (options.ifMatch !== undefined && now?.version !== options.ifMatch) {
          throw new VersionConflictError(resourceType, id, options.ifMatch, now?.version);
        }
        if (!now || now.deleted === 1) return undefined;
        const at = options.lastUpdated ?? new Date().toISOString();
        const ms = Date.parse(at);
        const version = now.version + 1;
        await db.query(
          `INSERT INTO fhir_versions (type, id, version, last_updated, lu_ms, deleted, invalid, json)
           VALUES ($1, $2, $3, $4, $5, 1, 0, NULL)`,
          [resourceType, id, version, at, ms],
        );
        await db.query(
          'UPDATE fhir_current SET version = $3, deleted = 1, lu_ms = $4 WHERE type = $1 AND id = $2',
          [resourceType, id, version, ms],
        );
        return { resourceType, id, versionId: version, lastUpdated: at, deleted: true, invalid: false };
      }),

    read: async (resourceType, id) => {
      const row = await db.one<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM fhir_current c
         JOIN fhir_versions v ON v.type = c.type AND v.id = c.id AND v.version = c.version
         WHERE c.type = $1 AND c.id = $2`,
        [resourceType, id],
      );
      return row ? toStored(row) : undefined;
    },

    vread: (resourceType, id, versionId) => selectVersion(resourceType, id, versionId),

    history: async (query: HistoryQuery): Promise<HistoryResult> => {
      const q = new Params();
      const where: string[] = [];
      if (query.resourceType !== undefined) where.push(`v.type = ${q.p(query.resourceType)}`);
      if (query.id !== undefined) where.push(`v.id = ${q.p(query.id)}`);
      if (query.since !== undefined) where.push(`v.lu_ms >= ${q.p(Date.parse(query.since))}`);
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      // One resource's history is short: counted exactly. Otherwise as `_total` asks (countMatches).
      const mode = query.id !== undefined ? 'accurate' : (query.total ?? 'estimate');
      const total = await countMatches(db, `SELECT 1 FROM fhir_versions v ${clause}`, q.values, mode);
      const count = Math.min(Math.max(query.count, 0), MAX_FHIR_PAGE);
      const offset = Math.max(query.offset, 0);
      const rows = await db.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM fhir_versions v ${clause}
         ORDER BY v.seq DESC LIMIT ${q.p(count + 1)} OFFSET ${q.p(offset)}`,
        q.values,
      );
      const versions = rows.slice(0, count).map(toStored);
      if (total !== undefined) return { versions, total };
      return {
        versions,
        ...lowerBoundTotal(offset + versions.length, rows.length > count, mode === 'estimate'),
      };
    },

    search: async (query: SearchQuery): Promise<SearchResult> => {
      const q = new Params();
      const { from, where } = whereSql(q, query);
      const mode = query.total ?? 'estimate';
      const total = await countMatches(db, `SELECT 1 FROM ${from} WHERE ${where}`, q.values, mode);
      const count = Math.min(Math.max(query.count, 0), MAX_FHIR_PAGE);
      const offset = Math.max(query.offset, 0);
      if (total === 0) return { matches: [], total };
      if (count === 0)
        return total === undefined
          ? { matches: [], ...lowerBoundTotal(0, false, mode === 'estimate') }
          : { matches: [], total };
      const order = orderSql(q, query.sort);
      const rows = await db.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS}
         FROM ${from} JOIN fhir_versions v ON v.type = c.type AND v.id = c.id AND v.version = c.version
         WHERE ${where} ORDER BY ${order} LIMIT ${q.p(count + 1)} OFFSET ${q.p(offset)}`,
        q.values,
      );
      const matches = rows.slice(0, count).map(toStored);
      if (total !== undefined) return { matches, total };
      return {
        matches,
        ...lowerBoundTotal(offset + matches.length, rows.length > count, mode === 'estimate'),
      };
    },
  };
}
