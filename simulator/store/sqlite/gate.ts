/**
 * Serialises access to the single SQLite connection.
 *
 * better-sqlite3 is synchronous, but a transaction callback may await between statements. While one
 * transaction is open, every other caller must wait, or it would read (or write into) that uncommitted
 * transaction on the shared connection. The gate is a FIFO lock; AsyncLocalStorage lets code already
 * inside the transaction pass straight through (nested calls join the outer transaction).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class Gate {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<symbol>();
  private readonly token = Symbol('gate');

  /** True when the caller runs inside a `exclusive` callback of this gate. */
  get held(): boolean {
    return this.holder.getStore() === this.token;
  }

  /** Runs `fn` alone; callers queue in arrival order. Re-entrant for code inside `fn`. */
  async exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.held) return fn();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
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
}
