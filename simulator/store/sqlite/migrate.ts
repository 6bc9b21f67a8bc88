/**
 * Versioned schema migrations for the SQLite store.
 *
 * Each area of the store (registry, events, fhir, archive, ...) owns an ordered list of migrations in its
 * own module, so areas evolve independently. Applied migrations are recorded per area and version; a
 * database that has a newer migration than the code knows is refused rather than silently misread.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL to run, or a function for data migrations. */
  up: string | ((db: Database.Database) => void);
}

export interface AreaMigrations {
  area: string;
  migrations: readonly Migration[];
}

export function migrate(db: Database.Database, areas: readonly AreaMigrations[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    area TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (area, version)
  )`);
  const applied = db.prepare<[string], { version: number }>(
    'SELECT version FROM schema_migrations WHERE area = ? ORDER BY version',
  );
  const record = db.prepare(
    'INSERT INTO schema_migrations (area, version, name, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const { area, migrations } of areas) {
    assertOrdered(area, migrations);
    const done = new Set(applied.all(area).map((row) => row.version));
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) {
      throw new Error(
        `database schema for '${area}' is at version ${newest}, newer than this kantasim knows (${known}); ` +
          'use a newer kantasim or another database file',
      );
    }
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      db.transaction(() => {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        record.run(area, migration.version, migration.name, new Date().toISOString());
      }).immediate();
    }
  }
}

function assertOrdered(area: string, migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations of '${area}' must be numbered 1, 2, 3…; found ${m.version} at ${i + 1}`);
  });
}
