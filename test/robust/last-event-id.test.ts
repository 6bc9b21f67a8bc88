/**
 * `/events/stream` treats a `Last-Event-ID` that is not a sequence number as `?since` treats one: a 400
 * in the JSON error format, instead of replaying the whole log. An empty header is no id (as the SSE
 * specification has it) and a good one resumes after it.
 */
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

describe('/events/stream Last-Event-ID', () => {
  for (const id of ['abc', '-5', '1e3', '9'.repeat(30), '1.5', '0x10']) {
    it(`'${id.slice(0, 20)}' is a 400 invalid-parameter naming Last-Event-ID, like ?since=${id.slice(0, 10)}`, async () => {
      const res = await fetch(`${sim.url}/events/stream`, {
        headers: { Accept: 'text/event-stream', 'Last-Event-ID': id },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; path: string; message: string } };
      expect(body.error.code).toBe('invalid-parameter');
      expect(body.error.path).toBe('Last-Event-ID');
      const since = await fetch(`${sim.url}/events/stream?since=${encodeURIComponent(id)}`);
      expect(since.status).toBe(400);
      expect(((await since.json()) as { error: { code: string } }).error.code).toBe(body.error.code);
    });
  }

  it('an empty Last-Event-ID is no id (?since applies) and a sequence number resumes after it', async () => {
    const { body } = await json<{ events: SubmissionEvent[]; lastSeq: number }>(
      sim.url,
      'GET',
      '/events?limit=1000',
    );
    expect(body.events.length).toBeGreaterThan(1);
    const last = body.events.at(-1)!;
    const before = body.events.at(-2)!;
    const empty = await openSse(`${sim.url}/events/stream?since=${before.seq}`, { 'Last-Event-ID': '' });
    const [fromSince] = await empty.next(1);
    empty.close();
    expect((JSON.parse(fromSince!.data) as SubmissionEvent).seq).toBe(last.seq);
    const resumed = await openSse(`${sim.url}/events/stream?since=0`, {
      'Last-Event-ID': String(before.seq),
    });
    const [next] = await resumed.next(1);
    resumed.close();
    expect((JSON.parse(next!.data) as SubmissionEvent).seq).toBe(last.seq);
  });
});
