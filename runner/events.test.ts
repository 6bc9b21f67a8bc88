import { describe, expect, it } from 'vitest';
import type { SubmissionEvent } from '../simulator/domain/events.ts';
import { describeMatch, matches, waitForEvents } from './events.ts';
import { SimulatorClient, type EventFilter } from './http.ts';

function event(seq: number, fields: Partial<SubmissionEvent> = {}): SubmissionEvent {
  return {
    seq,
    at: '2026-11-22T10:00:00.000Z',
    channel: 'archive',
    service: 'pta',
    kind: 'document.archive',
    outcome: 'accepted',
    organisation: '1.2.246.10.3210987.10.0',
    patient: '010181-900C',
    resourceIds: [`1.2.246.10.3210987.14.${seq}`],
    findings: [],
    summary: `document ${seq}`,
    ...fields,
  };
}

/** A simulator whose event log is an array; `arrive` appends events later, as a system would. */
class FakeLog extends SimulatorClient {
  constructor(readonly log: SubmissionEvent[]) {
    super('http://fake');
  }

  override events(
    since: number,
    filter: EventFilter = {},
    limit = 500,
  ): Promise<{ events: SubmissionEvent[]; lastSeq: number }> {
    const events = this.log
      .filter((e) => e.seq > since)
      .filter((e) =>
        Object.entries(filter).every(([k, v]) => v === undefined || e[k as keyof SubmissionEvent] === v),
      )
      .slice(0, limit);
    return Promise.resolve({ events, lastSeq: events.at(-1)?.seq ?? since });
  }
}

describe('matching events', () => {
  it('matches every field given and the finding codes asked for', () => {
    const refused = event(1, {
      outcome: 'refused',
      findings: [{ code: 'hetu.real-range', severity: 'error', path: '/x', message: 'real' }],
    });
    expect(
      matches(refused, { kind: 'document.archive', outcome: 'refused', findings: ['hetu.real-range'] }),
    ).toBe(true);
    expect(matches(refused, { outcome: 'refused', findings: ['other'] })).toBe(false);
    expect(matches(refused, { patient: '020202-900X' })).toBe(false);
  });

  it('describes an expectation in the words of the event log', () => {
    expect(
      describeMatch({
        channel: 'fhir',
        kind: 'appointment.store',
        outcome: 'accepted',
        findings: ['a', 'b'],
      }),
    ).toBe('channel=fhir kind=appointment.store outcome=accepted findings a, b');
  });
});

describe('waiting for events', () => {
  it('returns the matching events after the position it was given', async () => {
    const sim = new FakeLog([event(1), event(2), event(3, { patient: '020202-900X' }), event(4)]);
    const r = await waitForEvents(
      sim,
      { kind: 'document.archive', patient: '010181-900C', count: 2 },
      { since: 1, timeoutMs: 50, pollMs: 5 },
    );
    expect(r.ok).toBe(true);
    expect(r.events.map((e) => e.seq)).toEqual([2, 4]);
  });

  it('waits for events that arrive later', async () => {
    const log: SubmissionEvent[] = [];
    const sim = new FakeLog(log);
    setTimeout(() => log.push(event(1)), 30);
    const r = await waitForEvents(
      sim,
      { kind: 'document.archive' },
      { since: 0, timeoutMs: 5_000, pollMs: 5 },
    );
    expect(r).toMatchObject({ ok: true, events: [{ seq: 1 }] });
  });

  it('stops at once on a near miss and says what came instead', async () => {
    const sim = new FakeLog([
      event(1, {
        outcome: 'refused',
        findings: [{ code: 'pta.undeployed-group', severity: 'error', path: '/', message: 'notify Kela' }],
      }),
    ]);
    const r = await waitForEvents(
      sim,
      { kind: 'document.archive', outcome: 'accepted' },
      { since: 0, timeoutMs: 60_000, pollMs: 5 },
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe(
        'expected kind=document.archive outcome=accepted, received outcome refused with findings pta.undeployed-group (error): notify Kela (event #1: document 1)',
      );
  });

  it('times out with what it was waiting for and what the log got instead', async () => {
    const sim = new FakeLog([event(1, { kind: 'document.replace' })]);
    const r = await waitForEvents(
      sim,
      { kind: 'document.archive', patient: '010181-900C' },
      { since: 0, timeoutMs: 20, pollMs: 5 },
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe(
        'expected an event kind=document.archive patient=010181-900C within 0.02 s (timeout), received none; other events since the step started: #1 document.replace accepted',
      );
  });
});
