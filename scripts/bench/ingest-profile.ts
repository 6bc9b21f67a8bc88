/**
 * `node --import tsx scripts/bench/ingest-profile.ts [COUNT] [OUT.cpuprofile] [--workers N]`: the archive
 * bench's HTTP ingest alone (8 clients in a process of their own, 50 KB documents), with a CPU profile of
 * the server's main thread during the measured phase (node:inspector), for `cpuprofile-summary.ts`.
 * Prints ops/s, percentiles and the server process's CPU time per message (steadier than ops/s on a
 * loaded machine).
 */
import { startServer } from '../../simulator/server.ts';
import { profiledLoad, profileArgs } from './profile.ts';
import { percentiles } from './harness.ts';

const { count, out, workers } = profileArgs(process.argv.slice(2), 2000);
const BODIES = new URL('./bodies.ts', import.meta.url).href;
const DOC_BYTES = 50 * 1024;
const server = await startServer({
  port: 0,
  dbFile: ':memory:',
  logLevel: 'silent',
  ...(workers === undefined ? {} : { workers }),
});
try {
  const { result: r, cpuMs } = await profiledLoad(out, {
    url: `${server.url}/archive/pta`,
    headers: { 'content-type': 'text/xml', accept: 'application/json' },
    status: 201,
    count,
    concurrency: 8,
    warmUpMs: 3000,
    bodies: { module: BODIES, fn: 'ptaMessages', args: [count, DOC_BYTES] },
    warmBodies: { module: BODIES, fn: 'ptaMessages', args: [1000, DOC_BYTES] },
  });
  const p = percentiles(r.latenciesMs);
  console.log(
    `HTTP ingest ${r.opsPerSec.toFixed(0)}/s p50 ${p.p50Ms.toFixed(1)} ms p99 ${p.p99Ms.toFixed(1)} ms, server CPU ${(cpuMs / count).toFixed(2)} ms per message (all threads, n ${count})`,
  );
} finally {
  await server.close();
}
