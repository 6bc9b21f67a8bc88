/**
 * The shared store: PostgreSQL through `pg`, for several kantasim instances on one database
 * (`kantasim serve --store postgres://…`; docs/postgres.md). SQLite stays the embedded default.
 *
 * Same contract as the SQLite store (the contract suites in `..` run unchanged against both). What
 * differs is how concurrency is made safe: not by a lock in this process, but by a transaction-scoped
 * advisory lock and constraints in the database (see db.ts), so the guarantees hold across instances.
 * `watchEvents` tells this instance when any instance appended an event (LISTEN/NOTIFY), so every
 * instance's `/events/stream` follows the one shared log.
 */
import pg from 'pg';
import { Db, parseStoreUrl, type PgConnection } from './db.ts';
import { migratePostgres, type PgAreaMigrations } from './migrate.ts';
import { pgRegistry, pgRegistryMigrations } from './registry.ts';
import { eventChannel, pgAccessLog, pgAccessLogMigrations, pgEventMigrations, pgEvents } from './events.ts';
import { pgFhir, pgFhirMigrations } from './fhir.ts';
import { pgArchive, pgArchiveMigrations } from './archive.ts';
import { pgRunMigrations, pgRuns } from './runs.ts';
import { pgPageTokens, pgRateLimits, pgSessions, pgStateMigrations } from './state.ts';
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

/** Every area's migrations, in the order they are applied (the same areas as the SQLite store). */
export const POSTGRES_AREAS: readonly PgAreaMigrations[] = [
  pgRegistryMigrations,
  pgEventMigrations,
  pgFhirMigrations,
  pgArchiveMigrations,
  pgAccessLogMigrations,
  pgRunMigrations,
  pgStateMigrations,
];

/** True for a `--store` / KANTASIM_STORE value naming a PostgreSQL database. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly registry: RegistryRepository;
  readonly events: EventRepository;
  readonly archive: ArchiveRepository;
  readonly fhir: FhirRepository;
  readonly accessLog: AccessLogRepository;
  readonly runs: RunRepository;
  readonly sessions: SessionRepository;
  readonly pageTokens: PageTokenRepository;
  readonly rateLimits: RateLimitRepository;
  readonly db: Db;
  private listener: pg.Client | undefined;
  private readonly watchers = new Set<() => void>();
  private closed = false;

  private constructor(private readonly connection: PgConnection) {
    this.db = new Db(connection);
    this.registry = pgRegistry(this.db);
    this.events = pgEvents(this.db);
    this.archive = pgArchive(this.db);
    this.fhir = pgFhir(this.db);
    this.accessLog = pgAccessLog(this.db);
    this.runs = pgRuns(this.db);
    this.sessions = pgSessions(this.db);
    this.pageTokens = pgPageTokens(this.db);
    this.rateLimits = pgRateLimits(this.db);
  }

  /** Connects, applies pending migrations, and returns the store. */
  static async open(connection: PgConnection): Promise<PostgresStore> {
    const store = new PostgresStore(connection);
    try {
      await migratePostgres(store.db.pool, connection.schema, POSTGRES_AREAS);
    } catch (err) {
      await store.db.close();
      throw err;
    }
    return store;
  }

  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn(this));
  }

  /**
   * Calls `listener` after any instance on this database committed an event. The LISTEN connection
   * opens on the first watcher and reconnects after a failure (a listener missing a notification only
   * delays it: readers follow the sequence, and the next notification catches them up).
   */
  watchEvents(listener: () => void): () => void {
    this.watchers.add(listener);
    if (!this.listener) void this.listen();
    return () => this.watchers.delete(listener);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connection.url });
    this.listener = client;
    const retry = (): void => {
      if (this.closed || this.listener !== client) return;
      this.listener = undefined;
      setTimeout(() => {
        if (this.watchers.size > 0) void this.listen();
      }, 500).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => {
      for (const watcher of this.watchers) watcher();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${eventChannel(this.connection.schema)}`);
      // Anything appended while (re)connecting: wake the readers once.
      for (const watcher of this.watchers) watcher();
    } catch {
      await client.end().catch(() => undefined);
      retry();
    }
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.db.close();
  }
}

/** Opens the store a `postgres://…[?schema=name]` URL names. */
export function openPostgresStore(url: string, options: { max?: number } = {}): Promise<PostgresStore> {
  return PostgresStore.open({ ...parseStoreUrl(url), ...options });
}
