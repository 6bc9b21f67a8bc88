/**
 * SQLite implementation of the viewer's access log: one row per view of one person's data.
 * Rows are only ever appended; the viewer lists them per register controller, newest first.
 */
import type Database from 'better-sqlite3';
import type { AreaMigrations } from './migrate.ts';
import type { Gate } from './gate.ts';
import type { AccessLogRepository } from '../types.ts';
import type { AccessLogEntry, NewAccessLogEntry } from '../../domain/events.ts';
import { maskDeep } from '../../domain/identity-guard.ts';

export const accessLogMigrations: AreaMigrations = {
  area: 'access-log',
  migrations: [
    {
      version: 1,
      name: 'viewer access log',
      up: `
        CREATE TABLE access_log (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          register_controller TEXT NOT NULL,
          archivist TEXT NOT NULL,
          patient TEXT,
          json TEXT NOT NULL
        );
        CREATE INDEX access_log_register ON access_log (register_controller, seq);
        CREATE INDEX access_log_patient ON access_log (register_controller, patient, seq);
      `,
    },
  ],
};

/** Hard ceiling on one page of the access log. */
export const MAX_ACCESS_LOG_PAGE = 1000;

export function sqliteAccessLog(db: Database.Database, gate: Gate): AccessLogRepository {
  const insert = db.prepare(
    `INSERT INTO access_log (at, register_controller, archivist, patient, json)
     VALUES (@at, @registerController, @archivist, @patient, @json)`,
  );
  const setJson = db.prepare<[string, number]>('UPDATE access_log SET json = ? WHERE seq = ?');
  return {
    append: (entries: NewAccessLogEntry[]) =>
      gate.run(() => {
        db.transaction(() => {
          // The identity guard's choke point for the access log: an archivist may look up any code
          // (a real one finds nothing stored), but the log keeps only its masked form, in every mode.
          for (const entry of entries.map(maskDeep)) {
            const at = entry.at ?? new Date().toISOString();
            const row = {
              at,
              registerController: entry.registerController,
              archivist: entry.archivist,
              patient: entry.patient ?? null,
              json: '{}',
            };
            const seq = Number(insert.run(row).lastInsertRowid);
            const stored: AccessLogEntry = { ...entry, seq, at };
            setJson.run(JSON.stringify(stored), seq);
          }
        })();
      }),
    list: (query) =>
      gate.run(() => {
        const where = ['register_controller = @registerController'];
        const params: Record<string, string | number> = { registerController: query.registerController };
        if (query.patient !== undefined) {
          where.push('patient = @patient');
          params.patient = query.patient;
        }
        if (query.archivist !== undefined) {
          where.push('archivist = @archivist');
          params.archivist = query.archivist;
        }
        if (query.before !== undefined) {
          where.push('seq < @before');
          params.before = query.before;
        }
        params.limit = Math.min(Math.max(query.limit ?? 200, 1), MAX_ACCESS_LOG_PAGE);
        const sql = `SELECT json FROM access_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @limit`;
        return db
          .prepare<Record<string, string | number>, { json: string }>(sql)
          .all(params)
          .map((row) => JSON.parse(row.json) as AccessLogEntry);
      }),
  };
}
