/**
 * The scenario engine: setup → for each step: note the log position, do, wait for the submissions,
 * check what was kept, save values → verdicts.
 *
 * Every check is reported with its requirement and level. A SHALL check that fails or cannot be
 * evaluated stops the scenario (later steps are reported as skipped) unless the step says
 * `continueOnFailure`; a SHOULD failure is reported and the scenario goes on.
 */
import { dayVars } from './days.ts';
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { perform } from './actions.ts';
import { SimulatorClient, type HttpResponse } from './http.ts';
import type { LoadedScenario } from './load.ts';
import { evaluateQuery, type SourceContext } from './sources.ts';
import { render, renderText } from './template.ts';
import { organisationInfo } from './who.ts';
import type { CheckResult, Evidence, RunResult, ScenarioResult, Step, StepResult, Verdict } from './types.ts';
import { words, wordsEn } from './wording.ts';
import {
  actionName,
  baseResult,
  errorText,
  saveName,
  HTTP_TIMEOUT_MS,
  skippedStep,
  worst,
  type RunOptions,
  type ScenarioState,
} from './state.ts';
import { noteIssuedPersons, runCheck, runEventExpectation, skipRest } from './checks.ts';
import { hasSetup, runSetup, skippedSetup } from './setup.ts';

export { worst, type RunOptions } from './state.ts';

/** One step: note the log position, do, wait for the submissions, check, save. */
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
    if (step.do?.instruction !== undefined) {
      // Reports show the instruction as the tester read it; a variable not yet set stays a template.
      try {
        r.instruction = renderText(step.do.instruction, state.vars, `steps.${step.id}.do.instruction`);
      } catch {
        r.instruction = step.do.instruction;
      }
    }
    const firstBad = checks.find((c) => c.verdict === 'fail' || c.verdict === 'error');
    if (firstBad?.message !== undefined) r.message = `${firstBad.title}: ${firstBad.message}`;
    return r;
  };

  // The log position before acting: only what this step causes can match.
  let since: number;
  try {
    since = state.cursor = await state.sim.lastSeq(state.cursor);
  } catch (e) {
    // The same checks as in a run that gets this far: the first carries the error, the rest are skipped.
    const [first, ...rest] = skippedStep(state, step, words('skip.noEventPosition')).checks;
    const message = `read the event log position: ${errorText(e)}`;
    if (first === undefined)
      push({
        ...baseResult(state, {}, `${step.id}.do`, 'read the event log position', 'action'),
        verdict: 'error',
        message,
      });
    else push({ ...first, verdict: 'error', message });
    for (const c of rest) push(c);
    return result();
  }
  delete state.vars.response;
  let response: HttpResponse | undefined;
  if (step.do !== undefined) {
    const base = {
      ...baseResult(
        state,
        {},
        `${step.id}.do`,
        words(step.do.instruction !== undefined ? 'action.instruction' : 'action.action'),
        'action',
      ),
      name: actionName(step.do, 'en'),
    };
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
        ? [
            {
              label: 'answer',
              value: words('answer', {
                status: String(response.status),
                method: response.method,
                url: response.url,
              }),
            },
          ]
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
      skipRest(state, step, 'events', words('skip.stepNotDone'), push);
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
    skipRest(state, step, 'checks', words('skip.noSubmission'), push);
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

  // Saved values are reported only when one could not be saved (an error): a passing run's test cases
  // stay those of the scenario's own checks.
  const saves = Object.entries(step.save ?? {});
  if (saves.length > 0) {
    const problems: string[] = [];
    for (const [name, spec] of saves) {
      try {
        if (typeof spec === 'string') state.vars[name] = render(spec, state.vars, `${where}.save.${name}`);
        else {
          const { values } = await evaluateQuery(spec, ctx, `${where}.save.${name}`);
          state.vars[name] = values.length === 1 ? values[0] : values;
        }
      } catch (e) {
        problems.push(`${name}: ${errorText(e)}`);
      }
    }
    if (problems.length > 0)
      push({
        ...baseResult(state, {}, `${step.id}.save`, saveName(step), 'action', saveName(step, 'en')),
        verdict: 'error',
        message: problems.join('; '),
      });
  }
  return result();
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
  listener?.scenarioStarted?.({
    id: scenario.id,
    title: scenario.title,
    file,
    description: scenario.description,
  });
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
      ...dayVars(startedAt),
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
      ...baseResult(
        state,
        {},
        'setup.variables',
        words('setup.renderVariables'),
        'action',
        wordsEn('setup.renderVariables'),
      ),
      verdict: 'error',
      message,
    };
    steps.push({
      id: 'setup',
      title: words('setup.variables'),
      verdict: 'error',
      message,
      startedAt: startedAt.toISOString(),
      durationMs: 0,
      checks: [check],
    });
    listener?.checkFinished?.(check);
    stopped = words('skip.variables');
    if (hasSetup(scenario)) steps.push(skippedSetup(state, stopped));
  }
  if (stopped === undefined && hasSetup(scenario)) {
    listener?.stepStarted?.({
      scenarioId: scenario.id,
      id: 'setup',
      title: words('setup.title'),
      index: 0,
      total: scenario.steps.length,
    });
    const setup = await runSetup(state);
    steps.push(setup);
    listener?.stepFinished?.(setup);
    if (setup.verdict === 'error') stopped = words('skip.setupFailed');
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
    if (blocking && step.continueOnFailure !== true) stopped = words('skip.stepFailed', { step: step.id });
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
