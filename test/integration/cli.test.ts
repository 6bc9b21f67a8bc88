import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kantasim.js');
const dir = mkdtempSync(join(tmpdir(), 'kantasim-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `kantasim serve` as a real process and reads its URL from the JSON log. */
async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('kantasim serve did not report its URL'));
    }, 20_000);
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'kantasim listening' && entry.url) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
    child.once('exit', (code) => {
      reject(new Error(`kantasim serve exited with ${code}`));
    });
  });
  return { child, url, exited };
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the kantasim command', () => {
  it('serves a seeded SQLite file, reports readiness, and shuts down cleanly on SIGTERM', async () => {
    const db = join(dir, 'sim.db');
    const sim = await serve(['--db', db]);
    try {
      const health = (await (await fetch(`${sim.url}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');

      const notReady = await run(['readiness', '--org', '1.2.246.10.2876543.10.0', '--sim', sim.url]);
      expect(notReady.code).toBe(1);
      expect(notReady.stdout).toContain('NOT READY: 4 of 9 items missing.');
      for (const missing of [
        'Service description accepted',
        'category-B system',
        'announced at least 14 days',
        'Test person IDs issued',
      ]) {
        expect(notReady.stdout).toMatch(new RegExp(`\\[MISSING\\][^\\n]*${missing}`));
      }
      const ready = await run(['readiness', '--org', '1.2.246.10.3210987.10.0', '--sim', sim.url, '--json']);
      expect(ready.code).toBe(0);
      expect(JSON.parse(ready.stdout)).toMatchObject({ ready: true });
    } finally {
      sim.child.kill('SIGTERM');
    }
    expect(await sim.exited).toBe(0);

    // A second start on the same file keeps the data and does not seed again.
    const again = await serve(['--db', db]);
    const persons = (await (
      await fetch(`${again.url}/registry/test-persons?issued=true`)
    ).json()) as unknown[];
    expect(persons).toHaveLength(15);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000); // several cold starts of the command: generous on a busy CI machine

  it('exits 2 when the simulator cannot be reached', async () => {
    const res = await run(['readiness', '--org', '1.2.246.10.1.10.0', '--sim', 'http://127.0.0.1:9']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('cannot reach the simulator');
  });

  it('checks identity codes from the command line', async () => {
    const res = await run(['hetu', 'check', '010181-900C', '131052-308T']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/010181-900C\s+ok/);
    expect(res.stdout).toMatch(/131052-308T\s+INVALID/);
  });
});
