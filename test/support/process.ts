/**
 * Starts the simulator as a real separate process (`node bin/kantasim.js serve --port 0`), the way an
 * operator runs it, for tests that must kill it (`kill -9`) or watch its memory from outside. The port
 * is read from the "kantasim listening" log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/kantasim.js', import.meta.url));

export interface SimProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resident set size in bytes (Linux /proc), or undefined where unknown. */
  rss: () => number | undefined;
  /** SIGKILL, and wait for the process to be gone. */
  kill9: () => Promise<void>;
  /** SIGTERM (graceful), and wait. */
  stop: () => Promise<void>;
}

export async function startSimProcess(db: string, extra: string[] = []): Promise<SimProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--db', db, '--log-level', 'info', ...extra],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      reject(new Error('the simulator did not start within 60 s'));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*kantasim listening/.exec(buffer);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
      // Keep only the tail; the log is not needed once the URL is known.
      if (buffer.length > 100_000) buffer = buffer.slice(-10_000);
    });
    child.stderr.resume();
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with code ${String(code)} before listening`));
    });
  });
  const pid = child.pid ?? -1;
  return {
    url,
    pid,
    child,
    rss: () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m?.[1] === undefined ? undefined : Number(m[1]) * 1024;
      } catch {
        return undefined;
      }
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
