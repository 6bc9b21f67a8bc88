/**
 * `node --import tsx scripts/bench/ingest-profile.ts [COUNT] [OUT.cpuprofile] [--workers N]`: the archive bench's HTTP
 * ingest alone (8 clients, 50 KB documents), with a CPU profile of the ingest phase only (node:inspector),
 * for `cpuprofile-summary.ts`. Prints ops/s, percentiles and the process's CPU time per message (steadier
 * than ops/s on a loaded machine).
 */
import { ptaMessage } from '../../fixtures/cda/index.ts';
import { startServer } from '../../simulator/server.ts';
import { postPtaMessage } from './archive.bench.ts';
import { measuredPhase, profileArgs } from './profile.ts';
import { percentiles, runConcurrent } from './harness.ts';

const { count, out, workers } = profileArgs(process.argv.slice(2), 600);
const messages = Array.from(
  { length: count + 50 },
  () => ptaMessage({ padToBytes: 50 * 1024 - 3000 }).message,
);
const server = await startServer({
  port: 0,
  dbFile: ':memory:',
  logLevel: 'silent',
  ...(workers === undefined ? {} : { workers }),
});
const post = (body: string): Promise<void> => postPtaMessage(server.url, body);
try {
  for (const m of messages.slice(count)) await post(m);
  const { result: r, cpuMs } = await measuredPhase(out, () =>
    runConcurrent(count, 8, async (i) => {
      const m = messages[i];
      if (m !== undefined) await post(m);
    }),
  );
  const p = percentiles(r.latenciesMs);
  console.log(
    `HTTP ingest ${r.opsPerSec.toFixed(0)}/s p50 ${p.p50Ms.toFixed(1)} ms p99 ${p.p99Ms.toFixed(1)} ms, CPU ${(cpuMs / count).toFixed(2)} ms per message (server and client, n ${count})`,
  );
} finally {
  await server.close();
}
