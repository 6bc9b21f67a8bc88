/**
 * What the hot-path profilers (tx-profile.ts, ingest-profile.ts) share: their command line
 * (`[COUNT] [OUT.cpuprofile] [--workers N]`) and a measured load, sent from the benchmarks' load client in
 * a process of its own, with the server process's CPU time and, when asked, a CPU profile of its main
 * thread (node:inspector) written for `cpuprofile-summary.ts`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { runLoad, type LoadPlan, type LoadResult } from './load-client.ts';

export interface ProfileArgs {
  count: number;
  /** Where to write the CPU profile; none when not given. */
  out: string | undefined;
  /** `--workers N`, else the server's default. */
  workers: number | undefined;
}

export function profileArgs(argv: readonly string[], defaultCount: number): ProfileArgs {
  const args = [...argv];
  const workersAt = args.indexOf('--workers');
  const workers = workersAt >= 0 ? Number(args.splice(workersAt, 2)[1]) : undefined;
  return { count: Number(args[0] ?? defaultCount), out: args[1], workers };
}

export interface Profiling {
  /** Stops the profile (writing it when asked for) and returns the CPU milliseconds since the start. */
  stop(): Promise<number>;
}

/**
 * Starts measuring the process's CPU time and, when `out` is given, a CPU profile of the main thread,
 * written to `out` on `stop()`.
 */
export async function startProfile(out: string | undefined): Promise<Profiling> {
  const session = new Session();
  if (out !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  return {
    async stop() {
      const cpu = process.cpuUsage(cpu0);
      if (out !== undefined) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(out, JSON.stringify(profile));
        session.disconnect();
      }
      return (cpu.user + cpu.system) / 1000;
    },
  };
}

/**
 * Runs `plan` from the load client with the profile started when its warm-up is over, so the figures and
 * the profile hold the measured requests only; returns the run and the server process's CPU milliseconds.
 */
export async function profiledLoad(
  out: string | undefined,
  plan: LoadPlan,
): Promise<{ result: LoadResult; cpuMs: number }> {
  let profiling: Promise<Profiling> | undefined;
  const result = await runLoad(plan, {
    onMeasuring: () => {
      profiling = startProfile(out);
    },
  });
  if (profiling === undefined) throw new Error('the load client never started its measured requests');
  return { result, cpuMs: await (await profiling).stop() };
}
