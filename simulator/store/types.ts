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
import type {
  Archivist,
  CertifiedSystem,
  Customer,
  Organisation,
  OrganisationKind,
  TestPerson,
  TestPersonIssue,
} from '../domain/registry.ts';
import type {
  AccessLogEntry,
  EventChannel,
  EventOutcome,
  NewAccessLogEntry,
  NewEvent,
  SubmissionEvent,
} from '../domain/events.ts';
import type { ArchiveRepository } from './archive-types.ts';
import type { FhirRepository } from './fhir-types.ts';
import type { RunRepository } from './runs-types.ts';
import type { PageTokenRepository, RateLimitRepository, SessionRepository } from './state-types.ts';

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

// ---------------------------------------------------------------- events and the access log

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
  /**
   * Only events owned by one of these organisations (domain/events.ts `eventOwner`: the named
   * organisation, or the calling one for a refusal); an empty list matches nothing.
   */
  organisations?: readonly string[];
  /** Leave out events of these channels. */
  excludeChannels?: readonly EventChannel[];
  /** Newest first (with `since`: the newest events after it); default oldest first. */
  newestFirst?: boolean;
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
  /** Viewer sessions, kept in the store so any instance can serve them (see `state-types.ts`). */
  readonly sessions: SessionRepository;
  /** Parameters behind FHIR `_page` links. */
  readonly pageTokens: PageTokenRepository;
  /** Rate-limit counters (e.g. wrong viewer passcodes per account). */
  readonly rateLimits: RateLimitRepository;
}

export interface Store extends StoreSession {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs `fn` atomically; nested calls join the outer transaction. */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` whenever another instance sharing this store may have appended events (the
   * PostgreSQL store: LISTEN/NOTIFY). Absent for a store only one process writes. Returns the
   * unsubscribe function.
   */
  watchEvents?(listener: () => void): () => void;
  /**
   * Runs `hook` after the transaction the caller is in has really committed (and never if it rolls
   * back); outside a transaction, soon. For notifications about written data (the SQLite store's group
   * commit acknowledges a transaction only with its group). Absent: notify on the next turn.
   */
  afterCommit?(hook: () => void): void;
  /** A cheap round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
