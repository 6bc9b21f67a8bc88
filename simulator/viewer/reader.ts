/**
 * The viewer's one door to the store. `ViewerData` is built once from the Store; it answers the few
 * reads that come before anyone is signed in (accounts for the sign-in page, the scope of a session)
 * and hands out a `ScopedReader` per request, built from the signed-in archivist's scope. Routes only
 * ever see a reader: every query and every "may see" decision is here, so a route cannot forget one.
 *
 * How scope is applied (the rules are `simulator/access/scope.ts`):
 * - lists are filtered by the store (custodian, service organiser, event and run organisations), so a
 *   page and its total are right however much is stored: no fetching a thousand rows to filter them;
 * - single reads (a document, an appointment, a run, an event) are read and then checked with the same
 *   rule; out of scope reads as "not there", so pages answer 404 without telling why;
 * - an appointment is visible only through its service organiser (the `service-organiser` index row
 *   the FHIR layer writes from the latest Provenance's role-10 agent); no other Provenance agent counts.
 *
 * Stored records are read defensively (`safely`): the viewer must show what rehearsal mode stored, even
 * when it is odd, and one odd record never fails a page.
 */
import type { Appointment, Provenance } from 'fhir/r4.js';
import {
  documentFilter,
  eventFilter,
  maySeeDocument,
  maySeeEvent,
  maySeeRun,
  organiserFilter,
  resolveScope,
  runFilter,
} from '../access/scope.ts';
import type { ArchivedDocument, ArchivedDocumentStatus, ArchiveRepositoryKind } from '../domain/cda.ts';
import type { Service } from '../domain/codes.ts';
import type { AccessAction, AccessLogEntry, SubmissionEvent } from '../domain/events.ts';
import type { StoredResource } from '../domain/fhir.ts';
import type { Archivist, Organisation, TestPerson } from '../domain/registry.ts';
import type { RunRecord, RunSummary } from '../domain/runs.ts';
import type { EventLog } from '../events/log.ts';
import { EventStreams } from '../events/sse.ts';
import { patientsOf } from '../fhir/appointment-index.ts';
import { serviceOrganiserOid } from '../fhir/validation/kanta-profiles.ts';
import type { RunWireScenario } from '../../common/run-wire.ts';
import type { SearchCriterion } from '../store/fhir-types.ts';
import type { Store } from '../store/types.ts';
import { FIND_LIMIT, type FindCriteria } from './queries.ts';
import { expectationsFor, scenarioOf } from './runs.ts';
import type { ArchivistScope } from './scope.ts';

/** Most documents and appointments a person's timeline shows. */
export const TIMELINE_LIMIT = 1000;
/** Most versions and Provenances an appointment page shows. */
export const APPOINTMENT_VERSIONS = 1000;

const ALL_STATUSES: readonly ArchivedDocumentStatus[] = ['current', 'replaced', 'nullified'];

/** `fn()`, or `fallback` when an odd stored record makes it throw. */
export function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/**
 * A stored document with the header lists and groups every page iterates filled in when the stored
 * record lacks them (a header field missing must cost that field, not the page).
 */
export function withHeaderDefaults(doc: ArchivedDocument): ArchivedDocument {
  // The stored JSON may hold anything: read it as unknown first.
  const rawHeader: unknown = doc.header;
  const h = (typeof rawHeader === 'object' && rawHeader !== null ? rawHeader : {}) as Partial<
    ArchivedDocument['header']
  >;
  const list = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
  const rawLocal: unknown = h.localHeader;
  const local = (typeof rawLocal === 'object' && rawLocal !== null ? rawLocal : {}) as Partial<
    ArchivedDocument['header']['localHeader']
  >;
  const header = {
    ...h,
    documentOid: typeof h.documentOid === 'string' ? h.documentOid : doc.oid,
    id: h.id ?? { root: doc.oid },
    templateIds: list(h.templateIds),
    authors: list(h.authors),
    relatedDocuments: list(h.relatedDocuments),
    viewCodes: list(h.viewCodes),
    social: h.social ?? {},
    localHeader: {
      ...local,
      present: local.present === true,
      tableOfContents: list(local.tableOfContents),
      serviceChainLinks: list(local.serviceChainLinks),
      episodeLinks: list(local.episodeLinks),
      signatures: list(local.signatures),
      otherElements: list(local.otherElements),
    },
  };
  return { ...doc, header, findings: list(doc.findings) };
}

/** The first patient identifier of an appointment (for links and the access log). */
export function appointmentPatient(resource: Appointment | undefined): string | undefined {
  return patientsOf(resource)[0];
}

/** The service organiser OID a Provenance names (its one role-10 agent), read defensively. */
export function provenanceOrganiser(provenance: Provenance | undefined): string | undefined {
  if (provenance === undefined || !Array.isArray(provenance.agent)) return undefined;
  return safely(() => serviceOrganiserOid(provenance), undefined);
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

function dayMs(date: string, end: boolean): number {
  return Date.parse(`${date}T00:00:00Z`) + (end ? 86_400_000 : 0);
}

export interface AppointmentView {
  current: StoredResource<Appointment>;
  /** Newest first. */
  history: StoredResource<Appointment>[];
  /** Newest first. */
  provenances: StoredResource<Provenance>[];
  patient?: string;
  /** The service organiser of the newest Provenance that names one. */
  organiser?: string;
  /** Names of the organisations in scope, by OID. */
  names: Map<string, string>;
}

/** Every read of one signed-in archivist, bounded by that archivist's scope. */
export class ScopedReader {
  constructor(
    private readonly store: Store,
    readonly scope: ArchivistScope,
  ) {}

  private get access(): ArchivistScope['access'] {
    return this.scope.access;
  }

  // ------------------------------------------------------------ find and timeline

  async findDocuments(
    c: FindCriteria,
  ): Promise<{ documents: ArchivedDocument[]; total: number; exact?: boolean }> {
    const selects = serviceSelects(c.service);
    if (selects.documents === undefined) return { documents: [], total: 0 };
    if (selects.documents !== 'any' && c.repository !== undefined && c.repository !== selects.documents)
      return { documents: [], total: 0 };
    const repository = c.repository ?? (selects.documents === 'any' ? undefined : selects.documents);
    const page = await this.store.archive.search({
      ...documentFilter(this.access),
      statuses: c.status === undefined ? ALL_STATUSES : [c.status],
      limit: FIND_LIMIT,
      ...(c.patient !== undefined && { patient: c.patient }),
      ...(repository !== undefined && { repository }),
      ...(c.type !== undefined && { type: c.type }),
      ...(c.from !== undefined && { from: c.from }),
      ...(c.to !== undefined && { to: c.to }),
      ...(c.organisation !== undefined && { submitter: c.organisation }),
    });
    return {
      documents: page.documents.map(withHeaderDefaults),
      total: page.total,
      exact: page.exact !== false,
    };
  }

  async findAppointments(
    c: FindCriteria,
    limit = FIND_LIMIT,
  ): Promise<{ appointments: StoredResource<Appointment>[]; total: number; exact?: boolean }> {
    const none = { appointments: [], total: 0 };
    const selects = serviceSelects(c.service);
    // Appointments have no repository kind other than PTA and no document type; "replaced" is a
    // document status only; a nullified appointment is a delete marker.
    if (!selects.appointments || c.repository === 'social' || c.type !== undefined) return none;
    if (c.status === 'replaced') return none;
    const organisers = organiserFilter(this.access, c.organisation);
    if (organisers.length === 0) return none;
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
    const result = await this.store.fhir.search({
      resourceType: 'Appointment',
      criteria,
      sort: [{ param: 'date', descending: true }],
      count: limit,
      offset: 0,
      ...(c.status === 'nullified' ? { onlyDeleted: true } : { includeDeleted: c.status !== 'current' }),
    });
    const matches = result.matches as StoredResource<Appointment>[];
    return {
      appointments: await Promise.all(matches.map((m) => this.withLastBody(m))),
      total: result.total,
      exact: result.exact !== false,
    };
  }

  /**
   * A nullified appointment's current version is a delete marker without a body; for lists and the
   * timeline, give it the body of its last live version (it stays marked `deleted`).
   */
  private async withLastBody(stored: StoredResource<Appointment>): Promise<StoredResource<Appointment>> {
    if (!stored.deleted || stored.resource !== undefined) return stored;
    const { versions } = await this.store.fhir.history({
      resourceType: 'Appointment',
      id: stored.id,
      count: 50,
      offset: 0,
    });
    const live = versions.find((v) => v.resource !== undefined)?.resource as Appointment | undefined;
    return live === undefined ? stored : { ...stored, resource: live };
  }

  /** A person's documents and appointments in this register, and what the pool knows of the code. */
  async timeline(hetu: string): Promise<{
    documents: ArchivedDocument[];
    appointments: StoredResource<Appointment>[];
    person?: TestPerson;
    name?: string;
  }> {
    const page = await this.store.archive.search({
      ...documentFilter(this.access),
      patient: hetu,
      statuses: ALL_STATUSES,
      limit: TIMELINE_LIMIT,
    });
    const { appointments } = await this.findAppointments({ patient: hetu }, TIMELINE_LIMIT);
    const person = await this.store.registry.getTestPerson(hetu);
    const name = page.documents
      .map((d) => safely(() => d.header.patient?.name, undefined))
      .find((n) => n !== undefined);
    return {
      documents: page.documents.map(withHeaderDefaults),
      appointments,
      ...(person !== undefined && { person }),
      ...(name !== undefined && { name }),
    };
  }

  /** The registered organisations of the scope, by OID (for the find form's organisation filter). */
  async inScopeOrganisations(): Promise<Organisation[]> {
    const orgs: Organisation[] = [];
    for (const oid of organiserFilter(this.access)) {
      const org = await this.store.registry.getOrganisation(oid);
      if (org) orgs.push(org);
    }
    return orgs;
  }

  /** Names of the registered organisations among `oids`, by OID (for pages that mention them). */
  async organisationNames(oids: readonly unknown[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const oid of new Set(oids)) {
      if (typeof oid !== 'string' || oid === '') continue;
      const org = await this.store.registry.getOrganisation(oid);
      if (org) names.set(oid, org.name);
    }
    return names;
  }

  // ------------------------------------------------------------ documents

  /** The document, when it exists and is in this register. */
  async document(oid: string): Promise<ArchivedDocument | undefined> {
    const doc = await this.store.archive.get(oid);
    return doc !== undefined && maySeeDocument(this.access, doc) ? withHeaderDefaults(doc) : undefined;
  }

  /** The versions of a visible document's set that are in this register, oldest first. */
  async versions(doc: ArchivedDocument): Promise<ArchivedDocument[]> {
    return (await this.store.archive.versions(doc.setId))
      .filter((v) => maySeeDocument(this.access, v))
      .map(withHeaderDefaults);
  }

  /** The stored XML of a document this reader returned, byte-exact. */
  async xml(doc: ArchivedDocument): Promise<Uint8Array | undefined> {
    return maySeeDocument(this.access, doc) ? this.store.archive.getXml(doc.oid) : undefined;
  }

  async xmlText(doc: ArchivedDocument): Promise<string | undefined> {
    const bytes = await this.xml(doc);
    return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
  }

  // ------------------------------------------------------------ appointments

  /** True when the appointment's service organiser (search index, nullified ones too) is in scope. */
  private async appointmentVisible(id: string): Promise<boolean> {
    const organisers = organiserFilter(this.access).map((code) => ({ code }));
    if (organisers.length === 0) return false;
    const indexed = await this.store.fhir.search({
      resourceType: 'Appointment',
      criteria: [
        { param: '_id', kind: 'id', values: [id] },
        { param: 'service-organiser', kind: 'token', values: organisers },
      ],
      count: 0,
      offset: 0,
      includeDeleted: true,
    });
    return indexed.total > 0;
  }

  /** An appointment with its history and Provenances, when its service organiser is in scope. */
  async appointment(id: string): Promise<AppointmentView | undefined> {
    if (!(await this.appointmentVisible(id))) return undefined;
    const current = (await this.store.fhir.read('Appointment', id)) as
      StoredResource<Appointment> | undefined;
    if (!current) return undefined;
    const provenances = (
      await this.store.fhir.search({
        resourceType: 'Provenance',
        criteria: [{ param: 'target', kind: 'reference', values: [`Appointment/${id}`] }],
        sort: [{ param: '_lastUpdated', descending: true }],
        count: APPOINTMENT_VERSIONS,
        offset: 0,
      })
    ).matches as StoredResource<Provenance>[];
    const history = (
      await this.store.fhir.history({
        resourceType: 'Appointment',
        id,
        count: APPOINTMENT_VERSIONS,
        offset: 0,
      })
    ).versions as StoredResource<Appointment>[];
    const patient = appointmentPatient(current.resource ?? history.find((v) => v.resource)?.resource);
    const organiser = provenances.map((p) => provenanceOrganiser(p.resource)).find((o) => o !== undefined);
    const names = await this.organisationNames([...organiserFilter(this.access), organiser]);
    return {
      current,
      history,
      provenances,
      names,
      ...(patient !== undefined && { patient }),
      ...(organiser !== undefined && { organiser }),
    };
  }

  // ------------------------------------------------------------ submissions, runs, access log

  /** The newest `count` events in scope, newest first. */
  async recentEvents(count: number): Promise<SubmissionEvent[]> {
    return this.store.events.list({ ...eventFilter(this.access), newestFirst: true, limit: count });
  }

  /** One event of the log, when in scope. */
  async event(seq: number): Promise<SubmissionEvent | undefined> {
    if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
    const [event] = await this.store.events.list({ since: seq - 1, limit: 1 });
    return event !== undefined && event.seq === seq && maySeeEvent(this.access, event) ? event : undefined;
  }

  /** The event query of this scope, for the live stream (the store filters; the stream checks again). */
  eventQuery(): ReturnType<typeof eventFilter> {
    return eventFilter(this.access);
  }

  maySeeEvent(event: SubmissionEvent): boolean {
    return maySeeEvent(this.access, event);
  }

  async lastEventSeq(): Promise<number> {
    return this.store.events.lastSeq();
  }

  async runs(limit: number): Promise<RunSummary[]> {
    return this.store.runs.list({ ...runFilter(this.access), limit });
  }

  /** A recorded run and its scenario, when in scope. */
  async run(id: string): Promise<{ record: RunRecord; scenario: RunWireScenario } | undefined> {
    const record = await this.store.runs.get(id);
    if (!record || !maySeeRun(this.access, record)) return undefined;
    const scenario = safely(() => scenarioOf(record), undefined);
    return scenario === undefined ? undefined : { record, scenario };
  }

  /** Recent runs in scope that hold expectations for document `oid`, newest first. */
  async runsWithExpectations(oid: string, window = 50): Promise<{ run: RunSummary; fields: number }[]> {
    const out: { run: RunSummary; fields: number }[] = [];
    for (const summary of await this.runs(window)) {
      const found = await this.run(summary.id);
      if (!found) continue;
      const fields = Object.keys(safely(() => expectationsFor(found.record, oid), {})).length;
      if (fields > 0) out.push({ run: summary, fields });
    }
    return out;
  }

  async accessLog(patient: string | undefined, limit = 500): Promise<AccessLogEntry[]> {
    return this.store.accessLog.list({
      registerController: this.access.registerController,
      limit,
      ...(patient !== undefined && { patient }),
    });
  }

  /** Records that the archivist was shown data of these persons. */
  async logAccess(
    action: AccessAction,
    patients: Iterable<unknown>,
    target: string | undefined,
    requestId: string | undefined,
  ): Promise<void> {
    const unique = [...new Set([...patients].filter((p): p is string => typeof p === 'string' && p !== ''))];
    if (unique.length === 0) return;
    await this.store.accessLog.append(
      unique.map((patient) => ({
        archivist: this.scope.archivist.id,
        archivistName: this.scope.archivist.name,
        registerController: this.access.registerController,
        action,
        patient,
        ...(target !== undefined && { target }),
        ...(requestId !== undefined && { requestId }),
      })),
    );
  }
}

/** The viewer's store access: unscoped sign-in reads, scopes, and a scoped reader per request. */
export class ViewerData {
  constructor(private readonly store: Store) {}

  /** Active accounts, for the sign-in page's list. */
  async activeArchivists(): Promise<Archivist[]> {
    return (await this.store.registry.listArchivists()).filter((a) => a.active);
  }

  /** Register controllers by OID, for naming each account's register on the sign-in page. */
  async registers(): Promise<Map<string, Organisation>> {
    const out = new Map<string, Organisation>();
    for (const org of await this.store.registry.listOrganisations({ kind: 'register-controller' }))
      out.set(org.oid, org);
    return out;
  }

  async archivist(id: string): Promise<Archivist | undefined> {
    return this.store.registry.getArchivist(id);
  }

  /** The scope of an archivist, or undefined when the account, or its register controller, is gone. */
  async scopeOf(archivistId: string): Promise<ArchivistScope | undefined> {
    const archivist = await this.store.registry.getArchivist(archivistId);
    if (!archivist?.active) return undefined;
    const resolved = await resolveScope(this.store.registry, archivist.registerController);
    if (!resolved) return undefined;
    return {
      archivist,
      registerController: resolved.registerController,
      access: resolved.scope,
      ...(resolved.organisation !== undefined && { organisation: resolved.organisation }),
    };
  }

  readerFor(scope: ArchivistScope): ScopedReader {
    return new ScopedReader(this.store, scope);
  }

  /** Event streams over this store (the live view filters them per reader). */
  eventStreams(log: EventLog): EventStreams {
    return new EventStreams(this.store, log);
  }
}
