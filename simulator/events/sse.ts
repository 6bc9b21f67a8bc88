/**
 * Server-sent event streams of the event log, shared by the public `/events/stream` and the viewer's
 * scoped live view. Each stream starts after a sequence number, sends every later event that passes the
 * query and the visibility filter as an `event: submission` frame whose `id` is the sequence number, and
 * keeps the connection alive with a comment every 15 s.
 *
 * The event log only says "something may be new"; the stream then reads the store from its cursor, so it
 * never sends an event of a transaction that rolled back, and never sends one twice.
 */
import type { Response } from 'express';
import type { EventQuery, Store } from '../store/types.ts';
import type { SubmissionEvent } from '../domain/events.ts';
import type { EventLog } from './log.ts';

export interface StreamOptions {
  /** Send events with a sequence number greater than this. */
  after: number;
  /** Filters applied by the store (channel, organisation, …); `since` and `limit` are the stream's own. */
  query?: EventQuery;
  /** Further filter, e.g. the viewer's register scope. */
  visible?: (event: SubmissionEvent) => boolean;
  /** Comment line sent first, naming the stream. */
  banner: string;
  /** What each frame carries of an event (default: the event as the JSON API has it). */
  present?: (event: SubmissionEvent) => unknown;
}

const BATCH = 500;
const HEARTBEAT_MS = 15_000;

/** Read through a function so the compiler does not narrow a flag that callbacks change. */
function askedAgain(state: { again: boolean }): boolean {
  return state.again;
}

export class EventStreams {
  private readonly open = new Set<Response>();

  constructor(
    private readonly store: Store,
    private readonly log: EventLog,
  ) {}

  /** Streams to `res` until the client goes away or `closeAll` is called. */
  async serve(res: Response, options: StreamOptions): Promise<void> {
    let cursor = options.after;
    const visible = options.visible ?? ((): boolean => true);
    const present = options.present ?? ((event: SubmissionEvent): unknown => event);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`: ${options.banner}\n\n`);
    this.open.add(res);

    // One pump at a time; a notification that arrives mid-pump asks for one more pass.
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
            const batch = await this.store.events.list({ ...options.query, since: cursor, limit: BATCH });
            for (const event of batch) {
              cursor = event.seq;
              if (visible(event))
                res.write(`id: ${event.seq}\nevent: submission\ndata: ${JSON.stringify(present(event))}\n\n`);
            }
            if (batch.length < BATCH) break;
          }
        } while (askedAgain(state) && !res.writableEnded);
      } catch {
        // The store closed under us (shutdown): end the stream.
        res.end();
      } finally {
        state.pumping = false;
      }
    };
    const unsubscribe = this.log.onAppend(() => void pump());
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    });
    await pump();
  }

  /** Ends every open stream (graceful shutdown). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
