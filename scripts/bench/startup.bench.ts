/**
 * Cold start and idle footprint: `npm run bench -- --only startup`.
 *
 * Spawns `node bin/kantasim.js serve` on a fresh database file (what `npm start` runs), polls `/healthz`
 * until it answers 200, and reads the server process's resident memory from /proc/<pid>/status (VmRSS)
 * once it is healthy and idle. The baseline is a bare `node -e` that starts an HTTP server and answers
 * the same poll, so the figure shows what kantasim adds to Node's own start. In a checkout the command
 * runs the sources from the compile cache (bin/source-cache.js); one start before the runs fills it, so
 * the runs measure a start with unchanged sources, and one start after touching a source measures the
 * rebuild an edit costs. The installed package runs dist/ (plain JavaScript); when dist/ has been built
 * (`npm run build`) it is measured too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentiles, type BenchSuite } from './harness.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => {
        resolve(port);
      });
    });
  });
}

/** VmRSS of a process in bytes, from /proc (Linux); undefined elsewhere. */
function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

async function healthy(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const end = performance.now() + deadlineMs;
  while (performance.now() < end) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} not healthy within ${deadlineMs} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** One cold start: ms to healthy and RSS once healthy and idle. */
async function coldStart(
  args: (port: number, dir: string) => string[],
): Promise<{ ms: number; rss?: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kantasim-bench-startup-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args(port, dir), {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, KANTASIM_LOG_LEVEL: 'silent', NODE_OPTIONS: '' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await healthy(`http://127.0.0.1:${port}/healthz`, child, 120_000);
    const ms = performance.now() - t0;
    // Idle: let start-up work that runs after the first answer (lazy loads, GC) settle.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rss = rssOf(child.pid);
    return { ms, ...(rss !== undefined && { rss }) };
  } catch (err) {
    throw new Error(`${String(err)}\n${stderr}`);
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')`;

/** The installed package's entry: dist/ on plain node, as bin/kantasim.js runs it without tsx. */
const DIST = `const { main } = await import('./dist/cli/index.js'); await main(['node', 'kantasim', ...process.argv.slice(1)]);`;

export const suite: BenchSuite = {
  name: 'startup',
  description:
    'cold start to a healthy /healthz of `node bin/kantasim.js serve` on a fresh database, and idle RSS, vs a bare node HTTP server (baseline)',
  async run(h) {
    const runs = h.options.quick ? 3 : 7;
    const measure = async (
      name: string,
      args: (port: number, dir: string) => string[],
      baseline: boolean,
    ): Promise<void> => {
      h.progress(`${name}: ${runs} cold starts`);
      const times: number[] = [];
      const rss: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await coldStart(args);
        times.push(r.ms);
        if (r.rss !== undefined) rss.push(r.rss);
      }
      const idle = rss.length > 0 ? Math.round(percentiles(rss).p50Ms / 2 ** 20) : undefined;
      h.latencies(name, times, {
        ...(baseline && { baseline: true }),
        ...(idle !== undefined && { note: `idle RSS ${idle} MB (median)` }),
      });
    };
    await measure('bare node HTTP server', (port) => ['-e', BARE, String(port)], true);
    const serve = (port: number, dir: string): string[] => [
      'bin/kantasim.js',
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--db',
      join(dir, 'kantasim.db'),
    ];
    // Fill the compile cache, so the runs below measure starts with unchanged sources.
    await coldStart(serve);
    await measure('kantasim serve, fresh database (sources, compile cache)', serve, false);
    h.progress('a start after an edit (the compile cache rebuilds)');
    const edited = join(root, 'simulator', 'version.ts');
    const now = new Date();
    utimesSync(edited, now, now);
    const rebuilt = await coldStart(serve);
    h.latencies('kantasim serve after an edit (compile cache rebuilds first)', [rebuilt.ms]);
    if (existsSync(join(root, 'dist', 'cli', 'index.js'))) {
      await measure(
        'kantasim serve, fresh database (dist/, as installed)',
        (port, dir) => ['--input-type=module', '-e', DIST, ...serve(port, dir).slice(1)],
        false,
      );
    }
  },
};
