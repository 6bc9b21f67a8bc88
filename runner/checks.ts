/**
 * Running one event expectation (wait for the submission) and one check (read, select, compare), and
 * the evidence they leave for the reports.
 */
import type { SubmissionEvent } from '../simulator/domain/events.ts';
import { compare, hasComparison } from './compare.ts';
import { describeMatch, waitForEvents, type EventMatch } from './events.ts';
import { type HttpResponse } from './http.ts';
import { eventLink, resourceEvidence } from './links.ts';
import { showFindings, withRequirement } from './messages.ts';
import { evaluateQuery, type SourceContext } from './sources.ts';
import { render, renderText } from './template.ts';
import { runLang, words } from './wording.ts';
import { summaryIn } from '../common/i18n/event-summary.ts';
import { formatDateTime } from '../common/i18n/index.ts';
import type { Check, CheckResult, EventExpectation, Evidence, Step, TestPersonRecord } from './types.ts';
import {
  baseResult,
  checkTitle,
  errorText,
  eventTitle,
  isSelected,
  skippedStep,
  type ScenarioState,
} from './state.ts';

/** Selected values longer than this (as JSON) are not kept in the result; the message still names them. */
const MAX_RECORDED_VALUES = 10_000;

/** Evidence from matched events: the event, its resources and documents, its findings. */
function eventEvidence(sim: string, events: readonly SubmissionEvent[]): Evidence[] {
  const rows: Evidence[] = [];
  for (const e of events) {
    // Helsinki time and the summary in the run's language, as the report's reader reads them.
    const value = `#${e.seq} ${formatDateTime(e.at, runLang())} ${e.kind} ${e.outcome}: ${summaryIn(e, runLang())}`;
    // The viewer shows an organisation's submissions, never registry changes: those get no link.
    rows.push(
      e.channel === 'registry'
        ? { label: 'event', value }
        : { label: 'event', value, href: eventLink(sim, e.seq) },
    );
    // A refused submission stored nothing: its resource ids are named, not linked (the page would 404).
    for (const id of e.resourceIds)
      rows.push(
        e.outcome === 'refused'
          ? { label: /^[A-Z]/.test(id) ? 'resource' : 'document', value: id }
          : resourceEvidence(sim, id),
      );
    const version = e.details?.version;
    if (typeof version === 'string' || typeof version === 'number')
      rows.push({ label: 'version', value: String(version) });
    if (e.findings.length > 0) rows.push({ label: 'findings', value: showFindings(e.findings) });
  }
  return rows;
}

/** Patients seen in matched events are test persons of the run. */
function notePatients(state: ScenarioState, events: readonly SubmissionEvent[]): void {
  for (const e of events)
    if (e.patient !== undefined && !state.persons.has(e.patient))
      state.persons.set(e.patient, { hetu: e.patient });
}

/** Test persons handed out by a step's own call to the registry also belong in the report. */
export function noteIssuedPersons(state: ScenarioState, response: HttpResponse): void {
  if (!/\/registry\/test-persons\/issue$/.test(new URL(response.url, 'http://x').pathname)) return;
  const issued = (response.body as { issued?: unknown } | undefined)?.issued;
  if (!Array.isArray(issued)) return;
  for (const p of issued as { hetu?: unknown; name?: unknown }[]) {
    if (typeof p.hetu !== 'string' || state.persons.has(p.hetu)) continue;
    const rec: TestPersonRecord = { hetu: p.hetu };
    if (typeof p.name === 'string') rec.name = p.name;
    state.persons.set(p.hetu, rec);
  }
}

/** Waits for the submissions one expectation describes; saves them under `as`. */
export async function runEventExpectation(
  state: ScenarioState,
  stepId: string,
  ev: EventExpectation,
  index: number,
  since: number,
  deadline: number,
  where: string,
): Promise<CheckResult> {
  const base = baseResult(
    state,
    ev,
    `${stepId}.${ev.id ?? `event-${index + 1}`}`,
    eventTitle(ev),
    'event',
    eventTitle(ev, 'en'),
  );
  if (!isSelected(state, base.level))
    return { ...base, verdict: 'skip', message: words('skip.notSelected', { level: state.level }) };
  let match: EventMatch;
  try {
    match = render(
      {
        channel: ev.channel,
        service: ev.service,
        kind: ev.kind,
        outcome: ev.outcome,
        organisation: ev.organisation,
        patient: ev.patient,
        count: ev.count,
        findings: ev.findings,
      },
      state.vars,
      where,
    ) as EventMatch;
    for (const key of Object.keys(match) as (keyof EventMatch)[])
      if (match[key] === undefined) Reflect.deleteProperty(match, key);
  } catch (e) {
    return { ...base, verdict: 'error', message: errorText(e) };
  }
  const title = ev.title ?? words('event.title', { match: describeMatch(match) });
  const result = await waitForEvents(state.sim, match, {
    since,
    timeoutMs: Math.max(0, deadline - Date.now()),
    ...(state.options.pollMs !== undefined && { pollMs: state.options.pollMs }),
  });
  notePatients(state, result.events);
  const evidence = eventEvidence(state.sim.baseUrl, result.events);
  if (!result.ok)
    return {
      ...base,
      title,
      verdict: 'fail',
      message: withRequirement(result.message, ev.requirement),
      evidence,
    };
  if (ev.as !== undefined) state.vars[ev.as] = (ev.count ?? 1) > 1 ? result.events : result.events[0];
  return { ...base, title, verdict: 'pass', evidence };
}

/** Reads the check's document, selects its values and compares them. */
export async function runCheck(
  state: ScenarioState,
  stepId: string,
  check: Check,
  index: number,
  ctx: SourceContext,
  where: string,
): Promise<CheckResult> {
  const base = baseResult(
    state,
    check,
    `${stepId}.${check.id ?? `check-${index + 1}`}`,
    checkTitle(check),
    'check',
    checkTitle(check, 'en'),
  );
  if (!isSelected(state, base.level))
    return { ...base, verdict: 'skip', message: words('skip.notSelected', { level: state.level }) };
  try {
    if (check.title !== undefined) base.title = renderText(check.title, state.vars, `${where}.title`);
    const { values, what, evidence, selector, document } = await evaluateQuery(check, ctx, where);
    if (document !== undefined) {
      base.document = document;
      evidence.push(resourceEvidence(state.sim.baseUrl, document));
    }
    base.selector = selector;
    if (JSON.stringify(values).length <= MAX_RECORDED_VALUES) base.actual = values;
    const comparisons = render(
      {
        equals: check.equals,
        notEquals: check.notEquals,
        exists: hasComparison(check) ? check.exists : true,
        matches: check.matches,
        contains: check.contains,
        oneOf: check.oneOf,
        count: check.count,
        sameInstant: check.sameInstant,
      },
      state.vars,
      where,
    ) as Check;
    if (check.title === undefined) {
      // Selectors may be templates too ('{{custodianXpath}}'): title what was really evaluated.
      const selectors = render(
        { path: check.path, fhirpath: check.fhirpath, xpath: check.xpath },
        state.vars,
        where,
      ) as Check;
      base.title = checkTitle({
        ...check,
        ...selectors,
        ...comparisons,
        ...(hasComparison(check) ? {} : { exists: true }),
      });
    }
    if (comparisons.equals !== undefined) base.expected = comparisons.equals;
    const failures = compare(values, comparisons, what);
    if (failures.length === 0) return { ...base, verdict: 'pass', evidence };
    return {
      ...base,
      verdict: 'fail',
      message: withRequirement(failures.join('; '), check.requirement),
      evidence,
    };
  } catch (e) {
    return { ...base, verdict: 'error', message: withRequirement(errorText(e), check.requirement) };
  }
}

/**
 * Skipped results for what is left of a step: after a `do` that failed, its events, checks and saves;
 * after a missed submission, its checks and saves.
 */
export function skipRest(
  state: ScenarioState,
  step: Step,
  from: 'events' | 'checks',
  why: string,
  push: (c: CheckResult) => void,
): void {
  const offset =
    (step.do !== undefined ? 1 : 0) + (from === 'checks' ? (step.expect?.events ?? []).length : 0);
  for (const c of skippedStep(state, step, why).checks.slice(offset)) push(c);
}
