/**
 * `node --import tsx scripts/bench/tx-profile.ts [COUNT] [OUT.cpuprofile] [--workers N]`: the fhir bench's
 * Kanta transaction phase alone (concurrency 16, SQLite file, the client in a process of its own as in
 * the bench), with a CPU profile of the server's main thread during the measured phase (node:inspector),
 * for `cpuprofile-summary.ts`. Prints ops/s, percentiles and the server process's CPU time per
 * transaction (all its threads; steadier than ops/s on a loaded machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../simulator/server.ts';
import { profiledLoad, profileArgs } from './profile.ts';
import { percentiles } from './harness.ts';

const { count, out, workers } = profileArgs(process.argv.slice(2), 4000);
const BODIES = new URL('./bodies.ts', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'kantasim-tx-profile-'));
const server = await startServer({
  port: 0,
  dbFile: join(dir, 'tx.db'),
  logLevel: 'silent',
  ...(workers === undefined ? {} : { workers }),
});
try {
  const { result: r, cpuMs } = await profiledLoad(out, {
    url: `${server.url}/fhir`,
    headers: { 'content-type': 'application/fhir+json' },
    status: 200,
    count,
    concurrency: 16,
    warmUpMs: 3000,
    bodies: { module: BODIES, fn: 'kantaStoreBundles', args: [count, 'tx-profile', 'AJ-P'] },
    warmBodies: { module: BODIES, fn: 'kantaWarmBundle', args: [], repeat: true },
  });
  const p = percentiles(r.latenciesMs);
  console.log(
    `Kanta transaction ${r.opsPerSec.toFixed(0)}/s p50 ${p.p50Ms.toFixed(1)} ms p99 ${p.p99Ms.toFixed(1)} ms, server CPU ${(cpuMs / count).toFixed(2)} ms per transaction (all threads, n ${count})`,
  );
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
