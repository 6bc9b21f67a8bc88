/**
 * `/viewer/live/stream`: the event log as server-sent events, filtered to the archivist's organisation.
 * The store filters by the scope's event query and the stream checks each event with the same rule
 * (`maySeeEvent`, `simulator/access/scope.ts`), so the viewer never shows another register's
 * submissions, not even refused ones. The public `/events/stream` is the unfiltered API.
 */
import type { Request, Response } from 'express';
import type { EventStreams } from '../events/sse.ts';
import type { ScopedReader } from './reader.ts';

/** The viewer's live view: the shared event stream, filtered to one reader's scope. */
export class LiveStreams {
  constructor(private readonly streams: EventStreams) {}

  async serve(req: Request, res: Response, reader: ScopedReader): Promise<void> {
    const lastEventId = req.get('Last-Event-ID');
    const since = typeof req.query.since === 'string' ? req.query.since : undefined;
    const after = Number(
      lastEventId !== undefined && /^[0-9]{1,15}$/.test(lastEventId)
        ? lastEventId
        : since !== undefined && /^[0-9]{1,15}$/.test(since)
          ? since
          : await reader.lastEventSeq(),
    );
    await this.streams.serve(res, {
      after,
      query: reader.eventQuery(),
      visible: (e) => reader.maySeeEvent(e),
      banner: 'kantasim viewer stream',
    });
  }

  closeAll(): void {
    this.streams.closeAll();
  }
}
