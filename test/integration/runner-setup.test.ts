/**
 * `kantasim run` set-up errors around the system under test, over real HTTP on loopback:
 * - a system under test whose `GET /hook` names another simulator than the run's stops the run before
 *   its first step (exit 2), naming both URLs, with `--sim` and without it (the simulator the run
 *   starts for itself); loopback names of the same simulator are not a difference;
 * - `--manual` without `--sut` says why manual mode is not enough: the scenario reads source values
 *   from the system under test (`in: {sut: …}`), or has a step only the hook can do;
 * - JUnit `timestamp`s name an instant (UTC with `Z`), not a bare time.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { kantasimRun, tempDir, writeScenario } from './runner-harness.ts';

let sim: RunningServer;
const dir = tempDir();

/** A hook that says it sends to `simulator` and records the calls it gets. */
async function hookSaying(
  simulator: string,
): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    calls.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const body = req.url === '/hook' ? { system: 'test hook', simulator } : { done: true, name: 'Lähde' };
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

const scenario = (
  id: string,
  options: { instruction?: boolean; readsSut?: boolean } = {},
): string => `id: ${id}
title: A step the system under test does
description: The hook is called; nothing is archived.
service: pta
steps:
  - id: act
    title: The system acts
    do:
${options.instruction === true ? '      instruction: Do it by hand.\n' : ''}      sut: { path: /hook/idle, body: {} }
${
  options.readsSut === true
    ? `    expect:
      checks:
        - id: source-name
          in: { sut: '/source/organisations/1.2.3' }
          path: name
          equals: Lähde
`
    : ''
}`;

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe('a system under test that sends to another simulator', () => {
  it('stops the run before its first step, naming both simulators (exit 2)', async () => {
    const hook = await hookSaying('http://localhost:1');
    try {
      const file = writeScenario(dir, 'other-sim.yaml', scenario('other-sim'));
      const r = await kantasimRun([file, '--sim', sim.url, '--sut', hook.url, '--no-record']);
      expect(r.exitCode, r.out + r.err).toBe(2);
      expect(r.err).toContain('the system under test sends to the simulator at http://localhost:1');
      expect(r.err).toContain(`but this run uses ${sim.url}`);
      expect(r.err).toContain(`${hook.url}/hook`);
      expect(hook.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('says so too for the simulator a run without --sim starts, pointing at --sim-port', async () => {
    const hook = await hookSaying('http://localhost:8080');
    try {
      const file = writeScenario(dir, 'embedded.yaml', scenario('embedded-sim'));
      const r = await kantasimRun([file, '--sut', hook.url]);
      expect(r.exitCode, r.out + r.err).toBe(2);
      expect(r.out).toMatch(/Simulator for this run: http:\/\/127\.0\.0\.1:\d+ \(in memory/);
      expect(r.err).toContain('sends to the simulator at http://localhost:8080');
      expect(r.err).toContain('--sim-port');
      expect(hook.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('runs when the hook names the same simulator by another loopback name', async () => {
    const hook = await hookSaying(sim.url.replace('127.0.0.1', 'localhost'));
    try {
      const file = writeScenario(dir, 'same-sim.yaml', scenario('same-sim'));
      const r = await kantasimRun([file, '--sim', sim.url, '--sut', hook.url, '--no-record']);
      expect(r.exitCode, r.out + r.err).toBe(0);
      expect(hook.calls).toContain('POST /hook/idle');
    } finally {
      await hook.close();
    }
  });
});

describe('--manual without --sut', () => {
  const input = (): PassThrough => {
    const s = new PassThrough();
    s.end('\n\n');
    return s;
  };

  it('says a scenario that reads source values from the system under test needs --sut even so', async () => {
    const file = writeScenario(
      dir,
      'reads.yaml',
      scenario('reads-sut', { instruction: true, readsSut: true }),
    );
    const r = await kantasimRun([file, '--sim', sim.url, '--manual'], { input: input() });
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain('steps.act.expect.checks[0].in.sut');
    expect(r.err).toContain('reads source-system values from the system under test (in: {sut: …})');
    expect(r.err).toContain('give --sut URL (env KANTASIM_SUT_URL) even in manual mode');
    expect(r.err).not.toContain('or run with --manual');
  });

  it('says a step with only a hook and no instruction needs --sut even so', async () => {
    const file = writeScenario(dir, 'hook-only.yaml', scenario('hook-only'));
    const r = await kantasimRun([file, '--sim', sim.url, '--manual'], { input: input() });
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain('steps.act.do.sut');
    expect(r.err).toContain('no instruction to follow by hand');
    expect(r.err).not.toContain('or run with --manual');
  });

  it('names in.sut for the shipped first-deployment scenario', async () => {
    const r = await kantasimRun(['scenarios/pta/first-deployment.yaml', '--sim', sim.url, '--manual'], {
      input: input(),
    });
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain('first-deployment.yaml (steps.archivist-check.expect.checks[3].in.sut) reads');
    expect(r.err).not.toContain('or run with --manual');
  });
});

describe('JUnit timestamps', () => {
  it('write the run’s start as an instant: UTC with Z, the same second as the JSON run', async () => {
    const file = writeScenario(
      dir,
      'junit-time.yaml',
      `id: junit-time
title: Only the simulator
description: One fixture call.
service: pta
steps:
  - id: health
    title: The simulator answers
    do:
      fixture: { path: /healthz }
`,
    );
    const junit = join(dir, 'junit-time.xml');
    const json = join(dir, 'junit-time.json');
    const r = await kantasimRun([file, '--sim', sim.url, '--junit', junit, '--json', json, '--no-record']);
    expect(r.exitCode, r.out + r.err).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    const stamps = [...xml.matchAll(/timestamp="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(stamps).toHaveLength(2);
    const run = JSON.parse(readFileSync(json, 'utf8')) as { startedAt: string };
    for (const stamp of stamps) {
      expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Math.abs(Date.parse(stamp) - Date.parse(run.startedAt))).toBeLessThan(1000);
    }
  });
});
