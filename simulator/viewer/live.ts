/**
 * `/viewer/live/stream`: the event log as server-sent events, filtered to the archivist's organisation
 * (events whose `organisation` is in scope). The public `/events/stream` is the unfiltered API; the
 * viewer never shows another register's submissions, not even refused ones.
 */
import type { Request, Response } from 'express';
import type { EventLog } from '../events/log.ts';
import { EventStreams } from '../events/sse.ts';
import type { Store } from '../store/types.ts';
import type { SubmissionEvent } from '../domain/events.ts';
import type { ArchivistScope } from './scope.ts';

export function eventVisible(scope: ArchivistScope, event: SubmissionEvent): boolean {
  return (
    event.organisation !== undefined &&
    event.channel !== 'registry' &&
    scope.appointmentOrganisations.has(event.organisation)
  );
}

/** The newest `count` events in scope, newest first (looks back at most `window` events). */
export async function recentEvents(
  store: Store,
  scope: ArchivistScope,
  count: number,
  window = 2000,
): Promise<SubmissionEvent[]> {
  const last = await store.events.lastSeq();
  const out: SubmissionEvent[] = [];
  let since = Math.max(0, last - window);
  for (;;) {
    const batch = await store.events.list({ since, limit: 1000 });
    out.push(...batch.filter((e) => eventVisible(scope, e)));
    const tail = batch.at(-1);
    if (!tail || batch.length < 1000) break;
    since = tail.seq;
  }
  return out.slice(-count).reverse();
}

/** The viewer's live view: the shared event stream, filtered to the archivist's scope. */
export class LiveStreams {
  private readonly streams: EventStreams;

  constructor(
    private readonly store: Store,
    log: EventLog,
  ) {
    this.streams = new EventStreams(store, log);
  }

  async serve(req: Request, res: Response, scope: ArchivistScope): Promise<void> {
    const lastEventId = req.get('Last-Event-ID');
    const since = typeof req.query.since === 'string' ? req.query.since : undefined;
    const after = Number(
      lastEventId !== undefined && /^[0-9]{1,15}$/.test(lastEventId)
        ? lastEventId
        : since !== undefined && /^[0-9]{1,15}$/.test(since)
          ? since
          : await this.store.events.lastSeq(),
    );
    await this.streams.serve(res, {
      after,
      visible: (e) => eventVisible(scope, e),
      banner: 'kantasim viewer stream',
    });
  }

  closeAll(): void {
    this.streams.closeAll();
  }
}
