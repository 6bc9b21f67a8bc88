/**
 * A small pool of worker threads for CPU-heavy, pure work on large request bodies (parsing XML of
 * megabytes), so one large body does not hold the event loop while other requests wait.
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
  job?: Job;
}

const SHIM = new URL('./worker-shim.js', import.meta.url);

const live = new Set<WorkerPool>();

/** Stops the workers of every pool (the server calls this when it stops, so the process can exit). */
export async function closeWorkerPools(): Promise<void> {
  await Promise.all([...live].map((p) => p.close()));
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = options.size ?? Math.min(2, Math.max(1, availableParallelism() - 1));
  }

  /** Runs `fn(...args)` of the pool's module in a worker. Rejects when the worker dies (e.g. out of memory). */
  run<T>(fn: string, args: unknown[]): Promise<T> {
    live.add(this);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, args, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Stops every worker and rejects queued jobs; a later `run` starts workers again. */
  async close(): Promise<void> {
    live.delete(this);
    for (const job of this.queue.splice(0)) job.reject(new Error('the worker pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === undefined);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage({ fn: job.fn, args: job.args });
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
    const slot: Slot = { worker };
    worker.on('message', (msg: { ok: boolean; value?: unknown; error?: string }) => {
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        if (msg.ok) job.resolve(msg.value);
        else job.reject(new Error(msg.error ?? 'worker job failed'));
      }
      this.pump();
    });
    const fail = (err: Error): void => {
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      const job = slot.job;
      slot.job = undefined;
      job?.reject(err);
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
