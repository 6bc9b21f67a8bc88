/**
 * Refused nullifications: recorded as events after the refusing transaction, and answered even when
 * the event cannot be recorded (the failure is logged).
 */
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { openSqliteStore } from '../store/sqlite/index.ts';
import { EventLog } from '../events/log.ts';
import { createLogger } from '../logger.ts';
import { nullifyDocument } from './nullification.ts';

function capturingLogger(): {
  logger: ReturnType<typeof createLogger>;
  lines: () => Record<string, unknown>[];
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: createLogger('info', sink),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Nullifies a document that does not exist, with a reason and who. */
const nullifyUnknown = (
  store: ReturnType<typeof openSqliteStore>,
  events: EventLog,
  logger: ReturnType<typeof createLogger>,
  requestId: string,
): ReturnType<typeof nullifyDocument> =>
  nullifyDocument(
    store,
    events,
    '1.2.3.404',
    { reason: 'r', by: 'b' },
    { now: new Date(), logger, requestId },
  );

describe('refused nullifications', () => {
  it('are events of their own, recorded outside the refusing transaction', async () => {
    const store = openSqliteStore(':memory:');
    const events = new EventLog(store);
    const { logger } = capturingLogger();
    const missing = await nullifyUnknown(store, events, logger, 'req-1');
    expect(missing).toMatchObject({ ok: false, status: 404 });
    const unexplained = await nullifyDocument(store, events, '1.2.3.405', {}, { now: new Date(), logger });
    expect(unexplained).toMatchObject({ ok: false, status: 400 });
    const logged = await store.events.list({ kind: 'document.nullify' });
    expect(logged.map((e) => [e.outcome, e.requestId, e.findings.map((f) => f.code)])).toEqual([
      ['refused', 'req-1', ['CDA-NUL-001']],
      ['refused', undefined, ['CDA-NUL-003', 'CDA-NUL-003']],
    ]);
    await store.close();
  });

  it('are still answered when the event log cannot take the event, and the failure is logged', async () => {
    const store = openSqliteStore(':memory:');
    const events = new EventLog(store);
    events.record = (): never => {
      throw new Error('event store unavailable');
    };
    const { logger, lines } = capturingLogger();
    const result = await nullifyUnknown(store, events, logger, 'req-2');
    expect(result).toMatchObject({ ok: false, status: 404 });
    const errors = lines().filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: 'req-2', msg: 'could not record a refused nullification' });
    await store.close();
  });
});
