/**
 * The EHR's side of Kanta's appointment API (docs/kanta.md#kanta-appointment-api, docs/fhir.md): store and replace as a
 * transaction Bundle of one Appointment and one Provenance, nullify as a new Provenance + DELETE, and a
 * plain update with If-Match. Everything goes over HTTP to `POST {sim}/fhir`.
 */
import type { Appointment, Bundle, OperationOutcome } from 'fhir/r4.js';
import {
  kantaAppointment,
  nullifyBundle,
  ORG_READY,
  ORG_READY_NAME,
  replaceBundle,
  storeBundle,
} from '../../fixtures/fhir/appointment.ts';
import type { Fault } from './faults.ts';
import { kantaFetch } from './kanta-http.ts';
import { outcomeFindings, type KantaAnswer } from './kanta-answer.ts';
import type { SourceAppointment } from './source.ts';

const FHIR_JSON = 'application/fhir+json';

/** Ajanvarauksen tila (1.2.246.537.6.881) for the statuses this system uses: 3 Varattu, 4 Peruttu. */
export function tilaFor(status: SourceAppointment['status'], fault: Fault | undefined): string {
  switch (status) {
    case 'booked':
      return '3';
    case 'cancelled':
      // The fault: the status changes but the Finnish status code is left as it was.
      return fault === 'wrong-status-mapping' ? '3' : '4';
  }
}

/** The Kanta Appointment for a source record. */
export function toAppointment(a: SourceAppointment, fault: Fault | undefined): Appointment {
  const appointment = kantaAppointment({
    hetu: a.patient,
    identifier: a.identifier,
    start: a.start,
    end: a.end,
    status: a.status,
    tila: tilaFor(a.status, fault),
    unit: a.unit,
  });
  if (a.comment !== undefined) appointment.comment = a.comment;
  return appointment;
}

/** Now, one second back, so `recorded` is never ahead of Kanta's clock. */
function recordedNow(): string {
  return new Date(Date.now() - 1000).toISOString();
}

/** The fault `missing-provenance` drops the Provenance entry of every transaction. */
function withoutProvenance(bundle: Bundle, fault: Fault | undefined): Bundle {
  if (fault !== 'missing-provenance') return bundle;
  return { ...bundle, entry: (bundle.entry ?? []).filter((e) => e.resource?.resourceType !== 'Provenance') };
}

export interface FhirResult extends KantaAnswer {
  id?: string;
  version?: number;
}

async function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<FhirResult> {
  const res = await kantaFetch(url, init);
  const text = res.text;
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const result: FhirResult = {
    status: res.status,
    accepted: res.status >= 200 && res.status < 300,
    findings: [],
  };
  const resource = body as (Bundle | OperationOutcome | Appointment) | undefined;
  if (resource?.resourceType === 'OperationOutcome') result.findings = outcomeFindings(resource);
  if (resource?.resourceType === 'Bundle') {
    const first = resource.entry?.[0]?.response;
    result.findings = (resource.entry ?? []).flatMap((e) =>
      outcomeFindings(e.response?.outcome as OperationOutcome | undefined),
    );
    if (first?.location !== undefined) result.location = first.location;
  }
  const location = result.location ?? res.location;
  const m = location === undefined ? null : /Appointment\/([^/]+)\/_history\/(\d+)/.exec(location);
  if (m) {
    result.location = `Appointment/${m[1] ?? ''}/_history/${m[2] ?? ''}`;
    result.id = m[1] ?? '';
    result.version = Number(m[2]);
  }
  return result;
}

const post = (sim: string, bundle: Bundle): Promise<FhirResult> =>
  send(`${sim}/fhir`, {
    method: 'POST',
    headers: { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON },
    body: JSON.stringify(bundle),
  });

const provenance = (): { organiser: string; organiserName: string; recorded: string } => ({
  organiser: ORG_READY,
  organiserName: ORG_READY_NAME,
  recorded: recordedNow(),
});

/** Store a new appointment: POST Appointment + Provenance in one transaction. */
export function storeAppointment(
  sim: string,
  a: SourceAppointment,
  fault: Fault | undefined,
): Promise<FhirResult> {
  return post(sim, withoutProvenance(storeBundle(toAppointment(a, fault), provenance()), fault));
}

/** If-Match: the latest version, or (fault stale-version) the one seen when the appointment was stored. */
function ifMatchOf(a: SourceAppointment, fault: Fault | undefined): string {
  return `W/"${fault === 'stale-version' ? a.firstVersion : a.version}"`;
}

/** Replace (reschedule, cancel): PUT Appointment/{id} with request.ifMatch + a new Provenance. */
export function replaceAppointment(
  sim: string,
  a: SourceAppointment,
  fault: Fault | undefined,
): Promise<FhirResult> {
  const bundle = replaceBundle(a.id, toAppointment(a, fault), {
    ...provenance(),
    ifMatch: ifMatchOf(a, fault),
  });
  return post(sim, withoutProvenance(bundle, fault));
}

/** Nullify (mitätöinti): a new Provenance + DELETE Appointment/{id}. */
export function nullifyAppointment(
  sim: string,
  a: SourceAppointment,
  fault: Fault | undefined,
): Promise<FhirResult> {
  return post(sim, withoutProvenance(nullifyBundle(a.id, provenance()), fault));
}

/**
 * Plain update: `PUT /fhir/Appointment/{id}` with `If-Match` (mandatory at Kanta). `omitIfMatch` is a
 * rehearsal switch: it sends the update without the header, to see Kanta's refusal.
 */
export function updateAppointment(
  sim: string,
  a: SourceAppointment,
  fault: Fault | undefined,
  omitIfMatch = false,
): Promise<FhirResult> {
  const headers: Record<string, string> = { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON };
  if (!omitIfMatch) headers['If-Match'] = ifMatchOf(a, fault);
  return send(`${sim}/fhir/Appointment/${encodeURIComponent(a.id)}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...toAppointment(a, fault), id: a.id }),
  });
}
