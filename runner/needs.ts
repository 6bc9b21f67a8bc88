/**
 * Which scenarios call the system under test, so `kantasim run` can refuse to start without `--sut`
 * (a usage error, exit 2) instead of failing step after step with the same missing URL.
 *
 * A step needs it when its `do` calls a `sut` hook (unless the run is `--manual` and the step has an
 * instruction a person can follow instead), or when a check or a saved value reads `in: {sut: …}`.
 */
import type { LoadedScenario } from './load.ts';
import type { Source } from './types.ts';

export interface SutNeed {
  file: string;
  /** The first place in the scenario that needs it, e.g. `steps.book.do.sut`. */
  where: string;
  /**
   * Why: `hook`, a step's `do` calls the hook (with `--manual`: a step with no instruction to follow by
   * hand); `reads`, a check or saved value reads source-system values from it (`in: {sut: …}`), which
   * `--manual` cannot replace.
   */
  why: 'hook' | 'reads';
}

function readsSut(source: Source | undefined): boolean {
  return typeof source === 'object' && 'sut' in source;
}

/** The scenarios that cannot run without `--sut`, each with the first place that needs it. */
export function scenariosNeedingSut(loaded: readonly LoadedScenario[], manual: boolean): SutNeed[] {
  const needs: SutNeed[] = [];
  for (const { scenario, file } of loaded) {
    let need: SutNeed | undefined;
    for (const step of scenario.steps) {
      const d = step.do;
      if (d?.sut !== undefined && !(manual && d.instruction !== undefined))
        need = { file, where: `steps.${step.id}.do.sut`, why: 'hook' };
      else {
        const check = (step.expect?.checks ?? []).findIndex((c) => readsSut(c.in));
        if (check >= 0)
          need = { file, where: `steps.${step.id}.expect.checks[${check}].in.sut`, why: 'reads' };
        else {
          const saved = Object.entries(step.save ?? {}).find(
            ([, spec]) => typeof spec !== 'string' && readsSut(spec.in),
          );
          if (saved !== undefined)
            need = { file, where: `steps.${step.id}.save.${saved[0]}.in.sut`, why: 'reads' };
        }
      }
      if (need !== undefined) break;
    }
    if (need !== undefined) needs.push(need);
  }
  return needs;
}
