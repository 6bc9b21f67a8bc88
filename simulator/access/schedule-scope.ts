/**
 * Which organisation a Schedule or Slot belongs to, for shared (TLS) mode (a kantasim assumption,
 * docs/shared-mode.md). FHIR R4 lets a Schedule's `actor` be a Practitioner, PractitionerRole,
 * HealthcareService, Location, Patient, RelatedPerson or Device, never an Organization, and Kanta's
 * appointment guide (Kanta Ajanvaraus, FiSchedulingHealthcareService) ties the service to its provider
 * organisation. So a Schedule names the organisations its actors name: a HealthcareService's
 * `providedBy`, a Location's `managingOrganization`, a PractitionerRole's `organization`, each an
 * organisation OID (a logical `identifier` or a stored Organization with an OID identifier). A Slot
 * belongs to its `schedule`'s organisations. A Schedule whose actors name no organisation (a
 * Practitioner alone, unresolved references) names none and stays shared, as before.
 *
 * Rules (fhir-scope.ts applies them): a caller sees a Schedule or Slot naming none, or at least one
 * organisation of its scope; it may write one only when every organisation it names (before and after
 * the write) is in its scope.
 *
 * The resources a Schedule's organisation is read from are written under the same rule, or one
 * organisation could move another's schedules into its own scope by changing a service's provider: a
 * HealthcareService, Location or PractitionerRole belongs to the organisation it names
 * (`providedBy`, `managingOrganization`, `organization`), an Organization to the OIDs of its
 * identifiers. They stay readable by every caller (a directory of services and places).
 */
import type { Reference, Resource, Schedule, Slot } from 'fhir/r4.js';
import type { FhirRepository } from '../store/fhir-types.ts';
import type { AccessScope } from './scope.ts';

const OID = /^(?:urn:oid:)?([0-2](?:\.[0-9]+)+)$/;

/** The organisation OID a reference names: its logical identifier, or the stored Organization's OID. */
async function organisationOf(fhir: FhirRepository, ref: Reference | undefined): Promise<string | undefined> {
  if (ref === undefined) return undefined;
  const logical = OID.exec(ref.identifier?.value ?? '')?.[1];
  if (logical !== undefined) return logical;
  const id = /^Organization\/([^/]+)/.exec(ref.reference ?? '')?.[1];
  if (id === undefined) return undefined;
  const stored = await fhir.read('Organization', id);
  const org = stored?.resource as { identifier?: { value?: string }[] } | undefined;
  for (const identifier of org?.identifier ?? []) {
    const oid = OID.exec(identifier.value ?? '')?.[1];
    if (oid !== undefined) return oid;
  }
  return undefined;
}

/** The element through which each directory resource names its organisation. */
const OWNER_ELEMENT: Readonly<Record<string, 'providedBy' | 'managingOrganization' | 'organization'>> = {
  HealthcareService: 'providedBy',
  Location: 'managingOrganization',
  PractitionerRole: 'organization',
};

/** The organisation a HealthcareService, Location or PractitionerRole names, as a list (empty: none). */
async function directoryOrganisations(fhir: FhirRepository, resource: Resource): Promise<string[]> {
  const element = OWNER_ELEMENT[resource.resourceType];
  if (element === undefined) return [];
  const ref = (resource as Partial<Record<typeof element, Reference>>)[element];
  const oid = await organisationOf(fhir, ref);
  return oid === undefined ? [] : [oid];
}

/** The OIDs an Organization resource stands for (its identifiers). */
function organizationOids(resource: Resource): string[] {
  const out = new Set<string>();
  for (const identifier of (resource as { identifier?: { value?: string }[] }).identifier ?? []) {
    const oid = OID.exec(identifier.value ?? '')?.[1];
    if (oid !== undefined) out.add(oid);
  }
  return [...out].sort();
}

/** The organisations one Schedule actor names (through the stored resource it refers to). */
async function actorOrganisations(fhir: FhirRepository, actor: Reference): Promise<string[]> {
  const match = /^(HealthcareService|Location|PractitionerRole)\/([^/]+)/.exec(actor.reference ?? '');
  if (!match) return [];
  const stored = (await fhir.read(match[1] ?? '', match[2] ?? ''))?.resource;
  return stored ? directoryOrganisations(fhir, stored) : [];
}

/** The organisations a Schedule names through its actors. */
export async function scheduleOrganisations(fhir: FhirRepository, schedule: Schedule): Promise<string[]> {
  const out = new Set<string>();
  const actors = (schedule.actor as Reference[] | undefined) ?? [];
  for (const actor of Array.isArray(actors) ? actors : [])
    for (const oid of await actorOrganisations(fhir, actor)) out.add(oid);
  return [...out].sort();
}

/** The organisations a Slot names: its schedule's. */
export async function slotOrganisations(fhir: FhirRepository, slot: Slot): Promise<string[]> {
  const id = /^Schedule\/([^/]+)/.exec((slot.schedule as Reference | undefined)?.reference ?? '')?.[1];
  if (id === undefined) return [];
  const stored = await fhir.read('Schedule', id);
  return stored?.resource ? scheduleOrganisations(fhir, stored.resource as Schedule) : [];
}

/** The organisations a Schedule or Slot names; undefined for any other resource. */
export async function schedulingOrganisations(
  fhir: FhirRepository,
  resource: Resource,
): Promise<string[] | undefined> {
  if (resource.resourceType === 'Schedule') return scheduleOrganisations(fhir, resource as Schedule);
  if (resource.resourceType === 'Slot') return slotOrganisations(fhir, resource as Slot);
  return undefined;
}

/** The resources whose writes are scoped by the organisations they name (`writeOrganisations`). */
export const WRITE_SCOPED: ReadonlySet<string> = new Set([
  'Schedule',
  'Slot',
  'HealthcareService',
  'Location',
  'PractitionerRole',
  'Organization',
]);

/**
 * The organisations a write of `resource` touches: a Schedule's or Slot's (as above), a directory
 * resource's own, an Organization's OIDs; undefined for a resource whose writes are not scoped.
 */
export async function writeOrganisations(
  fhir: FhirRepository,
  resource: Resource,
): Promise<string[] | undefined> {
  if (resource.resourceType === 'Organization') return organizationOids(resource);
  if (OWNER_ELEMENT[resource.resourceType] !== undefined) return directoryOrganisations(fhir, resource);
  return schedulingOrganisations(fhir, resource);
}

/** Visible: names no organisation, or one in scope. */
export function maySeeScheduling(scope: AccessScope, organisations: readonly string[]): boolean {
  return organisations.length === 0 || organisations.some((o) => scope.organisations.has(o));
}

/** Writable: every organisation it names is in scope (the ones outside, for the refusal). */
export function outsideScope(scope: AccessScope, organisations: readonly string[]): string[] {
  return organisations.filter((o) => !scope.organisations.has(o));
}
