/**
 * The Store: every durable thing kantasim keeps, behind one interface.
 *
 * The interface is asynchronous even though the embedded SQLite implementation is synchronous
 * underneath, so that a server-backed implementation (PostgreSQL) can satisfy the same contract and run
 * the same contract tests (`store.contract.ts`).
 *
 * Atomic writes: `store.transaction(fn)` runs `fn` with a session whose repositories all write inside one
 * database transaction; it commits when `fn` resolves and rolls back when it throws. Transactions are
 * serialised, which is what makes conditional create hold under concurrency.
 */
import type { DocumentGroup, Service } from '../domain/codes.ts';
import type { Finding } from '../domain/findings.ts';
import type { ArchiveRepository } from './archive-types.ts';
import type { FhirRepository } from './fhir-types.ts';
import type { RunRepository } from './runs-types.ts';

// ---------------------------------------------------------------- registry records

export type OrganisationKind = 'organisation' | 'service-unit' | 'register-controller';

/** An entry of the national code server (SOTE organisation register) mock. */
export interface Organisation {
  oid: string;
  name: string;
  kind: OrganisationKind;
  /** The OID of the organisation this unit or register controller belongs to. */
  partOf?: string;
  public: boolean;
  /** False when the entry is no longer current in the code server. */
  active: boolean;
  /** When the code-server entry was last confirmed up to date (ISO date-time). */
  updatedAt: string;
}

export type SystemCategory = 'A' | 'B';

/** A Kanta-certified information system. */
export interface CertifiedSystem {
  id: string;
  vendor: string;
  product: string;
  version: string;
  category: SystemCategory;
  certifiedFor: Service[];
  /** For a category-B system: the id of the certified category-A system it connects through. */
  connectsThrough?: string;
}

export interface ConnectionPoint {
  id: string;
  /** Who runs it: the vendor, a Kanta intermediary or the organisation itself. */
  operator: string;
  /** When the connection point was announced to Kela (ISO date). */
  announcedAt: string;
}

/** A Kanta customer and what it has deployed (Kanta Extranet data). */
export interface Customer {
  orgOid: string;
  serviceDescriptionAccepted: boolean;
  /** Id of the certified system in use. */
  system: string;
  connectionPoints: ConnectionPoint[];
  services: Service[];
  documentGroups: DocumentGroup[];
  /** Social-welfare service task codes (1.2.246.537.6.1221) deployed. */
  serviceTasks: string[];
  /** Planned first production use or deployment test date (ISO date), for the two-week notice rule. */
  plannedStart?: string;
  updatedAt: string;
}

/** A test identity code in the pool, and to whom it was issued. */
export interface TestPerson {
  hetu: string;
  birthDate: string;
  sex: 'female' | 'male';
  /** Fictional name for displays; never a real person's. */
  name?: string;
  issue?: TestPersonIssue;
}

export interface TestPersonIssue {
  vendor: string;
  customer: string;
  service: Service;
  issuedAt: string;
}

/**
 * A Kanta archivist account (arkistonhoitaja) of one register controller (rekisterinpitäjä), for the
 * viewer. The real Archivist UI signs in with a test professional card; kantasim keeps accounts in the
 * registry and bounds everything an archivist sees by `registerController` (docs in simulator/viewer/).
 */
export interface Archivist {
  /** User name, e.g. `arkistonhoitaja.kuusijarvi`. */
  id: string;
  /** Fictional display name. */
  name: string;
  /** OID of a `register-controller` entry (`….19.0`). */
  registerController: string;
  active: boolean;
  createdAt: string;
  /** `scrypt$<salt>$<hash>` (base64) when the account has a passcode; never sent by the API. */
  passcodeHash?: string;
}

export interface RegistryRepository {
  putOrganisation(org: Organisation): Promise<void>;
  getOrganisation(oid: string): Promise<Organisation | undefined>;
  listOrganisations(filter?: { kind?: OrganisationKind; partOf?: string }): Promise<Organisation[]>;

  putSystem(system: CertifiedSystem): Promise<void>;
  getSystem(id: string): Promise<CertifiedSystem | undefined>;
  listSystems(): Promise<CertifiedSystem[]>;

  putCustomer(customer: Customer): Promise<void>;
  getCustomer(orgOid: string): Promise<Customer | undefined>;
  listCustomers(): Promise<Customer[]>;

  /** Adds codes to the pool; codes already present are left as they are. Returns how many were new. */
  addTestPersons(persons: TestPerson[]): Promise<number>;
  getTestPerson(hetu: string): Promise<TestPerson | undefined>;
  listTestPersons(filter?: { customer?: string; vendor?: string; issued?: boolean }): Promise<TestPerson[]>;
  /**
   * Marks up to `count` unissued codes (oldest first) as issued. Must run inside a transaction so two
   * concurrent issues never hand out the same code. Returns the issued persons.
   */
  issueTestPersons(count: number, issue: TestPersonIssue): Promise<TestPerson[]>;
  countUnissued(): Promise<number>;

  putArchivist(archivist: Archivist): Promise<void>;
  getArchivist(id: string): Promise<Archivist | undefined>;
  listArchivists(filter?: { registerController?: string }): Promise<Archivist[]>;
}

// ---------------------------------------------------------------- events

export type EventChannel = 'fhir' | 'archive' | 'registry' | 'runner';
export type EventOutcome = 'accepted' | 'accepted-with-warnings' | 'refused' | 'info';

/** One submission (or other notable act) in the event log. */
export interface SubmissionEvent {
  seq: number;
  /** ISO date-time with milliseconds. */
  at: string;
  channel: EventChannel;
  /** Kanta service concerned, e.g. `pta-appointment`, `pta`, `social-welfare`. */
  service?: string;
  /** What happened, e.g. `appointment.store`, `document.archive`, `document.replace`. */
  kind: string;
  outcome: EventOutcome;
  /** Submitting or owning organisation OID. */
  organisation?: string;
  /** Patient identity code (test range) or temporary ID. */
  patient?: string;
  /** Ids of what was stored or referred to: `Appointment/123/_history/2`, document OIDs. */
  resourceIds: string[];
  findings: Finding[];
  /** One line for humans. */
  summary: string;
  /** Correlates with the HTTP request log. */
  requestId?: string;
  /** Extra facts the channel wants to keep (mode, interaction id, version). */
  details?: Record<string, unknown>;
}

export type NewEvent = Omit<SubmissionEvent, 'seq' | 'at'> & { at?: string };

// ---------------------------------------------------------------- viewer access log

/** What an archivist looked at in the viewer. */
export type AccessAction =
  'find' | 'person' | 'document' | 'document-xml' | 'document-diff' | 'appointment' | 'compare' | 'run';

/** One view of a person's data by an archivist (the viewer's access log, katselmointiloki). */
export interface AccessLogEntry {
  seq: number;
  /** ISO date-time with milliseconds. */
  at: string;
  archivist: string;
  archivistName: string;
  /** The register controller the archivist acted for. */
  registerController: string;
  action: AccessAction;
  /** Identity code of the person whose data was shown. */
  patient?: string;
  /** What was shown: a document OID, `Appointment/{id}`, a search's query string. */
  target?: string;
  requestId?: string;
}

export type NewAccessLogEntry = Omit<AccessLogEntry, 'seq' | 'at'> & { at?: string };

export interface AccessLogQuery {
  registerController: string;
  patient?: string;
  archivist?: string;
  /** Only entries with seq below this (paging backwards). */
  before?: number;
  limit?: number;
}

export interface AccessLogRepository {
  append(entries: NewAccessLogEntry[]): Promise<void>;
  /** Newest first. */
  list(query: AccessLogQuery): Promise<AccessLogEntry[]>;
}

export interface EventQuery {
  /** Only events with seq greater than this. */
  since?: number;
  limit?: number;
  channel?: EventChannel;
  service?: string;
  organisation?: string;
  patient?: string;
  outcome?: EventOutcome;
  kind?: string;
}

export interface EventRepository {
  append(event: NewEvent): Promise<SubmissionEvent>;
  list(query?: EventQuery): Promise<SubmissionEvent[]>;
  lastSeq(): Promise<number>;
}

// ---------------------------------------------------------------- the store

/** The repositories, bound either to the store itself or to one transaction. */
export interface StoreSession {
  readonly registry: RegistryRepository;
  readonly events: EventRepository;
  /** The CDA archive (Patient Data Repository and social-welfare repository); see archive-types.ts. */
  readonly archive: ArchiveRepository;
  /** FHIR resources (see `fhir-types.ts`). */
  readonly fhir: FhirRepository;
  /** Who viewed whose data in the archivist viewer. */
  readonly accessLog: AccessLogRepository;
  /** Recorded scenario runs (see `runs-types.ts`). */
  readonly runs: RunRepository;
}

export interface Store extends StoreSession {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs `fn` atomically; nested calls join the outer transaction. */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /** A cheap round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
