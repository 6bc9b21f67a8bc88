/**
 * Store contract for recorded scenario runs. Every Store implementation runs these (see
 * `sqlite/runs.test.ts`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../domain/runs.ts';
import type { Store } from './types.ts';

export function describeRunsContract(name: string, open: () => Promise<Store>): void {
  describe(`Runs store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const record = (id: string, extra: Partial<RunRecord> = {}): RunRecord => ({
      id,
      recordedAt: '2026-11-20T10:00:00.000Z',
      scenarioId: `scenario-${id}`,
      title: `Scenario ${id}`,
      service: 'pta',
      organisation: '1.2.246.10.1.10.0',
      verdict: 'pass',
      startedAt: '2026-11-20T09:59:00.000Z',
      durationMs: 1200,
      counts: { pass: 3, fail: 0, error: 0, skip: 1 },
      simulator: 'http://127.0.0.1:8080',
      level: 'should',
      result: { tool: 'kantasim', formatVersion: 1, scenarios: [{ id: `scenario-${id}`, steps: [] }] },
      ...extra,
    });

    it('stores a run and gives it back whole, result included', async () => {
      const r = record('a', { sut: 'http://127.0.0.1:9000', eventSeq: 7 });
      await store.runs.add(r);
      expect(await store.runs.get('a')).toEqual(r);
      expect(await store.runs.get('nobody')).toBeUndefined();
    });

    it('refuses a second run with the same id and keeps the first', async () => {
      await store.runs.add(record('a'));
      await expect(store.runs.add(record('a', { title: 'other' }))).rejects.toThrow();
      expect((await store.runs.get('a'))?.title).toBe('Scenario a');
    });

    it('lists summaries newest first, without the result, filtered by organisation and time, limited', async () => {
      await store.runs.add(record('a', { recordedAt: '2026-11-20T10:00:00.000Z' }));
      await store.runs.add(
        record('b', { recordedAt: '2026-11-20T11:00:00.000Z', organisation: '1.2.246.10.2.10.0' }),
      );
      const { organisation: _none, ...noOrg } = record('c', { recordedAt: '2026-11-20T12:00:00.000Z' });
      await store.runs.add(noOrg);
      const all = await store.runs.list();
      expect(all.map((r) => r.id)).toEqual(['c', 'b', 'a']);
      expect(all[0]).not.toHaveProperty('result');
      expect(all[2]).toMatchObject({
        counts: { pass: 3, skip: 1 },
        verdict: 'pass',
        scenarioId: 'scenario-a',
      });
      expect((await store.runs.list({ organisation: '1.2.246.10.2.10.0' })).map((r) => r.id)).toEqual(['b']);
      expect(
        (await store.runs.list({ organisations: ['1.2.246.10.1.10.0', '1.2.246.10.2.10.0'] })).map(
          (r) => r.id,
        ),
      ).toEqual(['b', 'a']);
      expect(await store.runs.list({ organisations: [] })).toEqual([]);
      expect((await store.runs.list({ since: '2026-11-20T11:00:00.000Z' })).map((r) => r.id)).toEqual([
        'c',
        'b',
      ]);
      expect((await store.runs.list({ limit: 1 })).map((r) => r.id)).toEqual(['c']);
    });

    it('rolls a run back with the transaction it was written in', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.runs.add(record('gone'));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.runs.get('gone')).toBeUndefined();
      expect(await store.runs.list()).toEqual([]);
    });
  });
}
