/**
 * The crash-durability check shared by `npm run durability` and the short test in `npm test`: writers
 * send Kanta FHIR transactions (store and replace) and archive messages (archive and replace) to a real
 * `kantasim serve` process at the same time, on one SQLite file; the process is killed with SIGKILL at a
 * seeded random moment, restarted on the same file, and then every acknowledged submission must be
 * there and nothing may be half-written. A submission counts as acknowledged only when the answer came
 * back (2xx with a transaction-response, or 2xx with acknowledgement AA): one in flight at the kill may
 * be either stored completely or absent, never partly stored.
 *
 * Checks after each restart:
 * - every acknowledged appointment reads by id (at least the acknowledged version) and is found by
 *   POST Appointment/_search with its patient and booking identifier;
 * - every acknowledged document reads from GET /archive/documents/{oid} byte-exact, and its submission
 *   event is in the event log;
 * - nothing is half-written: every appointment version has the Provenance that targets it, every
 *   Provenance targets an appointment version that exists, every document has its event, and every
 *   valid replacement's predecessor is marked replaced by it.
 * The bulk scan covers the whole store each restart; the per-item reads cover the last cycle's
 * acknowledgements each restart and all of them after the last restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Appointment, Bundle, Provenance } from 'fhir/r4.js';
import { ptaMessage } from '../../fixtures/cda/index.ts';
import { kantaAppointment, replaceBundle, storeBundle, TEST_HETUS } from '../../fixtures/fhir/appointment.ts';
import { startSimProcess, type SimProcess } from '../../test/support/process.ts';
import { prng } from '../fuzz/fuzz.ts';

export interface DurabilityOptions {
  seed: number;
  /** How many kill -9 / restart cycles. */
  kills: number;
  /** Concurrent writers of each kind (FHIR and archive). */
  writersPerKind?: number;
  /** The kill comes at a random moment between these many milliseconds after the writers start. */
  killAfterMs?: [number, number];
  /** SQLite file; a fresh temporary one when left out (and removed afterwards). */
  db?: string;
  onProgress?: (line: string) => void;
  /**
   * Called with the SQLite file after the last kill, before the final restart: the self-test uses it to
   * damage the store on purpose and see the checks notice.
   */
  beforeFinalRestart?: (db: string) => void;
}

export interface DurabilityReport {
  seed: number;
  kills: number;
  /** Acknowledged submissions, by kind. */
  acknowledged: {
    appointmentStores: number;
    appointmentReplaces: number;
    documents: number;
    documentReplaces: number;
  };
  /** Submissions in flight at a kill (answer never came); each must be all there or not there. */
  inFlightAtKill: number;
  /** Of those, how many turned out to be stored (complete). */
  inFlightStored: number;
  /** Answers that were neither acknowledgements nor network failures (4xx/5xx): a writer bug or a regression. */
  refused: { status: number; detail: string }[];
  /** Each problem found: an acknowledged submission missing, or something half-written. */
  problems: string[];
  durationMs: number;
}

interface AckedAppointment {
  id: string;
  hetu: string;
  identifier: string;
  system: string;
  /** The highest acknowledged version and its start time. */
  version: number;
  start: string;
  /** An operation on it was in flight at a kill: the stored version may be one higher. */
  uncertain: boolean;
  /** Cycle of the last acknowledgement (for the per-cycle reads). */
  cycle: number;
}

interface AckedDocument {
  oid: string;
  setId: string;
  versionNumber: number;
  cda: string;
  replaces?: string;
  cycle: number;
}

interface DocChain {
  setId: string;
  current: AckedDocument;
  /** A replacement of it was in flight at a kill: its successor is unknown, so leave it alone. */
  frozen: boolean;
}

const REQUEST_TIMEOUT_MS = 60_000;
const BOOKING_SYSTEM = 'urn:oid:1.2.246.10.3210987.10.0.21.1';

// The type parameter only names the JSON shape the caller reads; the answer is not validated.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body: body as T };
}

const versionOf = (location: string | undefined): { id: string; version: number } | undefined => {
  const m = /Appointment\/([^/]+)\/_history\/(\d+)/.exec(location ?? '');
  return m?.[1] === undefined ? undefined : { id: m[1], version: Number(m[2]) };
};

/** Time as the fixture's appointment start: a distinct value per write so a read shows which version it is. */
function startFor(n: number): { start: string; end: string } {
  const minutes = n % (60 * 24 * 300);
  const base = Date.UTC(2026, 9, 1, 6, 0) + minutes * 60_000;
  const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
  return { start: iso(base), end: iso(base + 30 * 60_000) };
}

export async function runDurability(options: DurabilityOptions): Promise<DurabilityReport> {
  const began = Date.now();
  const rand = prng(options.seed);
  const writersPerKind = options.writersPerKind ?? 2;
  const [killMin, killMax] = options.killAfterMs ?? [400, 2500];
  const say = options.onProgress ?? ((): void => undefined);
  const dir = options.db === undefined ? mkdtempSync(join(tmpdir(), 'kantasim-durability-')) : undefined;
  const db = options.db ?? join(dir ?? '', 'durability.db');

  const appointments = new Map<string, AckedAppointment>();
  const documents = new Map<string, AckedDocument>();
  const chains: DocChain[] = [];
  const report: DurabilityReport = {
    seed: options.seed,
    kills: 0,
    acknowledged: { appointmentStores: 0, appointmentReplaces: 0, documents: 0, documentReplaces: 0 },
    inFlightAtKill: 0,
    inFlightStored: 0,
    refused: [],
    problems: [],
    durationMs: 0,
  };
  /** Submissions whose answer never came, to look for after the restart. */
  const inFlight: { kind: 'appointment' | 'document'; key: string }[] = [];
  let counter = 0;
  /** Acknowledgements so far, of appointments and of documents. */
  const acknowledgedCounts = (): [number, number] => [
    report.acknowledged.appointmentStores + report.acknowledged.appointmentReplaces,
    report.acknowledged.documents + report.acknowledged.documentReplaces,
  ];
  const tag = `D${String(options.seed)}`;

  let sim: SimProcess | undefined;
  try {
    for (let cycle = 1; cycle <= options.kills; cycle++) {
      const t0 = Date.now();
      sim = await startSimProcess(db);
      const url = sim.url;
      const t1 = Date.now();
      if (cycle > 1) await verify(url, cycle - 1, false);
      const t2 = Date.now();
      let stopped = false;

      const fhirWriter = async (w: number): Promise<void> => {
        const mine: AckedAppointment[] = [];
        while (!stopped) {
          counter += 1;
          const n = counter;
          const candidates = mine.filter((a) => !a.uncertain);
          const replace = candidates.length > 0 && rand() < 0.4;
          const target = replace ? candidates[Math.floor(rand() * candidates.length)] : undefined;
          const hetu = target?.hetu ?? TEST_HETUS[(w + n) % TEST_HETUS.length] ?? TEST_HETUS[0];
          const identifier = target?.identifier ?? `${tag}-A${String(n)}`;
          const time = startFor(n);
          const appointment: Appointment = kantaAppointment({ hetu, identifier, ...time });
          const bundle =
            target === undefined
              ? storeBundle(appointment)
              : replaceBundle(target.id, appointment, { ifMatch: `W/"${String(target.version)}"` });
          let res: { status: number; body: Bundle };
          try {
            res = await getJson<Bundle>(`${url}/fhir`, {
              method: 'POST',
              headers: { 'content-type': 'application/fhir+json' },
              body: JSON.stringify(bundle),
            });
          } catch {
            if (target !== undefined) {
              target.uncertain = true;
              inFlight.push({ kind: 'appointment', key: target.id });
            } else inFlight.push({ kind: 'appointment', key: identifier });
            return;
          }
          const at = versionOf(res.body.entry?.[0]?.response?.location);
          if (res.status !== 200 || res.body.type !== 'transaction-response' || at === undefined) {
            report.refused.push({ status: res.status, detail: JSON.stringify(res.body).slice(0, 300) });
            continue;
          }
          if (target === undefined) {
            const acked: AckedAppointment = {
              id: at.id,
              hetu,
              identifier,
              system: BOOKING_SYSTEM,
              version: at.version,
              start: time.start,
              uncertain: false,
              cycle,
            };
            appointments.set(at.id, acked);
            mine.push(acked);
            report.acknowledged.appointmentStores += 1;
          } else {
            target.version = at.version;
            target.start = time.start;
            target.cycle = cycle;
            report.acknowledged.appointmentReplaces += 1;
          }
        }
      };

      const archiveWriter = async (): Promise<void> => {
        const mine = chains;
        while (!stopped) {
          counter += 1;
          const open = mine.filter((c) => !c.frozen);
          const chain = open.length > 0 && rand() < 0.35 ? open[Math.floor(rand() * open.length)] : undefined;
          const prev = chain?.current;
          const m =
            prev === undefined
              ? ptaMessage({ title: `Durability ${tag} ${String(counter)}` })
              : ptaMessage(
                  {
                    setId: prev.setId,
                    versionNumber: prev.versionNumber + 1,
                    replaces: { oid: prev.oid, setId: prev.setId, versionNumber: prev.versionNumber },
                    title: `Durability ${tag} ${String(counter)}`,
                  },
                  { interaction: 'RCMR_IN100016FI01' },
                );
          // Frozen while in flight, so a concurrent writer never branches the same chain.
          if (chain !== undefined) chain.frozen = true;
          let res: { status: number; body: { acknowledgement?: string; documentOid?: string } };
          try {
            res = await getJson(`${url}/archive/pta`, {
              method: 'POST',
              headers: { 'content-type': 'text/xml', accept: 'application/json' },
              body: m.message,
            });
          } catch {
            inFlight.push({ kind: 'document', key: m.oid });
            return;
          }
          if (res.status !== 201 || res.body.acknowledgement !== 'AA') {
            report.refused.push({ status: res.status, detail: JSON.stringify(res.body).slice(0, 300) });
            if (chain !== undefined) chain.frozen = false;
            continue;
          }
          const acked: AckedDocument = {
            oid: m.oid,
            setId: prev?.setId ?? m.oid,
            versionNumber: (prev?.versionNumber ?? 0) + 1,
            cda: m.cda,
            cycle,
            ...(prev === undefined ? {} : { replaces: prev.oid }),
          };
          documents.set(m.oid, acked);
          if (chain === undefined) {
            mine.push({ setId: acked.setId, current: acked, frozen: false });
            report.acknowledged.documents += 1;
          } else {
            chain.current = acked;
            chain.frozen = false;
            report.acknowledged.documentReplaces += 1;
          }
        }
      };

      const writers = [
        ...Array.from({ length: writersPerKind }, (_, i) => fhirWriter(i)),
        ...Array.from({ length: writersPerKind }, () => archiveWriter()),
      ];
      // The first answers of a fresh process are slow (validators and the XML parser load on first
      // use, each channel its own), so the random moment is counted from the cycle's first
      // acknowledgement of both an appointment and a document: a kill then lands among writes of both.
      const [appointmentsBefore, documentsBefore] = acknowledgedCounts();
      const warmUntil = Date.now() + REQUEST_TIMEOUT_MS;
      const warm = (): boolean => {
        const [appointmentsNow, documentsNow] = acknowledgedCounts();
        return appointmentsNow > appointmentsBefore && documentsNow > documentsBefore;
      };
      while (!warm() && Date.now() < warmUntil) await new Promise((resolve) => setTimeout(resolve, 20));
      const delay = killMin + Math.floor(rand() * (killMax - killMin));
      await new Promise((resolve) => setTimeout(resolve, delay));
      await sim.kill9();
      stopped = true;
      sim = undefined;
      await Promise.all(writers);
      report.kills = cycle;
      say(
        `kill ${String(cycle)}/${String(options.kills)} ${String(delay)} ms after the first answer (start ${String(t1 - t0)} ms, checks ${String(t2 - t1)} ms, writes ${String(Date.now() - t2)} ms): ${String(appointments.size)} appointments, ${String(documents.size)} documents acknowledged so far, ${String(inFlight.length)} in flight at kills, ${String(report.problems.length)} problems`,
      );
    }
    options.beforeFinalRestart?.(db);
    sim = await startSimProcess(db);
    await verify(sim.url, options.kills, true);
    await sim.stop();
    sim = undefined;
  } finally {
    if (sim) await sim.kill9();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
  report.durationMs = Date.now() - began;
  return report;

  /** The checks after a restart; `all` reads every acknowledged item, otherwise the last cycle's. */
  async function verify(url: string, lastCycle: number, all: boolean): Promise<void> {
    const problem = (text: string): void => {
      report.problems.push(`after kill ${String(lastCycle)}: ${text}`);
    };
    // Bulk: every version of every appointment (per patient), every Provenance, every document, every event.
    const versions = new Map<string, Set<number>>();
    /** Booking identifiers seen in any stored version (an unanswered store is known by its identifier). */
    const identifiers = new Set<string>();
    for (const hetu of TEST_HETUS) {
      for (let offset = 0; ; offset += 1000) {
        const r = await getJson<Bundle>(`${url}/fhir/Appointment/_history`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `patient=${encodeURIComponent(hetu)}&_count=1000&_offset=${String(offset)}`,
        });
        const entries = r.body.entry ?? [];
        for (const e of entries) {
          const a = e.resource as Appointment | undefined;
          const at = versionOf(e.fullUrl) ?? versionOf(e.response?.location);
          const id = a?.id ?? at?.id;
          const v = Number(a?.meta?.versionId ?? at?.version);
          if (id === undefined || !Number.isFinite(v)) continue;
          if (!versions.has(id)) versions.set(id, new Set());
          versions.get(id)?.add(v);
          for (const i of a?.identifier ?? []) if (i.value !== undefined) identifiers.add(i.value);
        }
        if (r.status !== 200) problem(`Appointment/_history for a patient answered ${String(r.status)}`);
        if (entries.length < 1000) break;
      }
    }
    const provenanceTargets = new Set<string>();
    let next: string | undefined = `${url}/fhir/Provenance?_count=1000`;
    while (next !== undefined) {
      const r: { status: number; body: Bundle } = await getJson<Bundle>(next);
      if (r.status !== 200) {
        problem(`GET Provenance answered ${String(r.status)}`);
        break;
      }
      for (const e of r.body.entry ?? []) {
        for (const t of (e.resource as Provenance).target)
          if (t.reference) provenanceTargets.add(t.reference);
      }
      const link = r.body.link?.find((l) => l.relation === 'next')?.url;
      next = link === undefined ? undefined : new URL(link, url).toString();
    }
    for (const [id, vs] of versions) {
      for (const v of vs) {
        if (!provenanceTargets.has(`Appointment/${id}/_history/${String(v)}`))
          problem(`half-written: Appointment/${id} version ${String(v)} has no Provenance`);
      }
    }
    for (const t of provenanceTargets) {
      const at = versionOf(t);
      if (at !== undefined && versions.get(at.id)?.has(at.version) !== true)
        problem(`half-written: a Provenance targets ${t}, which is not stored`);
    }

    const stored = new Map<
      string,
      { oid: string; status: string; replaces?: string; replacedBy?: string; valid: boolean }
    >();
    for (let offset = 0; ; offset += 1000) {
      const r = await getJson<{
        documents: { oid: string; status: string; replaces?: string; replacedBy?: string; valid: boolean }[];
      }>(
        `${url}/archive/documents?includeReplaced=true&includeNullified=true&includeInvalid=true&limit=1000&offset=${String(offset)}`,
      );
      if (r.status !== 200) {
        problem(`GET /archive/documents answered ${String(r.status)}`);
        break;
      }
      for (const d of r.body.documents) stored.set(d.oid, d);
      if (r.body.documents.length < 1000) break;
    }
    const evented = new Set<string>();
    for (let since = 0; ;) {
      const r = await getJson<{
        events: { seq: number; channel: string; kind: string; resourceIds: string[] }[];
      }>(`${url}/events?since=${String(since)}&limit=1000&channel=archive`);
      for (const e of r.body.events) {
        if (e.kind === 'document.archive' || e.kind === 'document.replace')
          for (const id of e.resourceIds) evented.add(id);
      }
      const last = r.body.events.at(-1)?.seq;
      if (last === undefined || r.body.events.length < 1000) break;
      since = last;
    }
    for (const d of stored.values()) {
      if (!evented.has(d.oid)) problem(`half-written: document ${d.oid} has no archiving event`);
      if (d.valid && d.replaces !== undefined) {
        const p = stored.get(d.replaces);
        if (p?.status !== 'replaced' || p.replacedBy !== d.oid)
          problem(
            `half-written: ${d.oid} replaces ${d.replaces}, which is ${p === undefined ? 'missing' : `${p.status} (replacedBy ${p.replacedBy ?? 'none'})`}`,
          );
      }
    }

    // What was in flight at a kill: either there completely (checked above) or absent.
    for (const f of inFlight.splice(0)) {
      report.inFlightAtKill += 1;
      if (f.kind === 'document' && stored.has(f.key)) report.inFlightStored += 1;
      if (f.kind === 'appointment') {
        const a = appointments.get(f.key);
        if (a !== undefined && (versions.get(a.id)?.size ?? 0) > a.version) report.inFlightStored += 1;
        if (a === undefined && identifiers.has(f.key)) report.inFlightStored += 1;
      }
    }

    // Acknowledged appointments.
    for (const a of appointments.values()) {
      const vs = versions.get(a.id);
      const highest = vs === undefined ? 0 : Math.max(...vs);
      if (highest < a.version || (!a.uncertain && highest !== a.version) || highest > a.version + 1) {
        problem(
          `acknowledged Appointment/${a.id} v${String(a.version)}: stored versions ${JSON.stringify([...(vs ?? [])])}`,
        );
      }
      if (!all && a.cycle !== lastCycle) continue;
      const read = await getJson<Appointment>(`${url}/fhir/Appointment/${a.id}`);
      const readVersion = Number(read.body.meta?.versionId);
      if (read.status !== 200) problem(`acknowledged Appointment/${a.id} reads ${String(read.status)}`);
      else if (readVersion === a.version && read.body.start !== a.start)
        problem(
          `acknowledged Appointment/${a.id} v${String(a.version)} reads start ${String(read.body.start)}, not ${a.start}`,
        );
      else if (readVersion < a.version)
        problem(`acknowledged Appointment/${a.id} reads v${String(readVersion)} < v${String(a.version)}`);
      const found = await getJson<Bundle>(`${url}/fhir/Appointment/_search`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `patient:identifier=${encodeURIComponent(`urn:oid:1.2.246.21|${a.hetu}`)}&identifier=${encodeURIComponent(`${a.system}|${a.identifier}`)}`,
      });
      const ids = (found.body.entry ?? []).map((e) => e.resource?.id);
      if (found.status !== 200 || !ids.includes(a.id))
        problem(
          `acknowledged Appointment/${a.id} is not found by _search (status ${String(found.status)}, ids ${JSON.stringify(ids)})`,
        );
    }

    // Acknowledged documents.
    for (const d of documents.values()) {
      const s = stored.get(d.oid);
      if (s === undefined) {
        problem(`acknowledged document ${d.oid} is missing`);
        continue;
      }
      if (!evented.has(d.oid)) problem(`acknowledged document ${d.oid} has no event`);
      if (!all && d.cycle !== lastCycle) continue;
      const res = await fetch(`${url}/archive/documents/${d.oid}`, {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || !bytes.equals(Buffer.from(d.cda, 'utf8')))
        problem(
          `acknowledged document ${d.oid} reads ${String(res.status)} with ${String(bytes.length)} bytes, not the ${String(Buffer.byteLength(d.cda))} sent`,
        );
    }
  }
}

/** True when the run lost nothing, left nothing half-written and every answer was an acknowledgement. */
export function durable(report: DurabilityReport): boolean {
  return report.problems.length === 0 && report.refused.length === 0 && report.kills > 0;
}
