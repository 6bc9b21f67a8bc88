/**
 * A throwaway PostgreSQL cluster for the tests: finds Debian's server binaries (installing the
 * `postgresql` package when missing and running as root, as CI does, like the browser in chromium.ts),
 * runs `initdb` on a temporary directory and `pg_ctl start` on a free loopback port, and stops and
 * removes it afterwards. Never silently skipped: when no server can be had, the message says exactly
 * what to run.
 *
 * initdb and the server refuse to run as root, so as root they run as the unprivileged `nobody`
 * (through `runuser`), with the data directory owned by it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  url: string;
  stop(): void;
}

export type Provisioned = { ok: true; bin: string } | { ok: false; message: string };

const INSTALL = 'apt-get install -y postgresql';

/** The directory holding initdb and pg_ctl, newest PostgreSQL first. */
export function findPostgresBin(exists: (p: string) => boolean = existsSync): string | undefined {
  if (process.env.KANTASIM_PG_BIN && exists(join(process.env.KANTASIM_PG_BIN, 'initdb')))
    return process.env.KANTASIM_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!exists(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(base, v, 'bin')).find((dir) => exists(join(dir, 'initdb')));
}

export function provisionPostgres(log: (m: string) => void): Provisioned {
  const found = findPostgresBin();
  if (found) return { ok: true, bin: found };
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    return {
      ok: false,
      message:
        `the PostgreSQL store tests need a PostgreSQL server (initdb, pg_ctl). Run: sudo ${INSTALL} ` +
        '(or set KANTASIM_PG_BIN to a directory holding initdb and pg_ctl)',
    };
  }
  log(`PostgreSQL not found; running: apt-get update && ${INSTALL}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', 'postgresql'], { stdio: 'inherit', env });
  const bin = findPostgresBin();
  if (r.status !== 0 || !bin) return { ok: false, message: `installing PostgreSQL failed; run: ${INSTALL}` };
  return { ok: true, bin };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Starts a cluster with user `kantasim` (trust on loopback) and database `kantasim`. */
export async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kantasim-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const nobody = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' });
    const uid = Number(nobody.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]): void => {
    const full = asRoot
      ? ['runuser', ['-u', 'nobody', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const r = spawnSync(full[0] as string, full[1] as string[], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('initdb', [
    '-D',
    data,
    '-U',
    'kantasim',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const port = await freePort();
  // fsync off: a throwaway cluster; crash safety is PostgreSQL's, not what these tests measure.
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    'start',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
  ]);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'kantasim', 'kantasim']);
  return {
    url: `postgres://kantasim@127.0.0.1:${port}/kantasim`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
