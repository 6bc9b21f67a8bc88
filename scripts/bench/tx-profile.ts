/**
 * `node --import tsx scripts/bench/tx-profile.ts [COUNT] [OUT.cpuprofile] [--workers N]`: the fhir bench's
 * Kanta transaction phase alone (concurrency 16, SQLite file), with a CPU profile of the main thread during
 * the measured phase (node:inspector), for `cpuprofile-summary.ts`. Prints ops/s, percentiles and the
 * process's CPU time per transaction (all threads; steadier than ops/s on a loaded machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { generateTestHetus } from '../../simulator/domain/hetu.ts';
import { startServer } from '../../simulator/server.ts';
import { measuredPhase, profileArgs } from './profile.ts';
import { percentiles, runConcurrent, warmUp } from './harness.ts';

const { count, out, workers } = profileArgs(process.argv.slice(2), 4000);
const bodies = generateTestHetus(count, { seed: 'tx-profile' }).map((x, i) =>
  JSON.stringify(storeBundle(kantaAppointment({ hetu: x.code, identifier: `AJ-P-${i}` }))),
);
const dir = mkdtempSync(join(tmpdir(), 'kantasim-tx-profile-'));
const server = await startServer({
  port: 0,
  dbFile: join(dir, 'tx.db'),
  logLevel: 'silent',
  ...(workers === undefined ? {} : { workers }),
});
const post = async (body: string): Promise<void> => {
  const res = await fetch(`${server.url}/fhir`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`/fhir answered ${res.status}`);
};
try {
  const warm = JSON.stringify(storeBundle(kantaAppointment({ hetu: '010181-900C' })));
  await warmUp(3000, 16, () => post(warm));
  const { result: r, cpuMs } = await measuredPhase(out, () =>
    runConcurrent(count, 16, (i) => post(bodies[i] ?? '')),
  );
  const p = percentiles(r.latenciesMs);
  console.log(
    `Kanta transaction ${r.opsPerSec.toFixed(0)}/s p50 ${p.p50Ms.toFixed(1)} ms p99 ${p.p99Ms.toFixed(1)} ms, CPU ${(cpuMs / count).toFixed(2)} ms per transaction (server and client, all threads, n ${count})`,
  );
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
