/**
 * What every write shares: choosing strict or rehearsal handling of findings, preparing a resource for
 * the store (id, rehearsal tag), the index it is stored with, and the event it leaves behind.
 */
import { randomUUID } from 'node:crypto';
import type { Appointment, Resource } from 'fhir/r4.js';
import { decide as decideByPolicy, type DecideOptions, type ValidationMode } from '../domain/policy.ts';
import type { Finding } from '../domain/findings.ts';
import type { IndexEntry } from '../store/fhir-types.ts';
import { INVALID_TAG_CODE, KANTASIM_TAG_SYSTEM, type StoredResource } from '../domain/fhir.ts';
import type { StoreSession } from '../store/types.ts';
import type { EventOutcome, NewEvent } from '../domain/events.ts';
import { appointmentIndex } from './appointment-index.ts';
import type { FhirContext, FhirRequest } from './context.ts';
import { badRequest, FhirError } from './outcomes.ts';
import { extractIndex } from './search-params.ts';
import { summarise } from '../../common/i18n/event-summary.ts';

/** Logical ids: FHIR allows `[A-Za-z0-9\-\.]{1,64}`. */
export const ID_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;

export function requireId(id: string, path = 'id'): string {
  if (!ID_PATTERN.test(id)) {
    throw new FhirError(
      badRequest('FHIR-HTTP-400', `'${id}' is not a FHIR id (1–64 of A–Z a–z 0–9 - .)`, path),
    );
  }
  return id;
}

/**
 * A server-assigned resource id: a UUID version 7 (RFC 9562 §5.7), random apart from its leading
 * creation time in milliseconds. Ids that grow with time keep the store's id-keyed indexes appending at
 * their ends, so a commit writes a few shared pages instead of a random page per index and resource.
 * Built on Node's version 4 UUID (its random bits come from a buffered pool, unlike a fresh
 * getRandomValues call per id): the first 48 bits become the time, the version digit 7.
 */
export function newId(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/**
 * A resource as it will be stored: with its id, the store's meta fields dropped (the store stamps
 * them), and the rehearsal tag set when it is stored although invalid (removed when it is valid again).
 */
export function prepare<R extends Resource>(resource: R, id: string, invalid: boolean): R & { id: string } {
  const meta = { ...resource.meta };
  delete meta.versionId;
  delete meta.lastUpdated;
  const tags = (meta.tag ?? []).filter(
    (t) => !(t.system === KANTASIM_TAG_SYSTEM && t.code === INVALID_TAG_CODE),
  );
  if (invalid)
    tags.push({
      system: KANTASIM_TAG_SYSTEM,
      code: INVALID_TAG_CODE,
      display: 'Stored in rehearsal mode although invalid',
    });
  if (tags.length > 0) meta.tag = tags;
  else delete meta.tag;
  const out = { ...resource, id };
  if (Object.keys(meta).length > 0) out.meta = meta;
  else delete out.meta;
  return out;
}

/** Index rows for any served resource (Kanta appointments add rows from their Provenance elsewhere). */
export function indexFor(resource: Resource): IndexEntry[] {
  return resource.resourceType === 'Appointment'
    ? appointmentIndex(resource as Appointment)
    : extractIndex(resource);
}

/**
 * How findings decide a write: refuse, store tagged (rehearsal), or store clean. The decision itself is
 * the submission policy's (`domain/policy.ts`), shared with the archive; this names it for FHIR writes.
 */
export function decide(
  findings: readonly Finding[],
  mode: ValidationMode,
  options: DecideOptions = {},
): 'refuse' | 'store-invalid' | 'store' {
  const d = decideByPolicy(findings, mode, options);
  if (!d.store) return 'refuse';
  return d.valid ? 'store' : 'store-invalid';
}

export function versionRef(stored: StoredResource): string {
  return `${stored.resourceType}/${stored.id}/_history/${stored.versionId}`;
}

export function etagOf(stored: StoredResource): string {
  return `W/"${stored.versionId}"`;
}

export function eventOutcome(findings: readonly Finding[], refused: boolean): EventOutcome {
  if (refused) return 'refused';
  return findings.length > 0 ? 'accepted-with-warnings' : 'accepted';
}

/** Records a FHIR submission event (inside the write's transaction when given) and marks the request. */
export async function recordEvent(
  ctx: FhirContext,
  req: FhirRequest,
  event: Omit<NewEvent, 'channel' | 'requestId'> & { status: number; invalidStored?: boolean },
  session?: StoreSession,
): Promise<void> {
  const { status, invalidStored, ...rest } = event;
  req.recorded = true;
  await ctx.events.record(
    {
      ...rest,
      channel: 'fhir',
      requestId: req.requestId,
      ...(req.caller === undefined ? {} : { caller: req.caller }),
      details: { ...rest.details, mode: req.mode, invalidStored: invalidStored === true, status },
    },
    session,
  );
}

/**
 * Records a request refused before a handler could record it (unreadable body, unknown route, bad mode
 * header), so every submission is in the event log. Never throws: the answer must still go out.
 */
export async function recordRefusedRequest(
  ctx: FhirContext,
  req: FhirRequest | undefined,
  refusal: {
    requestId: string;
    /** The calling organisation (shared mode), so the refusal is in its own event log. */
    caller?: string | undefined;
    method: string;
    path: string;
    findings: Finding[];
    status: number;
  },
): Promise<void> {
  try {
    await recordEvent(
      ctx,
      req ?? {
        method: 'POST',
        path: {},
        params: new Map(),
        paramsFromBody: false,
        queryKeys: [],
        mode: ctx.config.mode,
        requestId: refusal.requestId,
        ...(refusal.caller === undefined ? {} : { caller: refusal.caller }),
        baseUrl: '',
      },
      {
        kind: 'request.refused',
        outcome: 'refused',
        resourceIds: [],
        findings: refusal.findings,
        ...summarise('fhir.requestRefused', {
          method: refusal.method,
          path: refusal.path,
          status: String(refusal.status),
        }),
        status: refusal.status,
      },
    );
  } catch (err) {
    ctx.logger.error({ err, requestId: refusal.requestId }, 'could not record a refused FHIR request');
  }
}
