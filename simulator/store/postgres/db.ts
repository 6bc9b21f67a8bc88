/**
 * The connection layer of the PostgreSQL store: one `pg` pool, the transaction a caller runs inside, and
 * the cluster-wide write lock.
 *
 * Repositories call `db.query`: inside `store.transaction` it runs on that transaction's connection
 * (found through AsyncLocalStorage, so nested calls join the outer transaction as the Store contract
 * asks), elsewhere on any pooled connection. `db.write` runs a repository write atomically: it joins the
 * open transaction, or opens one of its own.
 *
 * Why one lock: the Store contract serialises transactions (that is what makes a conditional create, a
 * version check and a test-person issue hold when two clients race). With several kantasim instances on
 * one database a process-local lock proves nothing, so every write transaction takes a transaction-scoped
 * advisory lock in PostgreSQL (`pg_advisory_xact_lock`), keyed by the schema so that separate stores in
 * one database do not wait for each other. PostgreSQL releases it at COMMIT or ROLLBACK, also when the
 * instance holding it is killed, so a dead instance never leaves the others blocked. Reads take no lock
 * and see committed data only; a read waits for this instance's transactions queued before it, as in the
 * SQLite store, so a client reading its own write through the same instance always finds it. A local FIFO in front of the lock keeps one instance from tying up many
 * pooled connections waiting on it. The unique constraints (resource versions, document OIDs, test
 * persons) stay as a second line of defence.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/** Both halves of the advisory lock key: a constant for kantasim and the schema's hash. */
const LOCK_CLASS = 0x4b41; // "KA"

export type Row = Record<string, unknown>;

export interface PgConnection {
  /** Connection string, e.g. `postgres://kantasim@db.example:5432/kantasim`. */
  url: string;
  /** Schema holding kantasim's tables (default `kantasim`). */
  schema: string;
  /** Largest pool (default 10). */
  max?: number;
}

/** Splits `?schema=name` off a connection string (the pg client would ignore it). */
export function parseStoreUrl(url: string): PgConnection {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'kantasim';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`schema '${schema}' in the store URL must be a lower-case SQL name (a-z, 0-9, _)`);
  }
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}

/** 64-bit integers (counts, epoch milliseconds, sequences) as JavaScript numbers: all stay below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as never,
};

export class Db {
  readonly pool: pg.Pool;
  readonly schema: string;
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();
  private localTail: Promise<void> = Promise.resolve();

  constructor(connection: PgConnection) {
    this.schema = connection.schema;
    this.pool = new pg.Pool({
      connectionString: connection.url,
      max: connection.max ?? 10,
      options: `-c search_path=${connection.schema}`,
      types,
    });
    // An idle connection that breaks (the server restarted) must not crash the instance.
    this.pool.on('error', () => undefined);
  }

  /** True inside `transaction`. */
  get inTransaction(): boolean {
    return this.tx.getStore() !== undefined;
  }

  async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const client = this.tx.getStore();
    // Outside a transaction, wait for this instance's transactions already queued, as the contract asks
    // (a read issued after a write began sees that write once committed, never the state before it).
    if (client === undefined) await this.localTail;
    const result = await (client ?? this.pool).query<T>(sql, params as unknown[]);
    return result.rows;
  }

  async one<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  /** Runs `fn` in a write transaction holding the store's lock; joins an open transaction. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    return this.local(async () => {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [LOCK_CLASS]);
        const result = await this.tx.run(client, fn);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    });
  }

  /** A FIFO within this process, so only one of its connections waits on the database lock. */
  private async local<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.localTail;
    let release!: () => void;
    this.localTail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A placeholder list: `p(value)` adds a bound value and returns its `$n`. */
export class Params {
  readonly values: unknown[] = [];
  p = (value: unknown): string => `$${this.values.push(value)}`;
}

/** True for PostgreSQL's unique_violation. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}
