/**
 * Validation of a Kanta appointment transaction's resources (every layer but the registry's, which needs
 * the store): pure, so it runs on the event loop or, sharing the work, in a worker thread.
 *
 * With workers (`--workers`; by default one fewer than the cores, at most two) the service hands a
 * transaction's validation to a worker that has few jobs in hand (`../../workers/pool.ts`, `tryRun`) when
 * transactions overlap, and validates on the event loop itself when the workers are busy or still
 * starting, so no request waits in a long queue behind a worker. The worker gets the request's
 * JSON text, parses it again and answers with what validation found (findings and flags, a structured
 * clone); the service pairs that with the resources it parsed itself, so both ways give the same result.
 */
import { workerData } from 'node:worker_threads';
import type { Appointment, Bundle, BundleEntry, Provenance } from 'fhir/r4.js';
import type { Finding } from '../../domain/findings.ts';
import { defaultWorkers, WorkerPool } from '../../workers/pool.ts';
import { patientOf } from '../appointment-index.ts';
import { isSupportedType } from '../search-params.ts';
import { validateResource, type ValidationResult } from '../validation/index.ts';
import { serviceOrganiserOid } from '../validation/kanta-profiles.ts';
import type { KantaOperation } from './service.ts';

/** What validation found: plain data, the same from the event loop and from a worker. */
export interface ValidationFindings {
  findings: Finding[];
  /** HTTP status a refusal gets: 400 when a resource did not get past the structure layers. */
  refuseWith: 400 | 422 | undefined;
  storable: boolean;
  /** Whether each resource got past layer 1 (it is an object of its type). */
  provenanceParsed: boolean;
  appointmentParsed: boolean;
  /** Whether the appointment is sound enough for rules that read it (not refused at layers 1–2). */
  appointmentReadable: boolean;
  organiser: string | undefined;
  patient: string | undefined;
}

/** What validation found, with the resources it found it in. */
export interface Validated extends ValidationFindings {
  provenance: Provenance | undefined;
  appointment: Appointment | undefined;
}

export interface ValidationContext {
  allowRealIdentities: boolean;
  /** The instant a Provenance's `recorded` is compared with. */
  now: Date;
}

/** Findings of a resource inside the Bundle, with paths from the Bundle. */
function inEntry(findings: Finding[], i: number, type: string): Finding[] {
  return findings.map((f) => ({
    ...f,
    path: f.path.startsWith(type)
      ? `Bundle.entry[${i}].resource${f.path.slice(type.length)}`
      : f.path === ''
        ? `Bundle.entry[${i}]`
        : f.path,
  }));
}

/** The references a Provenance may target for this operation. */
function appointmentRefsOf(operation: KantaOperation, apptEntry: BundleEntry | undefined): string[] {
  if (operation.op === 'store') return [apptEntry?.fullUrl ?? ''].filter((r) => r !== '');
  const refs = [`Appointment/${operation.id}`];
  if (operation.op === 'replace' && apptEntry?.fullUrl !== undefined) refs.push(apptEntry.fullUrl);
  return refs;
}

/** Validates the operation's Provenance and (store, replace) Appointment, on the calling thread. */
export function validateOperation(
  entries: BundleEntry[],
  operation: KantaOperation,
  context: ValidationContext,
): ValidationFindings {
  const provEntry = entries[operation.provenance] as BundleEntry;
  const apptEntry = operation.op === 'nullify' ? undefined : entries[operation.appointment];
  const base = { supported: isSupportedType, allowRealIdentities: context.allowRealIdentities };
  const findings: Finding[] = [];
  let refuseWith: 400 | 422 | undefined;
  const pv = validateResource(provEntry.resource, {
    ...base,
    expectedType: 'Provenance',
    kanta: true,
    provenance: {
      appointmentRefs: appointmentRefsOf(operation, apptEntry),
      nullification: operation.op === 'nullify',
      now: context.now,
    },
  });
  findings.push(...inEntry(pv.findings, operation.provenance, 'Provenance'));
  if (pv.refuseWith !== undefined) refuseWith = pv.refuseWith;
  let storable = pv.storable;
  let av: ValidationResult | undefined;
  if (operation.op !== 'nullify') {
    av = validateResource(apptEntry?.resource, { ...base, expectedType: 'Appointment', kanta: true });
    findings.push(...inEntry(av.findings, operation.appointment, 'Appointment'));
    if (av.refuseWith === 400 || (av.refuseWith !== undefined && refuseWith === undefined))
      refuseWith = av.refuseWith;
    storable &&= av.storable;
  }
  const provenance = pv.resource as unknown as Provenance | undefined;
  const appointment = av?.resource as unknown as Appointment | undefined;
  const appointmentReadable = appointment !== undefined && av?.refuseWith !== 400;
  return {
    findings,
    refuseWith,
    storable,
    provenanceParsed: provenance !== undefined,
    appointmentParsed: appointment !== undefined,
    appointmentReadable,
    organiser: provenance && pv.refuseWith !== 400 ? serviceOrganiserOid(provenance) : undefined,
    patient: appointment && appointmentReadable ? patientOf(appointment) : undefined,
  };
}

/**
 * Worker job: validates the operation of the transaction Bundle in `text` (the request body the router
 * accepted as JSON).
 */
export function validateTransactionText(
  text: string,
  operation: KantaOperation,
  context: ValidationContext,
): ValidationFindings {
  const bundle = JSON.parse(text) as Bundle;
  return validateOperation(bundle.entry ?? [], operation, context);
}

function withResources(
  entries: BundleEntry[],
  operation: KantaOperation,
  found: ValidationFindings,
): Validated {
  return {
    ...found,
    provenance: found.provenanceParsed ? (entries[operation.provenance]?.resource as Provenance) : undefined,
    appointment:
      found.appointmentParsed && operation.op !== 'nullify'
        ? (entries[operation.appointment]?.resource as Appointment)
        : undefined,
  };
}

/**
 * In a worker of the validation pool: runs every layer once on a small transaction before the worker
 * says it is ready, so the validators are compiled (R4 structure, FHIRPath invariants) and the first
 * jobs are as quick as the rest, instead of spilling back to the event loop while the worker warms.
 */
function warmUp(): void {
  const appointment = {
    resourceType: 'Appointment',
    status: 'booked',
    start: '2026-10-01T09:00:00+03:00',
    end: '2026-10-01T09:30:00+03:00',
    participant: [{ status: 'accepted', actor: { display: 'kantasim' } }],
  };
  const provenance = {
    resourceType: 'Provenance',
    target: [{ reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' }],
    recorded: '2026-10-01T08:00:00+03:00',
    agent: [{ who: { display: 'kantasim' } }],
  };
  validateOperation(
    [
      { fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000000', resource: appointment },
      { resource: provenance },
    ],
    { op: 'store', appointment: 0, provenance: 1 },
    { allowRealIdentities: false, now: new Date() },
  );
}
if ((workerData as { module?: unknown } | null)?.module === import.meta.url) warmUp();

let pool: WorkerPool | undefined;

function poolOf(workers: number): WorkerPool {
  pool ??= new WorkerPool({ module: import.meta.url, size: workers, maxHeapMb: 256 });
  return pool;
}

/** Starts the validation workers and resolves when they are ready (for tests and benchmarks). */
export function warmValidationWorkers(workers = defaultWorkers('validation')): Promise<void> {
  return workers > 0 ? poolOf(workers).warm() : Promise.resolve();
}

/** How a transaction may be validated: the body's text (for a worker), the workers allowed, the load. */
export interface Sharing {
  text: string | undefined;
  workers: number;
  /** Other transactions are under way. */
  concurrent: boolean;
}

/**
 * Validates the operation in a worker when workers are allowed, the body's text is at hand and either
 * other transactions are under way or the workers have started already (once they run, the event loop
 * leaves validation to them: code it seldom runs is slow). Otherwise, or when the workers are busy,
 * starting or failing, on the event loop. A simulator that only ever sees one request at a time (a
 * test suite, a person rehearsing) never starts a worker.
 */
export async function validateTransaction(
  entries: BundleEntry[],
  operation: KantaOperation,
  context: ValidationContext,
  sharing: Sharing,
): Promise<Validated> {
  if (sharing.text !== undefined && sharing.workers > 0 && (sharing.concurrent || pool !== undefined)) {
    const job = poolOf(sharing.workers).tryRun<ValidationFindings>('validateTransactionText', [
      sharing.text,
      operation,
      context,
    ]);
    if (job !== undefined) {
      try {
        return withResources(entries, operation, await job);
      } catch {
        // The worker stopped (the server is closing, or it ran out of memory): validate here.
      }
    }
  }
  return withResources(entries, operation, validateOperation(entries, operation, context));
}
