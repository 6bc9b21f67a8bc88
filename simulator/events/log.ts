/**
 * The submission log: every accepted or refused submission, kept in the store and announced to
 * listeners (the SSE stream, the viewer, tests).
 *
 * Listeners are told "something new may be there" and then read from the store by sequence number, so
 * they never see an event of a transaction that later rolled back (reads wait behind open transactions).
 *
 * `record` is the identity guard's choke point for the log: unless the operator allows real identities,
 * every string of the event (patient, summary, finding messages, details) is masked before it is
 * appended, so `/events`, `/events/stream`, the viewer's live feed and anything reading the store see
 * `131052-***T`, never the code. A query by the code itself then finds nothing, as it should.
 */
import { EventEmitter } from 'node:events';
import type { Store, StoreSession } from '../store/types.ts';
import type { NewEvent, SubmissionEvent } from '../domain/events.ts';
import { maskDeep } from '../domain/identity-guard.ts';

export class EventLog {
  private readonly emitter = new EventEmitter();

  private readonly allowReal: boolean;

  constructor(
    private readonly store: Store,
    options: { allowRealIdentities?: boolean } = {},
  ) {
    this.allowReal = options.allowRealIdentities === true;
    this.emitter.setMaxListeners(0);
    // A shared store (several instances on one PostgreSQL) also announces other instances' appends.
    store.watchEvents?.(() => this.emitter.emit('appended'));
  }

  /**
   * Appends an event. Pass the transaction session when the event belongs to a write, so the event and
   * the data commit (or vanish) together.
   */
  async record(event: NewEvent, session: StoreSession = this.store): Promise<SubmissionEvent> {
    const stored = await session.events.append(this.allowReal ? event : maskDeep(event));
    const announce = (): void => {
      this.emitter.emit('appended');
    };
    // Listeners are told once the event is committed (the SQLite store's hook), not before.
    if (this.store.afterCommit) this.store.afterCommit(announce);
    else setImmediate(announce);
    return stored;
  }

  /** Calls `listener` whenever events may have been appended. Returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }
}
