/**
 * `/events`: the event log as JSON pages, and `/events/stream` as server-sent events.
 *
 * GET /events?since=SEQ&limit=N&channel=&service=&organisation=&patient=&outcome=&kind=
 *   → { events: [...], lastSeq } ; follow with since=lastSeq.
 * GET /events/stream (same filters; resumes after `Last-Event-ID` or `since`) → `event: submission`
 *   frames whose `id` is the sequence number; a comment line every 15 s keeps proxies from closing it.
 *   A `Last-Event-ID` that is not a sequence number is a 400, as a bad `since` is.
 */
import { Router, type Request } from 'express';
import type { EventQuery, Store } from '../store/types.ts';
import type { EventChannel, EventOutcome } from '../domain/events.ts';
import { callerEventFilter, type AccessScope } from '../access/scope.ts';
import { badRequest } from '../http/errors.ts';
import { scopeOf } from '../http/tls-auth.ts';
import type { EventLog } from './log.ts';
import { EventStreams } from './sse.ts';

const CHANNELS: readonly EventChannel[] = ['fhir', 'archive', 'registry', 'runner'];
const OUTCOMES: readonly EventOutcome[] = ['accepted', 'accepted-with-warnings', 'refused', 'info'];

function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw badRequest('invalid-parameter', `give '${name}' once, as a plain value`, name);
  return value;
}

function nonNegativeInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(value))
    throw badRequest('invalid-parameter', `'${name}' must be a whole number ≥ 0`, name);
  return Number(value);
}

/**
 * The sequence number a reconnecting stream resumes after. An EventSource sends back the `id` of the
 * last frame it received, always a sequence number here; an empty header (the spec's "no id") counts as
 * none. Anything else is refused like a bad `since` (a stream that replayed the whole log, or silently
 * skipped to now, would hand the client events it has, or hide ones it has not).
 */
export function lastEventIdOf(req: Request): number | undefined {
  const value = req.get('Last-Event-ID');
  if (value === undefined || value === '') return undefined;
  if (!/^[0-9]{1,15}$/.test(value))
    throw badRequest(
      'invalid-parameter',
      "'Last-Event-ID' must be a whole number ≥ 0 (the id of a frame this stream sent)",
      'Last-Event-ID',
    );
  return Number(value);
}

/** Parses the filter parameters shared by the list and the stream. */
export function parseEventQuery(req: Request): EventQuery {
  const query: EventQuery = {};
  const since = nonNegativeInt(single(req, 'since'), 'since');
  if (since !== undefined) query.since = since;
  const limit = nonNegativeInt(single(req, 'limit'), 'limit');
  if (limit !== undefined) query.limit = limit;
  const channel = single(req, 'channel');
  if (channel !== undefined) {
    if (!CHANNELS.includes(channel as EventChannel))
      throw badRequest('invalid-parameter', `'channel' must be one of ${CHANNELS.join(', ')}`, 'channel');
    query.channel = channel as EventChannel;
  }
  const outcome = single(req, 'outcome');
  if (outcome !== undefined) {
    if (!OUTCOMES.includes(outcome as EventOutcome))
      throw badRequest('invalid-parameter', `'outcome' must be one of ${OUTCOMES.join(', ')}`, 'outcome');
    query.outcome = outcome as EventOutcome;
  }
  for (const key of ['service', 'organisation', 'patient', 'kind'] as const) {
    const value = single(req, key);
    if (value !== undefined) query[key] = value;
  }
  return query;
}

/**
 * Shared (TLS) mode: an organisation reads only the events it owns (`callerEventFilter` of
 * simulator/access/scope.ts: those naming an organisation of its scope, registry changes to its data
 * included, and the refusals of its own requests). An `organisation` filter narrows within them; it
 * never widens them.
 */
function scoped(query: EventQuery, scope: AccessScope | undefined): EventQuery {
  if (!scope) return query;
  return { ...query, ...callerEventFilter(scope) };
}

export interface EventRoutes {
  router: Router;
  /** Ends every open stream (graceful shutdown). */
  closeStreams(): void;
}

export function eventRoutes(store: Store, log: EventLog): EventRoutes {
  const router = Router();
  const streams = new EventStreams(store, log);

  router.get('/', async (req, res) => {
    const query = scoped(parseEventQuery(req), scopeOf(res));
    const events = await store.events.list(query);
    const lastSeq = events.at(-1)?.seq ?? query.since ?? 0;
    res.json({ events, lastSeq });
  });

  router.get('/stream', async (req, res) => {
    const query = scoped(parseEventQuery(req), scopeOf(res));
    const after = lastEventIdOf(req) ?? query.since ?? 0;
    await streams.serve(res, { after, query, banner: 'kantasim event stream' });
  });

  return {
    router,
    closeStreams: () => {
      streams.closeAll();
    },
  };
}
