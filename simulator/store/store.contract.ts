/**
 * The Store contract: behaviour every Store implementation must have. An implementation's test file
 * calls `describeStoreContract` with a factory for a fresh, empty store; the PostgreSQL store will run
 * exactly these tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './types.ts';
import type { Customer, Organisation, TestPerson } from '../domain/registry.ts';

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const org = (oid: string, extra: Partial<Organisation> = {}): Organisation => ({
      oid,
      name: `Org ${oid}`,
      kind: 'organisation',
      public: true,
      active: true,
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...extra,
    });
    const persons = (n: number, start = 900): TestPerson[] =>
      Array.from({ length: n }, (_, i) => ({
        hetu: `P${start + i}`,
        birthDate: '1980-01-01',
        sex: 'female',
      }));

    describe('registry', () => {
      it('stores, replaces and filters organisations', async () => {
        await store.registry.putOrganisation(org('1.2.246.10.1.10.0'));
        await store.registry.putOrganisation(
          org('1.2.246.10.1.19.0', { kind: 'register-controller', partOf: '1.2.246.10.1.10.0' }),
        );
        await store.registry.putOrganisation(org('1.2.246.10.1.10.0', { name: 'Renamed' }));
        expect((await store.registry.getOrganisation('1.2.246.10.1.10.0'))?.name).toBe('Renamed');
        expect(await store.registry.getOrganisation('1.2.3')).toBeUndefined();
        expect(await store.registry.listOrganisations()).toHaveLength(2);
        const controllers = await store.registry.listOrganisations({ kind: 'register-controller' });
        expect(controllers.map((o) => o.oid)).toEqual(['1.2.246.10.1.19.0']);
        expect(await store.registry.listOrganisations({ partOf: '1.2.246.10.1.10.0' })).toHaveLength(1);
      });

      it('stores certified systems and customers as given', async () => {
        await store.registry.putSystem({
          id: 'sys-a',
          vendor: 'V',
          product: 'P',
          version: '1',
          category: 'A',
          certifiedFor: ['pta'],
        });
        const customer: Customer = {
          orgOid: '1.2.246.10.1.10.0',
          serviceDescriptionAccepted: true,
          system: 'sys-a',
          connectionPoints: [{ id: 'cp', operator: 'vendor', announcedAt: '2026-01-01' }],
          services: ['pta', 'pta-appointment'],
          documentGroups: [],
          serviceTasks: [],
          updatedAt: '2026-01-01T00:00:00.000Z',
        };
        await store.registry.putCustomer(customer);
        expect(await store.registry.getSystem('sys-a')).toMatchObject({
          category: 'A',
          certifiedFor: ['pta'],
        });
        expect(await store.registry.getCustomer(customer.orgOid)).toEqual(customer);
        expect(await store.registry.listCustomers()).toHaveLength(1);
        expect(await store.registry.listSystems()).toHaveLength(1);
      });

      it('adds test persons once and issues each code only once, oldest first', async () => {
        expect(await store.registry.addTestPersons(persons(5))).toBe(5);
        expect(await store.registry.addTestPersons(persons(6))).toBe(1);
        const issue = {
          vendor: 'v1',
          customer: 'c1',
          service: 'pta' as const,
          issuedAt: '2026-02-01T00:00:00.000Z',
        };
        const first = await store.registry.issueTestPersons(2, issue);
        expect(first.map((p) => p.hetu)).toEqual(['P900', 'P901']);
        expect(first[0]?.issue).toEqual(issue);
        const second = await store.registry.issueTestPersons(10, { ...issue, vendor: 'v2' });
        expect(second.map((p) => p.hetu)).toEqual(['P902', 'P903', 'P904', 'P905']);
        expect(await store.registry.countUnissued()).toBe(0);
        expect(await store.registry.listTestPersons({ vendor: 'v1' })).toHaveLength(2);
        expect(await store.registry.listTestPersons({ customer: 'c1' })).toHaveLength(6);
        expect((await store.registry.getTestPerson('P903'))?.issue?.vendor).toBe('v2');
      });

      it('never hands the same code to two concurrent issues', async () => {
        await store.registry.addTestPersons(persons(40));
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.transaction((tx) =>
              tx.registry.issueTestPersons(5, {
                vendor: `v${i}`,
                customer: 'c',
                service: 'pta',
                issuedAt: new Date().toISOString(),
              }),
            ),
          ),
        );
        const all = results.flat().map((p) => p.hetu);
        expect(all).toHaveLength(40);
        expect(new Set(all).size).toBe(40);
      });
    });

    describe('events', () => {
      it('appends with increasing sequence numbers and lists since a sequence', async () => {
        const a = await store.events.append({
          channel: 'fhir',
          kind: 'appointment.store',
          outcome: 'accepted',
          resourceIds: ['Appointment/1'],
          findings: [],
          summary: 'stored',
          patient: '010181-900C',
        });
        const b = await store.events.append({
          channel: 'archive',
          kind: 'document.archive',
          outcome: 'refused',
          resourceIds: [],
          findings: [{ code: 'X-1', severity: 'error', path: '/', message: 'bad' }],
          summary: 'refused',
        });
        expect(b.seq).toBeGreaterThan(a.seq);
        expect(await store.events.lastSeq()).toBe(b.seq);
        const since = await store.events.list({ since: a.seq });
        expect(since).toHaveLength(1);
        expect(since[0]).toMatchObject({ seq: b.seq, outcome: 'refused', findings: [{ code: 'X-1' }] });
        expect(await store.events.list({ patient: '010181-900C' })).toHaveLength(1);
        expect(await store.events.list({ channel: 'archive', outcome: 'refused' })).toHaveLength(1);
        expect(await store.events.list({ limit: 1 })).toHaveLength(1);
      });

      it("an organisation scope lists the events it owns: a refusal is the caller's", async () => {
        const base = { channel: 'fhir' as const, resourceIds: [], findings: [], summary: '' };
        const refused = await store.events.append({
          ...base,
          kind: 'request.refused',
          outcome: 'refused',
          organisation: '1.2.246.10.2.10.0',
          caller: '1.2.246.10.1.10.0',
        });
        const unnamed = await store.events.append({
          ...base,
          kind: 'request.refused',
          outcome: 'refused',
          caller: '1.2.246.10.1.10.0',
        });
        const accepted = await store.events.append({
          ...base,
          kind: 'appointment.store',
          outcome: 'accepted',
          organisation: '1.2.246.10.2.10.0',
          caller: '1.2.246.10.1.10.0',
        });
        const seqs = async (organisations: string[]): Promise<number[]> =>
          (await store.events.list({ organisations })).map((e) => e.seq);
        expect(await seqs(['1.2.246.10.1.10.0'])).toEqual([refused.seq, unnamed.seq]);
        expect(await seqs(['1.2.246.10.2.10.0'])).toEqual([accepted.seq]);
        expect(await seqs(['1.2.246.10.1.10.0', '1.2.246.10.2.10.0'])).toEqual([
          refused.seq,
          unnamed.seq,
          accepted.seq,
        ]);
        expect((await store.events.list({ organisation: '1.2.246.10.2.10.0' })).map((e) => e.seq)).toEqual([
          refused.seq,
          accepted.seq,
        ]);
        expect((await store.events.list({})).find((e) => e.seq === refused.seq)).toMatchObject({
          caller: '1.2.246.10.1.10.0',
        });
      });
    });

    describe('transactions', () => {
      it('commit everything written inside them', async () => {
        await store.transaction(async (tx) => {
          await tx.registry.putOrganisation(org('1.2.246.10.2.10.0'));
          await tx.events.append({
            channel: 'registry',
            kind: 'organisation.register',
            outcome: 'accepted',
            resourceIds: [],
            findings: [],
            summary: '',
          });
        });
        expect(await store.registry.getOrganisation('1.2.246.10.2.10.0')).toBeDefined();
        expect(await store.events.lastSeq()).toBeGreaterThan(0);
      });

      it('roll back everything when the callback throws', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.registry.putOrganisation(org('1.2.246.10.3.10.0'));
            await tx.events.append({
              channel: 'registry',
              kind: 'organisation.register',
              outcome: 'accepted',
              resourceIds: [],
              findings: [],
              summary: '',
            });
            throw new Error('second entry is bad');
          }),
        ).rejects.toThrow('second entry is bad');
        expect(await store.registry.getOrganisation('1.2.246.10.3.10.0')).toBeUndefined();
        expect(await store.events.lastSeq()).toBe(0);
      });

      it('nested transactions join the outer one and roll back with it', async () => {
        await expect(
          store.transaction(async () => {
            await store.transaction(async (inner) => {
              await inner.registry.putOrganisation(org('1.2.246.10.4.10.0'));
            });
            throw new Error('outer fails');
          }),
        ).rejects.toThrow('outer fails');
        expect(await store.registry.getOrganisation('1.2.246.10.4.10.0')).toBeUndefined();
      });

      it('keep uncommitted writes invisible to readers outside and serialise read-modify-write', async () => {
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        const writer = store.transaction(async (tx) => {
          await tx.registry.putOrganisation(org('1.2.246.10.5.10.0'));
          await held;
        });
        const reader = store.registry.getOrganisation('1.2.246.10.5.10.0');
        release();
        await writer;
        // The reader queued behind the writer, so it sees the committed row, never a half-done one.
        expect(await reader).toBeDefined();

        await store.registry.putOrganisation(org('1.2.246.10.6.10.0', { name: '0' }));
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.transaction(async (tx) => {
              const current = await tx.registry.getOrganisation('1.2.246.10.6.10.0');
              await new Promise((resolve) => setImmediate(resolve));
              await tx.registry.putOrganisation(
                org('1.2.246.10.6.10.0', { name: String(Number(current?.name) + 1) }),
              );
            }),
          ),
        );
        expect((await store.registry.getOrganisation('1.2.246.10.6.10.0'))?.name).toBe('20');
      });
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
