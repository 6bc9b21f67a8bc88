/**
 * What the engine tells whoever is watching, step by step. The terminal reporter prints live progress
 * and the summary table; tests and other front ends (a web UI, CI annotations) can implement their own.
 */
import type { CheckResult, RunResult, ScenarioResult, StepResult, Verdict } from './types.ts';

/** Extension point: implement to follow a run live. Every method is optional. */
export interface ProgressListener {
  scenarioStarted?(s: { id: string; title: string; file: string; description?: string }): void;
  stepStarted?(s: { scenarioId: string; id: string; title: string; index: number; total: number }): void;
  checkFinished?(c: CheckResult): void;
  stepFinished?(s: StepResult): void;
  scenarioFinished?(s: ScenarioResult): void;
  runFinished?(r: RunResult): void;
}

const MARK: Record<Verdict, string> = { pass: '✓', fail: '✗', error: '!', skip: '–' };
const WORD: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', skip: 'SKIP' };

function colour(enabled: boolean): (v: Verdict, text: string) => string {
  const codes: Record<Verdict, string> = { pass: '32', fail: '31', error: '35', skip: '90' };
  return (v, text) => (enabled ? `\u001b[${codes[v]}m${text}\u001b[0m` : text);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Live progress and the summary table, written through `write` (stdout by default). */
export function terminalReporter(
  write: (s: string) => void,
  /** `descriptions`: print each scenario's description (for the person in manual mode). */
  options: { colour?: boolean; descriptions?: boolean } = {},
): ProgressListener {
  const c = colour(options.colour ?? false);
  return {
    scenarioStarted(s) {
      write(`\n▶ ${s.id}  ${s.title}\n  ${s.file}\n`);
      if (options.descriptions === true && s.description !== undefined)
        for (const line of s.description.trimEnd().split('\n')) write(`  │ ${line}\n`);
    },
    stepStarted(s) {
      write(s.index === 0 ? `  setup  ${s.title}\n` : `  ${s.index}/${s.total} ${s.id}  ${s.title}\n`);
    },
    checkFinished(r) {
      const req = r.requirement !== undefined ? `  [${r.requirement}]` : '';
      write(`      ${c(r.verdict, MARK[r.verdict])} ${r.level.toUpperCase()} ${r.title}${req}\n`);
      if (r.message !== undefined && r.verdict !== 'pass') write(`          ${c(r.verdict, r.message)}\n`);
    },
    stepFinished(s) {
      if (s.verdict !== 'pass' && s.message !== undefined)
        write(`    ${c(s.verdict, `${WORD[s.verdict]}: ${s.message}`)}\n`);
    },
    scenarioFinished(s) {
      write(
        `  ${c(s.verdict, WORD[s.verdict])} ${s.id} in ${seconds(s.durationMs)}${s.message !== undefined ? `: ${s.message}` : ''}\n`,
      );
    },
    runFinished(r) {
      write(`\n${summaryTable(r, c)}\n`);
    },
  };
}

/** The summary table: one row a scenario, counts of checks by verdict. */
export function summaryTable(r: RunResult, c: (v: Verdict, text: string) => string = (_v, t) => t): string {
  const rows = r.scenarios.map((s) => {
    const counts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
    for (const step of s.steps) for (const check of step.checks) counts[check.verdict]++;
    const stepsPassed = s.steps.filter((st) => st.verdict === 'pass').length;
    return { s, counts, steps: `${stepsPassed}/${s.steps.length}` };
  });
  const width = Math.max(8, ...rows.map((row) => row.s.id.length)) + 2;
  const lines = [
    `${pad('Scenario', width)}${pad('Steps', 8)}${pad('Pass', 6)}${pad('Fail', 6)}${pad('Error', 7)}${pad('Skip', 6)}Verdict`,
  ];
  for (const { s, counts, steps } of rows)
    lines.push(
      `${pad(s.id, width)}${pad(steps, 8)}${pad(String(counts.pass), 6)}${pad(String(counts.fail), 6)}${pad(String(counts.error), 7)}${pad(String(counts.skip), 6)}${c(s.verdict, WORD[s.verdict])}`,
    );
  const t = r.totals;
  lines.push(
    '',
    r.passed
      ? c(
          'pass',
          `PASSED: all ${t.pass} selected checks passed (${t.skip} skipped) in ${seconds(r.durationMs)}, level ${r.level}.`,
        )
      : c(
          'fail',
          `FAILED: ${t.fail} failed, ${t.error} could not be evaluated, ${t.pass} passed, ${t.skip} skipped (level ${r.level}).`,
        ),
  );
  return lines.join('\n');
}
