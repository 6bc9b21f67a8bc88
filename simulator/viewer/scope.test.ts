import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { ArchivedDocument } from '../domain/cda.ts';
import type { Store } from '../store/types.ts';
import type { Organisation } from '../domain/registry.ts';
import { documentVisible, provenanceOrganisations, scopeOf } from './scope.ts';

let store: Store;
const org = (oid: string, kind: Organisation['kind'], partOf?: string): Organisation => ({
  oid,
  name: oid,
  kind,
  public: true,
  active: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...(partOf !== undefined && { partOf }),
});

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.registry.putOrganisation(org('1.2.246.10.1.10.0', 'organisation'));
  await store.registry.putOrganisation(org('1.2.246.10.1.10.1', 'service-unit', '1.2.246.10.1.10.0'));
  await store.registry.putOrganisation(org('1.2.246.10.1.19.0', 'register-controller', '1.2.246.10.1.10.0'));
  await store.registry.putOrganisation(org('1.2.246.10.2.10.0', 'organisation'));
  await store.registry.putArchivist({
    id: 'a',
    name: 'A',
    registerController: '1.2.246.10.1.19.0',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  await store.registry.putArchivist({
    id: 'gone',
    name: 'Gone',
    registerController: '1.2.246.10.1.19.0',
    active: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
});
afterEach(async () => {
  await store.close();
});

describe('archivist scope', () => {
  it('covers the register controller, its organisation and that organisation’s units, nothing else', async () => {
    const scope = await scopeOf(store, 'a');
    expect(scope?.registerController.oid).toBe('1.2.246.10.1.19.0');
    expect([...(scope?.appointmentOrganisations ?? [])].sort()).toEqual([
      '1.2.246.10.1.10.0',
      '1.2.246.10.1.10.1',
      '1.2.246.10.1.19.0',
    ]);
  });

  it('has no scope for unknown or inactive accounts', async () => {
    expect(await scopeOf(store, 'nobody')).toBeUndefined();
    expect(await scopeOf(store, 'gone')).toBeUndefined();
  });

  it('sees a document exactly when its custodian is the register controller', async () => {
    const scope = await scopeOf(store, 'a');
    if (!scope) throw new Error('no scope');
    const doc = (custodian: string | undefined): ArchivedDocument =>
      ({
        custodian,
        header: { custodian: custodian === undefined ? undefined : { oid: custodian } },
      }) as ArchivedDocument;
    expect(documentVisible(scope, doc('1.2.246.10.1.19.0'))).toBe(true);
    expect(documentVisible(scope, doc('1.2.246.10.1.10.0'))).toBe(false);
    expect(documentVisible(scope, doc('1.2.246.10.2.19.0'))).toBe(false);
    expect(documentVisible(scope, doc(undefined))).toBe(false);
  });

  it('reads organisation OIDs from Provenance agents', () => {
    expect(
      provenanceOrganisations({
        resourceType: 'Provenance',
        target: [],
        recorded: '2026-01-01T00:00:00Z',
        agent: [
          { who: { identifier: { value: 'urn:oid:1.2.246.10.1.10.1' } } },
          { who: { display: 'x' }, onBehalfOf: { identifier: { value: '1.2.246.10.1.10.0' } } },
        ],
      } as Parameters<typeof provenanceOrganisations>[0]),
    ).toEqual(['1.2.246.10.1.10.1', '1.2.246.10.1.10.0']);
  });
});
