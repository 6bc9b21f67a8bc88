/**
 * Short-lived state that used to live in one process's memory and now lives in the store, so that
 * several kantasim instances behind a load balancer behave as one (any instance may serve the next
 * request of a viewer session, a FHIR `_page` link, or the next sign-in attempt):
 *
 * - viewer sessions (which archivist a session cookie stands for, and when it was last used);
 * - page tokens (the parameters behind a FHIR `[base]/_page/<token>` link, which must not be in a URL);
 * - rate-limit counters (the times of recent failures per key, e.g. wrong passcodes per account).
 *
 * Times are epoch milliseconds passed in by the caller, so tests control the clock.
 */

export interface StoredSession {
  id: string;
  archivistId: string;
  createdAt: number;
  lastSeen: number;
}

export interface SessionRepository {
  create(session: StoredSession): Promise<void>;
  get(id: string): Promise<StoredSession | undefined>;
  /** Sets `lastSeen`; does nothing for an unknown id. */
  touch(id: string, lastSeen: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Removes sessions last seen before `before`; returns how many. */
  deleteIdle(before: number): Promise<number>;
}

export interface PageTokenRepository {
  /** Keeps `state` (JSON-serialisable) under `token` until `expiresAt`. */
  put(token: string, state: unknown, expiresAt: number): Promise<void>;
  /** The state, or undefined when unknown or expired at `now`. */
  get(token: string, now: number): Promise<unknown>;
  /** Removes tokens expired at `now`; returns how many. */
  deleteExpired(now: number): Promise<number>;
}

export interface RateLimitRepository {
  /** Records one hit of `key` at `at`, keeping only the newest `keep` hits of that key. */
  hit(key: string, at: number, keep: number): Promise<void>;
  /** Times of the hits of `key` after `since`, oldest first. */
  recent(key: string, since: number): Promise<number[]>;
  /** Forgets every hit of `key`. */
  clear(key: string): Promise<void>;
}
