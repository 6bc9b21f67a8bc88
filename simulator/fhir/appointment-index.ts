/**
 * Index rows of a Kanta appointment: the generic Appointment parameters plus Kanta's, some of which come
 * from the appointment's latest Provenance (`recorded`, `service-organiser`).
 *
 * `appointment-service-provider(-unit)`: the guide's CapabilityStatement defines them by the
 * organisation structure (`organization.partOf` the provider, `organization.identifier` the unit). kantasim
 * reads the participants' organisation OIDs and looks each up in the SOTE organisation register (the
 * code-server mock): a registered organisation with `partOf` is a unit of that provider, one without is
 * a provider itself. Only an OID the register does not know falls back to the national OID structure
 * (docs/kanta.md#code-server-and-oids): `1.2.246.10.<n>.10.0` a provider, `1.2.246.10.<n>.10.<unit>` its unit.
 * `producing-service-provider-unit` is the recorder's service unit, `Provenance.agent.who.identifier` of
 * the role-7 agent (Palveluyksikkö).
 */
import type { Appointment, Provenance, Resource } from 'fhir/r4.js';
import type { StoreSession } from '../store/types.ts';
import { dateRange } from './dates.ts';
import type { IndexEntry } from '../store/fhir-types.ts';
import { extractIndex } from './search-params.ts';
import { isPatientIdSystem, producingUnitOids, serviceOrganiserOid } from './validation/kanta-profiles.ts';

/**
 * What the organisation register says about a participant's OID: the provider it is `partOf`, `null`
 * when it is registered without one (a provider itself), absent when it is not registered.
 */
export type ProviderLookup = ReadonlyMap<string, string | null>;

const UNIT_OID = /^(1\.2\.246\.10\.\d+\.10)\.(\d+)$/;

/** The organisation OIDs of an appointment's participants (not patients), without `urn:oid:`. */
export function participantOrganisationOids(a: Appointment): string[] {
  const participants: unknown = a.participant;
  if (!Array.isArray(participants)) return [];
  return participants.flatMap((p: unknown) => {
    const ident = (p as { actor?: { identifier?: { system?: unknown; value?: unknown } } } | null)?.actor
      ?.identifier;
    if (typeof ident?.value !== 'string') return [];
    if (typeof ident.system === 'string' && isPatientIdSystem(ident.system)) return [];
    return [ident.value.startsWith('urn:oid:') ? ident.value.slice(8) : ident.value];
  });
}

export function appointmentIndex(
  a: Appointment,
  provenance?: Provenance,
  providers: ProviderLookup = new Map(),
): IndexEntry[] {
  const out = extractIndex(a);
  // Defensive reads: in rehearsal mode an appointment may be stored although its rules failed.
  for (const p of Array.isArray(a.participant)
    ? (a.participant as ((typeof a.participant)[number] | null)[])
    : []) {
    const ident = p?.actor?.identifier;
    if (typeof ident?.value !== 'string') continue;
    if (isPatientIdSystem(ident.system)) {
      out.push({ param: 'patient:identifier', kind: 'token', system: ident.system ?? '', code: ident.value });
      continue;
    }
    const oid = ident.value.startsWith('urn:oid:') ? ident.value.slice(8) : ident.value;
    const registered = providers.get(oid);
    if (registered !== undefined) {
      out.push({ param: 'appointment-service-provider', kind: 'token', system: '', code: registered ?? oid });
      if (registered !== null)
        out.push({ param: 'appointment-service-provider-unit', kind: 'token', system: '', code: oid });
      continue;
    }
    const m = UNIT_OID.exec(oid);
    if (!m) continue;
    const provider = `${m[1] ?? ''}.0`;
    out.push({ param: 'appointment-service-provider', kind: 'token', system: '', code: provider });
    if (m[2] !== '0')
      out.push({ param: 'appointment-service-provider-unit', kind: 'token', system: '', code: oid });
  }
  if (provenance) {
    // Read defensively: a rehearsal-mode Provenance may lack `recorded`.
    const recordedAt = (provenance as Partial<Provenance>).recorded;
    const recorded = recordedAt !== undefined ? dateRange(recordedAt) : undefined;
    if (recorded) out.push({ param: 'recorded', kind: 'date', ...recorded });
    const organiser = serviceOrganiserOid(provenance);
    if (organiser !== undefined)
      out.push({ param: 'service-organiser', kind: 'token', system: '', code: organiser });
    for (const unit of producingUnitOids(provenance))
      out.push({ param: 'producing-service-provider-unit', kind: 'token', system: '', code: unit });
  }
  return out;
}

/**
 * The patient identifiers (identity code or temporary ID) of an appointment's participants, in order.
 * Read defensively: a stored appointment (rehearsal mode, an old version) may have any shape.
 */
export function patientsOf(a: Appointment | undefined): string[] {
  const participants: unknown = a?.participant;
  if (!Array.isArray(participants)) return [];
  return participants.flatMap((p: unknown) => {
    const ident = (p as { actor?: { identifier?: { system?: unknown; value?: unknown } } } | null)?.actor
      ?.identifier;
    return typeof ident?.system === 'string' &&
      isPatientIdSystem(ident.system) &&
      typeof ident.value === 'string'
      ? [ident.value]
      : [];
  });
}

/** The identity code of the appointment's patient, when there is exactly one. */
export function patientOf(a: Appointment): string | undefined {
  const codes = patientsOf(a);
  return codes.length === 1 ? codes[0] : undefined;
}

/** The latest Provenance that targets `Appointment/{id}` (any version), if any. */
export async function latestProvenance(session: StoreSession, id: string): Promise<Provenance | undefined> {
  const result = await session.fhir.search({
    resourceType: 'Provenance',
    criteria: [{ param: 'target', kind: 'reference', values: [`Appointment/${id}`] }],
    sort: [{ param: '_lastUpdated', descending: true }],
    count: 1,
    offset: 0,
  });
  return result.matches[0]?.resource as Provenance | undefined;
}

/** Index rows for a write: an Appointment keeps the rows its latest Provenance gives it. */
export async function indexWithProvenance(
  session: StoreSession,
  resource: Resource & { id: string },
): Promise<IndexEntry[]> {
  if (resource.resourceType !== 'Appointment') return extractIndex(resource);
  return appointmentIndex(resource as Appointment, await latestProvenance(session, resource.id));
}
