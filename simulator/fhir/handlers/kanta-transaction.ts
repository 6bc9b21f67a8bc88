/**
 * The edge of the Kanta appointment transaction (`POST [base]/` with a transaction Bundle): works out
 * which of the three operations the Bundle is (store: Appointment + Provenance; replace: PUT Appointment
 * + Provenance; nullify: Provenance + DELETE Appointment) or says what is wrong with its shape, hands it
 * to the appointment service (`../appointments/service.ts`, where validation, the policy decision and the
 * writes live), and words the answer as a transaction-response Bundle. Codes KANTA-TX-0xx.
 *
 * A replace without `request.ifMatch` is refused here with 428 (KANTA-TX-003), as the plain
 * `PUT Appointment/{id}` without If-Match is: Kanta's CapabilityStatement makes If-Match mandatory for
 * the Appointment update interaction, and FHIR R4 lets a server require it with a 4xx client error.
 *
 * See: https://pta.kanta.fi/appointment/R4/capabilitystatement
 * See: https://hl7.org/fhir/R4/http.html#concurrency
 */
import type { Appointment, Bundle, BundleEntry, BundleEntryResponse, OperationOutcome } from 'fhir/r4.js';
import { error, type Finding } from '../../domain/findings.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import { KANTA_APPOINTMENT_SOURCE, submitAppointment, type KantaOperation } from '../appointments/service.ts';
import type { FhirContext, FhirRequest, HandlerResult } from '../context.ts';
import { allOk, badRequestFindings, FhirError, issueOf, preconditionRequired } from '../outcomes.ts';
import { etagOf, versionRef } from '../write.ts';
import { parseIfMatch } from './crud.ts';

const SOURCE = KANTA_APPOINTMENT_SOURCE;

type Shape = KantaOperation;

/** True when a transaction Bundle concerns Kanta appointments (then this module handles it). */
export function isKantaTransaction(entries: BundleEntry[]): boolean {
  return entries.some(
    (e) =>
      e.resource?.resourceType === 'Appointment' ||
      e.resource?.resourceType === 'Provenance' ||
      /^Appointment(\/|$)/.test(e.request?.url ?? ''),
  );
}

/** A refusal of the Bundle's shape; the Kanta source it follows goes with the finding, not into its text. */
const shapeError = (message: string, path = 'Bundle.entry'): never => {
  throw new FhirError(badRequestFindings([error('KANTA-TX-001', path, message, SOURCE)]));
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
    // Refused before the content is validated, as the plain PUT is (see the note at the top).
    if (req.ifMatch === undefined)
      throw new FhirError(
        preconditionRequired(
          'KANTA-TX-003',
          `entry ${appointment}: replacing Appointment/${id} needs request.ifMatch with the version you changed, e.g. W/"1" (Kanta makes If-Match mandatory on update); read the appointment to get its ETag`,
          `Bundle.entry[${appointment}].request.ifMatch`,
        ),
      );
    return { op: 'replace', appointment, provenance, id, ifMatch: parseIfMatch(req.ifMatch) };
  }
  return { op: 'store', appointment, provenance };
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

/**
 * Handles a Kanta appointment transaction Bundle: parses which operation it is (`kantaShape`), lets the
 * appointment service carry it out, and answers with a transaction-response Bundle.
 */
export async function kantaTransaction(
  req: FhirRequest,
  ctx: FhirContext,
  bundle: Bundle,
): Promise<HandlerResult> {
  const entries = bundle.entry ?? [];
  const operation = kantaShape(entries);
  if (operation.op === 'store' && (entries[operation.appointment]?.fullUrl ?? '') === '') {
    shapeError(
      'give the Appointment entry a fullUrl (e.g. urn:uuid:…) so the Provenance can target it',
      `Bundle.entry[${operation.appointment}].fullUrl`,
    );
  }
  const result = await submitAppointment(ctx, req, entries, operation);
  if (!result.ok) return [result.outcome];
  const out: BundleEntry[] = [];
  for (let i = 0; i < entries.length; i++) {
    const shown = inEntryOnly(result.answered, i);
    if (i === operation.provenance) out.push({ response: response(result.provenance, '201 Created', shown) });
    else if (result.appointment)
      out.push({
        fullUrl: `${req.baseUrl}/Appointment/${result.appointment.id}`,
        response: response(result.appointment, operation.op === 'replace' ? '200 OK' : '201 Created', shown),
      });
    else if (result.nullified)
      out.push({
        response: {
          status: '204 No Content',
          etag: etagOf(result.nullified),
          lastModified: result.nullified.lastUpdated,
        },
      });
  }
  const answer: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry: out };
  return [allOk(), answer];
}

function inEntryOnly(findings: Finding[], i: number): Finding[] {
  return findings.filter(
    (f) => f.path.startsWith(`Bundle.entry[${i}]`) || (!f.path.startsWith('Bundle.entry[') && i === 0),
  );
}
