/**
 * Query latency at scale: `npm run bench -- --only scale [--scale 1m]`.
 *
 * Fills one SQLite file (as users have it, not `:memory:`) through the repositories with N appointments,
 * N documents and N events (N = 10,000 by default, `--scale 1m` for 1,000,000, `--scale 100k` …), then
 * measures p50/p99 over real HTTP of every query shape the archive, FHIR and event APIs offer, the
 * viewer's and shared mode's queries through the repository (no HTTP route of their own), and the RSS.
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
import type { SearchCriterion } from '../../simulator/store/fhir-types.ts';
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

async function fillEvents(h: Harness, server: RunningServer, count: number, patients: string[]) {
  const bar = h.bar('events', count);
  const organisations = ['1.2.246.10.1234567.10.0', '1.2.246.10.7654321.10.0', '1.2.246.10.1111111.10.0'];
  for (let start = 0; start < count; start += CHUNK) {
    await server.store.transaction(async (tx) => {
      for (let n = start; n < Math.min(count, start + CHUNK); n++) {
        // One in a hundred refused: a rare outcome, so a filter by it cannot find a page in a few rows.
        const refused = n % 100 === 7;
        await tx.events.append({
          channel: n % 2 === 0 ? 'archive' : 'fhir',
          service: n % 2 === 0 ? 'pta' : 'pta-appointment',
          kind: n % 2 === 0 ? (refused ? 'document.refused' : 'document.archive') : 'appointment.store',
          outcome: refused ? 'refused' : 'accepted',
          organisation: organisations[n % organisations.length] ?? '',
          patient: patients[n % patients.length] ?? '',
          resourceIds: [OID(n)],
          findings: [],
          summary: `event ${n}`,
        });
      }
    });
    bar.tick(Math.min(count, start + CHUNK));
  }
  bar.stop();
}

export const suite: BenchSuite = {
  name: 'scale',
  description:
    'p50/p99 of every archive, FHIR, viewer and event query shape with N stored appointments, N documents and N events in a SQLite file (--scale 1m for 1,000,000), and RSS',
  async run(h) {
    const count = h.options.scale ?? (h.options.quick ? 2000 : 10_000);
    const size = count.toLocaleString('en-US');
    const dir = mkdtempSync(join(tmpdir(), 'kantasim-bench-scale-'));
    const server = await startServer({ port: 0, dbFile: join(dir, 'scale.db'), logLevel: 'silent' });
    try {
      const patients = generateTestHetus(Math.max(10, Math.floor(count / 10)), {
        seed: `bench-scale-${count}`,
      }).map((p) => p.code);
      h.progress(`filling ${size} appointments, ${size} documents and ${size} events`);
      await fillAppointments(h, server, count, patients);
      await fillDocuments(h, server, count, patients);
      await fillEvents(h, server, count, patients);
      await server.store.ping();

      // Fewer rounds at the default size keep `npm run bench` short; `--scale` runs take 500 a shape.
      const queries = h.options.quick ? 100 : h.options.scale === undefined ? 200 : 500;
      const time = async (
        name: string,
        request: (i: number) => { path: string; form?: Record<string, string> },
      ): Promise<void> => {
        h.progress(`${name} (${size})`);
        // A fill or an in-process measurement held the event loop, so keep-alive timers may be
        // overdue: let them fire first, or the first request may reuse a socket the server is closing.
        await new Promise((resolve) => setTimeout(resolve, 100));
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
      /** A repository query the viewer (or shared mode) runs, timed in-process: no HTTP route offers it. */
      const timeStore = async (
        name: string,
        call: (i: number) => Promise<unknown>,
        rounds = queries,
      ): Promise<void> => {
        h.progress(`${name} (${size})`);
        const once = async (i: number): Promise<number> => {
          const t0 = performance.now();
          await call(i);
          return performance.now() - t0;
        };
        for (let i = 0; i < Math.min(20, rounds); i++) await once(i + rounds);
        const samples: number[] = [];
        for (let i = 0; i < rounds; i++) samples.push(await once(i));
        h.latencies(`${name} (${size} stored)`, samples, { note: 'repository, in-process' });
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
      await time('archive: one day, page of 50', (i) => ({
        path: `/archive/documents?from=${month(i)}-05&to=${month(i)}-05&limit=50`,
      }));
      await time('archive: from an hour on (finer than a day), page of 50', (i) => ({
        path: `/archive/documents?from=${month(i)}-05T10&limit=50`,
      }));
      await time('archive: by custodian and one month, page of 50', (i) => ({
        path: `/archive/documents?custodian=1.2.246.10.1111111.10.0&from=${month(i)}&to=${month(i)}&limit=50`,
      }));
      await time('archive: by repository, valid only, page of 50', () => ({
        path: '/archive/documents?repository=pta&includeInvalid=false&limit=50',
      }));
      await time('archive: by patient and type', (i) => ({
        path: `/archive/documents?patient=${patient(i)}&type=4`,
      }));
      await time('archive: by type, page 20 of 50', () => ({
        path: '/archive/documents?type=1&limit=50&offset=950',
      }));
      await time('archive: every status, page 3 of 50', () => ({
        path: '/archive/documents?includeReplaced=true&includeNullified=true&limit=50&offset=100',
      }));
      await time('archive: stored XML by OID', (i) => ({ path: `/archive/documents/${oid(i)}` }));
      await time('archive: header by OID', (i) => ({ path: `/archive/documents/${oid(i)}/header` }));
      await time('archive: versions of a set', (i) => ({ path: `/archive/documents/${oid(i)}/versions` }));
      await time('archive: findings by OID', (i) => ({ path: `/archive/documents/${oid(i)}/findings` }));
      const first = (await server.store.archive.search({ limit: 1 })).documents[0];
      const submitter = first?.organisation ?? first?.custodian ?? '';
      const custodians = ['1.2.246.10.1234567.10.0', '1.2.246.10.7654321.10.0'];
      await timeStore('archive: by custodians (an organisation in shared mode), page of 50', () =>
        server.store.archive.search({ custodians, limit: 50 }),
      );
      await timeStore('archive: by submitter (the viewer find), every status, page of 50', () =>
        server.store.archive.search({ submitter, statuses: ['current', 'replaced', 'nullified'], limit: 50 }),
      );
      await timeStore('archive: by submitter, type and one month (the viewer find)', (i) =>
        server.store.archive.search({
          submitter,
          type: '1',
          from: month(i),
          to: month(i),
          statuses: ['current', 'replaced', 'nullified'],
          limit: 50,
        }),
      );
      await timeStore('archive: by patient, every status (the viewer timeline)', (i) =>
        server.store.archive.search({
          patient: patient(i),
          statuses: ['current', 'replaced', 'nullified'],
          limit: 50,
        }),
      );

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
      await time(
        'fhir: patient, 5 a page',
        search((i) => ({ ...kanta(i), _count: '5' })),
      );
      // The next page of a POST search is a `_page` cursor link.
      const cursors: string[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`${server.url}/fhir/Appointment/_search`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...kanta(i), _count: '5' }).toString(),
        });
        const bundle = (await res.json()) as { link?: { relation: string; url: string }[] };
        const next = bundle.link?.find((l) => l.relation === 'next')?.url;
        if (next !== undefined) cursors.push(new URL(next).pathname);
      }
      if (cursors.length === 0) throw new Error('no patient has a second page of appointments');
      await time('fhir: next page by _page cursor', (i) => ({ path: cursors[i % cursors.length] ?? '' }));
      await time('fhir: Kanta history by patient', (i) => ({
        path: '/fhir/Appointment/_history',
        form: { patient: patient(i) },
      }));
      await time('fhir: Kanta history by identifier', (i) => ({
        path: '/fhir/Appointment/_history',
        form: { identifier: `AJ-S-${(i * 7919) % count}` },
      }));
      await time('fhir: type history, page of 50', () => ({ path: '/fhir/Appointment/_history?_count=50' }));
      await time('fhir: type history, page 20 of 50', () => ({
        path: '/fhir/Appointment/_history?_count=50&_offset=950',
      }));
      await time('fhir: system history, page of 50', () => ({ path: '/fhir/_history?_count=50' }));
      await time('fhir: type history since the start (all), page of 50', () => ({
        path: '/fhir/Appointment/_history?_count=50&_since=2000-01-01T00:00:00Z',
      }));
      await time('fhir: type history since now (none), page of 50', () => ({
        path: `/fhir/Appointment/_history?_count=50&_since=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
      }));
      await time('fhir: vread', (i) => ({ path: `/fhir/Appointment/a${(i * 131) % count}/_history/1` }));
      await time('fhir: read by id', (i) => ({ path: `/fhir/Appointment/a${(i * 131) % count}` }));
      await time('fhir: history of one', (i) => ({
        path: `/fhir/Appointment/a${(i * 131) % count}/_history`,
      }));

      // The viewer's appointment queries (simulator/viewer/reader.ts), through the repository.
      const sample = prepare<Appointment>(kantaAppointment({ hetu: patient(0) }), 'sample', false);
      const organiser = appointmentIndex(sample, kantaProvenance()).find(
        (e) => e.param === 'service-organiser' && e.kind === 'token',
      );
      const organisers: SearchCriterion = {
        param: 'service-organiser',
        kind: 'token',
        values: [{ code: organiser?.kind === 'token' ? organiser.code : '' }],
      };
      const byDate = [{ param: 'date', descending: true }];
      /** Appointments from the first day of June on (the date shapes' one criterion). */
      const fromJune: SearchCriterion = {
        param: 'date',
        kind: 'date',
        prefix: 'ge',
        low: Date.parse('2026-06-01'),
        high: Date.parse('2026-06-02'),
      };
      await timeStore('fhir: by organiser, newest date first (the viewer find), 50', () =>
        server.store.fhir.search({
          resourceType: 'Appointment',
          criteria: [organisers],
          sort: byDate,
          count: 50,
          offset: 0,
          includeDeleted: true,
        }),
      );
      await timeStore('fhir: by organiser from a date, newest first (the viewer find), 50', () =>
        server.store.fhir.search({
          resourceType: 'Appointment',
          criteria: [organisers, fromJune],
          sort: byDate,
          count: 50,
          offset: 0,
        }),
      );
      await timeStore('fhir: by organiser and patient (the viewer timeline)', (i) =>
        server.store.fhir.search({
          resourceType: 'Appointment',
          criteria: [
            organisers,
            {
              param: 'patient:identifier',
              kind: 'token',
              values: [{ system: 'urn:oid:1.2.246.21', code: patient(i) }],
            },
          ],
          sort: byDate,
          count: 50,
          offset: 0,
          includeDeleted: true,
        }),
      );
      await timeStore(
        'fhir: by date alone, accurate total (_total=accurate)',
        () =>
          server.store.fhir.search({
            resourceType: 'Appointment',
            criteria: [fromJune],
            count: 50,
            offset: 0,
            total: 'accurate',
          }),
        // Counts every match by design (docs/fhir.md#totals): a few rounds show the cost.
        20,
      );
      await timeStore('fhir: by date alone, newest first, 50', () =>
        server.store.fhir.search({
          resourceType: 'Appointment',
          criteria: [fromJune],
          sort: byDate,
          count: 50,
          offset: 0,
        }),
      );
      await timeStore('fhir: every appointment, last updated first, 50', () =>
        server.store.fhir.search({
          resourceType: 'Appointment',
          criteria: [],
          sort: [{ param: '_lastUpdated', descending: true }],
          count: 50,
          offset: 0,
        }),
      );

      // The event log (GET /events), newest events last.
      const lastSeq = await server.store.events.lastSeq();
      await time('events: first page of 100', () => ({ path: '/events?limit=100' }));
      await time('events: since the last 100', () => ({ path: `/events?since=${lastSeq - 100}&limit=100` }));
      await time('events: by patient', (i) => ({ path: `/events?patient=${patient(i)}&limit=100` }));
      await time('events: by organisation', () => ({
        path: '/events?organisation=1.2.246.10.7654321.10.0&limit=100',
      }));
      await time('events: by channel', () => ({ path: '/events?channel=fhir&limit=100' }));
      await time('events: refused (rare), since the middle', () => ({
        path: `/events?outcome=refused&since=${Math.floor(lastSeq / 2)}&limit=100`,
      }));
      await time('events: by kind', () => ({ path: '/events?kind=document.refused&limit=100' }));
      await timeStore("events: newest first, an organisation's scope (the viewer)", () =>
        server.store.events.list({
          organisations: ['1.2.246.10.1234567.10.0', '1.2.246.10.7654321.10.0'],
          excludeChannels: ['runner'],
          newestFirst: true,
          limit: 50,
        }),
      );

      const rss = process.memoryUsage().rss;
      h.record({
        name: `RSS with ${size} appointments, ${size} documents and ${size} events`,
        n: 1,
        note: mib(rss),
      });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
