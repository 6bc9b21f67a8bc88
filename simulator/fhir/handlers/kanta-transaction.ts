/**
 * The Kanta appointment transaction (`POST [base]/` with a transaction Bundle), `../shared/domain.md` §2b:
 *
 * - store:   `POST Appointment` + `POST Provenance` (the Provenance targets the Appointment's fullUrl)
 * - replace: `PUT Appointment/{id}` + `POST Provenance` (If-Match in `request.ifMatch` is checked when
 *            given [kantasim: Kanta's rule for the transaction form is not public])
 * - nullify: `POST Provenance` + `DELETE Appointment/{id}` (the appointment leaves searches; its
 *            versions and every Provenance remain)
 *
 * Both entries are written in one store transaction, or neither. Codes KANTA-TX-0xx.
 */
import type {
  Appointment,
  Bundle,
  BundleEntry,
  BundleEntryResponse,
  OperationOutcome,
  Provenance,
} from 'fhir/r4.js';
import { hasBlocking, warning, type Finding } from '../../domain/findings.ts';
import type { StoreSession } from '../../store/types.ts';
import { VersionConflictError } from '../../store/fhir-types.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import { appointmentIndex, patientOf } from '../appointment-index.ts';
import type { FhirContext, FhirRequest, HandlerResult } from '../context.ts';
import {
  allOk,
  asWarnings,
  badRequest,
  badRequestFindings,
  FhirError,
  gone,
  issueOf,
  notFound,
  preconditionFailed,
  statusOf,
  unprocessable,
  type Outcome,
} from '../outcomes.ts';
import { extractIndex, isSupportedType } from '../search-params.ts';
import { validateResource } from '../validation/index.ts';
import {
  checkPatientUnchanged,
  serviceOrganiserAgent,
  serviceOrganiserOid,
} from '../validation/kanta-profiles.ts';
import { checkServiceOrganiser } from '../validation/registry-rules.ts';
import { decide, etagOf, newId, prepare, recordEvent, versionRef } from '../write.ts';
import { parseIfMatch } from './crud.ts';

const SOURCE = 'domain.md §2b (Kanta transaction)';

type Shape =
  | { op: 'store'; appointment: number; provenance: number }
  | { op: 'replace'; appointment: number; provenance: number; id: string; ifMatch?: number }
  | { op: 'nullify'; provenance: number; deleteEntry: number; id: string; ifMatch?: number };

/** True when a transaction Bundle concerns Kanta appointments (then this module handles it). */
export function isKantaTransaction(entries: BundleEntry[]): boolean {
  return entries.some(
    (e) =>
      e.resource?.resourceType === 'Appointment' ||
      e.resource?.resourceType === 'Provenance' ||
      /^Appointment(\/|$)/.test(e.request?.url ?? ''),
  );
}

const shapeError = (message: string, path = 'Bundle.entry'): never => {
  throw new FhirError(badRequest('KANTA-TX-001', `${message} [${SOURCE}]`, path));
};

function idFromUrl(url: string, i: number): string {
  const m = /^Appointment\/([A-Za-z0-9.-]{1,64})$/.exec(url);
  return (
    m?.[1] ??
    shapeError(
      `entry ${i}: request.url must be 'Appointment/<id>', not '${url}'`,
      `Bundle.entry[${i}].request.url`,
    )
  );
}

/** Works out which of the three Kanta operations the Bundle is, or says what is wrong with it. */
export function kantaShape(entries: BundleEntry[]): Shape {
  if (entries.length !== 2) {
    shapeError(
      `a Kanta appointment transaction has exactly two entries (Appointment + Provenance to store or replace, Provenance + DELETE Appointment to nullify); this one has ${entries.length}`,
    );
  }
  let appointment: number | undefined;
  let provenance: number | undefined;
  let deleteEntry: number | undefined;
  entries.forEach((e, i) => {
    const method = e.request?.method;
    const url = e.request?.url ?? '';
    const type = e.resource?.resourceType;
    if (method === undefined) shapeError(`entry ${i} has no request.method`, `Bundle.entry[${i}].request`);
    if (method === 'DELETE') {
      if (e.resource !== undefined)
        shapeError(`entry ${i}: a DELETE entry carries no resource`, `Bundle.entry[${i}].resource`);
      if (!url.startsWith('Appointment/'))
        shapeError(
          `entry ${i}: only 'DELETE Appointment/<id>' is allowed here`,
          `Bundle.entry[${i}].request.url`,
        );
      deleteEntry = i;
    } else if (type === 'Appointment') {
      if (method !== 'POST' && method !== 'PUT')
        shapeError(
          `entry ${i}: an Appointment is stored with POST or replaced with PUT, not ${method}`,
          `Bundle.entry[${i}].request.method`,
        );
      if (method === 'POST' && url !== 'Appointment')
        shapeError(
          `entry ${i}: POST an Appointment to 'Appointment', not '${url}'`,
          `Bundle.entry[${i}].request.url`,
        );
      appointment = i;
    } else if (type === 'Provenance') {
      if (method !== 'POST' || url !== 'Provenance')
        shapeError(
          `entry ${i}: the Provenance is new every time: 'POST Provenance'`,
          `Bundle.entry[${i}].request`,
        );
      provenance = i;
    } else {
      shapeError(
        `entry ${i}: a Kanta appointment transaction holds only an Appointment, a Provenance and a DELETE of an Appointment, not ${type ?? `'${method} ${url}'`}`,
        `Bundle.entry[${i}]`,
      );
    }
  });
  if (provenance === undefined)
    return shapeError('the transaction needs a Provenance entry (POST Provenance)');
  if (deleteEntry !== undefined) {
    if (appointment !== undefined)
      shapeError('nullification has a Provenance and a DELETE only; leave the Appointment out');
    const req = entries[deleteEntry]?.request;
    return {
      op: 'nullify',
      provenance,
      deleteEntry,
      id: idFromUrl(req?.url ?? '', deleteEntry),
      ...(req?.ifMatch !== undefined && { ifMatch: parseIfMatch(req.ifMatch) }),
    };
  }
  if (appointment === undefined)
    return shapeError('the transaction needs an Appointment entry (or a DELETE Appointment/<id> to nullify)');
  const req = entries[appointment]?.request;
  if (req?.method === 'PUT') {
    const id = idFromUrl(req.url, appointment);
    const bodyId = (entries[appointment]?.resource as Appointment | undefined)?.id;
    if (bodyId !== id)
      shapeError(
        `entry ${appointment}: the Appointment's id must be '${id}' as in request.url`,
        `Bundle.entry[${appointment}].resource.id`,
      );
    return {
      op: 'replace',
      appointment,
      provenance,
      id,
      ...(req.ifMatch !== undefined && { ifMatch: parseIfMatch(req.ifMatch) }),
    };
  }
  return { op: 'store', appointment, provenance };
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

function response(stored: StoredResource, status: string, findings: Finding[]): BundleEntryResponse {
  const r: BundleEntryResponse = {
    status,
    location: versionRef(stored),
    etag: etagOf(stored),
    lastModified: stored.lastUpdated,
  };
  if (findings.length > 0) {
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: findings.map((f) => issueOf(f)),
    };
    r.outcome = outcome;
  }
  return r;
}

/** Handles a Kanta appointment transaction Bundle whose entries `kantaShape` accepts. */
export async function kantaTransaction(
  req: FhirRequest,
  ctx: FhirContext,
  bundle: Bundle,
): Promise<HandlerResult> {
  const entries = bundle.entry ?? [];
  const shape = kantaShape(entries);
  const kind = `appointment.${shape.op}` as const;
  const provEntry = entries[shape.provenance] as BundleEntry;
  const apptEntry = shape.op === 'nullify' ? undefined : entries[shape.appointment];
  const appointmentRefs =
    shape.op === 'store' ? [apptEntry?.fullUrl ?? ''].filter((r) => r !== '') : [`Appointment/${shape.id}`];
  if (shape.op === 'replace' && apptEntry?.fullUrl !== undefined) appointmentRefs.push(apptEntry.fullUrl);
  if (shape.op === 'store' && appointmentRefs.length === 0) {
    shapeError(
      'give the Appointment entry a fullUrl (e.g. urn:uuid:…) so the Provenance can target it',
      `Bundle.entry[${shape.appointment}].fullUrl`,
    );
  }

  const base = { supported: isSupportedType, allowRealIdentities: ctx.config.allowRealIdentities };
  const findings: Finding[] = [];
  let refuseWith: 400 | 422 | undefined;
  let storable = true;
  const pv = validateResource(provEntry.resource, {
    ...base,
    expectedType: 'Provenance',
    kanta: true,
    provenance: { appointmentRefs, nullification: shape.op === 'nullify', now: ctx.now() },
  });
  findings.push(...inEntry(pv.findings, shape.provenance, 'Provenance'));
  if (pv.refuseWith !== undefined) refuseWith = pv.refuseWith;
  storable &&= pv.storable;
  let av: ReturnType<typeof validateResource> | undefined;
  if (shape.op !== 'nullify') {
    av = validateResource(apptEntry?.resource, { ...base, expectedType: 'Appointment', kanta: true });
    findings.push(...inEntry(av.findings, shape.appointment, 'Appointment'));
    if (av.refuseWith === 400 || (av.refuseWith !== undefined && refuseWith === undefined))
      refuseWith = av.refuseWith;
    storable &&= av.storable;
  }
  const provenance = pv.resource as unknown as Provenance | undefined;
  const organiser = provenance && pv.refuseWith !== 400 ? serviceOrganiserOid(provenance) : undefined;
  const appointmentIn = av?.resource as unknown as Appointment | undefined;
  let patient = appointmentIn && av?.refuseWith !== 400 ? patientOf(appointmentIn) : undefined;

  const refuse = async (outcome: Outcome, status: number): Promise<HandlerResult> => {
    await recordEvent(ctx, req, {
      service: 'pta-appointment',
      kind,
      outcome: 'refused',
      resourceIds: shape.op === 'store' ? [] : [`Appointment/${shape.id}`],
      findings: outcome.findings,
      summary: `Kanta ${shape.op} refused: ${outcome.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').length} error(s)`,
      status,
      ...(organiser !== undefined && { organisation: organiser }),
      ...(patient !== undefined && { patient }),
    });
    return [outcome];
  };

  try {
    return await ctx.store.transaction(async (tx): Promise<HandlerResult> => {
      // A second store of a booking identifier that is already live is most likely a replace sent as a
      // store [kantasim: Kanta's uniqueness rule is not public, so this is a warning].
      if (shape.op === 'store' && appointmentIn && av?.refuseWith !== 400) {
        findings.push(...(await duplicateIdentifiers(tx, appointmentIn, shape.appointment)));
      }
      // Registry layer: the service organiser (needs the registry, so it runs in the transaction).
      if (organiser !== undefined && provenance) {
        const at = serviceOrganiserAgent(provenance);
        findings.push(
          ...(await checkServiceOrganiser(
            tx.registry,
            organiser,
            `Bundle.entry[${shape.provenance}].resource.agent[${at?.index ?? 0}].who.identifier.value`,
          )),
        );
      }
      let current: StoredResource | undefined;
      if (shape.op !== 'store') {
        current = await tx.fhir.read('Appointment', shape.id);
        if (!current)
          throw new FhirError(
            notFound(
              `Appointment/${shape.id} does not exist; store it first (POST Appointment in the transaction)`,
            ),
          );
        if (current.deleted)
          throw new FhirError(
            gone(
              `Appointment/${shape.id} has been nullified; a nullified appointment cannot be ${shape.op === 'nullify' ? 'nullified again' : 'replaced'}`,
            ),
          );
        if (shape.ifMatch !== undefined && shape.ifMatch !== current.versionId)
          throw new VersionConflictError('Appointment', shape.id, shape.ifMatch, current.versionId);
        patient ??= patientOf(current.resource as Appointment);
        if (shape.op === 'replace' && appointmentIn && av?.refuseWith !== 400) {
          findings.push(
            ...checkPatientUnchanged(
              current.resource as Appointment,
              appointmentIn,
              `Bundle.entry[${shape.appointment}].resource.participant`,
            ),
          );
        }
      }
      const decision =
        refuseWith === 400 || !storable
          ? hasBlocking(findings)
            ? 'refuse'
            : 'store'
          : decide(findings, req.mode);
      if (decision === 'refuse') {
        throw new FhirError(refuseWith === 400 ? badRequestFindings(findings) : unprocessable(findings));
      }
      const invalid = decision === 'store-invalid';
      const shown = invalid ? asWarnings(findings) : findings;
      const out: BundleEntry[] = [];
      const resourceIds: string[] = [];
      let storedAppointment: StoredResource | undefined;
      let appointmentResponse: BundleEntryResponse | undefined;
      let storedProv: StoredResource;
      if (shape.op === 'nullify') {
        const marker = await tx.fhir.delete('Appointment', shape.id);
        if (!marker) throw new FhirError(gone(`Appointment/${shape.id} has been nullified already`));
        // The nullification Provenance targets the version it nullifies.
        const prov = prepare(
          {
            ...(provenance as Provenance),
            target: [{ reference: `Appointment/${shape.id}/_history/${current?.versionId ?? 1}` }],
          },
          newId(),
          invalid,
        );
        storedProv = await tx.fhir.create(prov, { index: extractIndex(prov) });
        resourceIds.push(versionRef(marker), versionRef(storedProv));
        appointmentResponse = {
          status: '204 No Content',
          etag: etagOf(marker),
          lastModified: marker.lastUpdated,
        };
      } else {
        // The version the appointment will get is known before writing: 1 for a store, current + 1 for a
        // replace (the store transaction is exclusive), so the Provenance can target it and the
        // appointment can be indexed with the Provenance's rows in one write.
        const id = shape.op === 'replace' ? shape.id : newId();
        const version = shape.op === 'replace' ? (current?.versionId ?? 0) + 1 : 1;
        const prov = prepare(
          { ...(provenance as Provenance), target: [{ reference: `Appointment/${id}/_history/${version}` }] },
          newId(),
          invalid,
        );
        const appointment = prepare(appointmentIn as Appointment, id, invalid);
        const index = appointmentIndex(appointment, prov);
        storedAppointment =
          shape.op === 'replace'
            ? await tx.fhir.update(appointment, { index, ifMatch: current?.versionId ?? 0 })
            : await tx.fhir.create(appointment, { index });
        storedProv = await tx.fhir.create(prov, { index: extractIndex(prov) });
        resourceIds.push(versionRef(storedAppointment), versionRef(storedProv));
      }
      for (let i = 0; i < entries.length; i++) {
        if (i === shape.provenance)
          out.push({ response: response(storedProv, '201 Created', inEntryOnly(shown, i)) });
        else if (storedAppointment)
          out.push({
            fullUrl: `${req.baseUrl}/Appointment/${storedAppointment.id}`,
            response: response(
              storedAppointment,
              shape.op === 'replace' ? '200 OK' : '201 Created',
              inEntryOnly(shown, i),
            ),
          });
        else if (appointmentResponse) out.push({ response: appointmentResponse });
      }
      await recordEvent(
        ctx,
        req,
        {
          service: 'pta-appointment',
          kind,
          outcome: findings.length > 0 ? 'accepted-with-warnings' : 'accepted',
          resourceIds,
          findings: shown,
          summary: `Kanta ${shape.op} of Appointment/${storedAppointment?.id ?? (shape.op === 'nullify' ? shape.id : '')}${invalid ? ' (rehearsal: stored although invalid)' : ''}`,
          status: 200,
          invalidStored: invalid,
          ...(organiser !== undefined && { organisation: organiser }),
          ...(patient !== undefined && { patient }),
        },
        tx,
      );
      const answer: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry: out };
      return [allOk(), answer];
    });
  } catch (err) {
    if (err instanceof FhirError) return refuse(err.outcome, statusOf(err.outcome));
    if (err instanceof VersionConflictError) {
      return refuse(
        preconditionFailed(
          'KANTA-TX-002',
          `request.ifMatch says version ${err.expected} but Appointment/${err.id} is at version ${err.current ?? 'none'}; read it again and resend`,
        ),
        412,
      );
    }
    throw err;
  }
}

async function duplicateIdentifiers(tx: StoreSession, a: Appointment, entry: number): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const [i, ident] of (a.identifier ?? []).entries()) {
    if (ident.value === undefined) continue;
    const found = await tx.fhir.search({
      resourceType: 'Appointment',
      criteria: [
        { param: 'identifier', kind: 'token', values: [{ system: ident.system ?? '', code: ident.value }] },
      ],
      count: 1,
      offset: 0,
    });
    const existing = found.matches[0];
    if (existing) {
      out.push(
        warning(
          'KANTA-APPT-013',
          `Bundle.entry[${entry}].resource.identifier[${i}]`,
          `an appointment with identifier '${ident.value}' is already stored (Appointment/${existing.id}); to change it, replace it (PUT Appointment/${existing.id} in the transaction) instead of storing a second one`,
          SOURCE,
        ),
      );
    }
  }
  return out;
}

function inEntryOnly(findings: Finding[], i: number): Finding[] {
  return findings.filter(
    (f) => f.path.startsWith(`Bundle.entry[${i}]`) || (!f.path.startsWith('Bundle.entry[') && i === 0),
  );
}
