/**
 * The embedded store: one SQLite file (or `:memory:` for tests) through better-sqlite3.
 *
 * WAL journal so readers of the file (a second kantasim process, the sqlite3 shell) never block the
 * writer. `synchronous = FULL`: every commit is on disk before it returns, so an answer the simulator
 * sends after a commit survives an operating-system crash or power loss too ("nothing acknowledged is
 * ever lost"). NORMAL would only survive process crashes; the FHIR benchmark showed no measurable
 * difference in transaction throughput (validation dominates). Every access goes through one FIFO gate;
 * see gate.ts for why.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Gate } from './gate.ts';
import { migrate, type AreaMigrations } from './migrate.ts';
import { registryMigrations, sqliteRegistry } from './registry.ts';
import { eventMigrations, sqliteEvents } from './events.ts';
import { fhirMigrations, sqliteFhir } from './fhir.ts';
import { archiveMigrations, sqliteArchive } from './archive.ts';
import { accessLogMigrations, sqliteAccessLog } from './access-log.ts';
import { runMigrations, sqliteRuns } from './runs.ts';
import { sqlitePageTokens, sqliteRateLimits, sqliteSessions, stateMigrations } from './state.ts';
import type { PageTokenRepository, RateLimitRepository, SessionRepository } from '../state-types.ts';
import type { FhirRepository } from '../fhir-types.ts';
import type { ArchiveRepository } from '../archive-types.ts';
import type { RunRepository } from '../runs-types.ts';
import type {
  AccessLogRepository,
  EventRepository,
  RegistryRepository,
  Store,
  StoreSession,
} from '../types.ts';

/** Every area's migrations, in the order they are applied. */
export const SQLITE_AREAS: readonly AreaMigrations[] = [
  registryMigrations,
  eventMigrations,
  fhirMigrations,
  archiveMigrations,
  accessLogMigrations,
  runMigrations,
  stateMigrations,
];

export interface SqliteStoreOptions {
  /** A file path, or `:memory:`. */
  file: string;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly registry: RegistryRepository;
  readonly events: EventRepository;
  readonly archive: ArchiveRepository;
  readonly fhir: FhirRepository;
  readonly accessLog: AccessLogRepository;
  readonly runs: RunRepository;
  readonly sessions: SessionRepository;
  readonly pageTokens: PageTokenRepository;
  readonly rateLimits: RateLimitRepository;
  /** The underlying connection, for areas added by later modules and for benchmarks. */
  readonly db: Database.Database;
  readonly gate = new Gate();
  private closed = false;

  constructor(options: SqliteStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db, SQLITE_AREAS);
    this.registry = sqliteRegistry(this.db, this.gate);
    this.events = sqliteEvents(this.db, this.gate);
    this.archive = sqliteArchive(this.db, this.gate);
    this.fhir = sqliteFhir(this.db, this.gate);
    this.accessLog = sqliteAccessLog(this.db, this.gate);
    this.runs = sqliteRuns(this.db, this.gate);
    this.sessions = sqliteSessions(this.db, this.gate);
    this.pageTokens = sqlitePageTokens(this.db, this.gate);
    this.rateLimits = sqliteRateLimits(this.db, this.gate);
  }

  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    // Nested: the caller already holds the gate inside a transaction; join it.
    if (this.gate.held && this.db.inTransaction) return fn(this);
    return this.gate.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  ping(): Promise<void> {
    return this.gate.run(() => {
      this.db.prepare('SELECT 1').get();
    });
  }

  close(): Promise<void> {
    return this.gate.exclusive(() => {
      if (this.closed) return;
      this.closed = true;
      this.db.close();
    });
  }
}

export function openSqliteStore(file: string): SqliteStore {
  return new SqliteStore({ file });
}
