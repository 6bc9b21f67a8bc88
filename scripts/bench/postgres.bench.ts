/**
 * The shared PostgreSQL store beside the embedded SQLite one, in the same run: Kanta appointment
 * transactions (Appointment + Provenance, every validation layer, one store transaction, event
 * recorded) over real HTTP on loopback at concurrency 16, through
 *
 * - one instance on a SQLite file (the baseline),
 * - one instance on PostgreSQL,
 * - three instances on one PostgreSQL database, the clients spread round-robin over them.
 *
 * Needs a PostgreSQL server: KANTASIM_BENCH_PG_URL names one, otherwise a throwaway cluster is started
 * as for the tests (test/setup/postgres.ts). Only this suite needs it (`npm run bench -- --only postgres`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { generateTestHetus } from '../../simulator/domain/hetu.ts';
import { startServer, type RunningServer } from '../../simulator/server.ts';
import { provisionPostgres, startCluster } from '../../test/setup/postgres.ts';
import { runConcurrent, type BenchSuite, type Harness } from './harness.ts';

const CONCURRENCY = 16;

async function postJson(url: string, body: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
}

async function measure(
  h: Harness,
  name: string,
  servers: RunningServer[],
  bodies: string[],
  note: string,
): Promise<void> {
  const warm = JSON.stringify(storeBundle(kantaAppointment({ hetu: '010181-900C' })));
  await runConcurrent(30, CONCURRENCY, (i) =>
    postJson(`${servers[i % servers.length]?.url ?? ''}/fhir`, warm),
  );
  h.progress(`${name}: ${bodies.length} transactions at concurrency ${CONCURRENCY}`);
  const run = await runConcurrent(bodies.length, CONCURRENCY, (i) =>
    postJson(`${servers[i % servers.length]?.url ?? ''}/fhir`, bodies[i] ?? ''),
  );
  h.latencies(name, run.latenciesMs, { opsPerSec: run.opsPerSec, note, baseline: name.startsWith('SQLite') });
}

function bodiesFor(tag: string, total: number): string[] {
  return generateTestHetus(total, { seed: `bench-pg-${tag}` }).map((x, i) =>
    JSON.stringify(storeBundle(kantaAppointment({ hetu: x.code, identifier: `AJ-PG-${tag}-${i}` }))),
  );
}

export const suite: BenchSuite = {
  name: 'postgres',
  description:
    'Kanta transaction throughput and p99: one instance on SQLite (baseline), one and three instances on one PostgreSQL',
  async run(h: Harness): Promise<void> {
    const total = h.options.quick ? 300 : 3000;
    let url = process.env.KANTASIM_BENCH_PG_URL;
    let stop: (() => void) | undefined;
    if (!url) {
      const found = provisionPostgres((m) => {
        h.progress(m);
      });
      if (!found.ok) throw new Error(found.message);
      const cluster = await startCluster(found.bin);
      url = cluster.url;
      stop = () => {
        cluster.stop();
      };
    }
    const dir = mkdtempSync(join(tmpdir(), 'kantasim-bench-pg-'));
    const schemaUrl = (): string => {
      const u = new URL(url);
      u.searchParams.set('schema', `bench_${randomBytes(4).toString('hex')}`);
      return u.toString();
    };
    try {
      const sqlite = await startServer({ port: 0, dbFile: join(dir, 'tx.db'), logLevel: 'silent' });
      await measure(
        h,
        'SQLite, 1 instance',
        [sqlite],
        bodiesFor('s', total),
        'SQLite file, WAL, synchronous FULL',
      );
      await sqlite.close();

      const one = await startServer({ port: 0, store: schemaUrl(), logLevel: 'silent' });
      await measure(h, 'PostgreSQL, 1 instance', [one], bodiesFor('p1', total), 'loopback PostgreSQL');
      await one.close();

      const shared = schemaUrl();
      const first = await startServer({ port: 0, store: shared, logLevel: 'silent' });
      const rest = [
        await startServer({ port: 0, store: shared, seed: false, logLevel: 'silent' }),
        await startServer({ port: 0, store: shared, seed: false, logLevel: 'silent' }),
      ];
      await measure(
        h,
        'PostgreSQL, 3 instances',
        [first, ...rest],
        bodiesFor('p3', total),
        'three in this process, one database, round-robin',
      );
      await Promise.all([first, ...rest].map((s) => s.close()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      stop?.();
    }
  },
};
