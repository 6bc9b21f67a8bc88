/**
 * Serialises access to the single SQLite connection.
 *
 * better-sqlite3 is synchronous, but a transaction callback may await between statements. While one
 * transaction (or one group-committed batch of them, see index.ts) is open, every other caller must
 * wait, or it would read (or write into) uncommitted work on the shared connection. The gate is a FIFO
 * lock; AsyncLocalStorage lets code already inside the holder pass straight through (nested calls join
 * the outer transaction). `waiting` tells the holder that someone is queued behind it, so a batch of
 * transactions closes instead of keeping a reader waiting.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class Gate {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<symbol>();
  private readonly token = Symbol('gate');
  private queued = 0;

  /** True when the caller runs inside a `exclusive` callback of this gate. */
  get held(): boolean {
    return this.holder.getStore() === this.token;
  }

  /** How many callers are queued for the gate behind the current holder. */
  get waiting(): number {
    return this.queued;
  }

  /** Runs `fn` alone; callers queue in arrival order. Re-entrant for code inside `fn`. */
  async exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.held) return fn();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.queued++;
    await previous;
    this.queued--;
    try {
      return await this.holder.run(this.token, fn);
    } finally {
      release();
    }
  }

  /** Runs a synchronous read or write, waiting only if a transaction is open elsewhere. */
  run<T>(fn: () => T): Promise<T> {
    return this.exclusive(fn);
  }

  /**
   * Runs `fn` as a stranger to the gate: timers and callbacks it starts do not inherit the holder's
   * pass, so what they read later queues like any other caller (and sees committed data only).
   */
  outside<T>(fn: () => T): T {
    return this.holder.exit(fn);
  }
}
