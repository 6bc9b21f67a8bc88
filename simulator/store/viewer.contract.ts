/**
 * Store contract for what the archivist viewer keeps: archivist accounts (registry) and the access log.
 * Every Store implementation runs these (see `sqlite/viewer.test.ts`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './types.ts';
import type { Archivist } from '../domain/registry.ts';

export function describeViewerContract(name: string, open: () => Promise<Store>): void {
  describe(`Viewer store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const archivist = (
      id: string,
      registerController: string,
      extra: Partial<Archivist> = {},
    ): Archivist => ({
      id,
      name: `Archivist ${id}`,
      registerController,
      active: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      ...extra,
    });

    it('stores, replaces and lists archivists per register controller', async () => {
      await store.registry.putArchivist(archivist('a', '1.2.246.10.1.19.0'));
      await store.registry.putArchivist(archivist('b', '1.2.246.10.2.19.0', { passcodeHash: 'scrypt$x$y' }));
      await store.registry.putArchivist(archivist('a', '1.2.246.10.1.19.0', { active: false }));
      expect(await store.registry.getArchivist('a')).toMatchObject({ active: false });
      expect(await store.registry.getArchivist('b')).toMatchObject({ passcodeHash: 'scrypt$x$y' });
      expect(await store.registry.getArchivist('nobody')).toBeUndefined();
      expect((await store.registry.listArchivists()).map((x) => x.id)).toEqual(['a', 'b']);
      expect(
        (await store.registry.listArchivists({ registerController: '1.2.246.10.2.19.0' })).map((x) => x.id),
      ).toEqual(['b']);
    });

    it('appends access-log entries and lists them per register, newest first, filtered and paged', async () => {
      const entry = (patient: string, registerController = '1.2.246.10.1.19.0') => ({
        archivist: 'a',
        archivistName: 'A',
        registerController,
        action: 'document' as const,
        patient,
        target: `doc-${patient}`,
      });
      await store.accessLog.append([entry('010181-900C'), entry('020516C903K')]);
      await store.accessLog.append([entry('010181-900C', '1.2.246.10.2.19.0')]);
      await store.accessLog.append([]);
      const mine = await store.accessLog.list({ registerController: '1.2.246.10.1.19.0' });
      expect(mine.map((e) => e.patient)).toEqual(['020516C903K', '010181-900C']);
      expect(mine[0]?.seq).toBeGreaterThan(mine[1]?.seq ?? Infinity);
      expect(mine[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const one = await store.accessLog.list({
        registerController: '1.2.246.10.1.19.0',
        patient: '010181-900C',
      });
      expect(one).toHaveLength(1);
      const older = await store.accessLog.list({
        registerController: '1.2.246.10.1.19.0',
        before: mine[0]?.seq ?? 0,
      });
      expect(older.map((e) => e.patient)).toEqual(['010181-900C']);
      expect(await store.accessLog.list({ registerController: '1.2.246.10.1.19.0', limit: 1 })).toHaveLength(
        1,
      );
    });

    it('keeps access-log entries of a rolled-back transaction out', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.accessLog.append([
            {
              archivist: 'a',
              archivistName: 'A',
              registerController: '1.2.246.10.1.19.0',
              action: 'person',
              patient: '010181-900C',
            },
          ]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.accessLog.list({ registerController: '1.2.246.10.1.19.0' })).toEqual([]);
    });
  });
}
