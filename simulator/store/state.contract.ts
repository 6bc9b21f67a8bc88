/**
 * The contract of the short-lived shared state (`state-types.ts`): viewer sessions, page tokens and
 * rate-limit counters. Every Store implementation's test file runs it with a factory for a fresh store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './types.ts';

export function describeStateContract(name: string, open: () => Promise<Store>): void {
  describe(`State contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates, reads, touches and deletes sessions, and sweeps idle ones', async () => {
      await store.sessions.create({ id: 'a', archivistId: 'arch-1', createdAt: 1000, lastSeen: 1000 });
      await store.sessions.create({ id: 'b', archivistId: 'arch-2', createdAt: 1000, lastSeen: 5000 });
      expect(await store.sessions.get('a')).toEqual({
        id: 'a',
        archivistId: 'arch-1',
        createdAt: 1000,
        lastSeen: 1000,
      });
      await store.sessions.touch('a', 2000);
      expect((await store.sessions.get('a'))?.lastSeen).toBe(2000);
      expect(await store.sessions.deleteIdle(3000)).toBe(1);
      expect(await store.sessions.get('a')).toBeUndefined();
      await store.sessions.delete('b');
      expect(await store.sessions.get('b')).toBeUndefined();
      await store.sessions.touch('nobody', 1);
      expect(await store.sessions.get('nobody')).toBeUndefined();
    });

    it('keeps page tokens until they expire', async () => {
      const state = { kind: 'search', resourceType: 'Appointment', params: [['_offset', ['10']]] };
      await store.pageTokens.put('t1', state, 10_000);
      expect(await store.pageTokens.get('t1', 9_999)).toEqual(state);
      expect(await store.pageTokens.get('t1', 10_001)).toBeUndefined();
      expect(await store.pageTokens.get('unknown', 0)).toBeUndefined();
      expect(await store.pageTokens.deleteExpired(10_001)).toBe(1);
      expect(await store.pageTokens.get('t1', 0)).toBeUndefined();
    });

    it('counts rate-limit hits per key in a window, keeping only the newest', async () => {
      for (const at of [100, 200, 300, 400]) await store.rateLimits.hit('acct', at, 3);
      await store.rateLimits.hit('other', 250, 3);
      expect(await store.rateLimits.recent('acct', 0)).toEqual([200, 300, 400]);
      expect(await store.rateLimits.recent('acct', 250)).toEqual([300, 400]);
      await store.rateLimits.clear('acct');
      expect(await store.rateLimits.recent('acct', 0)).toEqual([]);
      expect(await store.rateLimits.recent('other', 0)).toEqual([250]);
    });

    it('counts every hit when many land at once', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.rateLimits.hit('burst', 1000 + i, 50)));
      expect(await store.rateLimits.recent('burst', 0)).toHaveLength(20);
    });

    it('rolls state back with its transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.sessions.create({ id: 'x', archivistId: 'a', createdAt: 1, lastSeen: 1 });
          await tx.pageTokens.put('p', {}, 100);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.sessions.get('x')).toBeUndefined();
      expect(await store.pageTokens.get('p', 0)).toBeUndefined();
    });
  });
}
