/**
 * Search parameters per resource type: their names, kinds and how their index rows are extracted at
 * write time. The CapabilityStatement lists exactly these; the store indexes exactly these.
 *
 * Extractors are small JavaScript functions equivalent to the FHIRPath of the R4 SearchParameter
 * (noted beside each), because they run on every write and FHIRPath evaluation is much slower.
 *
 * See: https://hl7.org/fhir/R4/searchparameter-registry.html
 * See: https://hl7.org/fhir/R4/search.html
 */
import type { Resource } from 'fhir/r4.js';
import type { IndexEntry } from '../store/fhir-types.ts';
import { dateRange } from './dates.ts';

export type ParamKind = 'token' | 'string' | 'reference' | 'date';

export interface SearchParamDef {
  name: string;
  kind: ParamKind;
  /** The R4 FHIRPath this extractor implements, or the kantasim choice it implements. */
  expression: string;
  /** Dotted paths from the resource root (arrays are flattened on the way). */
  paths: string[];
  /** For references: which types `_include` may follow to. */
  targets?: string[];
}

/** The resource types this endpoint serves. */
export const SCHEDULING_TYPES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'HealthcareService',
  'Location',
  'Schedule',
  'Slot',
] as const;
export const KANTA_TYPES = ['Appointment', 'Provenance'] as const;
export const SUPPORTED_TYPES: readonly string[] = [...SCHEDULING_TYPES, ...KANTA_TYPES];

export function isSupportedType(type: string): boolean {
  return SUPPORTED_TYPES.includes(type);
}

const p = (
  name: string,
  kind: ParamKind,
  paths: string[],
  expression: string,
  targets?: string[],
): SearchParamDef =>
  targets === undefined ? { name, kind, paths, expression } : { name, kind, paths, expression, targets };

const identifier = p('identifier', 'token', ['identifier'], '<Type>.identifier');
const active = p('active', 'token', ['active'], '<Type>.active');
const name = p('name', 'string', ['name'], '<Type>.name');

const personName = [
  p('name', 'string', ['name.family', 'name.given', 'name.text'], '<Type>.name'),
  p('family', 'string', ['name.family'], '<Type>.name.family'),
  p('given', 'string', ['name.given'], '<Type>.name.given'),
];

/** Search parameters per type, beyond `_id` and `_lastUpdated` (which every type has). */
export const SEARCH_PARAMS: Readonly<Record<string, readonly SearchParamDef[]>> = {
  Patient: [
    identifier,
    active,
    ...personName,
    p('birthdate', 'date', ['birthDate'], 'Patient.birthDate'),
    p('gender', 'token', ['gender'], 'Patient.gender'),
    p('organization', 'reference', ['managingOrganization'], 'Patient.managingOrganization', [
      'Organization',
    ]),
  ],
  Practitioner: [identifier, active, ...personName],
  PractitionerRole: [
    identifier,
    active,
    p('practitioner', 'reference', ['practitioner'], 'PractitionerRole.practitioner', ['Practitioner']),
    p('organization', 'reference', ['organization'], 'PractitionerRole.organization', ['Organization']),
    p('location', 'reference', ['location'], 'PractitionerRole.location', ['Location']),
    p('service', 'reference', ['healthcareService'], 'PractitionerRole.healthcareService', [
      'HealthcareService',
    ]),
    p('role', 'token', ['code'], 'PractitionerRole.code'),
    p('specialty', 'token', ['specialty'], 'PractitionerRole.specialty'),
  ],
  Organization: [
    identifier,
    active,
    p('name', 'string', ['name', 'alias'], 'Organization.name | Organization.alias'),
    p('partof', 'reference', ['partOf'], 'Organization.partOf', ['Organization']),
    p('type', 'token', ['type'], 'Organization.type'),
  ],
  HealthcareService: [
    identifier,
    active,
    name,
    p('organization', 'reference', ['providedBy'], 'HealthcareService.providedBy', ['Organization']),
    p('location', 'reference', ['location'], 'HealthcareService.location', ['Location']),
    p('service-type', 'token', ['type'], 'HealthcareService.type'),
    p('service-category', 'token', ['category'], 'HealthcareService.category'),
    p('specialty', 'token', ['specialty'], 'HealthcareService.specialty'),
  ],
  Location: [
    identifier,
    p('name', 'string', ['name', 'alias'], 'Location.name | Location.alias'),
    p('status', 'token', ['status'], 'Location.status'),
    p('organization', 'reference', ['managingOrganization'], 'Location.managingOrganization', [
      'Organization',
    ]),
    p('partof', 'reference', ['partOf'], 'Location.partOf', ['Location']),
    p('type', 'token', ['type'], 'Location.type'),
  ],
  Schedule: [
    identifier,
    active,
    p('actor', 'reference', ['actor'], 'Schedule.actor', [
      'Practitioner',
      'PractitionerRole',
      'HealthcareService',
      'Location',
      'Patient',
    ]),
    p('date', 'date', ['planningHorizon'], 'Schedule.planningHorizon'),
    p('service-type', 'token', ['serviceType'], 'Schedule.serviceType'),
    p('specialty', 'token', ['specialty'], 'Schedule.specialty'),
  ],
  Slot: [
    identifier,
    p('schedule', 'reference', ['schedule'], 'Slot.schedule', ['Schedule']),
    p('start', 'date', ['start'], 'Slot.start'),
    p('status', 'token', ['status'], 'Slot.status'),
    p('service-type', 'token', ['serviceType'], 'Slot.serviceType'),
    p('specialty', 'token', ['specialty'], 'Slot.specialty'),
  ],
  Appointment: [
    identifier,
    p('status', 'token', ['status'], 'Appointment.status'),
    p('date', 'date', ['start'], 'Appointment.start'),
    p('slot', 'reference', ['slot'], 'Appointment.slot', ['Slot']),
    p('service-type', 'token', ['serviceType'], 'Appointment.serviceType'),
    // Kanta parameters. Their values come from the appointment and its Provenance; see appointment-index.ts.
    p(
      'patient:identifier',
      'token',
      [],
      'Appointment.participant.actor.identifier where system = urn:oid:1.2.246.21 (Kanta)',
    ),
    p(
      'recorded',
      'date',
      [],
      'Provenance.recorded of the latest Provenance targeting the appointment (Kanta)',
    ),
    p(
      'service-organiser',
      'token',
      [],
      'Provenance.agent (role 10).who.identifier of the latest Provenance (Kanta)',
    ),
    p(
      'appointment-service-provider',
      'token',
      [],
      'organization.partOf of the participant organisations in the SOTE organisation register (a registered organisation without partOf is its own provider; unregistered OIDs by the national OID structure)',
    ),
    p(
      'appointment-service-provider-unit',
      'token',
      [],
      'organization.identifier of the participant organisations that are partOf a provider in the register (unregistered: OIDs 1.2.246.10.<n>.10.<unit>, unit ≠ 0)',
    ),
    p(
      'producing-service-provider-unit',
      'token',
      [],
      "Provenance.agent.who.identifier of the latest Provenance's role-7 agent (the recorder's service unit; Kanta)",
    ),
  ],
  Provenance: [
    p('target', 'reference', ['target'], 'Provenance.target (version stripped)', ['Appointment']),
    p('recorded', 'date', ['recorded'], 'Provenance.recorded'),
    p('agent', 'token', ['agent.who.identifier'], 'Provenance.agent.who.identifier'),
  ],
};

export function paramsOf(type: string): readonly SearchParamDef[] {
  return SEARCH_PARAMS[type] ?? [];
}

export function paramOf(type: string, paramName: string): SearchParamDef | undefined {
  return paramsOf(type).find((d) => d.name === paramName);
}

// ---------------------------------------------------------------- extraction

function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const node of current) {
      if (node === null || typeof node !== 'object') continue;
      const value = (node as Record<string, unknown>)[key];
      if (Array.isArray(value)) next.push(...(value as unknown[]));
      else if (value !== undefined) next.push(value);
    }
    current = next;
  }
  return current;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Strips a base URL and `_history/n` so `http://x/fhir/Slot/1/_history/2` indexes as `Slot/1`. */
export function normaliseReference(reference: string): string {
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return m ? `${m[1] ?? ''}/${m[2] ?? ''}` : reference;
}

function entriesFor(def: SearchParamDef, value: unknown, out: IndexEntry[]): void {
  const param = def.name;
  switch (def.kind) {
    case 'token': {
      if (typeof value === 'string' || typeof value === 'boolean') {
        out.push({ param, kind: 'token', system: '', code: String(value) });
        return;
      }
      if (value === null || typeof value !== 'object') return;
      const o = value as Record<string, unknown>;
      const codings = Array.isArray(o.coding) ? (o.coding as unknown[]) : [o];
      for (const c of codings) {
        if (c === null || typeof c !== 'object') continue;
        const coding = c as Record<string, unknown>;
        const code = str(coding.code) ?? str(coding.value);
        if (code !== undefined) out.push({ param, kind: 'token', system: str(coding.system) ?? '', code });
      }
      return;
    }
    case 'string': {
      if (typeof value === 'string') out.push({ param, kind: 'string', value });
      else if (value !== null && typeof value === 'object') {
        const text = str((value as Record<string, unknown>).text);
        if (text !== undefined) out.push({ param, kind: 'string', value: text });
      }
      return;
    }
    case 'reference': {
      const ref =
        value !== null && typeof value === 'object'
          ? str((value as Record<string, unknown>).reference)
          : undefined;
      if (ref !== undefined) out.push({ param, kind: 'reference', value: normaliseReference(ref) });
      return;
    }
    case 'date': {
      if (typeof value === 'string') {
        const range = dateRange(value);
        if (range) out.push({ param, kind: 'date', ...range });
      } else if (value !== null && typeof value === 'object') {
        const period = value as Record<string, unknown>;
        const start = str(period.start) !== undefined ? dateRange(str(period.start) ?? '') : undefined;
        const end = str(period.end) !== undefined ? dateRange(str(period.end) ?? '') : undefined;
        if (start || end) {
          out.push({
            param,
            kind: 'date',
            low: start?.low ?? Number.MIN_SAFE_INTEGER,
            high: end?.high ?? Number.MAX_SAFE_INTEGER,
          });
        }
      }
      return;
    }
  }
}

/** Index rows of a resource for its type's generic search parameters. */
export function extractIndex(resource: Resource): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const def of paramsOf(resource.resourceType)) {
    for (const path of def.paths) {
      for (const value of valuesAt(resource, path)) entriesFor(def, value, out);
    }
  }
  return out;
}

/** References a resource makes through a reference parameter (for `_include`). */
export function referencesOf(resource: Resource, def: SearchParamDef): string[] {
  const out: IndexEntry[] = [];
  for (const path of def.paths) for (const value of valuesAt(resource, path)) entriesFor(def, value, out);
  return out.flatMap((e) => (e.kind === 'reference' ? [e.value] : []));
}
