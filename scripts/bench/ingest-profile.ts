/**
 * `node --import tsx scripts/bench/ingest-profile.ts [COUNT] [OUT.cpuprofile] [--workers N]`: the archive bench's HTTP
 * ingest alone (8 clients, 50 KB documents), with a CPU profile of the ingest phase only (node:inspector),
 * for `cpuprofile-summary.ts`. Prints ops/s, percentiles and the process's CPU time per message (steadier
 * than ops/s on a loaded machine).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { ptaMessage } from '../../fixtures/cda/index.ts';
import { startServer } from '../../simulator/server.ts';
import { postPtaMessage } from './archive.bench.ts';
import { percentiles, runConcurrent } from './harness.ts';

const args = process.argv.slice(2);
const workersAt = args.indexOf('--workers');
const workers = workersAt >= 0 ? Number(args.splice(workersAt, 2)[1]) : undefined;
const count = Number(args[0] ?? 600);
const out = args[1];
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
  const session = new Session();
  if (out !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const r = await runConcurrent(count, 8, async (i) => {
    const m = messages[i];
    if (m !== undefined) await post(m);
  });
  const cpu = process.cpuUsage(cpu0);
  if (out !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
    session.disconnect();
  }
  const p = percentiles(r.latenciesMs);
  console.log(
    `HTTP ingest ${r.opsPerSec.toFixed(0)}/s p50 ${p.p50Ms.toFixed(1)} ms p99 ${p.p99Ms.toFixed(1)} ms, CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms per message (server and client, n ${count})`,
  );
} finally {
  await server.close();
}
