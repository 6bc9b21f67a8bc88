/**
 * `/viewer/live/stream`: the event log as server-sent events, filtered to the archivist's organisation.
 * The store filters by the scope's event query and the stream checks each event with the same rule
 * (`maySeeEvent`, `simulator/access/scope.ts`), so the viewer never shows another register's
 * submissions, not even refused ones. The public `/events/stream` is the unfiltered API.
 */
import type { Request, Response } from 'express';
import { lastEventIdOf } from '../events/routes.ts';
import type { EventStreams } from '../events/sse.ts';
import { badRequest } from '../http/errors.ts';
import { summaryIn } from '../../common/i18n/event-summary.ts';
import { langOfRes } from './i18n.tsx';
import type { ScopedReader } from './reader.ts';

/** The viewer's live view: the shared event stream, filtered to one reader's scope. */
export class LiveStreams {
  constructor(private readonly streams: EventStreams) {}

  async serve(req: Request, res: Response, reader: ScopedReader): Promise<void> {
    const lang = langOfRes(res);
    // Resumes after the last frame the browser saw, or after `since`; a value that is not a sequence
    // number is refused (as on /events/stream), not read as "from now", which would hide what it missed.
    const since = req.query.since;
    if (since !== undefined && (typeof since !== 'string' || !/^[0-9]{1,15}$/.test(since)))
      throw badRequest(
        'invalid-parameter',
        "'since' must be a whole number ≥ 0 (an event's sequence number)",
        'since',
      );
    const after = lastEventIdOf(req) ?? (since === undefined ? await reader.lastEventSeq() : Number(since));
    await this.streams.serve(res, {
      after,
      query: reader.eventQuery(),
      visible: (e) => reader.maySeeEvent(e),
      banner: 'kantasim viewer stream',
      // The summary in the page's language, as the server-rendered rows have it (live.js shows it).
      present: (e) => ({ ...e, summaryText: summaryIn(e, lang) }),
    });
  }

  closeAll(): void {
    this.streams.closeAll();
  }
}
