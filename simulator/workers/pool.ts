/**
 * A small pool of worker threads for CPU-heavy, pure work: parsing XML of megabytes, so one large body
 * does not hold the event loop while other requests wait, and validating FHIR resources on a second core
 * while the event loop serves HTTP and the store.
 *
 * node:worker_threads directly, no library: the pool needs only a queue, a fixed number of workers
 * started on first use, a memory ceiling per worker (so one hostile body costs a bounded amount of
 * memory and kills only its worker, not the server) and a restart after a worker dies. A job's input and
 * result travel by structured clone; a job is a module's exported function called by name.
 *
 * Workers run TypeScript through tsx's loader (like bin/kantasim.js), so the same sources serve the
 * server, the tests and the benchmarks without a build step.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** Module (file URL) whose exported functions the workers run. */
  module: string;
  /** Number of workers; default: one fewer than the cores, at least one, at most two. */
  size?: number;
  /** Old-generation heap ceiling of each worker, in MB. */
  maxHeapMb?: number;
}

interface Job {
  fn: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The job module has loaded: a job sent now starts as soon as the jobs before it are done. */
  ready: boolean;
  /** Jobs sent to the worker, oldest first: it runs them in order and answers in order. */
  jobs: Job[];
  /** Settles when the job module has loaded (or the worker has stopped). */
  loaded: Promise<void>;
}

const SHIM = new URL('./shim.js', import.meta.url);

const live = new Set<WorkerPool>();

/**
 * Worker threads that share request work with the event loop by default (`--workers` sets both): one
 * fewer than the cores, at most two, for each kind of job:
 * - `validation` of Kanta transactions (jobs of about 0.2 ms). On two cores one worker raises the
 *   transaction rate at concurrency 16 by about 10–15% (five pairs of runs of scripts/bench/tx-profile.ts,
 *   `--workers 1` against `--workers 0`), at the cost of a longer tail: p99 48–58 ms against 33–40 ms in
 *   most pairs.
 * - `reading` archive submissions (jobs of about 1 ms for a 50 KB document). On two cores one worker
 *   raises the ingest rate at 8 clients by about 20–30% with the same tail (p99 21–25 ms either way in
 *   four pairs of runs of `npm run bench -- --only archive`, the clients in a process of their own).
 *   With the clients in the server's own process it had widened the tail (p99 about 30 → 42 ms): their
 *   work took the core the worker needed.
 */
export function defaultWorkers(_kind: 'validation' | 'reading'): number {
  return Math.max(0, Math.min(2, cores() - 1));
}

/** The cores Node may use, read once (requests ask for the default on every submission). */
let coreCount: number | undefined;
function cores(): number {
  coreCount ??= availableParallelism();
  return coreCount;
}

/** Stops the workers of every pool (the server calls this when it stops, so the process can exit). */
export async function closeWorkerPools(): Promise<void> {
  await Promise.all([...live].map((p) => p.close()));
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = options.size ?? Math.min(2, Math.max(1, cores() - 1));
  }

  /**
   * Runs `fn(...args)` of the pool's module in a worker, one job per worker at a time (a job may be a
   * body of megabytes). Rejects when the worker dies (e.g. out of memory).
   */
  run<T>(fn: string, args: unknown[]): Promise<T> {
    live.add(this);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, args, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Runs `fn(...args)` in a loaded worker that has fewer than `depth` jobs in hand; otherwise returns
   * undefined (and starts a worker if the pool has room), so the caller does the work itself. Work is
   * shared between the event loop and the workers, and no job waits behind a starting worker or a long
   * queue. For small jobs: a worker's answers reach the event loop only between its tasks, and a burst
   * of requests is read in one go, so a worker that may be several jobs ahead takes the whole burst
   * and does not idle while the event loop works.
   */
  tryRun<T>(fn: string, args: unknown[], depth = 32): Promise<T> | undefined {
    live.add(this);
    let slot: Slot | undefined;
    if (this.queue.length === 0) {
      for (const s of this.slots) {
        if (s.ready && s.jobs.length < depth && (slot === undefined || s.jobs.length < slot.jobs.length))
          slot = s;
      }
    }
    if (!slot) {
      if (this.slots.length < this.size) this.spawn();
      return undefined;
    }
    const to = slot;
    return new Promise<T>((resolve, reject) => {
      this.send(to, { fn, args, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** Starts the pool's workers and resolves when every one has loaded its job module. */
  async warm(): Promise<void> {
    live.add(this);
    while (this.slots.length < this.size) this.spawn();
    await Promise.all(this.slots.map((s) => s.loaded));
  }

  /** Stops every worker and rejects queued jobs; a later `run` starts workers again. */
  async close(): Promise<void> {
    live.delete(this);
    for (const job of this.queue.splice(0)) job.reject(new Error('the worker pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private send(slot: Slot, job: Job): void {
    slot.jobs.push(job);
    slot.worker.postMessage({ fn: job.fn, args: job.args });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.jobs.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.send(slot, this.queue.shift() as Job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(SHIM, {
      workerData: { module: this.options.module },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 768 },
      // Workers must not keep a stopping server alive.
      stdout: false,
      stderr: false,
    });
    worker.unref();
    let loaded = (): void => undefined;
    const slot: Slot = {
      worker,
      ready: false,
      jobs: [],
      loaded: new Promise((resolve) => (loaded = resolve)),
    };
    worker.on('message', (msg: { ready?: true; ok: boolean; value?: unknown; error?: string }) => {
      if (msg.ready === true) {
        slot.ready = true;
        loaded();
        return;
      }
      const job = slot.jobs.shift();
      if (job) {
        if (msg.ok) job.resolve(msg.value);
        else job.reject(new Error(msg.error ?? 'worker job failed'));
      }
      this.pump();
    });
    const fail = (err: Error): void => {
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      for (const job of slot.jobs.splice(0)) job.reject(err);
      loaded();
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`worker stopped with exit code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}
