/**
 * vitest globalSetup of the unit project: before any test file runs, makes sure the browser tests have
 * a Chromium (chromium.ts decides; this file is the real machine behind its probe). On success it sets
 * CHROMIUM_PATH for the test workers; on failure it prints the one message saying what to run and ends
 * the run with exit status 1, without a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { provisionChromium, runNeedsBrowser } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER_DIR = join(ROOT, 'test/browser');

export default function setup(project: TestProject): void {
  const browserFiles = readdirSync(BROWSER_DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(BROWSER_DIR, f));
  // The run's file filters (vitest keeps them on the instance; absent when every file runs).
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!runNeedsBrowser(filters, browserFiles, ROOT)) return;

  const outcome = provisionChromium({
    env: process.env,
    exists: (p) => existsSync(p),
    isRoot: () => process.getuid?.() === 0,
    hasAptGet: () => spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
    run: (command) => {
      const [cmd, ...args] = command as [string, ...string[]];
      const r = spawnSync(cmd, args, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      return r.status ?? 1;
    },
    log: (message) => {
      process.stderr.write(`[browser tests] ${message}\n`);
    },
  });
  if (!outcome.ok) {
    process.stderr.write(`\n[browser tests] ${outcome.message}\n\n`);
    process.exit(1);
  }
  process.env.CHROMIUM_PATH = outcome.path;
}
