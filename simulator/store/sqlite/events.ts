/** SQLite implementation of the event log. */
import type Database from 'better-sqlite3';
import type { AreaMigrations } from './migrate.ts';
import type { Gate } from './gate.ts';
import type { EventQuery, EventRepository } from '../types.ts';
import { eventOwner, type NewEvent, type SubmissionEvent } from '../../domain/events.ts';

export const eventMigrations: AreaMigrations = {
  area: 'events',
  migrations: [
    {
      version: 1,
      name: 'event log',
      up: `
        CREATE TABLE events (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          channel TEXT NOT NULL,
          service TEXT,
          kind TEXT NOT NULL,
          outcome TEXT NOT NULL,
          organisation TEXT,
          patient TEXT,
          json TEXT NOT NULL
        );
        CREATE INDEX events_patient ON events (patient, seq);
        CREATE INDEX events_organisation ON events (organisation, seq);
      `,
    },
    {
      // A filter by a rare kind, outcome, channel or service (refusals, say) walked the whole log in
      // sequence order to fill a page; an index per filter, in sequence order, finds the page directly.
      version: 2,
      name: 'event filters in sequence order',
      up: `
        CREATE INDEX events_kind ON events (kind, seq);
        CREATE INDEX events_outcome ON events (outcome, seq);
        CREATE INDEX events_channel ON events (channel, seq);
        CREATE INDEX events_service ON events (service, seq);
      `,
    },
    {
      // Who sees an event in a scoped view (domain/events.ts eventOwner): a refused request is the
      // calling organisation's even when it names none or another. Existing events are their organisation's.
      version: 3,
      name: 'event owner for scoped views',
      up: `
        ALTER TABLE events ADD COLUMN owner TEXT;
        UPDATE events SET owner = organisation;
        CREATE INDEX events_owner ON events (owner, seq);
      `,
    },
  ],
};

/** Hard ceiling on one page of events, whatever the caller asks for. */
export const MAX_EVENT_PAGE = 1000;

const FILTERS = ['channel', 'service', 'organisation', 'patient', 'outcome', 'kind'] as const;

export function sqliteEvents(db: Database.Database, gate: Gate): EventRepository {
  const insert = db.prepare(
    `INSERT INTO events (at, channel, service, kind, outcome, organisation, owner, patient, json)
     VALUES (@at, @channel, @service, @kind, @outcome, @organisation, @owner, @patient, @json)`,
  );
  const last = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events');

  return {
    append: (event: NewEvent) =>
      gate.run(() => {
        const at = event.at ?? new Date().toISOString();
        const body = { ...event, at };
        const info = insert.run({
          at,
          channel: event.channel,
          service: event.service ?? null,
          kind: event.kind,
          outcome: event.outcome,
          organisation: event.organisation ?? null,
          owner: eventOwner(event) ?? null,
          patient: event.patient ?? null,
          json: JSON.stringify(body),
        });
        return { ...body, seq: Number(info.lastInsertRowid) } satisfies SubmissionEvent;
      }),
    list: (query: EventQuery = {}) =>
      gate.run(() => {
        const where = ['seq > @since'];
        const params: Record<string, string | number> = {
          since: query.since ?? 0,
          limit: Math.min(Math.max(query.limit ?? 100, 1), MAX_EVENT_PAGE),
        };
        for (const key of FILTERS) {
          const value = query[key];
          if (value !== undefined) {
            where.push(`${key} = @${key}`);
            params[key] = value;
          }
        }
        // Lists become one bound parameter each: the values come from the caller.
        const list = (name: string, values: readonly string[]): string =>
          values
            .map((v, i) => {
              params[`${name}${i}`] = v;
              return `@${name}${i}`;
            })
            .join(', ');
        if (query.excludeChannels !== undefined && query.excludeChannels.length > 0)
          where.push(`channel NOT IN (${list('channel', query.excludeChannels)})`);
        const order = query.newestFirst === true ? 'DESC' : 'ASC';
        // An organisation scope (the events each organisation owns): one arm per organisation, each in
        // its index's sequence order, merged (an IN list would sort every event of the scope).
        const organisations = query.organisations ?? [];
        const arms =
          query.organisations === undefined
            ? [where]
            : organisations.length === 0
              ? [[...where, '0']]
              : list('owner', organisations)
                  .split(', ')
                  .map((name) => [...where, `owner = ${name}`]);
        const sql = `${arms
          .map((arm) => `SELECT seq, json FROM events WHERE ${arm.join(' AND ')}`)
          .join(' UNION ALL ')} ORDER BY seq ${order} LIMIT @limit`;
        return db
          .prepare<Record<string, string | number>, { seq: number; json: string }>(sql)
          .all(params)
          .map((row) => ({ ...(JSON.parse(row.json) as Omit<SubmissionEvent, 'seq'>), seq: row.seq }));
      }),
    lastSeq: () => gate.run(() => last.get()?.seq ?? 0),
  };
}
