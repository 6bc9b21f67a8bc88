/**
 * What the engine tells whoever is watching, step by step. The terminal reporter prints live progress
 * and the summary table; tests and other front ends (a web UI, CI annotations) can implement their own.
 *
 * The terminal speaks the run's language (`kantasim run --lang`, common/i18n/locales/<lang>/cli.json):
 * verdict words, the summary and its counts (plurals through the i18n layer). Messages are masked like
 * every report (runner/present.ts): a refused real-range identity code never reaches a CI log in full.
 * At the end it lists the steps that were skipped, each with its reason, so a reader of a CI log sees
 * what was not checked without opening a report.
 */
import { format, type Lang } from '../common/i18n/index.ts';
import { presentCheck, presentText } from './present.ts';
import { stableText } from './template.ts';
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

function colour(enabled: boolean): (v: Verdict, text: string) => string {
  const codes: Record<Verdict, string> = { pass: '32', fail: '31', error: '35', skip: '90' };
  return (v, text) => (enabled ? `\u001b[${codes[v]}m${text}\u001b[0m` : text);
}

function word(lang: Lang, v: Verdict): string {
  return format(lang, 'cli', `word.${v}`);
}

function seconds(ms: number, lang: Lang): string {
  return format(lang, 'cli', ms < 10_000 ? 'seconds.short' : 'seconds.long', { seconds: ms / 1000 });
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Live progress and the summary table, written through `write` (stdout by default). */
export function terminalReporter(
  write: (s: string) => void,
  /** `descriptions`: print each scenario's description (for the person in manual mode). */
  options: { colour?: boolean; descriptions?: boolean; lang?: Lang } = {},
): ProgressListener {
  const c = colour(options.colour ?? false);
  const lang = options.lang ?? 'en';
  const line = (text: string): void => {
    write(presentText(text));
  };
  return {
    scenarioStarted(s) {
      line(`\n▶ ${s.id}  ${stableText(s.title)}\n  ${s.file}\n`);
      if (options.descriptions === true && s.description !== undefined)
        for (const l of s.description.trimEnd().split('\n')) line(`  │ ${l}\n`);
    },
    stepStarted(s) {
      const title = stableText(s.title);
      line(s.index === 0 ? `  setup  ${title}\n` : `  ${s.index}/${s.total} ${s.id}  ${title}\n`);
    },
    checkFinished(result) {
      const r = presentCheck(result);
      const req = r.requirement !== undefined ? `  [${r.requirement}]` : '';
      line(`      ${c(r.verdict, MARK[r.verdict])} ${r.level.toUpperCase()} ${r.title}${req}\n`);
      if (r.message !== undefined && r.verdict !== 'pass') line(`          ${c(r.verdict, r.message)}\n`);
    },
    stepFinished(s) {
      if (s.verdict !== 'pass' && s.message !== undefined)
        line(
          `    ${c(s.verdict, `${word(lang, s.verdict)}: ${s.verdict === 'skip' ? stableText(s.message) : s.message}`)}\n`,
        );
    },
    scenarioFinished(s) {
      const done = format(lang, 'cli', 'progress.scenarioDone', {
        word: c(s.verdict, word(lang, s.verdict)),
        scenario: s.id,
        duration: seconds(s.durationMs, lang),
      });
      line(`  ${done}${s.message !== undefined ? `: ${s.message}` : ''}\n`);
    },
    runFinished(r) {
      const skipped = skippedSteps(r, lang);
      line(`\n${summaryTable(r, c, lang)}\n${skipped === '' ? '' : `\n${skipped}\n`}`);
    },
  };
}

/** The skipped steps of a run, each with its reason; empty when every step ran. */
export function skippedSteps(r: RunResult, lang: Lang = 'en'): string {
  const rows: string[] = [];
  for (const s of r.scenarios)
    for (const st of s.steps) {
      if (st.verdict !== 'skip') continue;
      const reason =
        st.message ?? st.checks.find((ch) => ch.message !== undefined)?.message ?? word(lang, 'skip');
      rows.push(
        `  – ${format(lang, 'cli', 'summary.skippedStep', { scenario: s.id, step: stableText(st.title), reason: stableText(reason) })}`,
      );
    }
  if (rows.length === 0) return '';
  return [format(lang, 'cli', 'summary.skippedSteps', { count: rows.length }), ...rows].join('\n');
}

/** The summary table: one row a scenario, counts of checks by verdict. */
export function summaryTable(
  r: RunResult,
  c: (v: Verdict, text: string) => string = (_v, t) => t,
  lang: Lang = 'en',
): string {
  const h = (key: string): string => format(lang, 'cli', `summary.${key}`);
  const rows = r.scenarios.map((s) => {
    const counts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
    for (const step of s.steps) for (const check of step.checks) counts[check.verdict]++;
    const stepsPassed = s.steps.filter((st) => st.verdict === 'pass').length;
    return { s, counts, steps: `${stepsPassed}/${s.steps.length}` };
  });
  const width = Math.max(8, h('scenario').length, ...rows.map((row) => row.s.id.length)) + 2;
  const cols = (['steps', 'pass', 'fail', 'error', 'skip'] as const).map((k) => ({
    k,
    w: Math.max(k === 'steps' ? 8 : k === 'error' ? 7 : 6, h(k).length + 2),
  }));
  const lines = [
    `${pad(h('scenario'), width)}${cols.map(({ k, w }) => pad(h(k), w)).join('')}${h('verdict')}`,
  ];
  for (const { s, counts, steps } of rows)
    lines.push(
      `${pad(s.id, width)}${cols.map(({ k, w }) => pad(k === 'steps' ? steps : String(counts[k]), w)).join('')}${c(s.verdict, word(lang, s.verdict))}`,
    );
  const t = r.totals;
  lines.push(
    '',
    r.passed
      ? c(
          'pass',
          format(lang, 'cli', 'summary.passed', {
            pass: t.pass,
            skip: t.skip,
            duration: seconds(r.durationMs, lang),
            level: r.level,
          }),
        )
      : c(
          'fail',
          format(lang, 'cli', 'summary.failed', {
            fail: t.fail,
            error: t.error,
            pass: t.pass,
            skip: t.skip,
            level: r.level,
          }),
        ),
  );
  return lines.join('\n');
}
