/** Jobs for the worker pool's tests (`simulator/workers/pool.test.ts`), run inside worker threads. */
import { threadId } from 'node:worker_threads';

/** The value back, with the thread that handled it. */
export function echo(value: unknown): { value: unknown; threadId: number } {
  return { value, threadId };
}

/** Keeps the worker busy for `ms` milliseconds, then answers `value`. */
export function spin(ms: number, value: unknown): unknown {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
  return value;
}

export function fail(message: string): never {
  throw new Error(message);
}

/** Stops the worker thread, as running out of memory would. */
export function crash(): never {
  process.exit(3);
}
