import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { ArchivedDocument } from '../domain/cda.ts';
import type { Store } from '../store/types.ts';
import type { Organisation } from '../domain/registry.ts';
import { PROVENANCE_ROLE_SYSTEM } from '../fhir/validation/kanta-profiles.ts';
import { ViewerData, provenanceOrganiser } from '../viewer/reader.ts';
import {
  maySeeDocument as documentVisible,
  maySeeEvent,
  maySeeOrganiser,
  organiserFilter,
  resolveScope,
} from './scope.ts';

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

const scopeOf = async (store: Store, id: string) => {
  const scope = await new ViewerData(store).scopeOf(id);
  return scope && { ...scope, appointmentOrganisations: scope.access.organisations };
};

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

  it('sees a document whose custodian is the register controller, its organisation or a unit of it', async () => {
    // A second register of the same organisation is another register.
    await store.registry.putOrganisation(
      org('1.2.246.10.1.19.1', 'register-controller', '1.2.246.10.1.10.0'),
    );
    const scope = (await scopeOf(store, 'a'))?.access;
    if (!scope) throw new Error('no scope');
    const doc = (custodian: string | undefined): ArchivedDocument =>
      ({
        custodian,
        header: { custodian: custodian === undefined ? undefined : { oid: custodian } },
      }) as ArchivedDocument;
    expect(documentVisible(scope, doc('1.2.246.10.1.19.0'))).toBe(true);
    // Social-welfare documents name the organisation or its unit as custodian.
    expect(documentVisible(scope, doc('1.2.246.10.1.10.0'))).toBe(true);
    expect(documentVisible(scope, doc('1.2.246.10.1.10.1'))).toBe(true);
    expect(documentVisible(scope, doc('1.2.246.10.1.19.1'))).toBe(false);
    expect(documentVisible(scope, doc('1.2.246.10.2.10.0'))).toBe(false);
    expect(documentVisible(scope, doc('1.2.246.10.2.19.0'))).toBe(false);
    expect(documentVisible(scope, doc(undefined))).toBe(false);
  });

  it('reads the service organiser of a Provenance from its role-10 agent only', () => {
    const role = (code: string) => [{ coding: [{ system: PROVENANCE_ROLE_SYSTEM, code }] }];
    const agents = [
      { who: { identifier: { value: 'urn:oid:1.2.246.10.2.10.0' } } },
      { role: role('10'), who: { identifier: { value: 'urn:oid:1.2.246.10.1.10.1' } } },
      { who: { display: 'x' }, onBehalfOf: { identifier: { value: '1.2.246.10.2.10.0' } } },
    ];
    const provenance = {
      resourceType: 'Provenance',
      target: [],
      recorded: '2026-01-01T00:00:00Z',
      agent: agents,
    } as unknown as Parameters<typeof provenanceOrganiser>[0];
    expect(provenanceOrganiser(provenance)).toBe('1.2.246.10.1.10.1');
    expect(provenanceOrganiser({ ...provenance, agent: [agents[0], agents[2]] } as never)).toBeUndefined();
    expect(provenanceOrganiser({ resourceType: 'Provenance' } as never)).toBeUndefined();
  });
});

describe('access rules', () => {
  it('resolve a register controller without an organisation to itself alone', async () => {
    await store.registry.putOrganisation(org('1.2.246.10.3.19.0', 'register-controller'));
    const resolved = await resolveScope(store.registry, '1.2.246.10.3.19.0');
    expect([...(resolved?.scope.organisations ?? [])]).toEqual(['1.2.246.10.3.19.0']);
    expect(await resolveScope(store.registry, '1.2.246.10.9.19.0')).toBeUndefined();
  });

  it('let only an in-scope service organiser show an appointment, and never widen a filter', async () => {
    const scope = (await resolveScope(store.registry, '1.2.246.10.1.19.0'))?.scope;
    if (!scope) throw new Error('no scope');
    expect(maySeeOrganiser(scope, '1.2.246.10.1.10.1')).toBe(true);
    expect(maySeeOrganiser(scope, '1.2.246.10.2.10.0')).toBe(false);
    expect(maySeeOrganiser(scope, undefined)).toBe(false);
    expect(organiserFilter(scope, '1.2.246.10.2.10.0')).toEqual([]);
    expect(organiserFilter(scope, '1.2.246.10.1.10.0')).toEqual(['1.2.246.10.1.10.0']);
  });

  it('leave registry events and events of other organisations out', async () => {
    const scope = (await resolveScope(store.registry, '1.2.246.10.1.19.0'))?.scope;
    if (!scope) throw new Error('no scope');
    expect(maySeeEvent(scope, { channel: 'fhir', organisation: '1.2.246.10.1.10.0' })).toBe(true);
    expect(maySeeEvent(scope, { channel: 'registry', organisation: '1.2.246.10.1.10.0' })).toBe(false);
    expect(maySeeEvent(scope, { channel: 'fhir', organisation: '1.2.246.10.2.10.0' })).toBe(false);
    expect(maySeeEvent(scope, { channel: 'fhir' })).toBe(false);
    // A refused request is the calling organisation's, whatever organisation it names (or none).
    const other = { channel: 'fhir', organisation: '1.2.246.10.2.10.0', outcome: 'refused' } as const;
    expect(maySeeEvent(scope, { ...other, caller: '1.2.246.10.1.10.0' })).toBe(true);
    expect(maySeeEvent(scope, { channel: 'fhir', outcome: 'refused', caller: '1.2.246.10.1.10.0' })).toBe(
      true,
    );
    const ours = { channel: 'fhir', organisation: '1.2.246.10.1.10.0', outcome: 'refused' } as const;
    expect(maySeeEvent(scope, { ...ours, caller: '1.2.246.10.2.10.0' })).toBe(false);
    // An accepted one is the organisation's it names.
    expect(maySeeEvent(scope, { ...ours, outcome: 'accepted', caller: '1.2.246.10.2.10.0' })).toBe(true);
  });
});
