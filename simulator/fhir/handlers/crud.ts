/**
 * The RESTful interactions on single resources: create (with If-None-Exist), read, vread, update (with
 * If-Match), delete. One small handler each.
 *
 * See: https://hl7.org/fhir/R4/http.html
 */
import type { EventKind } from '../../domain/events.ts';
import type { Appointment, Resource } from 'fhir/r4.js';
import type { Finding } from '../../domain/findings.ts';
import { VersionConflictError } from '../../store/fhir-types.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import type { StoreSession } from '../../store/types.ts';
import { indexWithProvenance, patientOf } from '../appointment-index.ts';
import type { FhirContext, FhirRequest, Handler, HandlerResult } from '../context.ts';
import {
  allOk,
  asWarnings,
  badRequest,
  created,
  FhirError,
  gone,
  notFound,
  preconditionFailed,
  unprocessable,
  badRequestFindings,
  type Outcome,
} from '../outcomes.ts';
import { parseSearch } from '../search.ts';
import { isSupportedType } from '../search-params.ts';
import { validateResource, type ValidationResult } from '../validation/index.ts';
import { checkPatientUnchanged, claimsKantaProfile } from '../validation/kanta-profiles.ts';
import {
  decide,
  etagOf,
  eventOutcome,
  indexFor,
  newId,
  prepare,
  recordEvent,
  requireId,
  versionRef,
} from '../write.ts';
import { summarise, type SummaryWording } from '../../../common/i18n/event-summary.ts';

/** Validates a request body as a resource of `type` with the server's settings. */
export function validateBody(
  req: FhirRequest,
  ctx: FhirContext,
  type: string | undefined,
  kanta: boolean | 'auto' = 'auto',
): ValidationResult {
  return validateResource(req.body, {
    ...(type !== undefined && { expectedType: type }),
    supported: isSupportedType,
    kanta,
    allowRealIdentities: ctx.config.allowRealIdentities,
  });
}

/** The outcome that refuses a validation result in strict mode. */
export function refusal(result: ValidationResult): Outcome {
  return result.refuseWith === 400 ? badRequestFindings(result.findings) : unprocessable(result.findings);
}

/** Parses `If-Match: W/"3"` (also `"3"`) into a version number. */
export function parseIfMatch(value: string): number {
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(value.trim());
  if (!m) {
    throw new FhirError(
      badRequest('FHIR-HTTP-400', `If-Match must be a version ETag like W/"3", not '${value}'`, 'If-Match'),
    );
  }
  return Number(m[1]);
}

export function storedResult(
  outcome: Outcome,
  stored: StoredResource,
  req: FhirRequest,
  findings: Finding[],
): HandlerResult {
  const meta = {
    etag: etagOf(stored),
    lastModified: new Date(stored.lastUpdated).toUTCString(),
    location: `${req.baseUrl}/${versionRef(stored)}`,
  };
  // Rehearsal (stored although invalid) and Prefer: return=OperationOutcome answer with the findings.
  if (stored.invalid || /return=OperationOutcome/i.test(req.prefer ?? '')) {
    return [
      { kind: outcome.kind, findings: stored.invalid ? asWarnings(findings) : findings },
      undefined,
      meta,
    ];
  }
  return [outcome, stored.resource, meta];
}

function kindOf(type: string, verb: 'create' | 'update' | 'delete'): EventKind {
  return type === 'Appointment' ? `appointment.${verb}` : `resource.${verb}`;
}

/** Finds the one resource If-None-Exist names; throws 412 when several match. */
async function conditionalMatch(
  tx: StoreSession,
  type: string,
  criteria: string,
): Promise<StoredResource | undefined> {
  const params = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(criteria.replace(/^\?/, '')))
    params.set(k, [...(params.get(k) ?? []), v]);
  if (params.size === 0)
    throw new FhirError(
      badRequest(
        'FHIR-HTTP-400',
        'If-None-Exist is empty; give search parameters, e.g. identifier=system|value',
        'If-None-Exist',
      ),
    );
  const parsed = parseSearch(type, params);
  const result = await tx.fhir.search({ ...parsed.query, count: 2, offset: 0 });
  if (result.total > 1) {
    throw new FhirError(
      preconditionFailed(
        'FHIR-COND-001',
        `If-None-Exist matches ${result.total} ${type} resources; make the criteria select at most one`,
      ),
    );
  }
  return result.matches[0];
}

/**
 * Decides a validated create or update: store clean, store tagged invalid (rehearsal), or refuse. A
 * refusal is recorded in the event log and answered here, so both handlers word and log it the same way.
 */
async function judge(
  req: FhirRequest,
  ctx: FhirContext,
  type: string,
  v: ValidationResult,
  action: 'create' | 'update',
  resourceIds: string[],
  summary: { summary: string; wording: SummaryWording },
): Promise<
  | { refused: HandlerResult }
  | { decision: 'store' | 'store-invalid'; body: Resource; patient: string | undefined }
> {
  const decision =
    v.refuseWith === undefined ? 'store' : decide(v.findings, v.storable ? req.mode : 'strict');
  const patient =
    type === 'Appointment' && v.resource && v.refuseWith !== 400 ? patientOf(v.resource as never) : undefined;
  if (decision !== 'refuse' && v.resource)
    return { decision, body: v.resource as unknown as Resource, patient };
  const outcome = refusal(v);
  await recordEvent(ctx, req, {
    kind: kindOf(type, action),
    outcome: 'refused',
    resourceIds,
    findings: v.findings,
    ...summary,
    status: outcome.kind === 'bad-request' ? 400 : 422,
    ...(patient !== undefined && { patient }),
  });
  return { refused: [outcome] };
}

export const createResource: Handler = async (req, ctx) => {
  const type = req.path.type ?? '';
  const v = validateBody(req, ctx, type);
  const judged = await judge(
    req,
    ctx,
    type,
    v,
    'create',
    [],
    summarise('fhir.createRefused', { type, count: v.findings.length }),
  );
  if ('refused' in judged) return judged.refused;
  const { patient } = judged;
  const resource = prepare(judged.body, req.assignedId ?? newId(), judged.decision === 'store-invalid');
  return ctx.store.transaction(async (tx): Promise<HandlerResult> => {
    if (req.ifNoneExist !== undefined) {
      const existing = await conditionalMatch(tx, type, req.ifNoneExist);
      if (existing) {
        await recordEvent(
          ctx,
          req,
          {
            kind: kindOf(type, 'create'),
            outcome: 'accepted',
            resourceIds: [versionRef(existing)],
            findings: [],
            ...summarise('fhir.createMatched', { type, id: existing.id }),
            status: 200,
          },
          tx,
        );
        return storedResult(allOk(), existing, req, []);
      }
    }
    const stored = await tx.fhir.create(resource, { index: indexFor(resource) });
    await recordEvent(
      ctx,
      req,
      {
        kind: kindOf(type, 'create'),
        outcome: eventOutcome(v.findings, false),
        resourceIds: [versionRef(stored)],
        findings: v.findings,
        ...summarise('fhir.created', { type, id: stored.id, invalid: stored.invalid ? 'yes' : 'no' }),
        status: 201,
        invalidStored: stored.invalid,
        ...(patient !== undefined && { patient }),
      },
      tx,
    );
    return storedResult(created(v.findings), stored, req, v.findings);
  });
};

export const readResource: Handler = async (req, ctx) => {
  const type = req.path.type ?? '';
  const id = requireId(req.path.id ?? '');
  const stored = await ctx.store.fhir.read(type, id);
  if (!stored) return [notFound(`${type}/${id} does not exist`)];
  if (stored.deleted)
    return [
      gone(
        `${type}/${id} was deleted (version ${stored.versionId}); its history remains at /${type}/${id}/_history`,
      ),
    ];
  return [
    allOk(),
    stored.resource,
    { etag: etagOf(stored), lastModified: new Date(stored.lastUpdated).toUTCString() },
  ];
};

export const vreadResource: Handler = async (req, ctx) => {
  const type = req.path.type ?? '';
  const id = requireId(req.path.id ?? '');
  const vid = req.path.vid ?? '';
  if (!/^\d{1,9}$/.test(vid))
    return [notFound(`version '${vid}' of ${type}/${id} does not exist; versions are 1, 2, 3…`)];
  const stored = await ctx.store.fhir.vread(type, id, Number(vid));
  if (!stored) return [notFound(`${type}/${id} has no version ${vid}`)];
  if (stored.deleted) return [gone(`version ${vid} of ${type}/${id} is its deletion`)];
  return [
    allOk(),
    stored.resource,
    { etag: etagOf(stored), lastModified: new Date(stored.lastUpdated).toUTCString() },
  ];
};

/**
 * Update. `requireIfMatch` is set for Kanta appointments (If-Match is mandatory there); other types
 * check If-Match only when it is sent.
 */
export async function updateWith(
  req: FhirRequest,
  ctx: FhirContext,
  requireIfMatch: boolean,
): Promise<HandlerResult> {
  const type = req.path.type ?? '';
  const id = requireId(req.path.id ?? '');
  const ifMatch = req.ifMatch !== undefined ? parseIfMatch(req.ifMatch) : undefined;
  // An update of a Kanta appointment is held to the Kanta rules even if the new body drops the profile.
  const stored = type === 'Appointment' ? await ctx.store.fhir.read(type, id) : undefined;
  const storedAppointment = stored?.resource as Appointment | undefined;
  const kanta = storedAppointment !== undefined && claimsKantaProfile(storedAppointment) ? true : 'auto';
  const v = validateBody(req, ctx, type, kanta);
  if (storedAppointment !== undefined && v.resource !== undefined && v.refuseWith !== 400) {
    const changed = checkPatientUnchanged(
      storedAppointment,
      v.resource as unknown as Appointment,
      'Appointment.participant',
    );
    if (changed.length > 0) {
      v.findings.push(...changed);
      v.refuseWith = 422;
    }
  }
  const bodyId = v.resource?.id;
  if (v.resource && bodyId !== id) {
    v.findings.unshift({
      code: 'FHIR-HTTP-400',
      severity: 'error',
      path: `${type}.id`,
      message:
        bodyId === undefined
          ? `the body must carry id '${id}' (the id in the URL)`
          : `the body's id ${JSON.stringify(bodyId)} differs from the URL's '${id}'; make them equal`,
    });
    v.refuseWith = 400;
    v.storable = false;
  }
  const judged = await judge(
    req,
    ctx,
    type,
    v,
    'update',
    [`${type}/${id}`],
    summarise('fhir.updateRefused', { type, id }),
  );
  if ('refused' in judged) return judged.refused;
  const { patient } = judged;
  const resource = prepare(judged.body, id, judged.decision === 'store-invalid');
  try {
    return await ctx.store.transaction(async (tx): Promise<HandlerResult> => {
      const before = await tx.fhir.read(type, id);
      if (requireIfMatch && (!before || before.deleted)) {
        throw new FhirError(
          notFound(
            `${type}/${id} does not exist${before?.deleted === true ? ' any more (nullified)' : ''}; store a new appointment with a transaction instead`,
          ),
        );
      }
      const stored = await tx.fhir.update(resource, {
        index: await indexWithProvenance(tx, resource),
        ...(ifMatch !== undefined && { ifMatch }),
      });
      await recordEvent(
        ctx,
        req,
        {
          kind: kindOf(type, 'update'),
          outcome: eventOutcome(v.findings, false),
          resourceIds: [versionRef(stored)],
          findings: v.findings,
          ...summarise('fhir.updated', { type, id, version: String(stored.versionId) }),
          status: before ? 200 : 201,
          invalidStored: stored.invalid,
          ...(patient !== undefined && { patient }),
        },
        tx,
      );
      return storedResult(
        before && !before.deleted ? allOk(v.findings) : created(v.findings),
        stored,
        req,
        v.findings,
      );
    });
  } catch (err) {
    if (err instanceof VersionConflictError) {
      const outcome = preconditionFailed(
        'FHIR-VERSION-001',
        `If-Match says version ${err.expected} but ${type}/${id} is at version ${err.current ?? 'none'}; read the current version, apply your change to it and send it with If-Match: W/"${err.current ?? 0}"`,
      );
      await recordEvent(ctx, req, {
        kind: kindOf(type, 'update'),
        outcome: 'refused',
        resourceIds: [`${type}/${id}`],
        findings: outcome.findings,
        ...summarise('fhir.updateStale', { type, id }),
        status: 412,
        ...(patient !== undefined && { patient }),
      });
      return [outcome];
    }
    throw err;
  }
}

export const updateResource: Handler = (req, ctx) => updateWith(req, ctx, false);

export const deleteResource: Handler = async (req, ctx) => {
  const type = req.path.type ?? '';
  const id = requireId(req.path.id ?? '');
  const ifMatch = req.ifMatch !== undefined ? parseIfMatch(req.ifMatch) : undefined;
  try {
    return await ctx.store.transaction(async (tx): Promise<HandlerResult> => {
      const marker = await tx.fhir.delete(type, id, ifMatch !== undefined ? { ifMatch } : {});
      await recordEvent(
        ctx,
        req,
        {
          kind: kindOf(type, 'delete'),
          outcome: 'accepted',
          resourceIds: marker ? [versionRef(marker)] : [`${type}/${id}`],
          findings: [],
          ...(marker
            ? summarise('fhir.deleted', { type, id, version: String(marker.versionId) })
            : summarise('fhir.nothingToDelete', { type, id })),
          status: 200,
        },
        tx,
      );
      const message = marker ? `${type}/${id} deleted` : `${type}/${id} did not exist or was already deleted`;
      return [
        allOk([{ code: 'FHIR-DELETE-001', severity: 'information', path: '', message }]),
        undefined,
        marker ? { etag: etagOf(marker) } : {},
      ];
    });
  } catch (err) {
    if (err instanceof VersionConflictError) return [preconditionFailed('FHIR-VERSION-001', err.message)];
    throw err;
  }
};
