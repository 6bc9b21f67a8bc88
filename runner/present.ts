/**
 * What every report and the terminal do to a run before a person or a CI system sees it: real-range
 * identity codes masked (runner/mask.ts; the simulator refused them, and no report keeps them), and any
 * template placeholder left unrendered in a title, a description or a skipped check (a step that was
 * never reached saved nothing) written as its variable's name, `‹patient.hetu›`, never as raw
 * `{{patient.hetu}}`. The message of a check that failed or could not be evaluated is kept as written:
 * a template error quotes the template it is about, on purpose.
 */
import { maskIdentities, maskIdentitiesDeep } from './mask.ts';
import { stableText } from './template.ts';
import type { CheckResult, RunResult, StepResult } from './types.ts';

/** One line of text as the terminal shows it: masked. */
export function presentText(text: string): string {
  return maskIdentities(text);
}

function named<T extends string | undefined>(text: T): T {
  return (text === undefined ? text : stableText(text)) as T;
}

/** A check as people see it (already masked). */
export function presentCheck(c: CheckResult): CheckResult {
  const out: CheckResult = { ...c, title: stableText(c.title) };
  if (c.verdict === 'skip' && c.message !== undefined) out.message = stableText(c.message);
  return out;
}

function presentStep(st: StepResult): StepResult {
  const out: StepResult = { ...st, title: stableText(st.title), checks: st.checks.map(presentCheck) };
  if (st.description !== undefined) out.description = named(st.description);
  if (st.instruction !== undefined) out.instruction = named(st.instruction);
  if (st.verdict === 'skip' && st.message !== undefined) out.message = stableText(st.message);
  return out;
}

/** The run as every report shows it: masked, unrendered placeholders named. */
export function presentable(result: RunResult): RunResult {
  const run = maskIdentitiesDeep(result);
  return {
    ...run,
    scenarios: run.scenarios.map((s) => ({
      ...s,
      title: stableText(s.title),
      description: stableText(s.description),
      steps: s.steps.map(presentStep),
    })),
  };
}
