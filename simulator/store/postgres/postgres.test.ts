/**
 * The PostgreSQL store against a real server (the throwaway cluster of test/setup/global-postgres.ts):
 * every store contract suite unchanged, then what only a shared database shows.
 */
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.ts';
import { describeFhirContract } from '../fhir.contract.ts';
import { describeArchiveContract } from '../archive.contract.ts';
import { describeRunsContract } from '../runs.contract.ts';
import { describeViewerContract } from '../viewer.contract.ts';
import { describeStateContract } from '../state.contract.ts';
import { freshPostgresStore, freshSchemaUrl } from '../../../test/setup/postgres-store.ts';
import { openPostgresStore } from './index.ts';
import { parseStoreUrl } from './db.ts';

describeStoreContract('PostgreSQL', freshPostgresStore);
describeFhirContract('PostgreSQL', freshPostgresStore);
describeArchiveContract('PostgreSQL', freshPostgresStore);
describeRunsContract('PostgreSQL', freshPostgresStore);
describeViewerContract('PostgreSQL', freshPostgresStore);
describeStateContract('PostgreSQL', freshPostgresStore);

describe('PostgreSQL store specifics', () => {
  it('records each migration once when two instances start on one schema at the same time', async () => {
    const url = freshSchemaUrl('mig');
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    const rows = await a.db.query<{ area: string; version: number }>(
      'SELECT area, version FROM schema_migrations ORDER BY area, version',
    );
    expect(rows).toContainEqual({ area: 'registry', version: 2 });
    expect(new Set(rows.map((r) => `${r.area}/${r.version}`)).size).toBe(rows.length);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a schema newer than this code', async () => {
    const url = freshSchemaUrl('future');
    const first = await openPostgresStore(url);
    await first.db.query("INSERT INTO schema_migrations VALUES ('registry', 99, 'future', '2030-01-01')");
    await first.close();
    await expect(openPostgresStore(url)).rejects.toThrow(/newer than this kantasim knows/);
  });

  it('never issues one test person twice to two stores issuing at once on one schema', async () => {
    const url = freshSchemaUrl('issue');
    const a = await openPostgresStore(url);
    const b = await openPostgresStore(url);
    await a.registry.addTestPersons(
      Array.from({ length: 40 }, (_, i) => ({
        hetu: `P${900 + i}`,
        birthDate: '1980-01-01',
        sex: 'female' as const,
      })),
    );
    const issue = { vendor: 'v', customer: 'c', service: 'pta' as never, issuedAt: '2026-01-01T00:00:00Z' };
    const batches = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).registry.issueTestPersons(5, issue)),
    );
    const codes = batches.flat().map((p) => p.hetu);
    expect(codes).toHaveLength(40);
    expect(new Set(codes).size).toBe(40);
    await Promise.all([a.close(), b.close()]);
  });

  it('creates exactly one resource when two stores race to create the same id', async () => {
    const url = freshSchemaUrl('race');
    const a = await openPostgresStore(url);
    const b = await openPostgresStore(url);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? a : b).fhir.create({ resourceType: 'Patient', id: 'same' }, { index: [] }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await a.fhir.history({ resourceType: 'Patient', id: 'same', count: 10, offset: 0 })).total).toBe(
      1,
    );
    await Promise.all([a.close(), b.close()]);
  });

  it('tells one store of events appended through another (LISTEN/NOTIFY), in sequence order', async () => {
    const url = freshSchemaUrl('notify');
    const a = await openPostgresStore(url);
    const b = await openPostgresStore(url);
    const woken = new Promise<void>((resolve) => {
      const off = a.watchEvents(() => {
        off();
        resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    await b.events.append({
      channel: 'fhir',
      kind: 'resource.create',
      outcome: 'accepted',
      summary: 'x',
    } as never);
    await woken;
    expect((await a.events.list()).map((e) => e.seq)).toEqual([1]);
    await Promise.all([a.close(), b.close()]);
  });

  it('reads the schema from the URL and refuses one that is not a plain SQL name', () => {
    expect(parseStoreUrl('postgres://u@h:5/db?schema=abc').schema).toBe('abc');
    expect(parseStoreUrl('postgres://u@h:5/db').schema).toBe('kantasim');
    expect(() => parseStoreUrl('postgres://u@h:5/db?schema=a;drop')).toThrow(/lower-case SQL name/);
  });
});
