/**
 * Versioned schema migrations for the PostgreSQL store, per area as in the SQLite store
 * (`../sqlite/migrate.ts`): each area owns an ordered list, applied versions are recorded per area in
 * `schema_migrations`, and a database whose schema is newer than the code is refused.
 *
 * Several instances may start at once against a fresh database (a rolling deploy, a test starting three
 * servers): the whole migration runs in one transaction under a session advisory lock, so exactly one
 * instance applies each migration and the others find it recorded.
 */
import type pg from 'pg';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export interface PgAreaMigrations {
  area: string;
  migrations: readonly PgMigration[];
}

const MIGRATE_LOCK = 0x4b4d; // "KM"

/** Text columns compare and sort by code point, like SQLite, whatever the database's default collation. */
export const TEXT = 'TEXT COLLATE "C"';

export async function migratePostgres(
  pool: pg.Pool,
  schema: string,
  areas: readonly PgAreaMigrations[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATE_LOCK, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path = ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      area ${TEXT} NOT NULL,
      version INTEGER NOT NULL,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (area, version)
    )`);
    for (const { area, migrations } of areas) {
      migrations.forEach((m, i) => {
        if (m.version !== i + 1)
          throw new Error(
            `migrations of '${area}' must be numbered 1, 2, 3…; found ${m.version} at ${i + 1}`,
          );
      });
      const rows = await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations WHERE area = $1',
        [area],
      );
      const done = new Set(rows.rows.map((r) => r.version));
      const newest = Math.max(0, ...done);
      const known = migrations.length;
      if (newest > known) {
        throw new Error(
          `database schema for '${area}' is at version ${newest}, newer than this kantasim knows (${known}); ` +
            'use a newer kantasim or another database or schema',
        );
      }
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query(m.sql);
        await client.query(
          'INSERT INTO schema_migrations (area, version, name, applied_at) VALUES ($1, $2, $3, $4)',
          [area, m.version, m.name, new Date().toISOString()],
        );
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
