/**
 * PostgreSQL implementation of the event log and the viewer's access log.
 *
 * Sequence numbers must never appear out of order to a reader following `seq > last` (the SSE stream
 * resumes after `Last-Event-ID`, other instances poll): an append therefore runs under the store's
 * write lock, so sequence order is commit order. Each append also sends `NOTIFY kantasim_events`, which
 * PostgreSQL delivers at commit (never for a rolled-back write) to every instance listening; that is
 * how one instance's `/events/stream` learns of writes made through another.
 */
import { Params, type Db } from './db.ts';
import { TEXT, type PgAreaMigrations } from './migrate.ts';
import type { AccessLogRepository, EventQuery, EventRepository } from '../types.ts';
import {
  eventOwner,
  type AccessLogEntry,
  type NewAccessLogEntry,
  type NewEvent,
  type SubmissionEvent,
} from '../../domain/events.ts';
import { maskDeep } from '../../domain/identity-guard.ts';
import { MAX_EVENT_PAGE } from '../sqlite/events.ts';
import { MAX_ACCESS_LOG_PAGE } from '../sqlite/access-log.ts';

/** The NOTIFY channel (one per schema, so separate stores in one database do not wake each other). */
export function eventChannel(schema: string): string {
  return `kantasim_events_${schema}`;
}

export const pgEventMigrations: PgAreaMigrations = {
  area: 'events',
  migrations: [
    {
      version: 1,
      name: 'event log',
      sql: `
        CREATE TABLE events (
          seq BIGSERIAL PRIMARY KEY,
          at TEXT NOT NULL,
          channel ${TEXT} NOT NULL,
          service ${TEXT},
          kind ${TEXT} NOT NULL,
          outcome ${TEXT} NOT NULL,
          organisation ${TEXT},
          patient ${TEXT},
          json TEXT NOT NULL
        );
        CREATE INDEX events_patient ON events (patient, seq);
        CREATE INDEX events_organisation ON events (organisation, seq);
      `,
    },
    {
      // The same filter indexes as the SQLite store (sqlite/events.ts, migration 2).
      version: 2,
      name: 'event filters in sequence order',
      sql: `
        CREATE INDEX events_kind ON events (kind, seq);
        CREATE INDEX events_outcome ON events (outcome, seq);
        CREATE INDEX events_channel ON events (channel, seq);
        CREATE INDEX events_service ON events (service, seq);
      `,
    },
    {
      // The owner of an event in scoped views, as in the SQLite store (sqlite/events.ts, migration 3).
      version: 3,
      name: 'event owner for scoped views',
      sql: `
        ALTER TABLE events ADD COLUMN owner ${TEXT};
        UPDATE events SET owner = organisation;
        CREATE INDEX events_owner ON events (owner, seq);
      `,
    },
  ],
};

export const pgAccessLogMigrations: PgAreaMigrations = {
  area: 'access-log',
  migrations: [
    {
      version: 1,
      name: 'viewer access log',
      sql: `
        CREATE TABLE access_log (
          seq BIGSERIAL PRIMARY KEY,
          at TEXT NOT NULL,
          register_controller ${TEXT} NOT NULL,
          archivist ${TEXT} NOT NULL,
          patient ${TEXT},
          json TEXT NOT NULL
        );
        CREATE INDEX access_log_register ON access_log (register_controller, seq);
        CREATE INDEX access_log_patient ON access_log (register_controller, patient, seq);
      `,
    },
  ],
};

const FILTERS = ['channel', 'service', 'organisation', 'patient', 'outcome', 'kind'] as const;

export function pgEvents(db: Db): EventRepository {
  return {
    append: (event: NewEvent) =>
      db.transaction(async () => {
        const at = event.at ?? new Date().toISOString();
        const body = { ...event, at };
        const row = await db.one<{ seq: number }>(
          `INSERT INTO events (at, channel, service, kind, outcome, organisation, owner, patient, json)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq`,
          [
            at,
            event.channel,
            event.service ?? null,
            event.kind,
            event.outcome,
            event.organisation ?? null,
            eventOwner(event) ?? null,
            event.patient ?? null,
            JSON.stringify(body),
          ],
        );
        await db.query('SELECT pg_notify($1, $2)', [eventChannel(db.schema), String(row?.seq ?? 0)]);
        return { ...body, seq: row?.seq ?? 0 } satisfies SubmissionEvent;
      }),
    list: async (query: EventQuery = {}) => {
      const q = new Params();
      const where = [`seq > ${q.p(query.since ?? 0)}`];
      for (const key of FILTERS) {
        const value = query[key];
        if (value !== undefined) where.push(`${key} = ${q.p(value)}`);
      }
      if (query.organisations !== undefined)
        where.push(
          query.organisations.length === 0
            ? 'FALSE'
            : `owner IN (${query.organisations.map((o) => q.p(o)).join(', ')})`,
        );
      if (query.excludeChannels !== undefined && query.excludeChannels.length > 0)
        where.push(`channel NOT IN (${query.excludeChannels.map((c) => q.p(c)).join(', ')})`);
      const order = query.newestFirst === true ? 'DESC' : 'ASC';
      const limit = q.p(Math.min(Math.max(query.limit ?? 100, 1), MAX_EVENT_PAGE));
      const rows = await db.query<{ seq: number; json: string }>(
        `SELECT seq, json FROM events WHERE ${where.join(' AND ')} ORDER BY seq ${order} LIMIT ${limit}`,
        q.values,
      );
      return rows.map((row) => ({ ...(JSON.parse(row.json) as Omit<SubmissionEvent, 'seq'>), seq: row.seq }));
    },
    lastSeq: async () =>
      (await db.one<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM events'))?.seq ?? 0,
  };
}

export function pgAccessLog(db: Db): AccessLogRepository {
  return {
    append: (entries: NewAccessLogEntry[]) =>
      db.transaction(async () => {
        // The identity guard's choke point for the access log, as in the SQLite store: only the
        // masked form of a looked-up code is kept, in every mode.
        for (const entry of entries.map(maskDeep)) {
          const at = entry.at ?? new Date().toISOString();
          const row = await db.one<{ seq: number }>(
            `INSERT INTO access_log (at, register_controller, archivist, patient, json)
             VALUES ($1, $2, $3, $4, '{}') RETURNING seq`,
            [at, entry.registerController, entry.archivist, entry.patient ?? null],
          );
          const seq = row?.seq ?? 0;
          const stored: AccessLogEntry = { ...entry, seq, at };
          await db.query('UPDATE access_log SET json = $1 WHERE seq = $2', [JSON.stringify(stored), seq]);
        }
      }),
    list: async (query) => {
      const q = new Params();
      const where = [`register_controller = ${q.p(query.registerController)}`];
      if (query.patient !== undefined) where.push(`patient = ${q.p(query.patient)}`);
      if (query.archivist !== undefined) where.push(`archivist = ${q.p(query.archivist)}`);
      if (query.before !== undefined) where.push(`seq < ${q.p(query.before)}`);
      const limit = q.p(Math.min(Math.max(query.limit ?? 200, 1), MAX_ACCESS_LOG_PAGE));
      const rows = await db.query<{ json: string }>(
        `SELECT json FROM access_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${limit}`,
        q.values,
      );
      return rows.map((row) => JSON.parse(row.json) as AccessLogEntry);
    },
  };
}
