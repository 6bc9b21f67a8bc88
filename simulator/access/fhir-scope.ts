/**
 * The FHIR endpoint seen through an organisation's access scope (shared, TLS mode). The appointment rule
 * of `scope.ts` (an appointment belongs to its service organiser, Provenance agent role 10) applied to
 * the two things the FHIR layer does with the store:
 *
 * - **Reads** go through `scopedStore`, a view of the store whose FHIR repository adds the organiser
 *   criterion to every Appointment search (so paging and totals stay right), answers "never existed" for
 *   another organisation's appointment or Provenance, and leaves those out of history. Handlers do not
 *   know they are scoped, which is why one view covers search, read, vread, history, `_page` and Bundle
 *   entries alike. A Schedule or Slot belongs to the organisations its actors name (schedule-scope.ts):
 *   hidden when it names only others; one naming none stays shared, as do the other scheduling resources.
 *   Provenance, Schedule and Slot searches and every history are filtered per resource
 *   (`visibleWindow`), so their pages and totals count the caller's own resources only.
 * - **Writes** are judged before a handler runs (`fhirWriteRefusal`): every Provenance in the body must
 *   name a service organiser in scope, an appointment changed or nullified by id must be one the
 *   caller may see, and a Schedule, Slot, HealthcareService, Location, PractitionerRole or
 *   Organization written (in the body, or changed by id) may name only organisations in scope. The
 *   refusal names the organisation and what it tried.
 */
import type { Bundle, Provenance, Resource } from 'fhir/r4.js';
import type { StoredResource } from '../domain/fhir.ts';
import type { Finding } from '../domain/findings.ts';
import { serviceOrganiserOid } from '../fhir/validation/kanta-profiles.ts';
import {
  EXACT_TOTAL_LIMIT,
  MAX_FHIR_PAGE,
  type FhirRepository,
  type SearchCriterion,
  type TotalMode,
} from '../store/fhir-types.ts';
import type { Store } from '../store/types.ts';
import {
  maySeeScheduling,
  outsideScope,
  schedulingOrganisations,
  WRITE_SCOPED,
  writeOrganisations,
} from './schedule-scope.ts';
import { maySeeOrganiser, organiserFilter, type AccessScope } from './scope.ts';

const SCHEDULING = new Set(['Schedule', 'Slot']);
/** The types whose visibility depends on the organisation (storedVisible); every other type is everyone's. */
const SCOPED_TYPES = new Set(['Appointment', 'Provenance', ...SCHEDULING]);

function organiserCriterion(scope: AccessScope): SearchCriterion {
  return {
    param: 'service-organiser',
    kind: 'token',
    values: organiserFilter(scope).map((code) => ({ code })),
  };
}

async function appointmentVisible(fhir: FhirRepository, scope: AccessScope, id: string): Promise<boolean> {
  if (scope.organisations.size === 0) return false;
  const found = await fhir.search({
    resourceType: 'Appointment',
    criteria: [{ param: '_id', kind: 'id', values: [id] }, organiserCriterion(scope)],
    count: 0,
    offset: 0,
    includeDeleted: true,
  });
  return found.total > 0;
}

/** The appointment a Provenance targets (`Appointment/{id}/_history/{v}`), when it names one. */
function targetAppointment(p: Provenance): string | undefined {
  // Checked before validation, so a body may lack the (required) target.
  const targets = p.target as Provenance['target'] | undefined;
  const ref = targets?.[0]?.reference ?? '';
  return /^Appointment\/([^/]+)/.exec(ref)?.[1];
}

async function provenanceVisible(fhir: FhirRepository, scope: AccessScope, p: Provenance): Promise<boolean> {
  const organiser = serviceOrganiserOid(p);
  if (organiser !== undefined) return maySeeOrganiser(scope, organiser);
  const target = targetAppointment(p);
  return target !== undefined && appointmentVisible(fhir, scope, target);
}

/** Whether a stored version (or delete marker) may be seen in this scope. */
async function storedVisible(
  fhir: FhirRepository,
  scope: AccessScope,
  stored: StoredResource,
): Promise<boolean> {
  if (stored.resourceType === 'Appointment') return appointmentVisible(fhir, scope, stored.id);
  if (stored.resourceType === 'Provenance') {
    if (stored.resource === undefined) {
      const live = await fhir.history({ resourceType: 'Provenance', id: stored.id, count: 2, offset: 0 });
      const last = live.versions.find((v) => v.resource !== undefined)?.resource;
      return last !== undefined && provenanceVisible(fhir, scope, last as Provenance);
    }
    return provenanceVisible(fhir, scope, stored.resource as Provenance);
  }
  if (SCHEDULING.has(stored.resourceType)) {
    const resource = stored.resource ?? (await lastLive(fhir, stored));
    if (resource === undefined) return true;
    return maySeeScheduling(scope, (await schedulingOrganisations(fhir, resource)) ?? []);
  }
  return true;
}

/** The newest version of a deleted resource that still had content. */
async function lastLive(fhir: FhirRepository, stored: StoredResource): Promise<Resource | undefined> {
  const versions = await fhir.history({
    resourceType: stored.resourceType,
    id: stored.id,
    count: 2,
    offset: 0,
  });
  return versions.versions.find((v) => v.resource !== undefined)?.resource;
}

/** Matches read from the store per step while a scoped page and its total are worked out. */
const SCAN_CHUNK = 200;

/**
 * A page of what the scope may see, from a store read that cannot filter by visibility itself (a search
 * of Provenance, Schedule or Slot, a history): the store's answers are walked in the store's order,
 * SCAN_CHUNK at a time, keeping the visible ones, until the page is full and the total is known as far
 * as `_total` asks: every visible one for `accurate`, up to EXACT_TOTAL_LIMIT for `estimate` (beyond, a
 * lower bound), the page and one more for `none`. So offsets, pages and totals are in the caller's own
 * resources: another organisation's neither shorten a page nor show in a total. It costs in proportion
 * to what it walks. An appointment's visibility is looked up once per walk (its versions share it).
 */
async function visibleWindow(
  fhir: FhirRepository,
  scope: AccessScope,
  read: (offset: number, count: number) => Promise<StoredResource[]>,
  page: { count: number; offset: number; total?: TotalMode | undefined },
): Promise<{ items: StoredResource[]; total: number; exact?: false }> {
  const count = Math.min(Math.max(page.count, 0), MAX_FHIR_PAGE);
  const offset = Math.max(page.offset, 0);
  const mode = page.total ?? 'estimate';
  const appointments = new Map<string, boolean>();
  const visible = async (stored: StoredResource): Promise<boolean> => {
    if (stored.resourceType !== 'Appointment') return storedVisible(fhir, scope, stored);
    let known = appointments.get(stored.id);
    if (known === undefined) {
      known = await appointmentVisible(fhir, scope, stored.id);
      appointments.set(stored.id, known);
    }
    return known;
  };
  const items: StoredResource[] = [];
  let seen = 0;
  for (let at = 0; ; at += SCAN_CHUNK) {
    const chunk = await read(at, SCAN_CHUNK);
    for (const stored of chunk) {
      if (!(await visible(stored))) continue;
      if (seen >= offset && items.length < count) items.push(stored);
      seen++;
    }
    if (chunk.length < SCAN_CHUNK) return { items, total: seen };
    // One visible past the page: another page follows, and the count may stop where `_total` lets it.
    const pageKnown = seen > offset + count;
    if (pageKnown && (mode === 'none' || (mode === 'estimate' && seen > EXACT_TOTAL_LIMIT)))
      return { items, total: seen, exact: false };
  }
}

/** The FHIR repository as an organisation sees it. Writes pass through (they are judged before). */
export function scopedFhir(fhir: FhirRepository, scope: AccessScope): FhirRepository {
  return {
    create: (resource, options) => fhir.create(resource, options),
    update: (resource, options) => fhir.update(resource, options),
    delete: (type, id, options) => fhir.delete(type, id, options),
    read: async (type, id) => {
      const stored = await fhir.read(type, id);
      return stored && (await storedVisible(fhir, scope, stored)) ? stored : undefined;
    },
    vread: async (type, id, versionId) => {
      const current = await fhir.read(type, id);
      if (!current || !(await storedVisible(fhir, scope, current))) return undefined;
      return fhir.vread(type, id, versionId);
    },
    history: async (query) => {
      // A type every organisation sees (Patient, Organization, …): the store's own page and total.
      if (query.resourceType !== undefined && !SCOPED_TYPES.has(query.resourceType))
        return fhir.history(query);
      const { items, ...total } = await visibleWindow(
        fhir,
        scope,
        async (offset, count) => (await fhir.history({ ...query, offset, count, total: 'none' })).versions,
        query,
      );
      return { versions: items, ...total };
    },
    search: async (query) => {
      if (query.resourceType === 'Appointment') {
        if (scope.organisations.size === 0) return { matches: [], total: 0 };
        return fhir.search({ ...query, criteria: [...query.criteria, organiserCriterion(scope)] });
      }
      if (query.resourceType !== 'Provenance' && !SCHEDULING.has(query.resourceType))
        return fhir.search(query);
      const { items, ...total } = await visibleWindow(
        fhir,
        scope,
        async (offset, count) => (await fhir.search({ ...query, offset, count, total: 'none' })).matches,
        query,
      );
      return { matches: items, ...total };
    },
  };
}

/** The store with its FHIR repository seen through `scope`; everything else is the store itself. */
export function scopedStore(store: Store, scope: AccessScope): Store {
  const fhir = scopedFhir(store.fhir, scope);
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'fhir') return fhir;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// ---------------------------------------------------------------- writes

export interface FhirWrite {
  method: string;
  /** Path parameters of the matched route (`type`, `id`). */
  path: Readonly<Record<string, string>>;
  body?: unknown;
}

function provenancesOf(body: unknown): { p: Provenance; at: string }[] {
  const resource = body as Resource | undefined;
  if (resource?.resourceType === 'Provenance') return [{ p: resource as Provenance, at: 'Provenance' }];
  if (resource?.resourceType !== 'Bundle') return [];
  const entries = (resource as Bundle).entry ?? [];
  const out: { p: Provenance; at: string }[] = [];
  entries.forEach((e, i) => {
    if (e.resource?.resourceType === 'Provenance')
      out.push({ p: e.resource as Provenance, at: `Bundle.entry[${i}].resource` });
  });
  return out;
}

/** Appointments a write changes by id: the URL's, or a Bundle entry's `PUT`/`DELETE Appointment/<id>`. */
function changedAppointments(write: FhirWrite): { id: string; at: string }[] {
  const out: { id: string; at: string }[] = [];
  if (write.path.type === 'Appointment' && write.path.id !== undefined && write.method !== 'GET')
    out.push({ id: write.path.id, at: 'Appointment.id' });
  const body = write.body as Bundle | undefined;
  if (body?.resourceType === 'Bundle') {
    (body.entry ?? []).forEach((e, i) => {
      const method = e.request?.method;
      const id = /^Appointment\/([^/?]+)/.exec(e.request?.url ?? '')?.[1];
      if (id !== undefined && method !== undefined && method !== 'GET')
        out.push({ id, at: `Bundle.entry[${i}].request.url` });
    });
  }
  return out;
}

/** Resources of the write-scoped kinds in a write's body (the resource, or a Bundle's entries). */
function scopedWritesOf(body: unknown): { r: Resource; at: string }[] {
  const resource = body as Resource | undefined;
  if (resource !== undefined && WRITE_SCOPED.has(resource.resourceType))
    return [{ r: resource, at: resource.resourceType }];
  if (resource?.resourceType !== 'Bundle') return [];
  const out: { r: Resource; at: string }[] = [];
  ((resource as Bundle).entry ?? []).forEach((e, i) => {
    if (e.resource !== undefined && WRITE_SCOPED.has(e.resource.resourceType))
      out.push({ r: e.resource, at: `Bundle.entry[${i}].resource` });
  });
  return out;
}

/** Write-scoped resources a write changes by id: the URL's, or a Bundle entry's `PUT`/`DELETE {type}/<id>`. */
function changedScoped(write: FhirWrite): { type: string; id: string; at: string }[] {
  const out: { type: string; id: string; at: string }[] = [];
  const type = write.path.type;
  if (type !== undefined && WRITE_SCOPED.has(type) && write.path.id !== undefined && write.method !== 'GET')
    out.push({ type, id: write.path.id, at: `${type}.id` });
  const body = write.body as Bundle | undefined;
  if (body?.resourceType === 'Bundle') {
    (body.entry ?? []).forEach((e, i) => {
      const method = e.request?.method;
      const m = /^([A-Za-z]+)\/([^/?]+)/.exec(e.request?.url ?? '');
      if (m && WRITE_SCOPED.has(m[1] ?? '') && method !== undefined && method !== 'GET' && method !== 'POST')
        out.push({ type: m[1] ?? '', id: m[2] ?? '', at: `Bundle.entry[${i}].request.url` });
    });
  }
  return out;
}

/** Where a refusal of a write-scoped resource points: what names its organisation. */
const OWNER_PATH: Readonly<Record<string, string>> = {
  Schedule: 'actor',
  Slot: 'schedule',
  HealthcareService: 'providedBy',
  Location: 'managingOrganization',
  PractitionerRole: 'organization',
  Organization: 'identifier',
};

/**
 * Why an organisation may not make this write (`FHIR-ACCESS-002`), or undefined when it may.
 * `caller` is how the refusal names it ("organisation 1.2.246.… (Name)").
 */
export async function fhirWriteRefusal(
  fhir: FhirRepository,
  scope: AccessScope,
  caller: string,
  write: FhirWrite,
): Promise<Finding | undefined> {
  for (const { p, at } of provenancesOf(write.body)) {
    const organiser = serviceOrganiserOid(p);
    if (organiser !== undefined && !maySeeOrganiser(scope, organiser))
      return {
        code: 'FHIR-ACCESS-002',
        severity: 'error',
        path: `${at}.agent.who.identifier.value`,
        message: `${caller} may not submit appointments for service organiser ${organiser}: an organisation submits only for itself, its units and the organisations it is a registered connection point for`,
      };
  }
  for (const { id, at } of changedAppointments(write)) {
    const stored = await fhir.read('Appointment', id);
    if (stored && !(await appointmentVisible(fhir, scope, id)))
      return {
        code: 'FHIR-ACCESS-002',
        severity: 'error',
        path: at,
        message: `${caller} may not change Appointment/${id}: its service organiser is another organisation`,
      };
  }
  for (const { r, at } of scopedWritesOf(write.body)) {
    const others = outsideScope(scope, (await writeOrganisations(fhir, r)) ?? []);
    if (others.length > 0)
      return {
        code: 'FHIR-ACCESS-002',
        severity: 'error',
        path: `${at}.${OWNER_PATH[r.resourceType] ?? 'id'}`,
        message: SCHEDULING.has(r.resourceType)
          ? `${caller} may not write a ${r.resourceType} of ${others.join(', ')}: a Schedule or Slot belongs to the organisations its schedule's actors name (HealthcareService.providedBy, Location.managingOrganization, PractitionerRole.organization)`
          : `${caller} may not write a ${r.resourceType} of ${others.join(', ')}: a HealthcareService, Location or PractitionerRole belongs to the organisation it names (providedBy, managingOrganization, organization), an Organization to the OIDs of its identifiers`,
      };
  }
  for (const { type, id, at } of changedScoped(write)) {
    const stored = await fhir.read(type, id);
    if (!stored?.resource) continue;
    const others = outsideScope(scope, (await writeOrganisations(fhir, stored.resource)) ?? []);
    if (others.length > 0)
      return {
        code: 'FHIR-ACCESS-002',
        severity: 'error',
        path: at,
        message: `${caller} may not change ${type}/${id}: it belongs to ${others.join(', ')}`,
      };
  }
  return undefined;
}
