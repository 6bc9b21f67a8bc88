/**
 * `/viewer/live/stream`: the event log as server-sent events, filtered to the archivist's organisation
 * (events whose `organisation` is in scope). The public `/events/stream` is the unfiltered API; the
 * viewer never shows another register's submissions, not even refused ones.
 */
import type { Request, Response } from 'express';
import type { EventLog } from '../events/log.ts';
import type { Store, SubmissionEvent } from '../store/types.ts';
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

export class LiveStreams {
  private readonly open = new Set<Response>();

  constructor(
    private readonly store: Store,
    private readonly log: EventLog,
  ) {}

  async serve(req: Request, res: Response, scope: ArchivistScope): Promise<void> {
    const lastEventId = req.get('Last-Event-ID');
    const since = typeof req.query.since === 'string' ? req.query.since : undefined;
    let cursor = Number(
      lastEventId !== undefined && /^[0-9]{1,15}$/.test(lastEventId)
        ? lastEventId
        : since !== undefined && /^[0-9]{1,15}$/.test(since)
          ? since
          : await this.store.events.lastSeq(),
    );
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': kantasim viewer stream\n\n');
    this.open.add(res);
    const state = { pumping: false, again: false };
    const pump = async (): Promise<void> => {
      if (state.pumping) {
        state.again = true;
        return;
      }
      state.pumping = true;
      try {
        do {
          state.again = false;
          for (;;) {
            const batch = await this.store.events.list({ since: cursor, limit: 500 });
            for (const event of batch) {
              cursor = event.seq;
              if (eventVisible(scope, event))
                res.write(`id: ${event.seq}\nevent: submission\ndata: ${JSON.stringify(event)}\n\n`);
            }
            if (batch.length < 500) break;
          }
        } while (again(state) && !res.writableEnded);
      } catch {
        res.end();
      } finally {
        state.pumping = false;
      }
    };
    const unsubscribe = this.log.onAppend(() => void pump());
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    });
    await pump();
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}

/** Read through a function so the compiler does not narrow a flag that callbacks change. */
function again(state: { again: boolean }): boolean {
  return state.again;
}
