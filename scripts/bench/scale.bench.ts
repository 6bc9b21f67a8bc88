/**
 * Query latency at scale: `npm run bench -- --only scale [--scale 1m]`.
 *
 * Fills one SQLite file (as users have it, not `:memory:`) through the repositories with N appointments
 * and N documents (N = 10,000 by default, `--scale 1m` for 1,000,000, `--scale 100k` …), then measures
 * p50/p99 over real HTTP of every query shape the archive and FHIR APIs offer, and the process's RSS.
 * Every name carries the store size, so runs at different scales compare line by line. There is no
 * baseline: a query shape that stays flat shows the same figures at 10,000 and at 1,000,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Appointment } from 'fhir/r4.js';
import { ptaMessage } from '../../fixtures/cda/index.ts';
import { kantaAppointment, kantaProvenance } from '../../fixtures/fhir/appointment.ts';
import { generateTestHetus } from '../../simulator/domain/hetu.ts';
import { appointmentIndex } from '../../simulator/fhir/appointment-index.ts';
import { prepare } from '../../simulator/fhir/write.ts';
import { startServer, type RunningServer } from '../../simulator/server.ts';
import type { NewArchivedDocument } from '../../simulator/domain/cda.ts';
import type { BenchSuite, Harness } from './harness.ts';

const CHUNK = 5000;
const OID = (n: number): string => `1.2.246.10.3210987.91.2025.${n}`;

function mib(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}

async function fillAppointments(h: Harness, server: RunningServer, count: number, patients: string[]) {
  const bar = h.bar('appointments', count);
  for (let start = 0; start < count; start += CHUNK) {
    await server.store.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + CHUNK); i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        const month = String(1 + (i % 12)).padStart(2, '0');
        const a = kantaAppointment({
          hetu: patients[i % patients.length] ?? '010181-900C',
          identifier: `AJ-S-${i}`,
          start: `2026-${month}-${day}T08:00:00+02:00`,
          end: `2026-${month}-${day}T08:30:00+02:00`,
        });
        const stored = prepare<Appointment>(a, `a${i}`, false);
        await tx.fhir.create(stored, { index: appointmentIndex(stored, kantaProvenance()) });
      }
    });
    bar.tick(Math.min(count, start + CHUNK));
  }
  bar.stop();
}

async function fillDocuments(h: Harness, server: RunningServer, count: number, patients: string[]) {
  // One document through the real intake, as the template of the others.
  const res = await fetch(`${server.url}/archive/pta`, {
    method: 'POST',
    body: ptaMessage().message,
    headers: { 'content-type': 'text/xml', accept: 'application/json' },
  });
  if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  const template = (await server.store.archive.search({ limit: 1 })).documents[0];
  if (!template) throw new Error('no template document');
  const xml = new Uint8Array(Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>'));
  const custodians = ['1.2.246.10.1234567.10.0', '1.2.246.10.7654321.10.0', '1.2.246.10.1111111.10.0'];
  const bar = h.bar('documents', count);
  for (let start = 0; start < count; start += CHUNK) {
    await server.store.transaction(async (tx) => {
      for (let n = start; n < Math.min(count, start + CHUNK); n++) {
        const oid = OID(n);
        const day = String((n % 28) + 1).padStart(2, '0');
        const month = String((n % 12) + 1).padStart(2, '0');
        const doc: NewArchivedDocument = {
          ...template,
          oid,
          // Every tenth set has a second version, so version listings have something to list.
          setId: OID(n - (n % 10 === 1 ? 1 : 0)),
          patient: patients[n % patients.length] ?? template.patient,
          documentType: n % 5 === 0 ? '1' : '4',
          effectiveAt: `2025-${month}-${day}T10:00:00`,
          custodian: custodians[n % custodians.length] ?? template.custodian,
          header: { ...template.header, documentOid: oid, id: { root: oid } },
          xml,
        };
        await tx.archive.insert(doc);
      }
    });
    bar.tick(Math.min(count, start + CHUNK));
  }
  bar.stop();
}

export const suite: BenchSuite = {
  name: 'scale',
  description:
    'p50/p99 over HTTP of every archive and FHIR query shape with N stored appointments and N stored documents in a SQLite file (--scale 1m for 1,000,000), and RSS',
  async run(h) {
    const count = h.options.scale ?? (h.options.quick ? 2000 : 10_000);
    const size = count.toLocaleString('en-US');
    const dir = mkdtempSync(join(tmpdir(), 'kantasim-bench-scale-'));
    const server = await startServer({ port: 0, dbFile: join(dir, 'scale.db'), logLevel: 'silent' });
    try {
      const patients = generateTestHetus(Math.max(10, Math.floor(count / 10)), {
        seed: `bench-scale-${count}`,
      }).map((p) => p.code);
      h.progress(`filling ${size} appointments and ${size} documents`);
      await fillAppointments(h, server, count, patients);
      await fillDocuments(h, server, count, patients);
      await server.store.ping();

      const queries = h.options.quick ? 100 : 500;
      const time = async (
        name: string,
        request: (i: number) => { path: string; form?: Record<string, string> },
      ): Promise<void> => {
        h.progress(`${name} (${size})`);
        const once = async (i: number): Promise<number> => {
          const { path, form } = request(i);
          const t0 = performance.now();
          const res = await fetch(`${server.url}${path}`, {
            ...(form && {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams(form).toString(),
            }),
          });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${name}: ${path} answered ${res.status}`);
          return performance.now() - t0;
        };
        for (let i = 0; i < 20; i++) await once(i + queries);
        const samples: number[] = [];
        for (let i = 0; i < queries; i++) samples.push(await once(i));
        h.latencies(`${name} (${size} stored)`, samples, { note: 'one client, sequential' });
      };
      const patient = (i: number): string => patients[(i * 7919) % patients.length] ?? '';
      const month = (i: number): string => `2025-${String((i % 12) + 1).padStart(2, '0')}`;
      const oid = (i: number): string => OID((i * 131) % count);

      // Archive listing and document shapes.
      await time('archive: everything, page of 50', () => ({ path: '/archive/documents?limit=50' }));
      await time('archive: by patient, page of 50', (i) => ({
        path: `/archive/documents?patient=${patient(i)}&limit=50`,
      }));
      await time('archive: by setId', (i) => ({ path: `/archive/documents?setId=${oid(i)}` }));
      await time('archive: by type, page of 50', () => ({ path: '/archive/documents?type=1&limit=50' }));
      await time('archive: by type and one month, page of 50', (i) => ({
        path: `/archive/documents?type=1&from=${month(i)}&to=${month(i)}&limit=50`,
      }));
      await time('archive: one month, page of 50', (i) => ({
        path: `/archive/documents?from=${month(i)}&to=${month(i)}&limit=50`,
      }));
      await time('archive: by custodian, page of 50', () => ({
        path: '/archive/documents?custodian=1.2.246.10.7654321.10.0&limit=50',
      }));
      await time('archive: every status, page 3 of 50', () => ({
        path: '/archive/documents?includeReplaced=true&includeNullified=true&limit=50&offset=100',
      }));
      await time('archive: stored XML by OID', (i) => ({ path: `/archive/documents/${oid(i)}` }));
      await time('archive: header by OID', (i) => ({ path: `/archive/documents/${oid(i)}/header` }));
      await time('archive: versions of a set', (i) => ({ path: `/archive/documents/${oid(i)}/versions` }));

      // FHIR search and read shapes (Kanta makes the patient mandatory in every search).
      const kanta = (i: number): Record<string, string> => ({
        'patient:identifier': `urn:oid:1.2.246.21|${patient(i)}`,
      });
      const search = (form: (i: number) => Record<string, string>) => (i: number) => ({
        path: '/fhir/Appointment/_search',
        form: form(i),
      });
      await time(
        'fhir: patient + date ge + sort, 10',
        search((i) => ({ ...kanta(i), date: 'ge2026-06-10', _sort: 'date', _count: '10' })),
      );
      await time('fhir: patient', search(kanta));
      await time(
        'fhir: patient + status',
        search((i) => ({ ...kanta(i), status: 'booked' })),
      );
      await time(
        'fhir: patient + identifier',
        search((i) => ({ ...kanta(i), identifier: `AJ-S-${(i * 7919) % count}` })),
      );
      await time('fhir: read by id', (i) => ({ path: `/fhir/Appointment/a${(i * 131) % count}` }));
      await time('fhir: history of one', (i) => ({
        path: `/fhir/Appointment/a${(i * 131) % count}/_history`,
      }));

      const rss = process.memoryUsage().rss;
      h.record({ name: `RSS with ${size} appointments and ${size} documents`, n: 1, note: mib(rss) });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
