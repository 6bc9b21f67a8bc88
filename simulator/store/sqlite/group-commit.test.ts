import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../domain/events.ts';
import type { Organisation } from '../../domain/registry.ts';
import { EventLog } from '../../events/log.ts';
import { openSqliteStore, type SqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'kantasim-group-commit-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const org = (oid: string): Organisation => ({
  oid,
  name: `Org ${oid}`,
  kind: 'organisation',
  public: true,
  active: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** Settles when the event loop has turned once (the group's members run in between). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SQLite group commit', () => {
  let store: SqliteStore;
  let file: string;
  let n = 0;
  beforeEach(() => {
    file = join(dir, `group-${++n}.db`);
    store = openSqliteStore(file);
  });
  afterEach(async () => {
    await store.close();
  });

  it('commits concurrent transactions together, each acknowledged only after the shared COMMIT', async () => {
    const settled: string[] = [];
    const other = new Database(file, { readonly: true });
    let seenByOther: unknown;
    const first = store
      .transaction(async (tx) => {
        await tx.registry.putOrganisation(org('1.2.246.10.1.1'));
      })
      .then(() => settled.push('first'));
    const second = store
      .transaction(async (tx) => {
        await tx.registry.putOrganisation(org('1.2.246.10.1.2'));
        // Same group: the first one's write is visible here, yet not committed, not acknowledged.
        expect(await tx.registry.getOrganisation('1.2.246.10.1.1')).toBeDefined();
        expect(settled).toEqual([]);
        seenByOther = other.prepare("SELECT oid FROM organisations WHERE oid = '1.2.246.10.1.1'").get();
      })
      .then(() => settled.push('second'));
    await Promise.all([first, second]);
    other.close();
    expect(seenByOther).toBeUndefined();
    expect(settled).toEqual(['first', 'second']);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM organisations').get()).toEqual({ n: 2 });
    reopened.close();
  });

  it('rolls back only the member that fails in the middle of a group', async () => {
    const results = await Promise.allSettled([
      store.transaction(async (tx) => {
        await tx.registry.putOrganisation(org('1.2.246.10.2.1'));
      }),
      store.transaction(async (tx) => {
        await tx.registry.putOrganisation(org('1.2.246.10.2.2'));
        await tx.events.append({
          channel: 'registry',
          kind: 'organisation.register',
          outcome: 'accepted',
          resourceIds: [],
          findings: [],
          summary: 'half',
        });
        throw new Error('the middle one is bad');
      }),
      store.transaction(async (tx) => {
        await tx.registry.putOrganisation(org('1.2.246.10.2.3'));
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('the middle one is bad'));
    expect(await store.registry.getOrganisation('1.2.246.10.2.1')).toBeDefined();
    expect(await store.registry.getOrganisation('1.2.246.10.2.2')).toBeUndefined();
    expect(await store.registry.getOrganisation('1.2.246.10.2.3')).toBeDefined();
    expect(await store.events.lastSeq()).toBe(0);
  });

  it('rejects every member when the shared COMMIT fails, and keeps none of their writes', async () => {
    // A deferred foreign key is checked at COMMIT only: a real way to make one COMMIT fail.
    store.db.exec(`
      CREATE TABLE gc_parent (id TEXT PRIMARY KEY);
      CREATE TABLE gc_child (parent TEXT REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED);
    `);
    const results = await Promise.allSettled([
      store.transaction(async (tx) => {
        await tx.registry.putOrganisation(org('1.2.246.10.3.1'));
      }),
      store.transaction(async () => {
        await store.gate.run(() => store.db.prepare("INSERT INTO gc_child VALUES ('missing')").run());
      }),
      store.transaction(async (tx) => {
        await tx.registry.putOrganisation(org('1.2.246.10.3.3'));
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) expect(String((r as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(store.db.inTransaction).toBe(false);
    expect(await store.registry.getOrganisation('1.2.246.10.3.1')).toBeUndefined();
    expect(await store.registry.getOrganisation('1.2.246.10.3.3')).toBeUndefined();
    // The store goes on: the next group commits.
    await store.transaction(async (tx) => {
      await tx.registry.putOrganisation(org('1.2.246.10.3.4'));
    });
    expect(await store.registry.getOrganisation('1.2.246.10.3.4')).toBeDefined();
  });

  it('lets a nested transaction join its own member and roll back with it, not with the group', async () => {
    const results = await Promise.allSettled([
      store.transaction(async () => {
        await store.transaction(async (inner) => {
          await inner.registry.putOrganisation(org('1.2.246.10.4.1'));
        });
        throw new Error('outer fails');
      }),
      store.transaction(async () => {
        await store.transaction(async (inner) => {
          await inner.registry.putOrganisation(org('1.2.246.10.4.2'));
        });
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(await store.registry.getOrganisation('1.2.246.10.4.1')).toBeUndefined();
    expect(await store.registry.getOrganisation('1.2.246.10.4.2')).toBeDefined();
  });

  it('does not keep a reader waiting behind a long queue of transactions', async () => {
    let done = 0;
    const writes = Array.from({ length: 200 }, (_, i) =>
      store
        .transaction(async (tx) => {
          await tx.registry.putOrganisation(org(`1.2.246.10.5.${i}`));
          await turn();
        })
        .then(() => done++),
    );
    await turn();
    const read = await store.registry.getOrganisation('1.2.246.10.5.0');
    // The group closed for the reader: it saw committed data, long before the queue drained.
    expect(read).toBeDefined();
    expect(done).toBeLessThan(100);
    await Promise.all(writes);
    expect(done).toBe(200);
  });

  it('announces an event after its commit, and never one whose transaction rolled back', async () => {
    const log = new EventLog(store);
    const seen: number[] = [];
    const heard = new Promise<void>((resolve) => {
      log.onAppend(() => {
        void store.events.list().then((events) => {
          seen.push(events.length);
          resolve();
        });
      });
    });
    const event: NewEvent = {
      channel: 'registry',
      kind: 'organisation.register',
      outcome: 'accepted',
      resourceIds: [],
      findings: [],
      summary: '',
    };
    await expect(
      store.transaction(async (tx) => {
        await log.record(event, tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await turn();
    expect(seen).toEqual([]);
    await store.transaction(async (tx) => {
      await log.record(event, tx);
    });
    await heard;
    expect(seen).toEqual([1]);
  });
});
