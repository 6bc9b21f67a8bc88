/**
 * The submission log: every accepted or refused submission, kept in the store and announced to
 * listeners (the SSE stream, the viewer, tests).
 *
 * Listeners are told "something new may be there" and then read from the store by sequence number, so
 * they never see an event of a transaction that later rolled back (reads wait behind open transactions).
 */
import { EventEmitter } from 'node:events';
import type { Store, StoreSession } from '../store/types.ts';
import type { NewEvent, SubmissionEvent } from '../domain/events.ts';

export class EventLog {
  private readonly emitter = new EventEmitter();

  constructor(private readonly store: Store) {
    this.emitter.setMaxListeners(0);
  }

  /**
   * Appends an event. Pass the transaction session when the event belongs to a write, so the event and
   * the data commit (or vanish) together.
   */
  async record(event: NewEvent, session: StoreSession = this.store): Promise<SubmissionEvent> {
    const stored = await session.events.append(event);
    setImmediate(() => this.emitter.emit('appended'));
    return stored;
  }

  /** Calls `listener` whenever events may have been appended. Returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }
}
