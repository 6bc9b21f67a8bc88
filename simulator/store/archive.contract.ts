/**
 * Archive repository contract: behaviour every Store implementation's `archive` repository must have.
 * Called from `sqlite/archive.test.ts` and `postgres/postgres.test.ts`: both stores run exactly these tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchivedDocument, NewArchivedDocument } from '../domain/cda.ts';
import type { Store } from './types.ts';

function doc(oid: string, extra: Partial<ArchivedDocument> = {}): NewArchivedDocument {
  return {
    oid,
    repository: 'pta',
    setId: oid,
    versionNumber: 1,
    status: 'current',
    valid: true,
    mode: 'strict',
    patient: '010181-900C',
    documentType: '4',
    effectiveAt: '2026-09-15T10:15:00',
    custodian: '1.2.246.10.1.19.0',
    header: {
      documentOid: oid,
      id: { root: oid },
      templateIds: [],
      authors: [],
      relatedDocuments: [],
      localHeader: {
        present: false,
        tableOfContents: [],
        serviceChainLinks: [],
        episodeLinks: [],
        signatures: [],
        otherElements: [],
      },
      viewCodes: [],
      social: {},
    },
    findings: [],
    sha256: 'x',
    sizeBytes: 3,
    receivedAt: '2026-09-15T10:16:00.000Z',
    xml: new Uint8Array([0x3c, 0x61, 0x2f, 0x3e, 0x0d, 0x0a, 0xc3, 0xa4]),
    ...extra,
  };
}

export function describeArchiveContract(name: string, open: () => Promise<Store>): void {
  describe(`Archive repository contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores a document and returns its record and its XML bytes exactly', async () => {
      const d = doc('1.2.3.1');
      await store.archive.insert(d);
      const { xml: _xml, ...record } = d;
      expect(await store.archive.get('1.2.3.1')).toEqual(record);
      expect(Array.from((await store.archive.getXml('1.2.3.1')) ?? [])).toEqual(Array.from(d.xml));
      expect(await store.archive.get('1.2.3.9')).toBeUndefined();
      expect(await store.archive.getXml('1.2.3.9')).toBeUndefined();
      expect(await store.archive.count()).toBe(1);
    });

    it('refuses a second document with the same OID', async () => {
      await store.archive.insert(doc('1.2.3.1'));
      await expect(store.archive.insert(doc('1.2.3.1'))).rejects.toThrow();
    });

    it('keeps a version chain: versions oldest first, latest valid version, replaced marks', async () => {
      await store.archive.insert(doc('1.2.3.1'));
      await store.archive.insert(doc('1.2.3.2', { setId: '1.2.3.1', versionNumber: 2, replaces: '1.2.3.1' }));
      await store.archive.markReplaced('1.2.3.1', '1.2.3.2');
      await store.archive.insert(doc('1.2.3.3', { setId: '1.2.3.1', versionNumber: 3, valid: false }));
      const versions = await store.archive.versions('1.2.3.1');
      expect(versions.map((v) => [v.oid, v.status])).toEqual([
        ['1.2.3.1', 'replaced'],
        ['1.2.3.2', 'current'],
        ['1.2.3.3', 'current'],
      ]);
      expect(versions[0]?.replacedBy).toBe('1.2.3.2');
      expect((await store.archive.latestOfSet('1.2.3.1'))?.oid).toBe('1.2.3.2');
      expect(await store.archive.latestOfSet('9.9')).toBeUndefined();
    });

    it('nullifies a document, keeping it, and leaves it out of searches unless asked', async () => {
      await store.archive.insert(doc('1.2.3.1'));
      const n = await store.archive.nullify('1.2.3.1', {
        reason: 'wrong patient',
        by: 'arkistonhoitaja',
        at: '2026-09-16T00:00:00.000Z',
      });
      expect(n?.status).toBe('nullified');
      expect(n?.nullification?.reason).toBe('wrong patient');
      expect(await store.archive.nullify('9.9', { reason: 'r', by: 'b', at: 'x' })).toBeUndefined();
      expect((await store.archive.search({})).total).toBe(0);
      expect((await store.archive.search({ includeNullified: true })).total).toBe(1);
      expect(await store.archive.getXml('1.2.3.1')).toBeDefined();
    });

    it('searches by patient, repository, set, type and date range, newest first, with paging', async () => {
      for (let i = 1; i <= 12; i++) {
        await store.archive.insert(
          doc(`1.2.4.${i}`, {
            patient: i % 2 === 0 ? '010181-900C' : '020516C903K',
            repository: i <= 10 ? 'pta' : 'social',
            documentType: i % 3 === 0 ? '1' : '4',
            effectiveAt: `2026-09-${String(i).padStart(2, '0')}T10:00:00`,
          }),
        );
      }
      const page = await store.archive.search({ limit: 5 });
      expect(page.total).toBe(12);
      expect(page.documents.map((d) => d.oid)).toEqual([
        '1.2.4.12',
        '1.2.4.11',
        '1.2.4.10',
        '1.2.4.9',
        '1.2.4.8',
      ]);
      expect((await store.archive.search({ limit: 5, offset: 10 })).documents.map((d) => d.oid)).toEqual([
        '1.2.4.2',
        '1.2.4.1',
      ]);
      expect((await store.archive.search({ patient: '010181-900C' })).total).toBe(6);
      expect((await store.archive.search({ repository: 'social' })).total).toBe(2);
      expect((await store.archive.search({ type: '1' })).total).toBe(4);
      expect((await store.archive.search({ setId: '1.2.4.3' })).total).toBe(1);
      expect((await store.archive.search({ from: '2026-09-03', to: '2026-09-05' })).total).toBe(3);
      expect((await store.archive.search({ to: '2026-09' })).total).toBe(12);
      expect((await store.archive.search({ limit: 100000 })).limit).toBe(1000);
    });

    it('filters by a set of custodians (a tenant scope), with totals to match; an empty set matches none', async () => {
      await store.archive.insert(doc('1.2.5.1', { custodian: '1.2.246.10.1.19.0' }));
      await store.archive.insert(doc('1.2.5.2', { custodian: '1.2.246.10.2.19.0' }));
      await store.archive.insert(doc('1.2.5.3', { custodian: '1.2.246.10.3.19.0', repository: 'social' }));
      await store.archive.insert(doc('1.2.5.4', { custodian: '1.2.246.10.2.19.0', documentType: '1' }));
      const oids = async (query: Parameters<Store['archive']['search']>[0]): Promise<[number, string[]]> => {
        const page = await store.archive.search(query);
        return [page.total, page.documents.map((d) => d.oid).sort()];
      };
      expect(await oids({ custodians: ['1.2.246.10.2.19.0'] })).toEqual([2, ['1.2.5.2', '1.2.5.4']]);
      expect(await oids({ custodians: ['1.2.246.10.1.19.0', '1.2.246.10.3.19.0'] })).toEqual([
        2,
        ['1.2.5.1', '1.2.5.3'],
      ]);
      expect(await oids({ custodians: [] })).toEqual([0, []]);
      expect(await oids({ custodians: ['1.2.246.10.9.19.0'] })).toEqual([0, []]);
      // Combined with the other filters, the scope still bounds the answer (totals included).
      expect(await oids({ custodians: ['1.2.246.10.2.19.0'], type: '1' })).toEqual([1, ['1.2.5.4']]);
      expect(await oids({ custodians: ['1.2.246.10.1.19.0'], repository: 'social' })).toEqual([0, []]);
      expect(await oids({ custodians: ['1.2.246.10.1.19.0'], custodian: '1.2.246.10.2.19.0' })).toEqual([
        0,
        [],
      ]);
    });

    it('leaves replaced versions and invalid documents out only when asked to', async () => {
      await store.archive.insert(doc('1.2.3.1', { status: 'replaced' }));
      await store.archive.insert(doc('1.2.3.2', { valid: false }));
      expect((await store.archive.search({})).total).toBe(1);
      expect((await store.archive.search({ includeReplaced: true })).total).toBe(2);
      expect((await store.archive.search({ includeInvalid: false })).total).toBe(0);
    });

    it('rolls an insert back with its transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.archive.insert(doc('1.2.3.1'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.archive.get('1.2.3.1')).toBeUndefined();
    });
  });
}
