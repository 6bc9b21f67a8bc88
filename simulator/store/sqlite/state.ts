/**
 * SQLite implementation of the short-lived shared state (see `../state-types.ts`): viewer sessions,
 * FHIR page tokens and rate-limit counters, one small table each.
 */
import type Database from 'better-sqlite3';
import type { AreaMigrations } from './migrate.ts';
import type { Gate } from './gate.ts';
import type {
  PageTokenRepository,
  RateLimitRepository,
  SessionRepository,
  StoredSession,
} from '../state-types.ts';

export const stateMigrations: AreaMigrations = {
  area: 'state',
  migrations: [
    {
      version: 1,
      name: 'viewer sessions, page tokens, rate-limit counters',
      up: `
        CREATE TABLE viewer_sessions (
          id TEXT PRIMARY KEY,
          archivist TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          last_seen INTEGER NOT NULL
        );
        CREATE INDEX viewer_sessions_seen ON viewer_sessions (last_seen);
        CREATE TABLE page_tokens (token TEXT PRIMARY KEY, state TEXT NOT NULL, expires_at INTEGER NOT NULL);
        CREATE INDEX page_tokens_expiry ON page_tokens (expires_at);
        CREATE TABLE rate_limit_hits (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          key TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE INDEX rate_limit_hits_key ON rate_limit_hits (key, at);
      `,
    },
  ],
};

interface SessionRow {
  id: string;
  archivist: string;
  created_at: number;
  last_seen: number;
}

export function sqliteSessions(db: Database.Database, gate: Gate): SessionRepository {
  const insert = db.prepare(
    'INSERT INTO viewer_sessions (id, archivist, created_at, last_seen) VALUES (?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], SessionRow>('SELECT * FROM viewer_sessions WHERE id = ?');
  const touch = db.prepare('UPDATE viewer_sessions SET last_seen = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM viewer_sessions WHERE id = ?');
  const idle = db.prepare('DELETE FROM viewer_sessions WHERE last_seen < ?');
  return {
    create: (s: StoredSession) =>
      gate.run(() => {
        insert.run(s.id, s.archivistId, s.createdAt, s.lastSeen);
      }),
    get: (id) =>
      gate.run(() => {
        const row = byId.get(id);
        return (
          row && {
            id: row.id,
            archivistId: row.archivist,
            createdAt: row.created_at,
            lastSeen: row.last_seen,
          }
        );
      }),
    touch: (id, lastSeen) =>
      gate.run(() => {
        touch.run(lastSeen, id);
      }),
    delete: (id) =>
      gate.run(() => {
        remove.run(id);
      }),
    deleteIdle: (before) => gate.run(() => idle.run(before).changes),
  };
}

export function sqlitePageTokens(db: Database.Database, gate: Gate): PageTokenRepository {
  const insert = db.prepare('INSERT OR REPLACE INTO page_tokens (token, state, expires_at) VALUES (?, ?, ?)');
  const byToken = db.prepare<[string, number], { state: string }>(
    'SELECT state FROM page_tokens WHERE token = ? AND expires_at >= ?',
  );
  const expired = db.prepare('DELETE FROM page_tokens WHERE expires_at < ?');
  return {
    put: (token, state, expiresAt) =>
      gate.run(() => {
        insert.run(token, JSON.stringify(state), expiresAt);
      }),
    get: (token, now) =>
      gate.run(() => {
        const row = byToken.get(token, now);
        return row === undefined ? undefined : (JSON.parse(row.state) as unknown);
      }),
    deleteExpired: (now) => gate.run(() => expired.run(now).changes),
  };
}

export function sqliteRateLimits(db: Database.Database, gate: Gate): RateLimitRepository {
  const insert = db.prepare('INSERT INTO rate_limit_hits (key, at) VALUES (?, ?)');
  const trim = db.prepare(
    `DELETE FROM rate_limit_hits WHERE key = @key AND seq NOT IN
       (SELECT seq FROM rate_limit_hits WHERE key = @key ORDER BY at DESC, seq DESC LIMIT @keep)`,
  );
  const recent = db.prepare<[string, number], { at: number }>(
    'SELECT at FROM rate_limit_hits WHERE key = ? AND at > ? ORDER BY at, seq',
  );
  const clear = db.prepare('DELETE FROM rate_limit_hits WHERE key = ?');
  return {
    hit: (key, at, keep) =>
      gate.run(() => {
        db.transaction(() => {
          insert.run(key, at);
          trim.run({ key, keep: Math.max(1, Math.trunc(keep)) });
        })();
      }),
    recent: (key, since) => gate.run(() => recent.all(key, since).map((r) => r.at)),
    clear: (key) =>
      gate.run(() => {
        clear.run(key);
      }),
  };
}
