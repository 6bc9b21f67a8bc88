/**
 * Waiting for submissions in the simulator's event log (`GET /events?since=SEQ&…`, see
 * simulator/events/routes.ts) and matching them against a step's expectation.
 *
 * Wait, capture, assert: the runner notes the log's position before the step acts, then polls for new
 * events that match. A submission that matches who and what but came out differently (accepted instead
 * of refused, other finding codes) ends the wait at once: the answer is in, and it is not the expected one.
 */
import type { SubmissionEvent } from '../simulator/domain/events.ts';
import { formatSeconds, type EventFilter, type SimulatorClient } from './http.ts';
import { showFindings } from './messages.ts';
import { runLang, words, wordsIn } from './wording.ts';
import { summaryIn } from '../common/i18n/event-summary.ts';
import type { Lang } from '../common/i18n/index.ts';

/** A rendered event expectation (templates already filled in). */
export interface EventMatch extends EventFilter {
  count?: number;
  findings?: string[];
}

const IDENTITY = ['channel', 'service', 'kind', 'organisation', 'patient'] as const;

/** "channel=fhir kind=appointment.store patient=…" */
export function describeMatch(m: EventMatch, lang?: Lang): string {
  const w = (key: string, args?: Record<string, string>): string =>
    lang === undefined ? words(key, args) : wordsIn(lang, key, args);
  const parts: string[] = [];
  for (const key of [...IDENTITY, 'outcome'] as const) {
    const v = m[key];
    // `kind=document.refused outcome=refused` says it twice: the kind already names the outcome.
    if (key === 'outcome' && v !== undefined && m.kind?.endsWith(`.${v}`) === true) continue;
    if (v !== undefined) parts.push(`${key}=${v}`);
  }
  if (m.findings !== undefined) parts.push(w('event.findings', { codes: m.findings.join(', ') }));
  return parts.length > 0 ? parts.join(' ') : w('event.any');
}

function matchesIdentity(e: SubmissionEvent, m: EventMatch): boolean {
  return IDENTITY.every((key) => m[key] === undefined || e[key] === m[key]);
}

/** The finding codes `m` asks for that `e` lacks. */
function missingFindings(e: SubmissionEvent, m: EventMatch): string[] {
  return (m.findings ?? []).filter((code) => !e.findings.some((f) => f.code === code));
}

export function matches(e: SubmissionEvent, m: EventMatch): boolean {
  return (
    matchesIdentity(e, m) &&
    (m.outcome === undefined || e.outcome === m.outcome) &&
    missingFindings(e, m).length === 0
  );
}

function describeEvent(e: SubmissionEvent): string {
  const findings =
    e.findings.length > 0 ? words('event.withFindings', { findings: showFindings(e.findings) }) : '';
  return `#${e.seq} ${e.kind} ${e.outcome}${findings}`;
}

export type WaitResult =
  { ok: true; events: SubmissionEvent[] } | { ok: false; message: string; events: SubmissionEvent[] };

export interface WaitOptions {
  since: number;
  timeoutMs: number;
  pollMs?: number;
  signal?: AbortSignal;
}

/**
 * Waits until `count` (default 1) events after `since` match `m`, or the time is up, or a near miss
 * shows the submission came out differently. Messages read "expected …, received …".
 */
export async function waitForEvents(
  sim: SimulatorClient,
  m: EventMatch,
  options: WaitOptions,
): Promise<WaitResult> {
  const want = m.count ?? 1;
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 100;
  const filter: EventFilter = {};
  for (const key of IDENTITY) if (m[key] !== undefined) filter[key] = m[key];
  let cursor = options.since;
  const found: SubmissionEvent[] = [];
  for (;;) {
    for (;;) {
      const page = await sim.events(cursor, filter);
      for (const e of page.events) {
        if (matches(e, m)) found.push(e);
        else if (found.length < want) {
          const message = nearMiss(e, m);
          if (message !== undefined) return { ok: false, message, events: [...found, e] };
        }
      }
      cursor = Math.max(cursor, page.lastSeq);
      if (page.events.length < 500) break;
    }
    if (found.length >= want) return { ok: true, events: found.slice(0, want) };
    if (Date.now() >= deadline || options.signal?.aborted === true) break;
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
  return { ok: false, message: await timeoutMessage(sim, m, options, found.length, want), events: found };
}

function nearMiss(e: SubmissionEvent, m: EventMatch): string | undefined {
  // Only an expectation that pins who/what the submission is can tell a near miss from another submission.
  if (!matchesIdentity(e, m) || (m.kind === undefined && m.patient === undefined)) return undefined;
  if (m.outcome !== undefined && e.outcome !== m.outcome) {
    const findings =
      e.findings.length > 0 ? words('event.withFindings', { findings: showFindings(e.findings) }) : '';
    return words('event.nearMissOutcome', {
      match: describeMatch(m),
      outcome: e.outcome,
      findings,
      seq: String(e.seq),
      summary: summaryIn(e, runLang()),
    });
  }
  const missing = missingFindings(e, m);
  if (missing.length > 0)
    return words('event.nearMissFinding', {
      codes: missing.join(', '),
      kind: e.kind,
      findings: showFindings(e.findings),
      seq: String(e.seq),
    });
  return undefined;
}

async function timeoutMessage(
  sim: SimulatorClient,
  m: EventMatch,
  options: WaitOptions,
  got: number,
  want: number,
): Promise<string> {
  const within = formatSeconds(options.timeoutMs);
  let others = '';
  try {
    const page = await sim.events(options.since, {}, 500);
    const recent = page.events.slice(-5).map(describeEvent);
    others =
      page.events.length === 0
        ? words('event.nothingNew')
        : words('event.others', {
            events: recent.join('; '),
            more:
              page.events.length > 5 ? words('event.more', { count: String(page.events.length - 5) }) : '',
          });
  } catch {
    // The diagnosis is a courtesy; the timeout is the finding.
  }
  const received =
    got === 0 ? words('event.none') : words('event.someOf', { got: String(got), want: String(want) });
  return words('event.timeout', { want, match: describeMatch(m), within, received, others });
}
