import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.ts';
import { openSqliteStore } from './index.ts';

describeStoreContract('SQLite :memory:', () => Promise.resolve(openSqliteStore(':memory:')));

const dir = mkdtempSync(join(tmpdir(), 'kantasim-store-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
describeStoreContract('SQLite file', () => Promise.resolve(openSqliteStore(join(dir, `contract-${++n}.db`))));

describe('SQLite store specifics', () => {
  it('keeps committed data across a close and reopen of the file', async () => {
    const file = join(dir, 'reopen.db');
    const first = openSqliteStore(file);
    await first.registry.addTestPersons([{ hetu: '010181-900C', birthDate: '1981-01-01', sex: 'female' }]);
    await first.close();
    const second = openSqliteStore(file);
    expect(await second.registry.getTestPerson('010181-900C')).toMatchObject({ birthDate: '1981-01-01' });
    await second.close();
  });

  it('runs in WAL mode and records each migration once', async () => {
    const file = join(dir, 'wal.db');
    const store = openSqliteStore(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.close();
    const again = openSqliteStore(file);
    const rows = again.db.prepare('SELECT area, version FROM schema_migrations ORDER BY area, version').all();
    expect(rows).toContainEqual({ area: 'registry', version: 1 });
    expect(rows).toContainEqual({ area: 'events', version: 1 });
    expect(new Set(rows.map((r) => JSON.stringify(r))).size).toBe(rows.length);
    await again.close();
  });

  it('refuses a database whose schema is newer than this code', async () => {
    const file = join(dir, 'future.db');
    await openSqliteStore(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES ('registry', 99, 'future', '2030-01-01')").run();
    raw.close();
    expect(() => openSqliteStore(file)).toThrow(/newer than this kantasim knows/);
  });
});
