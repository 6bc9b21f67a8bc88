/**
 * Seeds the fixture world (fixtures/world.json) into an empty store: organisations, certified systems,
 * customers, the test-person pool and the codes already issued. Runs once, on first start.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateTestHetus, type HetuStyle } from '../domain/hetu.ts';
import type { Service } from '../domain/codes.ts';
import type { RegistryService } from './service.ts';
import type { Store } from '../store/types.ts';
import type { ArchivistBody, CustomerBody, OrganisationBody, SystemBody } from './schemas.ts';

export const WORLD_FILE = fileURLToPath(new URL('../../fixtures/world.json', import.meta.url));

export interface World {
  organisations: (OrganisationBody & { ytunnus?: string })[];
  systems: SystemBody[];
  customers: (CustomerBody & { orgOid: string; $comment?: string })[];
  testPersonPool: { count: number; seed: string; style: HetuStyle };
  issued: { vendor: string; customer: string; service: Service; count: number }[];
  /** Archivist accounts for the viewer (optional in older world files). */
  archivists?: ArchivistBody[];
}

export function loadWorld(file = WORLD_FILE): World {
  return JSON.parse(readFileSync(file, 'utf8')) as World;
}

/** True when nothing has been registered yet. */
export async function isEmpty(store: Store): Promise<boolean> {
  const [orgs, persons] = await Promise.all([
    store.registry.listOrganisations(),
    store.registry.listTestPersons(),
  ]);
  return orgs.length === 0 && persons.length === 0;
}

/**
 * Puts the world through the registry service, so the fixtures obey the same rules as API input.
 * Returns what was seeded, for the start-up log.
 */
export async function seedWorld(
  registry: RegistryService,
  world: World = loadWorld(),
): Promise<{ organisations: number; testPersons: number }> {
  for (const { ytunnus: _ytunnus, ...org } of world.organisations) await registry.putOrganisation(org, true);
  for (const system of world.systems) await registry.addSystem(system);
  for (const { orgOid, $comment: _comment, ...customer } of world.customers)
    await registry.putCustomer(orgOid, customer);
  const pool = generateTestHetus(world.testPersonPool.count, {
    seed: world.testPersonPool.seed,
    style: world.testPersonPool.style,
  });
  await registry.addTestPersons(pool.map((h) => h.code));
  for (const issue of world.issued) await registry.issueTestPersons(issue);
  for (const archivist of world.archivists ?? []) await registry.putArchivist(archivist);
  return { organisations: world.organisations.length, testPersons: pool.length };
}
