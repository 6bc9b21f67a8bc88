/**
 * vitest globalSetup of the unit project: starts the throwaway PostgreSQL cluster (postgres.ts) for the
 * tests that use it (those importing test/setup/postgres-store.ts) and hands its URL to the workers as
 * KANTASIM_TEST_PG_URL; stops it after the run. A run whose file filters match none of those tests
 * starts nothing. When no server can be had, it prints what to run and ends the run with exit status 1.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { runNeedsBrowser } from './chromium.ts';
import { provisionPostgres, startCluster } from './postgres.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEARCHED = ['simulator', 'test', 'cli', 'runner', 'common', 'examples'];

/** Test files that need the cluster: they import the store helper. */
function postgresTestFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (
        entry.name.endsWith('.test.ts') &&
        readFileSync(path, 'utf8').includes('postgres-store.ts')
      ) {
        out.push(path);
      }
    }
  };
  for (const dir of SEARCHED) walk(join(ROOT, dir));
  return out;
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (process.env.KANTASIM_TEST_PG_URL) return undefined;
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  // The same matching of filters to files as the browser's setup.
  if (!runNeedsBrowser(filters, postgresTestFiles(), ROOT)) return undefined;
  const found = provisionPostgres((m) => process.stderr.write(`[postgres tests] ${m}\n`));
  if (!found.ok) {
    process.stderr.write(`\n[postgres tests] ${found.message}\n\n`);
    process.exit(1);
  }
  const cluster = await startCluster(found.bin);
  process.env.KANTASIM_TEST_PG_URL = cluster.url;
  return () => {
    cluster.stop();
  };
}
