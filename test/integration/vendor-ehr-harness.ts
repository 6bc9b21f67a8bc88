/**
 * Starts the reference vendor system (examples/vendor-ehr) the way a person does, as a child process
 * through `npm run vendor-ehr`, and stops it (its whole process group) again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { kantasimRun } from './runner-harness.ts';

export interface VendorEhrProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * `npm run vendor-ehr -- --port 0 --sim URL [--fault NAME] [EXTRA…]`; resolves with the URL it prints.
 * `extra` passes more flags (e.g. `--cert`, `--key`, `--ca` for a shared kantasim).
 */
export function spawnVendorEhr(
  simUrl: string,
  fault?: string,
  extra: readonly string[] = [],
): Promise<VendorEhrProcess> {
  const args = ['run', '--silent', 'vendor-ehr', '--', '--port', '0', '--sim', simUrl];
  if (fault !== undefined) args.push('--fault', fault);
  args.push(...extra);
  const child: ChildProcess = spawn('npm', args, {
    cwd: process.cwd(),
    detached: true, // its own process group, so stop() ends npm and node together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`vendor-ehr did not start within 30 s: ${out}${err}`));
    }, 30_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: m[1], stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vendor-ehr exited with ${String(code)}: ${out}${err}`));
    });
  });
}

/**
 * Runs the shipped first-deployment and appointment-booking scenarios against a vendor system, expects
 * them to pass, and returns the recorded run id of each scenario (scenario id → run id).
 */
export async function runAndRecordShippedScenarios(
  simUrl: string,
  sutUrl: string,
): Promise<Map<string, string>> {
  const r = await kantasimRun([
    'scenarios/pta/first-deployment.yaml',
    'scenarios/pta-appointment/appointment-booking.yaml',
    '--sim',
    simUrl,
    '--sut',
    sutUrl,
    '--timeout',
    '5',
  ]);
  if (r.exitCode !== 0) throw new Error(`the shipped scenarios did not pass:\n${r.out}${r.err}`);
  return new Map(
    [...r.out.matchAll(/^Recorded (\S+) \(pass\): \S+\/viewer\/runs\/([0-9a-f-]{36})$/gm)].map((m) => [
      m[1] ?? '',
      m[2] ?? '',
    ]),
  );
}
