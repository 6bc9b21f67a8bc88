/**
 * FHIR endpoint benchmarks, over real HTTP on loopback:
 *
 * - Kanta transaction store (Appointment + Provenance, every validation layer, one SQLite transaction,
 *   event recorded) at concurrency 16, against a bare express endpoint that parses the same Bundle and
 *   answers (the baseline, measured in the same run). The client sends from a process of its own
 *   (`load-client.ts`).
 * - `POST Appointment/_search` latency with 10,000 and 100,000 stored appointments (quick mode: 1,000
 *   and 5,000). The stores are filled through the repository (same index rows as the HTTP path) to keep
 *   the run short; the searches go through HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Appointment } from 'fhir/r4.js';
import { kantaAppointment, kantaProvenance } from '../../fixtures/fhir/appointment.ts';
import { generateTestHetus } from '../../simulator/domain/hetu.ts';
import { appointmentIndex } from '../../simulator/fhir/appointment-index.ts';
import { prepare } from '../../simulator/fhir/write.ts';
import { startServer } from '../../simulator/server.ts';
import { defaultWorkers } from '../../simulator/workers/pool.ts';
import { runConcurrent, workerThreads, type BenchSuite, type Harness } from './harness.ts';
import { runLoad } from './load-client.ts';

const CONCURRENCY = 16;
/** Load before each measured run: the JIT has compiled the hot code and validation workers run. */
const WARM_UP_MS = 3000;

async function bareExpress(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.post('/fhir', express.json({ type: () => true, limit: '20mb' }), (req, res) => {
    const body = req.body as { entry?: unknown[] };
    res
      .status(200)
      .type('application/fhir+json')
      .send(
        JSON.stringify({
          resourceType: 'Bundle',
          type: 'transaction-response',
          entry: (body.entry ?? []).map(() => ({ response: { status: '201 Created' } })),
        }),
      );
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Where the load client builds the Bundles it sends (`bodies.ts`). */
const BODIES = new URL('./bodies.ts', import.meta.url).href;

async function transactions(h: Harness): Promise<void> {
  const total = h.options.quick ? 400 : 4000;
  // The client runs in a process of its own (load-client.ts), as a vendor's system does; in the
  // server's process it would add its own CPU time to every request it measures.
  const load = (url: string, what: string): Promise<{ latenciesMs: number[]; opsPerSec: number }> => {
    return runLoad(
      {
        url,
        headers: { 'content-type': 'application/fhir+json' },
        status: 200,
        count: total,
        concurrency: CONCURRENCY,
        warmUpMs: WARM_UP_MS,
        bodies: { module: BODIES, fn: 'kantaStoreBundles', args: [total, 'bench-fhir-tx', 'AJ-B'] },
        warmBodies: { module: BODIES, fn: 'kantaWarmBundle', args: [], repeat: true },
      },
      { bar: h.bar(what, total) },
    );
  };

  // The baseline runs before and after kantasim's runs and counts as their mean, so a machine that
  // slows down or speeds up during the suite (a shared VM) moves baseline and subject alike.
  const bareRun = async (when: string): Promise<{ latenciesMs: number[]; opsPerSec: number }> => {
    h.progress(`bare express endpoint (baseline, ${when}): ${total} Bundles at concurrency ${CONCURRENCY}`);
    const bare = await bareExpress();
    try {
      return await load(`${bare.url}/fhir`, 'Bundles');
    } finally {
      await bare.close();
    }
  };
  const before = await bareRun('before');
  // The default configuration, then validation on the event loop only (--workers 0).
  for (const workers of [undefined, 0]) {
    const label = workers === undefined ? 'default workers' : `--workers ${workers}`;
    h.progress(`kantasim Kanta transaction store (${label}): ${total} at concurrency ${CONCURRENCY}`);
    const dir = mkdtempSync(join(tmpdir(), 'kantasim-bench-tx-'));
    const server = await startServer({
      port: 0,
      dbFile: join(dir, 'tx.db'),
      logLevel: 'silent',
      ...(workers !== undefined && { workers }),
    });
    try {
      const run = await load(`${server.url}/fhir`, 'transactions');
      h.latencies(
        `kantasim Kanta transaction (validate + store + event)${workers === undefined ? '' : `, ${label}`}`,
        run.latenciesMs,
        {
          opsPerSec: run.opsPerSec,
          note: `concurrency ${CONCURRENCY}, client in its own process, SQLite file, WAL, ${workers === undefined ? `${workerThreads(defaultWorkers('validation'))} (default)` : label}`,
        },
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const after = await bareRun('after');
  h.latencies('bare express: parse Bundle, answer', [...before.latenciesMs, ...after.latenciesMs], {
    // Both runs have the same count: the mean rate is the harmonic mean of the two.
    opsPerSec: 2 / (1 / before.opsPerSec + 1 / after.opsPerSec),
    baseline: true,
    note: `client in its own process; runs before and after kantasim's: ${before.opsPerSec.toFixed(0)}/s, ${after.opsPerSec.toFixed(0)}/s`,
  });
}

async function searches(h: Harness, dir: string, count: number): Promise<void> {
  const perPatient = 10;
  const patients = generateTestHetus(count / perPatient, { seed: `bench-fhir-search-${count}` }).map(
    (x) => x.code,
  );
  const server = await startServer({ port: 0, dbFile: join(dir, `search-${count}.db`), logLevel: 'silent' });
  h.progress(
    `filling ${count.toLocaleString('en-US')} appointments for ${patients.length.toLocaleString('en-US')} patients`,
  );
  const chunk = 5000;
  const bar = h.bar('appointments', count);
  for (let start = 0; start < count; start += chunk) {
    await server.store.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + chunk); i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        const a = kantaAppointment({
          hetu: patients[Math.floor(i / perPatient)] ?? '010181-900C',
          identifier: `AJ-S-${i}`,
          start: `2026-11-${day}T08:00:00+02:00`,
          end: `2026-11-${day}T08:30:00+02:00`,
        });
        const stored = prepare<Appointment>(a, `a${i}`, false);
        await tx.fhir.create(stored, { index: appointmentIndex(stored, kantaProvenance()) });
      }
    });
    bar.tick(Math.min(count, start + chunk));
  }
  bar.stop();
  const queries = h.options.quick ? 200 : 1000;
  const form = (i: number): string =>
    new URLSearchParams({
      'patient:identifier': `urn:oid:1.2.246.21|${patients[(i * 7919) % patients.length] ?? ''}`,
      date: 'ge2026-11-10',
      _sort: 'date',
      _count: '10',
    }).toString();
  const search = async (i: number): Promise<void> => {
    const res = await fetch(`${server.url}/fhir/Appointment/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form(i),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`_search answered ${res.status}`);
  };
  await runConcurrent(50, 1, search);
  h.progress(`${queries} searches over ${count.toLocaleString('en-US')} appointments`);
  const run = await runConcurrent(queries, 1, search);
  h.latencies(
    `_search (patient + date ge + sort) over ${count.toLocaleString('en-US')} appointments`,
    run.latenciesMs,
    {
      opsPerSec: run.opsPerSec,
      note: 'one client, sequential',
    },
  );
  await server.close();
}

export const suite: BenchSuite = {
  name: 'fhir',
  description: `Kanta transaction store at concurrency ${CONCURRENCY} vs a bare express endpoint (baseline); _search latency by store size`,
  async run(h) {
    const dir = mkdtempSync(join(tmpdir(), 'kantasim-bench-fhir-'));
    try {
      await transactions(h);
      for (const count of h.options.quick ? [1000, 5000] : [10_000, 100_000]) await searches(h, dir, count);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
