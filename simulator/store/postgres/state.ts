/**
 * PostgreSQL implementation of the short-lived shared state (see `../state-types.ts`), the same tables
 * as `../sqlite/state.ts`: what lets any instance serve a viewer session, a `_page` link or the next
 * sign-in attempt that another instance began.
 */
import type { Db } from './db.ts';
import { TEXT, type PgAreaMigrations } from './migrate.ts';
import type {
  PageTokenRepository,
  RateLimitRepository,
  SessionRepository,
  StoredSession,
} from '../state-types.ts';

export const pgStateMigrations: PgAreaMigrations = {
  area: 'state',
  migrations: [
    {
      version: 1,
      name: 'viewer sessions, page tokens, rate-limit counters',
      sql: `
        CREATE TABLE viewer_sessions (
          id ${TEXT} PRIMARY KEY,
          archivist ${TEXT} NOT NULL,
          created_at BIGINT NOT NULL,
          last_seen BIGINT NOT NULL
        );
        CREATE INDEX viewer_sessions_seen ON viewer_sessions (last_seen);
        CREATE TABLE page_tokens (token ${TEXT} PRIMARY KEY, state TEXT NOT NULL, expires_at BIGINT NOT NULL);
        CREATE INDEX page_tokens_expiry ON page_tokens (expires_at);
        CREATE TABLE rate_limit_hits (seq BIGSERIAL PRIMARY KEY, key ${TEXT} NOT NULL, at BIGINT NOT NULL);
        CREATE INDEX rate_limit_hits_key ON rate_limit_hits (key, at);
      `,
    },
  ],
};

export function pgSessions(db: Db): SessionRepository {
  return {
    create: async (s: StoredSession) => {
      await db.query(
        'INSERT INTO viewer_sessions (id, archivist, created_at, last_seen) VALUES ($1, $2, $3, $4)',
        [s.id, s.archivistId, s.createdAt, s.lastSeen],
      );
    },
    get: async (id) => {
      const row = await db.one<{ id: string; archivist: string; created_at: number; last_seen: number }>(
        'SELECT * FROM viewer_sessions WHERE id = $1',
        [id],
      );
      return (
        row && { id: row.id, archivistId: row.archivist, createdAt: row.created_at, lastSeen: row.last_seen }
      );
    },
    touch: async (id, lastSeen) => {
      await db.query('UPDATE viewer_sessions SET last_seen = $1 WHERE id = $2', [lastSeen, id]);
    },
    delete: async (id) => {
      await db.query('DELETE FROM viewer_sessions WHERE id = $1', [id]);
    },
    deleteIdle: async (before) =>
      (await db.query('DELETE FROM viewer_sessions WHERE last_seen < $1 RETURNING id', [before])).length,
  };
}

export function pgPageTokens(db: Db): PageTokenRepository {
  return {
    put: async (token, state, expiresAt) => {
      await db.query(
        `INSERT INTO page_tokens (token, state, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (token) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
        [token, JSON.stringify(state), expiresAt],
      );
    },
    get: async (token, now) => {
      const row = await db.one<{ state: string }>(
        'SELECT state FROM page_tokens WHERE token = $1 AND expires_at >= $2',
        [token, now],
      );
      return row === undefined ? undefined : (JSON.parse(row.state) as unknown);
    },
    deleteExpired: async (now) =>
      (await db.query('DELETE FROM page_tokens WHERE expires_at < $1 RETURNING token', [now])).length,
  };
}

export function pgRateLimits(db: Db): RateLimitRepository {
  return {
    // One statement-pair in one transaction, so two instances counting the same key at once both count.
    hit: (key, at, keep) =>
      db.transaction(async () => {
        await db.query('INSERT INTO rate_limit_hits (key, at) VALUES ($1, $2)', [key, at]);
        await db.query(
          `DELETE FROM rate_limit_hits WHERE key = $1 AND seq NOT IN
             (SELECT seq FROM rate_limit_hits WHERE key = $1 ORDER BY at DESC, seq DESC LIMIT $2)`,
          [key, Math.max(1, Math.trunc(keep))],
        );
      }),
    recent: async (key, since) =>
      (
        await db.query<{ at: number }>(
          'SELECT at FROM rate_limit_hits WHERE key = $1 AND at > $2 ORDER BY at, seq',
          [key, since],
        )
      ).map((r) => r.at),
    clear: async (key) => {
      await db.query('DELETE FROM rate_limit_hits WHERE key = $1', [key]);
    },
  };
}
