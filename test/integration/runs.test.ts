/** `/runs` over real HTTP: recording the runner's JSON result, listing and reading runs, bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../runner/types.ts';
import type { RunRecord, RunSummary } from '../../simulator/domain/runs.ts';
import type { RunningServer } from '../../simulator/server.ts';
import type { SubmissionEvent } from '../../simulator/domain/events.ts';
import { KUUSIJARVI, LUMME, sampleRun } from '../support/run-sample.ts';
import { json, startTestSimulator } from '../support/sim.ts';

let sim: RunningServer;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

interface Posted {
  runs: {
    id: string;
    scenarioId: string;
    organisation?: string;
    verdict: string;
    href: string;
    viewer: string;
  }[];
}

describe('/runs', () => {
  it('records one run a scenario, each with a run.recorded event, and gives each back whole', async () => {
    const before = (await json<{ lastSeq: number }>(sim.url, 'GET', '/events?limit=1')).body.lastSeq;
    const posted = await json<Posted>(sim.url, 'POST', '/runs', sampleRun());
    expect(posted.status).toBe(201);
    expect(posted.body.runs.map((r) => [r.scenarioId, r.organisation, r.verdict])).toEqual([
      ['one', KUUSIJARVI, 'pass'],
      ['two', LUMME, 'fail'],
    ]);
    const [one] = posted.body.runs;
    expect(one?.href).toBe(`/runs/${one?.id ?? ''}`);
    expect(one?.viewer).toBe(`/viewer/runs/${one?.id ?? ''}`);

    const got = await json<RunRecord>(sim.url, 'GET', `/runs/${one?.id ?? ''}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      scenarioId: 'one',
      organisation: KUUSIJARVI,
      verdict: 'pass',
      counts: { pass: 1, fail: 0, error: 0, skip: 1 },
      simulator: 'http://127.0.0.1:1',
      level: 'should',
    });
    const result = got.body.result as unknown as RunResult;
    expect(result.scenarios.map((s) => s.id)).toEqual(['one']);
    expect(result.totals).toEqual({ pass: 1, fail: 0, error: 0, skip: 1 });
    expect(result.scenarios[0]?.steps[0]?.checks[0]).toMatchObject({
      expected: 'A',
      document: '1.2.246.10.3210987.1.1',
    });

    const events = await json<{ events: SubmissionEvent[] }>(
      sim.url,
      'GET',
      `/events?since=${before}&channel=runner`,
    );
    expect(events.body.events.map((e) => [e.kind, e.outcome, e.organisation, e.resourceIds[0]])).toEqual([
      ['run.recorded', 'info', KUUSIJARVI, `runs/${one?.id ?? ''}`],
      ['run.recorded', 'info', LUMME, `runs/${posted.body.runs[1]?.id ?? ''}`],
    ]);
    expect(events.body.events[1]?.summary).toMatch(/two fail: 0 passed, 1 failed/);
    expect(got.body.eventSeq).toBe(events.body.events[0]?.seq);
  });

  it('lists summaries newest first, filtered by organisation, since and limit', async () => {
    await json(sim.url, 'POST', '/runs', sampleRun());
    const all = await json<{ runs: RunSummary[] }>(sim.url, 'GET', '/runs');
    expect(all.status).toBe(200);
    expect(all.body.runs.length).toBeGreaterThanOrEqual(4);
    expect(all.body.runs[0]?.scenarioId).toBe('two');
    expect(all.body.runs[0]).not.toHaveProperty('result');
    const lumme = await json<{ runs: RunSummary[] }>(sim.url, 'GET', `/runs?organisation=urn:oid:${LUMME}`);
    expect(new Set(lumme.body.runs.map((r) => r.organisation))).toEqual(new Set([LUMME]));
    expect((await json<{ runs: RunSummary[] }>(sim.url, 'GET', '/runs?limit=1')).body.runs).toHaveLength(1);
    expect((await json<{ runs: RunSummary[] }>(sim.url, 'GET', '/runs?since=2999-01-01')).body.runs).toEqual(
      [],
    );
  });

  it('answers bad input with a 4xx error naming the field, never a 500, and stores nothing', async () => {
    const count = async (): Promise<number> =>
      (await json<{ runs: RunSummary[] }>(sim.url, 'GET', '/runs?limit=1000')).body.runs.length;
    const before = await count();
    const broken = sampleRun() as unknown as Record<string, unknown>;
    const noSteps = sampleRun();
    Reflect.deleteProperty(noSteps.scenarios[1] as object, 'steps');
    const badVerdict = sampleRun();
    (badVerdict.scenarios[0] as { verdict: string }).verdict = 'maybe';
    const cases: [unknown, number, string, string?][] = [
      ['{not json', 400, 'invalid-json'],
      ['{"tool":"kantasim-runner","formatVersion":1,"title":"x\\udc00"}', 400, 'invalid-text', '/title'],
      [[], 400, 'invalid-body'],
      [{ ...broken, tool: 'other' }, 400, 'invalid-body', '/tool'],
      [{ ...broken, formatVersion: 2 }, 400, 'invalid-body', '/formatVersion'],
      [{ ...broken, scenarios: [] }, 400, 'invalid-body', '/scenarios'],
      [noSteps, 400, 'invalid-body', '/scenarios/1/steps'],
      [badVerdict, 400, 'invalid-body', '/scenarios/0/verdict'],
      [{ ...broken, startedAt: 'yesterday' }, 400, 'invalid-body', '/startedAt'],
    ];
    for (const [body, status, code, path] of cases) {
      const res = await json<{ error: { code: string; message: string; path?: string } }>(
        sim.url,
        'POST',
        '/runs',
        body,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (path !== undefined) expect(res.body.error.path).toBe(path);
      expect(res.body.error.message.length).toBeGreaterThan(5);
    }
    const huge = sampleRun();
    (huge.scenarios[0] as { description: string }).description = 'x'.repeat(9 * 1024 * 1024);
    const tooLarge = await json<{ error: { code: string } }>(sim.url, 'POST', '/runs', huge);
    expect(tooLarge.status).toBe(413);
    const text = await json<{ error: { code: string } }>(sim.url, 'POST', '/runs', 'hello', {
      'Content-Type': 'text/plain',
    });
    expect(text.status).toBe(400);
    expect(await count()).toBe(before);

    for (const query of [
      'organisation=nope',
      'limit=0',
      'limit=5000',
      'limit=x',
      'since=tomorrow',
      'limit=1&limit=2',
    ]) {
      const res = await json<{ error: { code: string } }>(sim.url, 'GET', `/runs?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid-parameter');
    }
    expect((await json(sim.url, 'GET', '/runs/no-such-run')).status).toBe(404);
    expect((await json(sim.url, 'GET', `/runs/${'x'.repeat(300)}`)).status).toBe(404);
    expect((await json(sim.url, 'GET', '/runs/..%2F..%2Fetc')).status).toBe(404);
  });
});
