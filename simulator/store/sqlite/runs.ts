/** SQLite implementation of recorded scenario runs: one row a scenario run, the result kept as JSON. */
import type Database from 'better-sqlite3';
import type { AreaMigrations } from './migrate.ts';
import type { Gate } from './gate.ts';
import { MAX_RUN_PAGE, type RunQuery, type RunRepository } from '../runs-types.ts';
import type { RunRecord, RunSummary } from '../../domain/runs.ts';

export const runMigrations: AreaMigrations = {
  area: 'runs',
  migrations: [
    {
      version: 1,
      name: 'recorded scenario runs',
      up: `
        CREATE TABLE runs (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          recorded_at TEXT NOT NULL,
          organisation TEXT,
          summary TEXT NOT NULL,
          result TEXT NOT NULL
        );
        CREATE INDEX runs_organisation ON runs (organisation, seq);
        CREATE INDEX runs_recorded ON runs (recorded_at);
      `,
    },
  ],
};

function summaryOf(record: RunRecord): RunSummary {
  const { result: _result, ...summary } = record;
  return summary;
}

export function sqliteRuns(db: Database.Database, gate: Gate): RunRepository {
  const insert = db.prepare(
    `INSERT INTO runs (id, recorded_at, organisation, summary, result)
     VALUES (@id, @recordedAt, @organisation, @summary, @result)`,
  );
  const byId = db.prepare<[string], { summary: string; result: string }>(
    'SELECT summary, result FROM runs WHERE id = ?',
  );
  return {
    add: (record: RunRecord) =>
      gate.run(() => {
        insert.run({
          id: record.id,
          recordedAt: record.recordedAt,
          organisation: record.organisation ?? null,
          summary: JSON.stringify(summaryOf(record)),
          result: JSON.stringify(record.result),
        });
      }),
    get: (id: string) =>
      gate.run(() => {
        const row = byId.get(id);
        if (!row) return undefined;
        return {
          ...(JSON.parse(row.summary) as RunSummary),
          result: JSON.parse(row.result) as Record<string, unknown>,
        };
      }),
    list: (query: RunQuery = {}) =>
      gate.run(() => {
        const where: string[] = [];
        const params: Record<string, string | number> = {
          limit: Math.min(Math.max(query.limit ?? 100, 1), MAX_RUN_PAGE),
        };
        if (query.organisation !== undefined) {
          where.push('organisation = @organisation');
          params.organisation = query.organisation;
        }
        if (query.organisations !== undefined) {
          if (query.organisations.length === 0) return [];
          const names = query.organisations.map((oid, i) => {
            params[`o${i}`] = oid;
            return `@o${i}`;
          });
          where.push(`organisation IN (${names.join(', ')})`);
        }
        if (query.since !== undefined) {
          where.push('recorded_at >= @since');
          params.since = query.since;
        }
        const sql = `SELECT summary FROM runs ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
                     ORDER BY seq DESC LIMIT @limit`;
        return db
          .prepare<Record<string, string | number>, { summary: string }>(sql)
          .all(params)
          .map((row) => JSON.parse(row.summary) as RunSummary);
      }),
  };
}
