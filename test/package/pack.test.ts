/**
 * SLOW (minutes: it builds, packs, and installs from the npm registry, compiling better-sqlite3 when no
 * prebuilt binary can be fetched). Its own vitest project, `npm run test:package`, run by .ci/run; not
 * part of `npm test`.
 *
 * The installable package, end to end as a user gets it: `npm pack` (which builds dist/ through
 * `prepack`), the tarball installed into an empty project, then `npx kantasim serve` must become healthy
 * and `npx kantasim run` must pass a shipped scenario against it, with neither tsx nor the TypeScript
 * compiler installed in that project: the package runs compiled JavaScript only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MINUTES = 60_000;

/** The environment without npm's per-script variables, so the child npm acts as a user's would. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  timeout: number,
): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

let work: string;
let app: string;
let tarball: string;
let server: ChildProcess | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kantasim-pack-'));
  app = join(work, 'app');
  const packed = run('npm', ['pack', '--pack-destination', work], REPO, 5 * MINUTES);
  expect(packed.status, packed.out).toBe(0);
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tgz, packed.out).toBeDefined();
  tarball = join(work, tgz as string);
}, 6 * MINUTES);

afterAll(() => {
  if (server?.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the compiled command, its data files and the scenarios, and no TypeScript', () => {
    const listed = run('tar', ['tzf', tarball], work, MINUTES);
    expect(listed.status, listed.out).toBe(0);
    const files = new Set(listed.out.split('\n').map((l) => l.trim().replace(/^package\//, '')));
    for (const f of [
      'package.json',
      'bin/kantasim.js',
      'dist/cli/index.js',
      'dist/simulator/server.js',
      'dist/runner/index.js',
      'dist/runner/scenario.schema.json',
      'dist/fixtures/world.json',
      'dist/simulator/domain/code-lists/hetu.json',
      'dist/simulator/viewer/assets/viewer.css',
      'dist/simulator/workers/shim.js',
      'scenarios/readiness/kuusijarvi-ready.yaml',
    ])
      expect(files, f).toContain(f);
    expect([...files].filter((f) => /\.tsx?$/.test(f))).toEqual([]);
  });

  it(
    'installs into an empty project, serves until healthy and runs a shipped scenario',
    async () => {
      rmSync(app, { recursive: true, force: true });
      spawnSync('mkdir', ['-p', app]);
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty-project', private: true }));
      const installed = run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball],
        app,
        20 * MINUTES,
      );
      expect(installed.status, installed.out).toBe(0);
      // Nothing compiles TypeScript at run time in the installed project.
      expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
      expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);

      const proc = spawn('npx', ['kantasim', 'serve', '--port', '0', '--db', ':memory:'], {
        cwd: app,
        env: cleanEnv(),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = proc;
      let log = '';
      proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        proc.stdout.on('data', (d: Buffer) => {
          log += d.toString();
          const m = /"url":"(http:\/\/[^"]+)"/.exec(log);
          if (m?.[1]) resolve(m[1]);
        });
        proc.on('exit', (code) => {
          reject(new Error(`kantasim serve exited (${code}) before listening:\n${log}`));
        });
      });
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toBe('ok');

      const scenario = join(app, 'node_modules/kantasim/scenarios/readiness/kuusijarvi-ready.yaml');
      const ran = run('npx', ['kantasim', 'run', scenario, '--sim', url], app, 5 * MINUTES);
      expect(ran.status, ran.out).toBe(0);
      expect(ran.out).toContain('PASS');

      const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
      process.kill(-(proc.pid as number), 'SIGTERM');
      await exited;
    },
    30 * MINUTES,
  );
});
