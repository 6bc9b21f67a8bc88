/**
 * JUnit XML, the format CI systems read (Jenkins, GitLab, GitHub test reporters): one `<testsuite>` a
 * scenario, one `<testcase>` a check. A failed check is `<failure>`, a check that could not be evaluated
 * `<error>`, a check not selected or not reached `<skipped>`. The requirement goes into the test name
 * and a property, so the CI view says which Kanta rule failed.
 *
 * Test names are the same in every run of the same scenarios, so CI can follow a test from run to run:
 * a name is the check's stable name (its title with variables written as their names, `‹org›`), never
 * the OIDs, ids or identity codes of one run; those go into the suite's `<system-out>`, by test case. A run that
 * stops early lists the same test cases, the ones not reached as `<skipped>`. Real-range identity codes
 * are masked (runner/mask.ts): CI systems keep these files.
 */
import { presentable } from '../present.ts';
import type { CheckResult, RunResult, ScenarioResult } from '../types.ts';

// Characters XML 1.0 does not allow, even escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A `timestamp` attribute: the instant in UTC, to the second, with `Z`. The JUnit XML schema everyone
 * cites (Ant's format as written down in the windyroad JUnit.xsd) types it as a bare
 * `YYYY-MM-DDTHH:MM:SS` and says "Timezone may not be specified", so a Helsinki time with its offset
 * would break it just as much and mean more to undo; a bare time, as written before, named no instant
 * at all (a reader in Helsinki took it for local time, two or three hours off). UTC with `Z` is what
 * xs:dateTime readers parse unambiguously. Consumers, as their parsers read (not tried against live
 * servers): GitLab's JUnit import reads the test cases, not the suite timestamp; Jenkins' JUnit plugin
 * keeps it as text, and newer versions parse it for start times; pytest writes an offset there since
 * 8.3. The HTML report shows the same instant in Helsinki time.
 */
export function junitTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function count(s: ScenarioResult, verdict: CheckResult['verdict']): number {
  return s.steps.reduce((n, step) => n + step.checks.filter((c) => c.verdict === verdict).length, 0);
}

function testcase(
  s: ScenarioResult,
  stepId: string,
  c: CheckResult,
  name: string,
  timeMs: number,
  values: string[],
): string {
  const head = `    <testcase${attrs({ classname: `${s.id}.${stepId}`, name, time: seconds(timeMs) })}`;
  const details = [
    c.message ?? '',
    c.requirement !== undefined
      ? `requirement: ${c.requirement}${c.requirementText !== undefined ? ` — ${c.requirementText}` : ''}`
      : '',
    ...c.evidence.map((e) => `${e.label}: ${e.value}${e.href !== undefined ? ` <${e.href}>` : ''}`),
  ]
    .filter((line) => line !== '')
    .join('\n');
  // This run's values: the title as rendered, and the evidence of a check that passed.
  const runValues = [
    c.title !== (c.name ?? c.title) ? `check: ${c.title}` : '',
    `id: ${c.id}`,
    ...(c.verdict === 'pass'
      ? c.evidence.map((e) => `${e.label}: ${e.value}${e.href !== undefined ? ` <${e.href}>` : ''}`)
      : []),
  ]
    .filter((line) => line !== '')
    .join('\n');
  values.push(`${s.id}.${stepId} ${name}\n  ${runValues.replaceAll('\n', '\n  ')}`);
  const out = '';
  switch (c.verdict) {
    case 'pass':
      return `${head}>${out}\n    </testcase>`;
    case 'skip':
      return `${head}>\n      <skipped${attrs({ message: c.message ?? 'skipped' })}/>${out}\n    </testcase>`;
    case 'fail':
      return `${head}>\n      <failure${attrs({ message: c.message ?? 'failed', type: c.kind })}>${xmlEscape(details)}</failure>${out}\n    </testcase>`;
    case 'error':
      return `${head}>\n      <error${attrs({ message: c.message ?? 'error', type: c.kind })}>${xmlEscape(details)}</error>${out}\n    </testcase>`;
  }
}

/** A check's test name: its stable name, requirement and level. */
export function testName(c: CheckResult): string {
  return `${c.name ?? c.title}${c.requirement !== undefined ? ` [${c.requirement}]` : ''} (${c.level.toUpperCase()})`;
}

function testsuite(s: ScenarioResult, index: number): string {
  const cases: string[] = [];
  const values: string[] = [];
  for (const step of s.steps) {
    const per = step.checks.length > 0 ? step.durationMs / step.checks.length : 0;
    // Two checks of a step with the same name get ` #2`, ` #3` in order: unique and still stable.
    const seen = new Map<string, number>();
    for (const c of step.checks) {
      const base = testName(c);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      cases.push(testcase(s, step.id, c, n === 1 ? base : `${base} #${n}`, per, values));
    }
  }
  const tests = cases.length;
  const errors = count(s, 'error');
  const properties = [
    ['service', s.service],
    ['file', s.file],
    ['organisation', s.organisation?.oid],
    [
      'system',
      s.organisation?.system
        ? `${s.organisation.system.product} ${s.organisation.system.version}`
        : undefined,
    ],
    ['testPersons', s.testPersons.map((p) => p.hetu).join(' ') || undefined],
  ]
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  return [
    `  <testsuite${attrs({
      name: s.id,
      id: index,
      tests,
      failures: count(s, 'fail'),
      errors,
      skipped: count(s, 'skip'),
      time: seconds(s.durationMs),
      timestamp: junitTimestamp(s.startedAt),
      hostname: 'kantasim',
    })}>`,
    ...(properties.length > 0 ? ['    <properties>', ...properties, '    </properties>'] : []),
    ...cases,
    `    <system-out>${xmlEscape(`${s.title}\n${s.description}\n\nThis run's values, by test case:\n${values.join('\n')}`)}</system-out>`,
    '  </testsuite>',
  ].join('\n');
}

/** The whole run as a JUnit XML document. */
export function junitXml(result: RunResult): string {
  const run = presentable(result);
  const suites = run.scenarios.map(testsuite);
  const tests = run.scenarios.reduce((n, s) => n + s.steps.reduce((m, st) => m + st.checks.length, 0), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({
      name: 'kantasim',
      tests,
      failures: run.totals.fail,
      errors: run.totals.error,
      skipped: run.totals.skip,
      time: seconds(run.durationMs),
      timestamp: junitTimestamp(run.startedAt),
    })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
