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

/** The organisations one Schedule actor names (through the stored resource it refers to). */
async function actorOrganisations(fhir: FhirRepository, actor: Reference): Promise<string[]> {
  const match = /^(HealthcareService|Location|PractitionerRole)\/([^/]+)/.exec(actor.reference ?? '');
  if (!match) return [];
  const stored = (await fhir.read(match[1] ?? '', match[2] ?? ''))?.resource as
    | {
        providedBy?: Reference;
        managingOrganization?: Reference;
        organization?: Reference;
      }
    | undefined;
  if (!stored) return [];
  const ref =
    match[1] === 'HealthcareService'
      ? stored.providedBy
      : match[1] === 'Location'
        ? stored.managingOrganization
        : stored.organization;
  const oid = await organisationOf(fhir, ref);
  return oid === undefined ? [] : [oid];
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

/** Visible: names no organisation, or one in scope. */
export function maySeeScheduling(scope: AccessScope, organisations: readonly string[]): boolean {
  return organisations.length === 0 || organisations.some((o) => scope.organisations.has(o));
}

/** Writable: every organisation it names is in scope (the ones outside, for the refusal). */
export function outsideScope(scope: AccessScope, organisations: readonly string[]): string[] {
  return organisations.filter((o) => !scope.organisations.has(o));
}
