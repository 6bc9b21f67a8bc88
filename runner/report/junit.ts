/**
 * JUnit XML, the format CI systems read (Jenkins, GitLab, GitHub test reporters): one `<testsuite>` a
 * scenario, one `<testcase>` a check. A failed check is `<failure>`, a check that could not be evaluated
 * `<error>`, a check not selected or not reached `<skipped>`. The requirement goes into the test name
 * and a property, so the CI view says which Kanta rule failed.
 */
import type { CheckResult, RunResult, ScenarioResult } from '../types.ts';

// Characters XML 1.0 does not allow, even escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

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

function testcase(s: ScenarioResult, stepId: string, c: CheckResult, timeMs: number): string {
  const name = `${c.title}${c.requirement !== undefined ? ` [${c.requirement}]` : ''} (${c.level.toUpperCase()})`;
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
  switch (c.verdict) {
    case 'pass':
      return `${head}/>`;
    case 'skip':
      return `${head}>\n      <skipped${attrs({ message: c.message ?? 'skipped' })}/>\n    </testcase>`;
    case 'fail':
      return `${head}>\n      <failure${attrs({ message: c.message ?? 'failed', type: c.kind })}>${xmlEscape(details)}</failure>\n    </testcase>`;
    case 'error':
      return `${head}>\n      <error${attrs({ message: c.message ?? 'error', type: c.kind })}>${xmlEscape(details)}</error>\n    </testcase>`;
  }
}

function testsuite(s: ScenarioResult, index: number): string {
  const cases: string[] = [];
  for (const step of s.steps) {
    const per = step.checks.length > 0 ? step.durationMs / step.checks.length : 0;
    for (const c of step.checks) cases.push(testcase(s, step.id, c, per));
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
      timestamp: s.startedAt.replace(/\.\d+Z$/, ''),
      hostname: 'kantasim',
    })}>`,
    ...(properties.length > 0 ? ['    <properties>', ...properties, '    </properties>'] : []),
    ...cases,
    `    <system-out>${xmlEscape(`${s.title}\n${s.description}`)}</system-out>`,
    '  </testsuite>',
  ].join('\n');
}

/** The whole run as a JUnit XML document. */
export function junitXml(run: RunResult): string {
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
      timestamp: run.startedAt.replace(/\.\d+Z$/, ''),
    })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
