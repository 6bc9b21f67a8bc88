/**
 * Seeds the fixture world (fixtures/world.json) into an empty store: organisations, certified systems,
 * customers, the test-person pool and the codes already issued. Runs once, on first start.
 *
 * The world's customer dates are relative to the seeding day (`today`, `today+30`, `today-3`): a world
 * with fixed dates goes stale (a planned start falls into the past, a notice period passes), and the
 * shipped scenarios that rely on a ready or a not-ready customer would then change their verdict.
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

const RELATIVE_DAY = /^today(?:([+-])(\d{1,4}))?$/;

/**
 * A world date as an ISO calendar day: `today`, `today+N` or `today-N` counted in Helsinki days from
 * `today` (YYYY-MM-DD); any other value (a fixed date) is returned as it is.
 */
export function resolveWorldDate(value: string, today: string): string {
  const m = RELATIVE_DAY.exec(value);
  if (!m) return value;
  const days = m[2] === undefined ? 0 : Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const base = new Date(`${today}T12:00:00Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

/** The Helsinki calendar day of an instant (YYYY-MM-DD). */
export function helsinkiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(now);
}

/** The customers of a world with their relative dates resolved against `today`. */
export function resolveWorldDates(world: World, today: string): World {
  return {
    ...world,
    customers: world.customers.map((c) => ({
      ...c,
      connectionPoints: c.connectionPoints.map((p) => ({
        ...p,
        announcedAt: resolveWorldDate(p.announcedAt, today),
      })),
      ...(typeof c.plannedStart === 'string' && { plannedStart: resolveWorldDate(c.plannedStart, today) }),
    })),
  };
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
  today: string = helsinkiToday(),
): Promise<{ organisations: number; testPersons: number }> {
  world = resolveWorldDates(world, today);
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
