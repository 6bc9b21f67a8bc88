/**
 * The scenario engine: setup → for each step: note the log position, do, wait for the submissions,
 * check what was kept, save values → verdicts.
 *
 * Every check is reported with its requirement and level. A SHALL check that fails or cannot be
 * evaluated stops the scenario (later steps are reported as skipped) unless the step says
 * `continueOnFailure`; a SHOULD failure is reported and the scenario goes on.
 */
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import type { SubmissionEvent } from '../simulator/store/types.ts';
import { perform } from './actions.ts';
import { compare, describeComparisons, hasComparison } from './compare.ts';
import { describeMatch, waitForEvents, type EventMatch } from './events.ts';
import { errorSummary, SimulatorClient, TransportError, type HttpResponse } from './http.ts';
import { eventLink, resourceEvidence } from './links.ts';
import type { LoadedScenario } from './load.ts';
import { expected, showFindings, withRequirement } from './messages.ts';
import type { ProgressListener } from './progress.ts';
import type { Prompter } from './prompt.ts';
import { describeSelector, SelectorError } from './selectors.ts';
import { evaluateQuery, type SourceContext } from './sources.ts';
import { render, renderText, TemplateError, type Vars } from './template.ts';
import { organisationInfo } from './who.ts';
import type {
  Check,
  CheckMeta,
  CheckResult,
  EventExpectation,
  Evidence,
  Level,
  RunResult,
  Scenario,
  ScenarioResult,
  Step,
  StepResult,
  TestPersonRecord,
  Verdict,
} from './types.ts';

export interface RunOptions {
  /** Simulator base URL. */
  sim: string;
  /** System under test base URL (its automation hook). */
  sut?: string;
  /** `shall`: only SHALL checks; `should`: SHALL and SHOULD (default). */
  level?: Level;
  /** Default seconds to wait for a step's events (default 30). */
  timeoutSeconds?: number;
  manual?: boolean;
  /** Variables from the command line (`--var name=value`). */
  vars?: Record<string, string>;
  prompter?: Prompter;
  listener?: ProgressListener;
  /** How often to poll the event log while waiting (default 100 ms). */
  pollMs?: number;
}

/** The least time a single HTTP call (hook, fixture, fetch) is given, whatever the event timeout. */
const HTTP_TIMEOUT_MS = 30_000;

const SEVERITY: Record<Verdict, number> = { skip: 0, pass: 1, fail: 2, error: 3 };

/** The worst verdict of a list; a mix of passes and skips is a pass; nothing at all is a skip. */
export function worst(verdicts: readonly Verdict[]): Verdict {
  let result: Verdict = 'skip';
  for (const v of verdicts) if (SEVERITY[v] > SEVERITY[result]) result = v;
  return result;
}

function errorText(e: unknown): string {
  if (e instanceof TemplateError || e instanceof TransportError || e instanceof SelectorError)
    return e.message;
  return `unexpected error: ${(e as Error).message}`;
}

interface ScenarioState {
  scenario: Scenario;
  file: string;
  sim: SimulatorClient;
  options: RunOptions;
  level: Level;
  timeoutMs: number;
  vars: Vars;
  cursor: number;
  persons: Map<string, TestPersonRecord>;
  requirements: Record<string, string>;
}

function isSelected(state: ScenarioState, level: Level): boolean {
  return level === 'shall' || state.level === 'should';
}

function baseResult(
  state: ScenarioState,
  meta: CheckMeta,
  id: string,
  title: string,
  kind: CheckResult['kind'],
): Omit<CheckResult, 'verdict'> {
  const level = meta.level ?? state.scenario.level ?? 'shall';
  const result: Omit<CheckResult, 'verdict'> = { id, title, kind, level, evidence: [] };
  if (meta.requirement !== undefined) {
    result.requirement = meta.requirement;
    const text = state.requirements[meta.requirement];
    if (text !== undefined) result.requirementText = text;
  }
  if (meta.checklist !== undefined) result.checklist = meta.checklist;
  return result;
}

function checkTitle(check: Check): string {
  if (check.title !== undefined) return check.title;
  const selected = check.path !== undefined || check.fhirpath !== undefined || check.xpath !== undefined;
  const subject = selected
    ? describeSelector(check)
    : typeof check.in === 'string' && check.in !== 'response'
      ? check.in
      : typeof check.in === 'object' && 'value' in check.in
        ? 'the value'
        : 'the document';
  return `${subject} ${describeComparisons(check)}`;
}

function eventTitle(ev: EventExpectation): string {
  return ev.title ?? `submission received: ${describeMatch(ev)}`;
}

/** Evidence from matched events: the event, its resources and documents, its findings. */
function eventEvidence(sim: string, events: readonly SubmissionEvent[]): Evidence[] {
  const rows: Evidence[] = [];
  for (const e of events) {
    rows.push({
      label: 'event',
      value: `#${e.seq} ${e.at} ${e.kind} ${e.outcome}: ${e.summary}`,
      href: eventLink(sim, e.seq),
    });
    for (const id of e.resourceIds) rows.push(resourceEvidence(sim, id));
    const version = e.details?.version;
    if (typeof version === 'string' || typeof version === 'number')
      rows.push({ label: 'version', value: String(version) });
    if (e.findings.length > 0) rows.push({ label: 'findings', value: showFindings(e.findings) });
  }
  return rows;
}

function notePatients(state: ScenarioState, events: readonly SubmissionEvent[]): void {
  for (const e of events)
    if (e.patient !== undefined && !state.persons.has(e.patient))
      state.persons.set(e.patient, { hetu: e.patient });
}

/** Test persons handed out by a step's own call to the registry also belong in the report. */
function noteIssuedPersons(state: ScenarioState, response: HttpResponse): void {
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

async function runEventExpectation(
  state: ScenarioState,
  stepId: string,
  ev: EventExpectation,
  index: number,
  since: number,
  deadline: number,
  where: string,
): Promise<CheckResult> {
  const base = baseResult(state, ev, `${stepId}.${ev.id ?? `event-${index + 1}`}`, eventTitle(ev), 'event');
  if (!isSelected(state, base.level))
    return { ...base, verdict: 'skip', message: `not selected (level ${state.level})` };
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
  const title = ev.title ?? `submission received: ${describeMatch(match)}`;
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

async function runCheck(
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
  );
  if (!isSelected(state, base.level))
    return { ...base, verdict: 'skip', message: `not selected (level ${state.level})` };
  try {
    if (check.title !== undefined) base.title = renderText(check.title, state.vars, `${where}.title`);
    const { values, what, evidence } = await evaluateQuery(check, ctx, where);
    const comparisons = render(
      {
        equals: check.equals,
        notEquals: check.notEquals,
        exists: hasComparison(check) ? check.exists : true,
        matches: check.matches,
        contains: check.contains,
        oneOf: check.oneOf,
        count: check.count,
      },
      state.vars,
      where,
    ) as Check;
    if (check.title === undefined)
      base.title = checkTitle({
        ...check,
        ...comparisons,
        ...(hasComparison(check) ? {} : { exists: true }),
      });
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

/** Skipped results for the step's expectations from event `fromEvent` on, and all its checks. */
function skipRest(
  state: ScenarioState,
  step: Step,
  fromEvent: number,
  why: string,
  push: (c: CheckResult) => void,
): void {
  for (const c of skippedStep(state, step, why).checks.slice(fromEvent)) push(c);
}

/** Placeholder results for a step that is not run, so reports still list its checks. */
function skippedStep(state: ScenarioState, step: Step, why: string): StepResult {
  const checks: CheckResult[] = [];
  (step.expect?.events ?? []).forEach((ev, j) =>
    checks.push({
      ...baseResult(state, ev, `${step.id}.${ev.id ?? `event-${j + 1}`}`, eventTitle(ev), 'event'),
      verdict: 'skip',
      message: why,
    }),
  );
  (step.expect?.checks ?? []).forEach((check, j) =>
    checks.push({
      ...baseResult(state, check, `${step.id}.${check.id ?? `check-${j + 1}`}`, checkTitle(check), 'check'),
      verdict: 'skip',
      message: why,
    }),
  );
  return {
    id: step.id,
    title: step.title,
    verdict: 'skip',
    message: why,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    checks,
  };
}

async function runStep(state: ScenarioState, step: Step, index: number): Promise<StepResult> {
  const where = `steps[${index}]`;
  const started = Date.now();
  const checks: CheckResult[] = [];
  const listener = state.options.listener;
  const push = (c: CheckResult): void => {
    checks.push(c);
    listener?.checkFinished?.(c);
  };
  const timeoutMs = (step.expect?.timeout ?? state.timeoutMs / 1000) * 1000;
  const result = (): StepResult => {
    const r: StepResult = {
      id: step.id,
      title: step.title,
      verdict: worst(checks.map((c) => c.verdict)),
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      checks,
    };
    if (step.description !== undefined) r.description = step.description;
    if (step.do?.instruction !== undefined) r.instruction = step.do.instruction;
    const firstBad = checks.find((c) => c.verdict === 'fail' || c.verdict === 'error');
    if (firstBad?.message !== undefined) r.message = `${firstBad.title}: ${firstBad.message}`;
    return r;
  };

  // The log position before acting: only what this step causes can match.
  let since: number;
  try {
    since = state.cursor = await state.sim.lastSeq(state.cursor);
  } catch (e) {
    push({
      ...baseResult(state, {}, `${step.id}.do`, 'read the event log position', 'action'),
      verdict: 'error',
      message: errorText(e),
    });
    return result();
  }
  delete state.vars.response;
  let response: HttpResponse | undefined;
  if (step.do !== undefined) {
    const base = baseResult(
      state,
      {},
      `${step.id}.do`,
      step.do.instruction !== undefined ? 'instruction' : 'action',
      'action',
    );
    try {
      const outcome = await perform(step.do, {
        sim: state.sim,
        ...(state.options.sut !== undefined && { sut: state.options.sut }),
        vars: state.vars,
        scenarioFile: state.file,
        where,
        // The wait for events is the step's timeout; a hook or fixture call gets at least the HTTP limit.
        timeoutMs: Math.max(timeoutMs, HTTP_TIMEOUT_MS),
        manual: state.options.manual === true,
        ...(state.options.prompter !== undefined && { prompter: state.options.prompter }),
        stepTitle: step.title,
      });
      response = outcome.response;
      const evidence: Evidence[] = response
        ? [{ label: 'answer', value: `${response.status} from ${response.method} ${response.url}` }]
        : [];
      push(
        outcome.failure === undefined
          ? { ...base, title: outcome.label, verdict: 'pass', evidence }
          : { ...base, title: outcome.label, verdict: 'fail', message: outcome.failure, evidence },
      );
    } catch (e) {
      push({ ...base, verdict: 'error', message: errorText(e) });
    }
    if (checks.some((c) => c.verdict !== 'pass')) {
      skipRest(state, step, 0, 'not run: the step could not be done', push);
      return result();
    }
  }
  if (response) {
    state.vars.response = { status: response.status, headers: response.headers, body: response.body };
    noteIssuedPersons(state, response);
  }

  const deadline = Date.now() + timeoutMs;
  const events = step.expect?.events ?? [];
  for (const [j, ev] of events.entries())
    push(await runEventExpectation(state, step.id, ev, j, since, deadline, `${where}.expect.events[${j}]`));

  const missed = checks.some(
    (c) => c.kind === 'event' && c.level === 'shall' && (c.verdict === 'fail' || c.verdict === 'error'),
  );
  if (missed) {
    // Nothing to check what was kept when the submission did not arrive; the wait's message says why.
    skipRest(state, step, events.length, 'not run: the expected submission did not arrive', push);
    return result();
  }

  const ctx: SourceContext = {
    sim: state.sim,
    vars: state.vars,
    timeoutMs: Math.max(timeoutMs, HTTP_TIMEOUT_MS),
    ...(state.options.sut !== undefined && { sut: state.options.sut }),
    ...(response !== undefined && { response }),
  };
  for (const [j, check] of (step.expect?.checks ?? []).entries())
    push(await runCheck(state, step.id, check, j, ctx, `${where}.expect.checks[${j}]`));

  for (const [name, spec] of Object.entries(step.save ?? {})) {
    try {
      if (typeof spec === 'string') state.vars[name] = render(spec, state.vars, `${where}.save.${name}`);
      else {
        const { values } = await evaluateQuery(spec, ctx, `${where}.save.${name}`);
        state.vars[name] = values.length === 1 ? values[0] : values;
      }
    } catch (e) {
      push({
        ...baseResult(state, {}, `${step.id}.save.${name}`, `save ${name}`, 'action'),
        verdict: 'error',
        message: errorText(e),
      });
    }
  }
  return result();
}

async function registryCall(
  state: ScenarioState,
  method: string,
  path: string,
  body: unknown,
  okStatus: number[],
): Promise<HttpResponse> {
  const res = await state.sim.send({ method, path, body });
  if (!okStatus.includes(res.status))
    throw new TransportError(
      expected(`HTTP ${okStatus.join(' or ')} from ${method} ${path}`, `${res.status}: ${errorSummary(res)}`),
    );
  return res;
}

/** Registers the registry state the scenario needs and issues its test persons. */
async function runSetup(state: ScenarioState): Promise<StepResult> {
  const started = Date.now();
  const checks: CheckResult[] = [];
  const setup = state.scenario.setup ?? {};
  const report = (c: CheckResult): void => {
    checks.push(c);
    state.options.listener?.checkFinished?.(c);
  };
  const act = async (title: string, fn: () => Promise<unknown>): Promise<boolean> => {
    const base = baseResult(state, {}, `setup.${checks.length + 1}`, title, 'action');
    try {
      await fn();
      report({ ...base, verdict: 'pass' });
      return true;
    } catch (e) {
      report({ ...base, verdict: 'error', message: errorText(e) });
      return false;
    }
  };
  const all = async (): Promise<void> => {
    for (const [i, raw] of (setup.organisations ?? []).entries()) {
      const org = render(raw, state.vars, `setup.organisations[${i}]`) as { oid: string };
      if (
        !(await act(`register organisation ${org.oid}`, () =>
          registryCall(state, 'PUT', `/registry/organisations/${org.oid}`, org, [200, 201]),
        ))
      )
        return;
    }
    for (const [i, raw] of (setup.systems ?? []).entries()) {
      const system = render(raw, state.vars, `setup.systems[${i}]`) as { id: string };
      // 409: already registered (systems are immutable in the registry); the scenario uses it as it is.
      if (
        !(await act(`register certified system ${system.id}`, () =>
          registryCall(state, 'POST', '/registry/systems', system, [201, 409]),
        ))
      )
        return;
    }
    for (const [i, raw] of (setup.customers ?? []).entries()) {
      const { orgOid, ...customer } = render(raw, state.vars, `setup.customers[${i}]`) as { orgOid: string };
      if (
        !(await act(`customer data of ${orgOid}`, () =>
          registryCall(state, 'PUT', `/registry/customers/${orgOid}`, customer, [200, 201]),
        ))
      )
        return;
    }
    for (const [i, raw] of (setup.testPersons ?? []).entries()) {
      const req = render({ ...raw, count: raw.count ?? 1 }, state.vars, `setup.testPersons[${i}]`) as {
        as: string;
        vendor: string;
        customer: string;
        service: string;
        count: number;
      };
      const ok = await act(
        `issue ${req.count} test person(s) to ${req.vendor} for ${req.service} as ${req.as}`,
        async () => {
          const { as, ...body } = req;
          const res = await registryCall(state, 'POST', '/registry/test-persons/issue', body, [201]);
          const issued = (res.body as { issued: { hetu: string; name?: string }[] }).issued;
          state.vars[as] = req.count === 1 ? issued[0] : issued;
          issued.forEach((p, k) => {
            const rec: TestPersonRecord = {
              hetu: p.hetu,
              variable: req.count === 1 ? as : `${as}[${k}]`,
              service: req.service,
            };
            if (p.name !== undefined) rec.name = p.name;
            state.persons.set(p.hetu, rec);
          });
        },
      );
      if (!ok) return;
    }
  };
  try {
    await all();
  } catch (e) {
    checks.push({
      ...baseResult(state, {}, `setup.${checks.length + 1}`, 'prepare setup', 'action'),
      verdict: 'error',
      message: errorText(e),
    });
  }
  const verdict = worst(checks.map((c) => c.verdict));
  const bad = checks.find((c) => c.verdict === 'error');
  const r: StepResult = {
    id: 'setup',
    title: 'Registry state and test persons',
    verdict,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
  };
  if (bad?.message !== undefined) r.message = `${bad.title}: ${bad.message}`;
  return r;
}

function hasSetup(s: Scenario): boolean {
  const setup = s.setup;
  return setup !== undefined && Object.values(setup).some((list) => Array.isArray(list) && list.length > 0);
}

/** Runs one loaded scenario against the simulator. */
export async function runScenario(
  loaded: LoadedScenario,
  options: RunOptions,
  runId: string = randomUUID(),
): Promise<ScenarioResult> {
  const { scenario, file } = loaded;
  const startedAt = new Date();
  const listener = options.listener;
  listener?.scenarioStarted?.({ id: scenario.id, title: scenario.title, file });
  const state: ScenarioState = {
    scenario,
    file,
    sim: new SimulatorClient(options.sim),
    options,
    level: options.level ?? 'should',
    timeoutMs: (options.timeoutSeconds ?? 30) * 1000,
    vars: {
      sim: options.sim,
      ...(options.sut !== undefined && { sut: options.sut }),
      run: { id: runId, startedAt: startedAt.toISOString(), unique: runId.slice(0, 8) },
      scenario: { id: scenario.id, title: scenario.title, service: scenario.service },
      ...options.vars,
    },
    cursor: 0,
    persons: new Map(),
    requirements: scenario.requirements ?? {},
  };
  const steps: StepResult[] = [];
  let message: string | undefined;
  let organisation: string | undefined;

  try {
    for (const [name, value] of Object.entries(scenario.vars ?? {}))
      if (options.vars?.[name] === undefined) state.vars[name] = render(value, state.vars, `vars.${name}`);
    organisation =
      scenario.organisation !== undefined
        ? renderText(scenario.organisation, state.vars, 'organisation')
        : undefined;
  } catch (e) {
    message = errorText(e);
  }

  let stopped: string | undefined;
  if (message !== undefined) {
    // Reported as a check, so every report format counts it as an error.
    const check: CheckResult = {
      ...baseResult(state, {}, 'setup.variables', 'render the scenario variables', 'action'),
      verdict: 'error',
      message,
    };
    steps.push({
      id: 'setup',
      title: 'Variables',
      verdict: 'error',
      message,
      startedAt: startedAt.toISOString(),
      durationMs: 0,
      checks: [check],
    });
    listener?.checkFinished?.(check);
    stopped = 'not run: the scenario variables could not be rendered';
  }
  if (stopped === undefined && hasSetup(scenario)) {
    listener?.stepStarted?.({
      scenarioId: scenario.id,
      id: 'setup',
      title: 'Registry state and test persons',
      index: 0,
      total: scenario.steps.length,
    });
    const setup = await runSetup(state);
    steps.push(setup);
    listener?.stepFinished?.(setup);
    if (setup.verdict === 'error') stopped = 'not run: the setup failed';
  }
  for (const [i, step] of scenario.steps.entries()) {
    if (stopped !== undefined) {
      steps.push(skippedStep(state, step, stopped));
      continue;
    }
    listener?.stepStarted?.({
      scenarioId: scenario.id,
      id: step.id,
      title: step.title,
      index: i + 1,
      total: scenario.steps.length,
    });
    const result = await runStep(state, step, i);
    steps.push(result);
    listener?.stepFinished?.(result);
    const blocking = result.checks.some(
      (c) => (c.verdict === 'fail' || c.verdict === 'error') && c.level === 'shall',
    );
    if (blocking && step.continueOnFailure !== true) stopped = `not run: step ${step.id} failed`;
  }

  const verdict = worst(steps.map((s) => s.verdict));
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    service: scenario.service,
    file: relative(process.cwd(), file) || file,
    verdict,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    testPersons: [...state.persons.values()],
    steps,
  };
  if (message !== undefined) result.message = message;
  if (organisation !== undefined) result.organisation = await organisationInfo(state.sim, organisation);
  listener?.scenarioFinished?.(result);
  return result;
}

/** Runs scenarios one after another and totals the verdicts of every check. */
export async function runScenarios(
  scenarios: readonly LoadedScenario[],
  options: RunOptions,
): Promise<RunResult> {
  const started = new Date();
  const runId = randomUUID();
  const results: ScenarioResult[] = [];
  for (const loaded of scenarios) results.push(await runScenario(loaded, options, runId));
  const totals: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const s of results) {
    for (const step of s.steps) for (const c of step.checks) totals[c.verdict]++;
  }
  const finished = new Date();
  const run: RunResult = {
    tool: 'kantasim',
    formatVersion: 1,
    simulator: options.sim,
    ...(options.sut !== undefined && { sut: options.sut }),
    level: options.level ?? 'should',
    manual: options.manual === true,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    passed:
      totals.fail === 0 &&
      totals.error === 0 &&
      results.every((s) => s.verdict !== 'fail' && s.verdict !== 'error'),
    totals,
    scenarios: results,
  };
  options.listener?.runFinished?.(run);
  return run;
}
