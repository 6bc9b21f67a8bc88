/**
 * The benchmark harness behind `npm run bench`.
 *
 * A suite measures the thing of interest and a baseline in the same run, on the same machine, and the
 * report shows each figure as a ratio against that baseline: absolute numbers from a 2-core sandbox mean
 * little, ratios travel. Suites live in `scripts/bench/*.bench.ts` and export `suite: BenchSuite`.
 */
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';

export interface Measurement {
  name: string;
  /** Operations per second, for throughput measurements. */
  opsPerSec?: number;
  /** Latency percentiles in milliseconds, for latency measurements. */
  p50Ms?: number;
  p99Ms?: number;
  meanMs?: number;
  /** How many operations or samples the figure rests on. */
  n: number;
  /** True for the suite's baseline; ratios are against it. */
  baseline?: boolean;
  note?: string;
}
const { SingleBar, Presets } = cliProgress;

export interface BenchSuite {
  name: string;
  /** What is compared with what, for the reader of the report. */
  description: string;
  run(h: Harness): Promise<void>;
}

export interface HarnessOptions {
  /** Shorter runs (CI smoke, development). */
  quick: boolean;
  /** Store size for suites that fill a store (`--scale 1m`); each suite has its own default. */
  scale?: number;
  progress: (message: string) => void;
}

export class Harness {
  readonly measurements: Measurement[] = [];

  constructor(readonly options: HarnessOptions) {}

  /** Milliseconds a throughput measurement runs for. */
  get durationMs(): number {
    return this.options.quick ? 300 : 2000;
  }

  progress(message: string): void {
    this.options.progress(message);
  }

  /**
   * A progress bar for a long fill or load (cli-progress on a terminal; on a pipe or in CI, a line at
   * every tenth). `tick(n)` sets how many are done; `stop()` ends the bar.
   */
  bar(label: string, total: number): { tick(done: number): void; stop(): void } {
    if (process.stderr.isTTY) {
      const bar = new SingleBar(
        {
          format: `  ${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      return {
        tick: (done) => {
          bar.update(done);
        },
        stop: () => {
          bar.stop();
        },
      };
    }
    let shown = 0;
    return {
      tick: (done) => {
        const tenth = Math.floor((done / total) * 10);
        if (tenth > shown) {
          shown = tenth;
          this.progress(`  ${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
        }
      },
      stop: () => undefined,
    };
  }

  record(m: Measurement): Measurement {
    this.measurements.push(m);
    return m;
  }

  /**
   * Runs `fn` in a tight loop (after a warm-up) for `durationMs` and records operations per second.
   * `fn` may return a value; it is kept so the work is not optimised away.
   */
  throughput(name: string, fn: (i: number) => unknown, opts: { baseline?: boolean } = {}): Measurement {
    let sink: unknown;
    for (let i = 0; i < 1000; i++) sink = fn(i);
    let n = 0;
    const start = performance.now();
    const end = start + this.durationMs;
    while (performance.now() < end) {
      for (let j = 0; j < 100; j++) sink = fn(n++);
    }
    const elapsed = performance.now() - start;
    keep(sink);
    return this.record({
      name,
      opsPerSec: (n / elapsed) * 1000,
      n,
      ...(opts.baseline === true && { baseline: true }),
    });
  }

  /** Records latency percentiles from samples in milliseconds. */
  latencies(name: string, samplesMs: number[], extra: Partial<Measurement> = {}): Measurement {
    return this.record({ name, n: samplesMs.length, ...percentiles(samplesMs), ...extra });
  }
}

let kept: unknown;
function keep(value: unknown): void {
  kept = value;
}
export function lastKept(): unknown {
  return kept;
}

export function percentiles(samplesMs: number[]): { p50Ms: number; p99Ms: number; meanMs: number } {
  if (samplesMs.length === 0) return { p50Ms: NaN, p99Ms: NaN, meanMs: NaN };
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50Ms: at(0.5), p99Ms: at(0.99), meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

/**
 * Runs `task` `total` times with at most `concurrency` in flight; returns per-call latencies and the
 * achieved rate. Used by suites that drive a server over real HTTP.
 */
export async function runConcurrent(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<{ latenciesMs: number[]; opsPerSec: number }> {
  const latenciesMs: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latenciesMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latenciesMs, opsPerSec: (total / (performance.now() - start)) * 1000 };
}

/**
 * Warm-up: runs `task` with `concurrency` in flight for `ms` milliseconds (at least once per client,
 * and at most `limit` times in all when given, e.g. one per distinct request body), so the measurement
 * after it sees the steady state: code compiled by the JIT, validators built, worker threads started.
 * Suites warm the baseline and the measured server alike.
 */
export async function warmUp(
  ms: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  limit = Infinity,
): Promise<void> {
  const until = performance.now() + ms;
  let next = 0;
  const client = async (): Promise<void> => {
    do if (next < limit) await task(next++);
    while (performance.now() < until && next < limit);
  };
  await Promise.all(Array.from({ length: concurrency }, client));
}

/** "1 worker thread", "2 worker threads": for the notes of runs with and without workers. */
export function workerThreads(n: number): string {
  return `${n} worker thread${n === 1 ? '' : 's'}`;
}
