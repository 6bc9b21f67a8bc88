/**
 * vitest globalSetup of the unit project: starts the throwaway PostgreSQL cluster (postgres.ts) for the
 * PostgreSQL store's tests and hands its URL to the workers as KANTASIM_TEST_PG_URL; stops it after the
 * run. A run whose file filters name no PostgreSQL test starts nothing. When no server can be had, it
 * prints what to run and ends the run with exit status 1.
 */
import type { TestProject } from 'vitest/node';
import { provisionPostgres, startCluster } from './postgres.ts';

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (filters !== undefined && filters.length > 0 && !filters.some((f) => /postgres/i.test(f))) return undefined;
  if (process.env.KANTASIM_TEST_PG_URL) return undefined;
  const found = provisionPostgres((m) => process.stderr.write(`[postgres tests] ${m}\n`));
  if (!found.ok) {
    process.stderr.write(`\n[postgres tests] ${found.message}\n\n`);
    process.exit(1);
  }
  const cluster = await startCluster(found.bin);
  process.env.KANTASIM_TEST_PG_URL = cluster.url;
  return () => cluster.stop();
}
