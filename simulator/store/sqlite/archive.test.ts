import { describe, expect, it } from 'vitest';
import { describeArchiveContract } from '../archive.contract.ts';
import { openSqliteStore } from './index.ts';

describeArchiveContract('SQLite :memory:', () => Promise.resolve(openSqliteStore(':memory:')));

describe('SQLite archive specifics', () => {
  it('uses an index for patient, set and type queries', async () => {
    const store = openSqliteStore(':memory:');
    const plan = (sql: string): string =>
      store.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join(' ');
    expect(plan("SELECT oid FROM archive_documents WHERE patient = 'x'")).toMatch(/archive_patient/);
    expect(plan("SELECT oid FROM archive_documents WHERE set_id = 'x'")).toMatch(/archive_set/);
    expect(plan("SELECT oid FROM archive_documents WHERE document_type = 'x'")).toMatch(/archive_type/);
    await store.close();
  });
});
