import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import type { SubmissionEvent } from '../../simulator/domain/events.ts';
import { json, startTestSimulator } from '../support/sim.ts';
import { openSse } from '../support/sse.ts';

let sim: RunningServer;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

const newOrg = (n: number): Record<string, unknown> => ({
  oid: `1.2.246.10.77${n}.10.0`,
  name: `Stream Org ${n}`,
  kind: 'organisation',
  public: true,
});

describe('event log', () => {
  it('lists events page by page with a cursor and filters', async () => {
    const first = await json<{ events: SubmissionEvent[]; lastSeq: number }>(
      sim.url,
      'GET',
      '/events?limit=5',
    );
    expect(first.body.events).toHaveLength(5);
    const second = await json<{ events: SubmissionEvent[] }>(
      sim.url,
      'GET',
      `/events?since=${first.body.lastSeq}&limit=5`,
    );
    expect(second.body.events[0]!.seq).toBe(first.body.lastSeq + 1);
    const filtered = await json<{ events: SubmissionEvent[] }>(
      sim.url,
      'GET',
      '/events?kind=test-persons.issue&limit=100',
    );
    expect(filtered.body.events.map((e) => e.kind)).toEqual([
      'test-persons.issue',
      'test-persons.issue',
      'test-persons.issue',
    ]);
    const org = await json<{ events: SubmissionEvent[] }>(
      sim.url,
      'GET',
      '/events?organisation=1.2.246.10.2654321.10.0&limit=100',
    );
    expect(org.body.events.every((e) => e.organisation === '1.2.246.10.2654321.10.0')).toBe(true);
  });

  it('refuses malformed filters with a clear error', async () => {
    const bad = await json<{ error: { code: string; path: string } }>(sim.url, 'GET', '/events?since=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('since');
    expect((await json(sim.url, 'GET', '/events?channel=smtp')).status).toBe(400);
    expect((await json(sim.url, 'GET', '/events?since=1&since=2')).status).toBe(400);
  });

  it('streams new events as server-sent events and resumes after Last-Event-ID', async () => {
    const { body } = await json<{ events: SubmissionEvent[]; lastSeq: number }>(
      sim.url,
      'GET',
      '/events?limit=1000',
    );
    const start = body.lastSeq;
    const stream = await openSse(`${sim.url}/events/stream?since=${start}&channel=registry`);
    await json(sim.url, 'POST', '/registry/organisations', newOrg(1));
    await json(sim.url, 'POST', '/registry/organisations', newOrg(2));
    const frames = await stream.next(2);
    stream.close();
    expect(frames.map((f) => f.event)).toEqual(['submission', 'submission']);
    const events = frames.map((f) => JSON.parse(f.data) as SubmissionEvent);
    expect(events.map((e) => e.kind)).toEqual(['organisation.register', 'organisation.register']);
    expect(frames[0]!.id).toBe(String(events[0]!.seq));

    const resumed = await openSse(`${sim.url}/events/stream`, { 'Last-Event-ID': frames[0]!.id! });
    const [again] = await resumed.next(1);
    resumed.close();
    expect(JSON.parse(again!.data)).toMatchObject({
      seq: events[1]!.seq,
      organisation: '1.2.246.10.772.10.0',
    });
  });

  it('does not stream events of a refused registry write', async () => {
    const { body } = await json<{ lastSeq: number }>(sim.url, 'GET', '/events?limit=1000');
    const refused = await json(sim.url, 'POST', '/registry/organisations', {
      ...newOrg(3),
      partOf: '1.2.246.10.404.10.0',
      kind: 'service-unit',
    });
    expect(refused.status).toBe(400);
    const after = await json<{ events: SubmissionEvent[] }>(sim.url, 'GET', `/events?since=${body.lastSeq}`);
    expect(after.body.events).toEqual([]);
  });
});
