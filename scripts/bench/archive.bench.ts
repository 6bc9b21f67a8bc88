import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { TEST_HETU, ptaMessage } from '../../fixtures/cda/index.ts';
import { readSubmission } from '../../simulator/archive/envelope.ts';
import { extractHeader } from '../../simulator/archive/header.ts';
import { loadElementTreeParser } from '../../simulator/xml/element-tree.ts';
import { generateTestHetus } from '../../simulator/domain/hetu.ts';
import { startServer, type RunningServer } from '../../simulator/server.ts';
import type { NewArchivedDocument } from '../../simulator/domain/cda.ts';
import { percentiles, workerThreads, type BenchSuite, type Measurement } from './harness.ts';
import { defaultWorkers } from '../../simulator/workers/pool.ts';
import { runLoad } from './load-client.ts';

/** Load before each measured ingest: JIT-compiled code, libxml2 loaded, worker threads started. */
const WARM_UP_MS = 3000;

const DOC_BYTES = 50 * 1024;

/** POSTs one archive message to `/archive/pta` and insists on 201 (the ingest benches' one request). */
export async function postPtaMessage(baseUrl: string, body: string): Promise<void> {
  const res = await fetch(`${baseUrl}/archive/pta`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml', accept: 'application/json' },
  });
  if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/**
 * CDA archive: message ingest over real HTTP (envelope, MIME, safe parse, all rules, commit, event,
 * acknowledgement) against a raw fast-xml-parser parse of the same message bytes (baseline); then query
 * latency over HTTP with 100,000 stored documents (10,000 in quick mode).
 */
export const suite: BenchSuite = {
  name: 'archive',
  description: `ingest of a ${DOC_BYTES / 1024} KB CDA in an RCMR_IN100002FI01 message over HTTP vs raw parse of the same bytes (baseline); query latency with many stored documents`,
  async run(h) {
    const quick = h.options.quick;
    const ingestCount = quick ? 300 : 2000;
    const sample = ptaMessage({ padToBytes: DOC_BYTES - 3000 }).message;
    const sampleBytes = new Uint8Array(Buffer.from(sample, 'utf8'));
    const samples = quick ? 300 : 2000;

    // ops/s from a warmed tight loop, single timed calls for the percentiles: both for the same work.
    const timed = (name: string, fn: () => unknown): { loop: Measurement; single: number[] } => {
      const loop = h.throughput(name, fn);
      h.measurements.pop();
      const single: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t0 = performance.now();
        fn();
        single.push(performance.now() - t0);
      }
      return { loop, single };
    };
    const measure = (name: string, fn: () => unknown): void => {
      const { loop, single } = timed(name, fn);
      h.record({ ...loop, ...percentiles(single) });
    };

    // The baseline runs before and after the ingest runs and counts as their mean, so a machine that
    // slows down or speeds up during the suite (a shared VM) moves baseline and subject alike.
    const raw = new XMLParser({ ignoreAttributes: false });
    const rawName = `raw parse of the ${Math.round(sampleBytes.length / 1024)} KB message (fast-xml-parser)`;
    const rawRun = (when: string): { opsPerSec: number; single: number[] } => {
      h.progress(`raw parse of the message bytes (baseline, ${when})`);
      const { loop, single } = timed(rawName, () => raw.parse(Buffer.from(sampleBytes).toString('utf8')));
      return { opsPerSec: loop.opsPerSec ?? 0, single };
    };
    const rawBefore = rawRun('before');
    h.progress('envelope + MIME + safe parse + header extraction, in process');
    // The server loads libxml2 with its first submission; the in-process path needs it loaded too.
    await loadElementTreeParser();
    measure('envelope, MIME, safe parse of both, header (no store)', () => {
      const r = readSubmission(sampleBytes, 'text/xml', 20 * 1024 * 1024);
      return r.ok ? extractHeader(r.submission.cda) : r;
    });

    /**
     * Warms `server` under the measured load, then ingests the messages and records the run. The eight
     * clients send from a process of their own (load-client.ts), as vendors' systems do: in the server's
     * process they would add their own CPU time to the wait of every message they measure.
     */
    const ingest = async (server: RunningServer, workers: string): Promise<void> => {
      h.progress(`warm-up, then ingest of ${ingestCount} messages over HTTP, 8 in flight (${workers})`);
      const bodies = new URL('./bodies.ts', import.meta.url).href;
      const run = await runLoad(
        {
          url: `${server.url}/archive/pta`,
          headers: { 'content-type': 'text/xml', accept: 'application/json' },
          status: 201,
          count: ingestCount,
          concurrency: 8,
          warmUpMs: WARM_UP_MS,
          bodies: { module: bodies, fn: 'ptaMessages', args: [ingestCount, DOC_BYTES] },
          warmBodies: { module: bodies, fn: 'ptaMessages', args: [quick ? 300 : 2000, DOC_BYTES] },
        },
        { bar: h.bar('messages', ingestCount) },
      );
      h.record({
        name: `HTTP ingest (all rules, commit, event, ack)${workers.startsWith('--') ? `, ${workers}` : ''}`,
        opsPerSec: run.opsPerSec,
        n: ingestCount,
        ...percentiles(run.latenciesMs),
        note: `8 concurrent clients in their own process, ${workers}`,
      });
    };
    // Reading on the event loop only (--workers 0), then the default configuration (on 2 cores: one
    // worker thread sharing the reading). The second server stays up for the queries.
    const alone = await startServer({ port: 0, dbFile: ':memory:', logLevel: 'silent', workers: 0 });
    try {
      await ingest(alone, '--workers 0');
    } finally {
      await alone.close();
    }
    const server = await startServer({ port: 0, dbFile: ':memory:', logLevel: 'silent' });
    try {
      await ingest(server, `${workerThreads(defaultWorkers('reading'))} (default)`);
      const rawAfter = rawRun('after');
      h.record({
        name: rawName,
        // The same work in both runs: the mean rate is the harmonic mean of the two.
        opsPerSec: 2 / (1 / rawBefore.opsPerSec + 1 / rawAfter.opsPerSec),
        n: rawBefore.single.length + rawAfter.single.length,
        ...percentiles([...rawBefore.single, ...rawAfter.single]),
        baseline: true,
        note: `runs before and after the ingest: ${rawBefore.opsPerSec.toFixed(0)}/s, ${rawAfter.opsPerSec.toFixed(0)}/s`,
      });

      const target = quick ? 10_000 : 100_000;
      h.progress(`filling the archive to ${target} documents`);
      const patients = generateTestHetus(1000, { seed: 'archive-bench', style: 'mixed' }).map((p) => p.code);
      const template = (await server.store.archive.search({ limit: 1 })).documents[0];
      if (!template) throw new Error('no template document');
      const xml = new Uint8Array(Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>'));
      let have = await server.store.archive.count();
      let filled = 0;
      const bar = h.bar('documents', target);
      while (have < target) {
        const batch = Math.min(5000, target - have);
        const start = filled;
        await server.store.transaction(async (tx) => {
          for (let i = 0; i < batch; i++) {
            const n = start + i;
            const oid = `1.2.246.10.3210987.91.2025.${n}`;
            const day = String((n % 28) + 1).padStart(2, '0');
            const month = String((n % 12) + 1).padStart(2, '0');
            const doc: NewArchivedDocument = {
              ...template,
              oid,
              setId: oid,
              patient: patients[n % patients.length] ?? TEST_HETU.patient,
              documentType: n % 5 === 0 ? '1' : '4',
              effectiveAt: `2025-${month}-${day}T10:00:00`,
              header: { ...template.header, documentOid: oid, id: { root: oid } },
              xml,
            };
            await tx.archive.insert(doc);
          }
        });
        have += batch;
        filled += batch;
        bar.tick(have);
      }
      bar.stop();
      // The fill ran in this process and held the event loop, so both sides' keep-alive timers are
      // overdue: let them fire before the first query, or it may reuse a socket the server is closing.
      await new Promise((resolve) => setTimeout(resolve, 100));

      const queryCount = quick ? 200 : 1000;
      const timeQueries = async (name: string, url: (i: number) => string): Promise<void> => {
        h.progress(`query: ${name}`);
        const samples: number[] = [];
        for (let i = 0; i < queryCount; i++) {
          const t0 = performance.now();
          const res = await fetch(`${server.url}${url(i)}`);
          if (res.status !== 200) throw new Error(`query answered ${res.status}`);
          await res.arrayBuffer();
          samples.push(performance.now() - t0);
        }
        h.latencies(`query ${name} (${have} docs)`, samples);
      };
      await timeQueries(
        'by patient, page of 50',
        (i) => `/archive/documents?patient=${patients[i % patients.length] ?? ''}&limit=50`,
      );
      await timeQueries(
        'by setId',
        (i) => `/archive/documents?setId=1.2.246.10.3210987.91.2025.${(i * 97) % filled}`,
      );
      await timeQueries(
        'by type and one month, page of 50',
        (i) =>
          `/archive/documents?type=1&from=2025-${String((i % 12) + 1).padStart(2, '0')}&to=2025-${String((i % 12) + 1).padStart(2, '0')}&limit=50`,
      );
      await timeQueries(
        'stored XML by OID',
        (i) => `/archive/documents/1.2.246.10.3210987.91.2025.${(i * 131) % filled}`,
      );
    } finally {
      await server.close();
    }
  },
};
