/**
 * `kantasim run` records its run in the simulator (POST /runs) and prints the viewer link; `--no-record`
 * leaves the simulator alone; a simulator that cannot record gets a warning, never a changed exit code.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRun } from '../../runner/record.ts';
import type { RunResult } from '../../runner/types.ts';
import type { RunRecord, RunSummary } from '../../simulator/domain/runs.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { KUUSIJARVI, sampleRun } from '../support/run-sample.ts';
import { json, startTestSimulator } from '../support/sim.ts';
import { kantasimRun, tempDir, writeScenario } from './runner-harness.ts';

let sim: RunningServer;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

const runs = async (): Promise<RunSummary[]> =>
  (await json<{ runs: RunSummary[] }>(sim.url, 'GET', '/runs?limit=1000')).body.runs;

/** A simulator that answers /healthz and the scenario's call but has no /runs endpoint. */
async function simWithoutRuns(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    const body =
      req.method !== 'GET'
        ? undefined
        : url === '/healthz'
          ? { status: 'ok' }
          : url.startsWith('/events?')
            ? { events: [], lastSeq: 0 }
            : undefined;
    res
      .writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify(body ?? { error: { code: 'not-found', message: 'no endpoint' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

const HEALTH_SCENARIO = `id: health
title: The simulator answers
description: One call.
service: pta
steps:
  - id: health
    title: Ask
    do:
      fixture: { method: GET, path: /healthz }
    expect:
      checks:
        - path: status
          equals: ok
`;

describe('recording runs', () => {
  it('records each scenario run and prints its viewer link', async () => {
    const before = (await runs()).length;
    const report = join(tempDir(), 'report.html');
    const r = await kantasimRun([
      'scenarios/readiness/kuusijarvi-ready.yaml',
      '--sim',
      sim.url,
      '--report',
      report,
    ]);
    expect(r.err).toBe('');
    expect(r.exitCode, r.out).toBe(0);
    const m = new RegExp(
      `Recorded readiness-kuusijarvi \\(pass\\): ${sim.url}/viewer/runs/([0-9a-f-]{36})`,
    ).exec(r.out);
    expect(m, r.out).not.toBeNull();
    expect(readFileSync(report, 'utf8')).toContain(`<a href="${sim.url}/viewer/runs/${m?.[1] ?? ''}">`);
    const after = await runs();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({
      id: m?.[1],
      scenarioId: 'readiness-kuusijarvi',
      organisation: KUUSIJARVI,
    });
    const record = await json<RunRecord>(sim.url, 'GET', `/runs/${m?.[1] ?? ''}`);
    const result = record.body.result as unknown as RunResult;
    expect(result.scenarios[0]?.steps.length).toBeGreaterThan(0);
    const ready = result.scenarios[0]?.steps
      .flatMap((st) => st.checks)
      .find((c) => c.id === 'readiness.ready');
    expect(ready).toMatchObject({
      verdict: 'pass',
      expected: true,
      actual: [true],
      selector: { path: 'ready' },
    });
  });

  it('leaves the simulator alone with --no-record', async () => {
    const before = (await runs()).length;
    const r = await kantasimRun([
      'scenarios/readiness/kuusijarvi-ready.yaml',
      '--sim',
      sim.url,
      '--no-record',
    ]);
    expect(r.exitCode, r.out).toBe(0);
    expect(r.out).not.toMatch(/Recorded/);
    expect((await runs()).length).toBe(before);
  });

  it('warns on stderr when the run cannot be recorded and keeps the exit code', async () => {
    const other = await simWithoutRuns();
    try {
      const file = writeScenario(tempDir(), 'health.yaml', HEALTH_SCENARIO);
      const r = await kantasimRun([file, '--sim', other.url]);
      expect(r.exitCode, r.out + r.err).toBe(0);
      expect(r.err).toMatch(/warning: the run was not recorded in the simulator: POST .*\/runs answered 404/);
      const failing = writeScenario(
        tempDir(),
        'health.yaml',
        HEALTH_SCENARIO.replace('equals: ok', 'equals: nope'),
      );
      const f = await kantasimRun([failing, '--sim', other.url]);
      expect(f.exitCode).toBe(1);
      expect(f.err).toMatch(/warning: the run was not recorded/);
    } finally {
      await other.close();
    }
  });

  it('reports an unreachable simulator as a failure to record, without throwing', async () => {
    const outcome = await recordRun('http://127.0.0.1:1', sampleRun(), 2000);
    expect(outcome.ok).toBe(false);
  });
});
