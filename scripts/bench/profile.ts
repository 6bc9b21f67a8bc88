/**
 * What the hot-path profilers (tx-profile.ts, ingest-profile.ts) share: their command line
 * (`[COUNT] [OUT.cpuprofile] [--workers N]`) and a measured phase with the process's CPU time and, when
 * asked, a CPU profile of the main thread (node:inspector) written for `cpuprofile-summary.ts`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

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

/** Runs `phase`, profiling it into `out` when given; returns its result and the CPU milliseconds it took. */
export async function measuredPhase<T>(
  out: string | undefined,
  phase: () => Promise<T>,
): Promise<{ result: T; cpuMs: number }> {
  const session = new Session();
  if (out !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const result = await phase();
  const cpu = process.cpuUsage(cpu0);
  if (out !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
    session.disconnect();
  }
  return { result, cpuMs: (cpu.user + cpu.system) / 1000 };
}
