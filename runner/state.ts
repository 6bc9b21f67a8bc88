/**
 * What a running scenario carries from step to step, and the small helpers every part of the engine
 * uses to build results (levels, titles, verdicts).
 */
import { describeComparisons } from './compare.ts';
import { describeMatch } from './events.ts';
import type { SimulatorClient } from './http.ts';
import { TransportError } from './http.ts';
import type { ProgressListener } from './progress.ts';
import type { Prompter } from './prompt.ts';
import { describeSelector, SelectorError } from './selectors.ts';
import { renderKnown, stableText, TemplateError, type Vars } from './template.ts';
import { words, wordsIn } from './wording.ts';
import type { Lang } from '../common/i18n/index.ts';
import type {
  Action,
  Check,
  CheckMeta,
  CheckResult,
  EventExpectation,
  Level,
  Scenario,
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
export const HTTP_TIMEOUT_MS = 30_000;

const SEVERITY: Record<Verdict, number> = { skip: 0, pass: 1, fail: 2, error: 3 };

/** The worst verdict of a list; a mix of passes and skips is a pass; nothing at all is a skip. */
export function worst(verdicts: readonly Verdict[]): Verdict {
  let result: Verdict = 'skip';
  for (const v of verdicts) if (SEVERITY[v] > SEVERITY[result]) result = v;
  return result;
}

/** The message of an error the engine reports as a check that could not be evaluated. */
export function errorText(e: unknown): string {
  if (e instanceof TemplateError || e instanceof TransportError || e instanceof SelectorError)
    return e.message;
  return `unexpected error: ${(e as Error).message}`;
}

/** What a running scenario carries from step to step. */
export interface ScenarioState {
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

/** True when a check of `level` runs at the run's level. */
export function isSelected(state: ScenarioState, level: Level): boolean {
  return level === 'shall' || state.level === 'should';
}

/** The fields of a check's result that do not depend on how it went. */
export function baseResult(
  state: ScenarioState,
  meta: CheckMeta,
  id: string,
  title: string,
  kind: CheckResult['kind'],
  /** The title in English when the runner worded it (the stable name is English in every language). */
  english: string = title,
): Omit<CheckResult, 'verdict'> {
  const level = meta.level ?? state.scenario.level ?? 'shall';
  // The title as given is the scenario's template: its placeholder form is the stable name.
  const result: Omit<CheckResult, 'verdict'> = {
    id,
    title,
    name: stableText(english),
    kind,
    level,
    evidence: [],
  };
  if (meta.requirement !== undefined) {
    result.requirement = meta.requirement;
    const text = state.requirements[meta.requirement];
    if (text !== undefined) result.requirementText = text;
  }
  if (meta.checklist !== undefined) result.checklist = meta.checklist;
  return result;
}

/** A check's title: its own, or one made from what it selects and compares (in `lang`, default the run's). */
export function checkTitle(check: Check, lang?: Lang): string {
  if (check.title !== undefined) return check.title;
  const w = (key: string): string => (lang === undefined ? words(key) : wordsIn(lang, key));
  const selected = check.path !== undefined || check.fhirpath !== undefined || check.xpath !== undefined;
  const subject = selected
    ? describeSelector(check)
    : typeof check.in === 'string' && check.in !== 'response'
      ? check.in
      : typeof check.in === 'object' && 'value' in check.in
        ? w('check.theValue')
        : w('check.theDocument');
  return `${subject} ${describeComparisons(check, lang)}`;
}

/** An event expectation's title before its templates are rendered (in `lang`, default the run's). */
export function eventTitle(ev: EventExpectation, lang?: Lang): string {
  if (ev.title !== undefined) return ev.title;
  const args = { match: describeMatch(ev, lang) };
  return lang === undefined ? words('event.title', args) : wordsIn(lang, 'event.title', args);
}

/**
 * A step's `do` as the scenario writes it (paths keep their placeholders), in `lang` (default the
 * run's); in English it is the stable name.
 */
export function actionName(action: Action, lang?: Lang): string {
  const w = (key: string, args?: Record<string, string>): string =>
    lang === undefined ? words(key, args) : wordsIn(lang, key, args);
  if (action.sut !== undefined)
    return stableText(
      w('action.call', { method: action.sut.method ?? 'POST', path: action.sut.path, who: w('action.sut') }),
    );
  if (action.fixture !== undefined)
    return stableText(
      w('action.call', {
        method: action.fixture.method ?? 'GET',
        path: action.fixture.path,
        who: w('action.simulator'),
      }),
    );
  if (action.command !== undefined) return w('action.command');
  return w('action.manual');
}

/** A step's saved values, in `lang` (default the run's); in English it is the stable name. */
export function saveName(step: Step, lang?: Lang): string {
  const args = { names: Object.keys(step.save ?? {}).join(', ') };
  return lang === undefined ? words('save', args) : wordsIn(lang, 'save', args);
}

/**
 * Placeholder results for a step that is not run, so reports list the same checks as in a run that
 * reaches it: the `do`, each event expectation and each check, in that order. Titles
 * are filled in as far as the variables already known go; the rest show the variable's name.
 */
export function skippedStep(state: ScenarioState, step: Step, why: string): StepResult {
  const checks: CheckResult[] = [];
  const skip = (base: Omit<CheckResult, 'verdict'>): void => {
    checks.push({ ...base, title: renderKnown(base.title, state.vars), verdict: 'skip', message: why });
  };
  if (step.do !== undefined) {
    skip(baseResult(state, {}, `${step.id}.do`, actionName(step.do), 'action', actionName(step.do, 'en')));
  }
  (step.expect?.events ?? []).forEach((ev, j) => {
    skip(
      baseResult(
        state,
        ev,
        `${step.id}.${ev.id ?? `event-${j + 1}`}`,
        eventTitle(ev),
        'event',
        eventTitle(ev, 'en'),
      ),
    );
  });
  (step.expect?.checks ?? []).forEach((check, j) => {
    skip(
      baseResult(
        state,
        check,
        `${step.id}.${check.id ?? `check-${j + 1}`}`,
        checkTitle(check),
        'check',
        checkTitle(check, 'en'),
      ),
    );
  });
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
