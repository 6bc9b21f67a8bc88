/**
 * Store contract for what the archivist viewer keeps (archivist accounts, the access log) and for the
 * queries its scoped reader asks (`simulator/viewer/reader.ts`): documents by status and submitting
 * organisation, nullified appointments only, events of a set of organisations newest first. The reader
 * lets the store filter and count, so its pages and totals hold however much is stored.
 * Every Store implementation runs these (see `sqlite/viewer.test.ts`).
 */
import type { Appointment } from 'fhir/r4.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewArchivedDocument } from '../domain/cda.ts';
import type { Store } from './types.ts';
import type { Archivist } from '../domain/registry.ts';

function archived(oid: string, extra: Partial<NewArchivedDocument> = {}): NewArchivedDocument {
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
    sizeBytes: 1,
    receivedAt: '2026-09-15T10:16:00.000Z',
    xml: new Uint8Array([0x3c]),
    ...extra,
  };
}

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

    describe('scoped reader queries', () => {
      it('finds documents by status list and by submitting organisation, counting in the store', async () => {
        const header = archived('x').header;
        await store.archive.insert(archived('1.2.5.1', { organisation: '1.2.246.10.1.10.0' }));
        await store.archive.insert(archived('1.2.5.2', { status: 'replaced' }));
        await store.archive.insert(archived('1.2.5.3', { status: 'nullified' }));
        await store.archive.insert(
          archived('1.2.5.4', {
            header: { ...header, authors: [{ organisation: '1.2.246.10.1.10.7' }] },
          }),
        );
        await store.archive.insert(
          archived('1.2.5.5', {
            message: {
              interactionId: 'RCMR_IN100002FI01',
              soap: false,
              representedOrganisation: '1.2.246.10.9.10.0',
            },
            header: { ...header, encounter: { responsibleOrganisation: '1.2.246.10.8.10.0' } },
          } as Partial<NewArchivedDocument>),
        );
        const oids = async (q: Parameters<Store['archive']['search']>[0]): Promise<string[]> =>
          (await store.archive.search({ ...q, limit: 10 })).documents.map((d) => d.oid).sort();
        expect(await oids({ statuses: ['replaced', 'nullified'] })).toEqual(['1.2.5.2', '1.2.5.3']);
        expect(await oids({ statuses: [] })).toEqual([]);
        expect(await oids({ statuses: ['current'], includeNullified: true })).toEqual([
          '1.2.5.1',
          '1.2.5.4',
          '1.2.5.5',
        ]);
        expect(await oids({ submitter: '1.2.246.10.1.10.0' })).toEqual(['1.2.5.1']);
        expect(await oids({ submitter: '1.2.246.10.1.10.7' })).toEqual(['1.2.5.4']);
        expect(await oids({ submitter: '1.2.246.10.9.10.0' })).toEqual(['1.2.5.5']);
        expect(await oids({ submitter: '1.2.246.10.8.10.0' })).toEqual(['1.2.5.5']);
        expect(await oids({ submitter: '1.2.246.10.6.10.0' })).toEqual([]);
        expect((await store.archive.search({ statuses: ['current'], limit: 1 })).total).toBe(3);
      });

      it('searches only deleted resources when asked', async () => {
        const appointment = (id: string): Appointment & { id: string } => ({
          resourceType: 'Appointment',
          id,
          status: 'booked',
          participant: [],
        });
        const index = [{ param: 'status', kind: 'token' as const, system: '', code: 'booked' }];
        await store.fhir.create(appointment('kept'), { index });
        await store.fhir.create(appointment('gone'), { index });
        await store.fhir.delete('Appointment', 'gone');
        const found = await store.fhir.search({
          resourceType: 'Appointment',
          criteria: [{ param: 'status', kind: 'token', values: [{ code: 'booked' }] }],
          count: 10,
          offset: 0,
          onlyDeleted: true,
        });
        expect(found.total).toBe(1);
        expect(found.matches.map((m) => [m.id, m.deleted])).toEqual([['gone', true]]);
      });

      it('lists events of a set of organisations, without some channels, newest first', async () => {
        const event = (organisation: string | undefined, channel: 'fhir' | 'registry' = 'fhir') =>
          store.events.append({
            channel,
            kind: 'appointment.store',
            outcome: 'accepted',
            resourceIds: [],
            findings: [],
            summary: 's',
            ...(organisation !== undefined && { organisation }),
          });
        const a = await event('1.2.246.10.1.10.0');
        await event('1.2.246.10.2.10.0');
        const c = await event('1.2.246.10.1.10.1');
        await event('1.2.246.10.1.10.0', 'registry');
        await event(undefined);
        const mine = await store.events.list({
          organisations: ['1.2.246.10.1.10.0', '1.2.246.10.1.10.1'],
          excludeChannels: ['registry'],
          newestFirst: true,
        });
        expect(mine.map((e) => e.seq)).toEqual([c.seq, a.seq]);
        expect(await store.events.list({ organisations: [] })).toEqual([]);
        const one = await store.events.list({
          organisations: ['1.2.246.10.1.10.0'],
          newestFirst: true,
          limit: 1,
        });
        expect(one.map((e) => e.channel)).toEqual(['registry']);
        expect(
          (await store.events.list({ organisations: ['1.2.246.10.1.10.0'], since: a.seq })).map(
            (e) => e.channel,
          ),
        ).toEqual(['registry']);
      });
    });
  });
}
