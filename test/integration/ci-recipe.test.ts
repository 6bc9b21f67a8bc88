/**
 * The CI recipe in examples/ci/ works: its steps (steps.sh) run the readiness scenarios against a
 * simulator `kantasim run` starts for itself, the shipped scenarios against `kantasim serve` and the
 * reference vendor system, and `kantasim serve` exits on SIGTERM. Also: `run --help` lists the exit
 * codes, and two runs give the same JUnit test names.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kantasimRun, tempDir } from './runner-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function names(xml: string): string[] {
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe('the CI recipe', () => {
  it('runs the readiness scenarios with no --sim against a simulator started for the run, with stable test names', async () => {
    const dir = tempDir();
    const a = await kantasimRun(['scenarios/readiness', '--junit', join(dir, 'a.xml')]);
    expect(a.exitCode, a.out + a.err).toBe(0);
    expect(a.out).toContain('Simulator for this run: http://127.0.0.1:');
    const b = await kantasimRun(['scenarios/readiness', '--junit', join(dir, 'b.xml')]);
    expect(b.exitCode).toBe(0);
    const first = names(readFileSync(join(dir, 'a.xml'), 'utf8'));
    expect(first.length).toBeGreaterThan(5);
    expect(names(readFileSync(join(dir, 'b.xml'), 'utf8'))).toEqual(first);
  }, 60_000);

  it('lists the exit codes in run --help', async () => {
    let help = '';
    const { runCommand } = await import('../../cli/run.ts');
    const cmd = runCommand()
      .exitOverride()
      .configureOutput({ writeOut: (s) => (help += s) });
    await expect(cmd.parseAsync(['--help'], { from: 'user' })).rejects.toThrow();
    expect(help).toContain('Exit codes:');
    expect(help).toMatch(/2 {2}usage or environment error/);
  });

  it('steps.sh runs every step and kantasim serve exits on SIGTERM', async () => {
    const out = tempDir();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn('sh', ['examples/ci/steps.sh'], {
      cwd: ROOT,
      env: {
        ...process.env,
        KANTASIM: `${process.execPath} bin/kantasim.js`,
        SIM_PORT: String(port),
        SUT_PORT: String(port + 1),
        OUT: out,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, text).toBe(0);
    for (const f of ['readiness.xml', 'junit.xml', 'report.html'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(text).not.toContain('did not exit cleanly');
  }, 180_000);
});
