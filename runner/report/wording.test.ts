/**
 * The wording of every rendered report of a failing run, in each language: no raw template text
 * (`{{org}}`), no "1 errors"-style plural, no doubled word ("refused refused"), no finding code twice in
 * one line, and no refused real-range identity code anywhere (console, HTML, JSON, JUnit, CSV).
 */
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../common/i18n/index.ts';
import { showFindings, withRequirement } from '../messages.ts';
import { terminalReporter } from '../progress.ts';
import type { RunResult } from '../types.ts';
import { csvReport } from './csv.ts';
import { htmlReport } from './html.ts';
import { jsonReport } from './json.ts';
import { junitXml } from './junit.ts';

/** A checksum-valid code in the real range (individual number 308): never shown in full. */
const REAL = '131052-308T';

/** A run that fails at its first step, so the rest is skipped with templates left unrendered. */
function failingRun(): RunResult {
  const findings = showFindings([
    { code: 'CDA-MSG-001', severity: 'error', message: 'CDA-MSG-001: the message is not accepted' },
  ]);
  return {
    tool: 'kantasim',
    formatVersion: 1,
    simulator: 'http://127.0.0.1:8080',
    sut: 'http://127.0.0.1:9090',
    level: 'should',
    manual: false,
    startedAt: '2026-12-03T11:00:00.000Z',
    finishedAt: '2026-12-03T11:00:05.000Z',
    durationMs: 5000,
    passed: false,
    totals: { pass: 1, fail: 1, error: 0, skip: 2 },
    scenarios: [
      {
        id: 'pta-visit',
        title: 'Archive a visit note for {{org}}',
        description: 'The vendor archives one note.',
        service: 'pta',
        file: 'scenarios/pta/visit.yaml',
        organisation: { oid: '1.2.246.10.3210987.10.0', name: 'Kuusijärven hyvinvointialue' },
        verdict: 'fail',
        startedAt: '2026-12-03T11:00:00.000Z',
        durationMs: 5000,
        testPersons: [{ hetu: '010181-900C', name: 'Testi Henkilö' }],
        steps: [
          {
            id: 'archive',
            title: 'Archive',
            verdict: 'fail',
            startedAt: '2026-12-03T11:00:00.000Z',
            durationMs: 4000,
            message: `submission refused: ${findings}`,
            checks: [
              {
                id: 'archive.event-1',
                title: 'document archived',
                kind: 'event',
                level: 'shall',
                checklist: 'archived',
                verdict: 'pass',
                evidence: [{ label: 'findings', value: findings }],
              },
              {
                id: 'archive.accepted',
                title: `the archive accepts the note for ${REAL}`,
                kind: 'check',
                level: 'shall',
                requirement: 'CDA-MSG-001',
                checklist: 'register',
                verdict: 'fail',
                message: withRequirement(
                  withRequirement(`expected accepted, received refused for ${REAL}`, 'CDA-MSG-001'),
                  'CDA-MSG-001',
                ),
                evidence: [],
              },
            ],
          },
          {
            id: 'check-source',
            title: 'Compare with the source of {{patient.hetu}}',
            verdict: 'skip',
            startedAt: '2026-12-03T11:00:04.000Z',
            durationMs: 0,
            checks: [
              {
                id: 'check-source.name',
                title: 'name of {{patient.hetu}} matches',
                kind: 'check',
                level: 'shall',
                checklist: 'matches-source',
                verdict: 'skip',
                message: 'not run: the scenario stopped at {{failedStep}}',
                evidence: [],
              },
              {
                id: 'check-source.archived',
                title: 'document archived again',
                kind: 'check',
                level: 'should',
                checklist: 'archived',
                verdict: 'skip',
                message: 'not run: an earlier SHALL check failed',
                evidence: [],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Text as a reader sees it: tags become line breaks, entities are decoded. */
function visibleLines(html: string): string[] {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const ONE_PLURAL = [
  /\b1 (errors|warnings|checks|findings|problems|steps|documents)\b/,
  /\b1 (virhettä|tarkistusta|vaihetta|ongelmaa)\b/,
  /\b1 kontroller\b/,
];
const DOUBLED = /(?<![\p{L}\p{N}])(\p{L}{2,})\s+\1(?![\p{L}\p{N}])/iu;
const CODE = /\b[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+\b/g;

function problems(lines: readonly string[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    if (line.includes('{{')) found.push(`raw template: ${line}`);
    if (line.includes(REAL)) found.push(`real identity code: ${line}`);
    for (const p of ONE_PLURAL) if (p.test(line)) found.push(`plural: ${line}`);
    if (DOUBLED.test(line)) found.push(`doubled word: ${line}`);
    const codes = line.match(CODE) ?? [];
    if (new Set(codes).size !== codes.length) found.push(`code repeated: ${line}`);
  }
  return found;
}

function consoleOutput(run: RunResult, lang: Lang): string {
  let out = '';
  const reporter = terminalReporter((s) => (out += s), { lang });
  for (const s of run.scenarios) {
    reporter.scenarioStarted?.(s);
    for (const st of s.steps) {
      for (const c of st.checks) reporter.checkFinished?.(c);
      reporter.stepFinished?.(st);
    }
    reporter.scenarioFinished?.(s);
  }
  reporter.runFinished?.(run);
  return out;
}

describe('the reports of a failing run read right', () => {
  for (const lang of LANGS) {
    it(`HTML (${lang}): no raw templates, plurals right, no doubled words or codes, no real code`, () => {
      const html = htmlReport(failingRun(), { lang });
      expect(html).toContain(`<html lang="${lang}">`);
      expect(problems(visibleLines(html))).toEqual([]);
      expect(html).toContain('131052-***T');
      expect(html).toContain('‹patient.hetu›');
    });

    it(`console (${lang}): lists the skipped step with its reason, masked and without raw templates`, () => {
      const out = consoleOutput(failingRun(), lang);
      expect(problems(out.split('\n'))).toEqual([]);
      expect(out).toMatch(/– pta-visit › Compare with the source of ‹patient\.hetu›: not run/);
      expect(out).toContain('131052-***T');
    });
  }

  it('JSON, JUnit and CSV: masked, no raw template in titles or skipped checks', () => {
    for (const text of [jsonReport(failingRun()), junitXml(failingRun()), csvReport(failingRun())]) {
      expect(text).not.toContain(REAL);
      expect(text).toContain('131052-***T');
      expect(text).not.toContain('{{');
    }
  });

  it('a finding code and a requirement are named once', () => {
    expect(showFindings([{ code: 'X-001', severity: 'error', message: 'X-001: bad' }])).toBe(
      'X-001 (error): bad',
    );
    expect(withRequirement(withRequirement('expected a, received b', 'R-1'), 'R-1')).toBe(
      'expected a, received b (requirement R-1)',
    );
  });

  it('JSON and JUnit stay language-neutral: the same whatever the report language', () => {
    const json = jsonReport(failingRun());
    expect(json).toContain('"verdict": "fail"');
    expect(json).not.toMatch(/Ei läpäissyt|Underkänd/);
  });

  it('times are Helsinki time with the zone, in the report language', () => {
    // 11:00Z on 3 December is 13.00 in Helsinki (EET, UTC+2).
    expect(htmlReport(failingRun(), { lang: 'fi' })).toMatch(/3\.12\.2026 klo 13\.00/);
    expect(htmlReport(failingRun(), { lang: 'en' })).toMatch(/03\/12\/2026, 13:00 EET/);
  });
});

describe('times in evidence', () => {
  it('an event instant in the evidence is shown as Helsinki time, in the report language', () => {
    const run = failingRun();
    run.scenarios[0]!.steps[0]!.checks[0]!.evidence.push({
      label: 'event',
      value: '#7 2026-12-03T11:00:01.250Z document.archive accepted: note',
    });
    const fi = htmlReport(run, { lang: 'fi' });
    expect(fi).toContain('#7 3.12.2026 klo 13.00');
    expect(fi).not.toContain('2026-12-03T11:00:01.250Z');
    // JSON keeps the instant as the simulator gave it.
    expect(jsonReport(run)).toContain('2026-12-03T11:00:01.250Z');
  });
});
