/**
 * The viewer's reads, always bounded by the archivist's scope (scope.ts): find documents and
 * appointments, a person's timeline. Reads go straight to the Store in-process; nothing here writes
 * except the access log.
 */
import type { Appointment } from 'fhir/r4.js';
import { SERVICES, type Service } from '../domain/codes.ts';
import { isOid } from '../domain/oid.ts';
import {
  ARCHIVE_REPOSITORIES,
  type ArchivedDocument,
  type ArchivedDocumentStatus,
  type ArchiveRepositoryKind,
} from '../domain/cda.ts';
import type { SearchCriterion } from '../store/fhir-types.ts';
import type { StoredResource } from '../domain/fhir.ts';
import type { Store } from '../store/types.ts';
import type { AccessAction } from '../domain/events.ts';
import type { ArchivistScope } from './scope.ts';

/** Most rows one find shows; the page says when there were more. */
export const FIND_LIMIT = 200;

export interface FindCriteria {
  patient?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  repository?: ArchiveRepositoryKind;
  /** localHeader documentType code. */
  type?: string;
  service?: Service;
  status?: ArchivedDocumentStatus;
  /** Submitting organisation OID. */
  organisation?: string;
}

export interface CriteriaProblem {
  field: keyof FindCriteria;
  message: string;
}

const STATUSES: readonly ArchivedDocumentStatus[] = ['current', 'replaced', 'nullified'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the find form's query parameters; problems are shown beside the fields, never thrown. */
export function parseCriteria(query: Record<string, unknown>): {
  criteria: FindCriteria;
  problems: CriteriaProblem[];
  given: boolean;
} {
  const criteria: FindCriteria = {};
  const problems: CriteriaProblem[] = [];
  const text = (name: string): string | undefined => {
    const v = query[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const patient = text('patient');
  if (patient !== undefined) {
    if (/^[0-9A-Za-z+\-.]{6,64}$/.test(patient)) criteria.patient = patient.toUpperCase();
    else problems.push({ field: 'patient', message: 'Give an identity code such as 010181-900C.' });
  }
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    if (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) criteria[name] = v;
    else problems.push({ field: name, message: 'Give a date as YYYY-MM-DD.' });
  }
  const repository = text('repository');
  if (repository !== undefined) {
    if ((ARCHIVE_REPOSITORIES as readonly string[]).includes(repository))
      criteria.repository = repository as ArchiveRepositoryKind;
    else problems.push({ field: 'repository', message: 'Choose PTA or social welfare.' });
  }
  const type = text('type');
  if (type !== undefined) {
    if (/^[A-Za-z0-9._-]{1,20}$/.test(type)) criteria.type = type;
    else problems.push({ field: 'type', message: 'Give a document type code such as 1 or 4.' });
  }
  const service = text('service');
  if (service !== undefined) {
    if ((SERVICES as readonly string[]).includes(service)) criteria.service = service as Service;
    else problems.push({ field: 'service', message: 'Choose a Kanta service from the list.' });
  }
  const status = text('status');
  if (status !== undefined) {
    if ((STATUSES as readonly string[]).includes(status)) criteria.status = status as ArchivedDocumentStatus;
    else problems.push({ field: 'status', message: 'Choose current, replaced or nullified.' });
  }
  const organisation = text('organisation');
  if (organisation !== undefined) {
    if (isOid(organisation)) criteria.organisation = organisation;
    else problems.push({ field: 'organisation', message: 'Give an organisation OID.' });
  }
  // The form was sent (even with every field empty: that lists the register's latest).
  return { criteria, problems, given: Object.keys(query).length > 0 };
}

/** The organisations a document names as its submitter (customer, message sender, authors, provider). */
export function submittingOrganisations(doc: ArchivedDocument): string[] {
  const out = new Set<string>();
  if (doc.organisation !== undefined) out.add(doc.organisation);
  if (doc.message?.representedOrganisation !== undefined) out.add(doc.message.representedOrganisation);
  for (const a of doc.header.authors) if (a.organisation !== undefined) out.add(a.organisation);
  if (doc.header.encounter?.responsibleOrganisation !== undefined)
    out.add(doc.header.encounter.responsibleOrganisation);
  return [...out];
}

/** Which kinds of record a service filter selects: documents of a repository, appointments, or both. */
function serviceSelects(service: Service | undefined): {
  documents?: ArchiveRepositoryKind | 'any';
  appointments: boolean;
} {
  if (service === undefined) return { documents: 'any', appointments: true };
  if (service === 'pta-appointment') return { appointments: true };
  if (service === 'social-welfare') return { documents: 'social', appointments: false };
  return { documents: 'pta', appointments: false };
}

export interface FindResult {
  documents: ArchivedDocument[];
  documentsTotal: number;
  appointments: StoredResource<Appointment>[];
  appointmentsTotal: number;
}

export async function findDocuments(
  store: Store,
  scope: ArchivistScope,
  c: FindCriteria,
): Promise<{ documents: ArchivedDocument[]; total: number }> {
  const selects = serviceSelects(c.service);
  if (selects.documents === undefined) return { documents: [], total: 0 };
  if (selects.documents !== 'any' && c.repository !== undefined && c.repository !== selects.documents)
    return { documents: [], total: 0 };
  const repository = c.repository ?? (selects.documents === 'any' ? undefined : selects.documents);
  const page = await store.archive.search({
    custodian: scope.registerController.oid,
    includeNullified: true,
    includeReplaced: true,
    limit: 1000,
    ...(c.patient !== undefined && { patient: c.patient }),
    ...(repository !== undefined && { repository }),
    ...(c.type !== undefined && { type: c.type }),
    ...(c.from !== undefined && { from: c.from }),
    ...(c.to !== undefined && { to: c.to }),
  });
  const org = c.organisation;
  const matching = page.documents.filter(
    (d) =>
      (c.status === undefined || d.status === c.status) &&
      (org === undefined || submittingOrganisations(d).includes(org)),
  );
  return { documents: matching.slice(0, FIND_LIMIT), total: matching.length };
}

function dayMs(date: string, end: boolean): number {
  return Date.parse(`${date}T00:00:00Z`) + (end ? 86_400_000 : 0);
}

export async function findAppointments(
  store: Store,
  scope: ArchivistScope,
  c: FindCriteria,
): Promise<{ appointments: StoredResource<Appointment>[]; total: number }> {
  const selects = serviceSelects(c.service);
  // Appointments have no repository kind other than PTA and no document type; a nullified appointment
  // (delete marker) is found with includeDeleted; "replaced" is a document status only.
  if (!selects.appointments || c.repository === 'social' || c.type !== undefined)
    return { appointments: [], total: 0 };
  if (c.status === 'replaced') return { appointments: [], total: 0 };
  const organisers =
    c.organisation === undefined
      ? [...scope.appointmentOrganisations]
      : scope.appointmentOrganisations.has(c.organisation)
        ? [c.organisation]
        : [];
  if (organisers.length === 0) return { appointments: [], total: 0 };
  const criteria: SearchCriterion[] = [
    { param: 'service-organiser', kind: 'token', values: organisers.map((code) => ({ code })) },
  ];
  if (c.patient !== undefined)
    criteria.push({
      param: 'patient:identifier',
      kind: 'token',
      values: [{ system: 'urn:oid:1.2.246.21', code: c.patient }],
    });
  if (c.from !== undefined)
    criteria.push({
      param: 'date',
      kind: 'date',
      prefix: 'ge',
      low: dayMs(c.from, false),
      high: dayMs(c.from, true),
    });
  if (c.to !== undefined)
    criteria.push({
      param: 'date',
      kind: 'date',
      prefix: 'le',
      low: dayMs(c.to, false),
      high: dayMs(c.to, true),
    });
  const result = await store.fhir.search({
    resourceType: 'Appointment',
    criteria,
    sort: [{ param: 'date', descending: true }],
    count: c.status === 'nullified' ? 1000 : FIND_LIMIT,
    offset: 0,
    includeDeleted: c.status !== 'current',
  });
  let matches = result.matches as StoredResource<Appointment>[];
  let total = result.total;
  if (c.status === 'nullified') {
    matches = matches.filter((m) => m.deleted);
    total = matches.length;
    matches = matches.slice(0, FIND_LIMIT);
  }
  return { appointments: await Promise.all(matches.map((m) => withLastBody(store, m))), total };
}

/**
 * A nullified appointment's current version is a delete marker without a body; for lists and the
 * timeline, give it the body of its last live version (it stays marked `deleted`).
 */
export async function withLastBody(
  store: Store,
  stored: StoredResource<Appointment>,
): Promise<StoredResource<Appointment>> {
  if (!stored.deleted || stored.resource !== undefined) return stored;
  const { versions } = await store.fhir.history({
    resourceType: 'Appointment',
    id: stored.id,
    count: 50,
    offset: 0,
  });
  const live = versions.find((v) => v.resource !== undefined)?.resource as Appointment | undefined;
  return live === undefined ? stored : { ...stored, resource: live };
}

/** Records that the archivist was shown data of these persons. */
export async function logAccess(
  store: Store,
  scope: ArchivistScope,
  action: AccessAction,
  patients: Iterable<string | undefined>,
  target: string | undefined,
  requestId: string | undefined,
): Promise<void> {
  const unique = [...new Set([...patients].filter((p): p is string => p !== undefined && p !== ''))];
  if (unique.length === 0) return;
  await store.accessLog.append(
    unique.map((patient) => ({
      archivist: scope.archivist.id,
      archivistName: scope.archivist.name,
      registerController: scope.registerController.oid,
      action,
      patient,
      ...(target !== undefined && { target }),
      ...(requestId !== undefined && { requestId }),
    })),
  );
}

/** Names of the registered organisations among `oids`, by OID (for pages that mention them). */
export async function organisationNames(
  store: Store,
  oids: readonly (string | undefined)[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const oid of new Set(oids)) {
    if (oid === undefined) continue;
    const org = await store.registry.getOrganisation(oid);
    if (org) names.set(oid, org.name);
  }
  return names;
}
