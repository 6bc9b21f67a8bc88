/** PostgreSQL implementation of recorded scenario runs (same shape as `../sqlite/runs.ts`). */
import { Params, type Db } from './db.ts';
import { TEXT, type PgAreaMigrations } from './migrate.ts';
import { MAX_RUN_PAGE, type RunQuery, type RunRepository } from '../runs-types.ts';
import type { RunRecord, RunSummary } from '../../domain/runs.ts';

export const pgRunMigrations: PgAreaMigrations = {
  area: 'runs',
  migrations: [
    {
      version: 1,
      name: 'recorded scenario runs',
      sql: `
        CREATE TABLE runs (
          seq BIGSERIAL PRIMARY KEY,
          id ${TEXT} NOT NULL UNIQUE,
          recorded_at ${TEXT} NOT NULL,
          organisation ${TEXT},
          summary TEXT NOT NULL,
          result TEXT NOT NULL
        );
        CREATE INDEX runs_organisation ON runs (organisation, seq);
        CREATE INDEX runs_recorded ON runs (recorded_at);
      `,
    },
  ],
};

export function pgRuns(db: Db): RunRepository {
  return {
    add: async (record: RunRecord) => {
      const { result, ...summary } = record;
      await db.query(
        `INSERT INTO runs (id, recorded_at, organisation, summary, result) VALUES ($1, $2, $3, $4, $5)`,
        [
          record.id,
          record.recordedAt,
          record.organisation ?? null,
          JSON.stringify(summary),
          JSON.stringify(result),
        ],
      );
    },
    get: async (id: string) => {
      const row = await db.one<{ summary: string; result: string }>(
        'SELECT summary, result FROM runs WHERE id = $1',
        [id],
      );
      if (!row) return undefined;
      return {
        ...(JSON.parse(row.summary) as RunSummary),
        result: JSON.parse(row.result) as Record<string, unknown>,
      };
    },
    list: async (query: RunQuery = {}) => {
      const q = new Params();
      const where: string[] = [];
      if (query.organisation !== undefined) where.push(`organisation = ${q.p(query.organisation)}`);
      if (query.organisations !== undefined) {
        if (query.organisations.length === 0) return [];
        where.push(`organisation IN (${query.organisations.map((o) => q.p(o)).join(', ')})`);
      }
      if (query.since !== undefined) where.push(`recorded_at >= ${q.p(query.since)}`);
      const limit = q.p(Math.min(Math.max(query.limit ?? 100, 1), MAX_RUN_PAGE));
      const rows = await db.query<{ summary: string }>(
        `SELECT summary FROM runs ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
         ORDER BY seq DESC LIMIT ${limit}`,
        q.values,
      );
      return rows.map((row) => JSON.parse(row.summary) as RunSummary);
    },
  };
}
