import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../types.ts';
import { csvReport } from './csv.ts';
import { htmlEscape, htmlReport } from './html.ts';
import { junitXml, xmlEscape } from './junit.ts';

/** A run with a passed, a failed, an errored and a skipped check, and hostile text everywhere. */
function sampleRun(): RunResult {
  return {
    tool: 'kantasim',
    formatVersion: 1,
    simulator: 'http://127.0.0.1:8080',
    sut: 'http://127.0.0.1:9090',
    level: 'should',
    manual: false,
    startedAt: '2026-11-22T10:00:00.000Z',
    finishedAt: '2026-11-22T10:00:05.000Z',
    durationMs: 5000,
    passed: false,
    totals: { pass: 1, fail: 1, error: 1, skip: 1 },
    scenarios: [
      {
        id: 'pta-visit',
        title: 'Archive a visit <b>note</b>',
        description: 'Tester: "archive" & check \u0007',
        service: 'pta',
        file: 'scenarios/pta/visit.yaml',
        organisation: {
          oid: '1.2.246.10.3210987.10.0',
          name: 'Kuusijärven <hyvinvointialue>',
          registerControllers: [{ oid: '1.2.246.10.3210987.19.0', name: 'RC' }],
          system: {
            id: 'potilas360',
            vendor: 'Terveystieto Oy',
            product: 'Potilas360',
            version: '4.2',
            category: 'A',
          },
          services: ['pta'],
        },
        verdict: 'error',
        startedAt: '2026-11-22T10:00:00.000Z',
        durationMs: 5000,
        testPersons: [{ hetu: '010181-900C', name: 'Testi <Henkilö>', service: 'pta' }],
        steps: [
          {
            id: 'archive',
            title: 'Archive',
            verdict: 'error',
            startedAt: '2026-11-22T10:00:00.000Z',
            durationMs: 4000,
            checks: [
              {
                id: 'archive.event-1',
                title: 'document archived',
                kind: 'event',
                level: 'shall',
                requirement: 'pta-archive',
                checklist: 'archived',
                verdict: 'pass',
                evidence: [
                  {
                    label: 'document',
                    value: '1.2.246.10.3210987.14.1',
                    href: 'http://127.0.0.1:8080/viewer/documents/1.2.246.10.3210987.14.1',
                  },
                  { label: 'evil', value: 'click', href: 'javascript:alert(1)' },
                ],
              },
              {
                id: 'archive.custodian',
                title: 'custodian is the register controller',
                kind: 'check',
                level: 'shall',
                requirement: 'pta-register',
                checklist: 'register',
                verdict: 'fail',
                message:
                  'expected custodian = "1.2.246.10.3210987.19.0", received "<none>" (requirement pta-register)',
                evidence: [],
              },
              {
                id: 'archive.x',
                title: 'x & y',
                kind: 'check',
                level: 'shall',
                verdict: 'error',
                message: 'GET failed: 404',
                evidence: [],
              },
              {
                id: 'archive.s',
                title: 'nice to have',
                kind: 'check',
                level: 'should',
                verdict: 'skip',
                message: 'not selected (level shall)',
                evidence: [],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('JUnit XML report', () => {
  it('is well-formed XML with one testsuite a scenario and one testcase a check', () => {
    const xml = junitXml(sampleRun());
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    const suite = doc.getElementsByTagName('testsuite')[0]!;
    expect([
      suite.getAttribute('tests'),
      suite.getAttribute('failures'),
      suite.getAttribute('errors'),
      suite.getAttribute('skipped'),
    ]).toEqual(['4', '1', '1', '1']);
    const cases = Array.from(doc.getElementsByTagName('testcase'));
    expect(cases.map((c) => c.getAttribute('name'))).toEqual([
      'document archived [pta-archive] (SHALL)',
      'custodian is the register controller [pta-register] (SHALL)',
      'x & y (SHALL)',
      'nice to have (SHOULD)',
    ]);
    const failure = cases[1]!.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe(
      'expected custodian = "1.2.246.10.3210987.19.0", received "<none>" (requirement pta-register)',
    );
    expect(failure.textContent).toContain('requirement: pta-register');
    expect(cases[2]!.getElementsByTagName('error')).toHaveLength(1);
    expect(cases[3]!.getElementsByTagName('skipped')).toHaveLength(1);
    const props = Array.from(doc.getElementsByTagName('property')).map((p) => [
      p.getAttribute('name'),
      p.getAttribute('value'),
    ]);
    expect(props).toContainEqual(['system', 'Potilas360 4.2']);
    expect(props).toContainEqual(['testPersons', '010181-900C']);
  });

  it('escapes markup and replaces characters XML cannot hold', () => {
    expect(xmlEscape(`<a href="x">'&'</a>\u0007`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\uFFFD',
    );
  });
});

describe('HTML deployment-test report', () => {
  const html = htmlReport(sampleRun());

  it('escapes everything that comes from scenarios and the registry', () => {
    expect(html).not.toContain('<b>note</b>');
    expect(html).toContain('Archive a visit &lt;b&gt;note&lt;/b&gt;');
    expect(html).toContain('Kuusijärven &lt;hyvinvointialue&gt;');
    expect(html).toContain('Testi &lt;Henkilö&gt;');
    expect(htmlEscape(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('links each scenario to its recorded run in the viewer when the run was recorded', () => {
    expect(html).not.toContain('Recorded in the simulator');
    const recorded = htmlReport(sampleRun(), {
      recorded: new Map([
        ['pta-visit', 'http://127.0.0.1:8080/viewer/runs/0b6d3c1e-2f4a-4f7e-9f51-6a9c1d2e3f40'],
      ]),
    });
    expect(recorded).toContain(
      '<strong>Recorded in the simulator:</strong> <a href="http://127.0.0.1:8080/viewer/runs/0b6d3c1e-2f4a-4f7e-9f51-6a9c1d2e3f40">',
    );
  });

  it('links evidence to the viewer but never writes a non-http link', () => {
    expect(html).toContain('<a href="http://127.0.0.1:8080/viewer/documents/1.2.246.10.3210987.14.1">');
    expect(html).not.toContain('javascript:');
  });

  it('names the system and version, the test persons and fills the archivist’s checklist from tagged checks', () => {
    expect(html).toContain('Terveystieto Oy Potilas360 <strong>4.2</strong>');
    expect(html).toContain('<code>010181-900C</code>');
    expect(html).toMatch(
      /Every document of the test case was archived<\/td><td><span class="badge pass">Passed/,
    );
    expect(html).toMatch(/register controller&#39;s register<\/td><td><span class="badge fail">Failed/);
    expect(html).toMatch(
      /matches the data in the source system<\/td><td><span class="badge skip">Not covered/,
    );
    expect(html).toContain('FAILED — 1 passed, 1 failed, 1 not evaluated, 1 skipped');
  });
});

describe('CSV report', () => {
  it('has one row a check, quotes what needs quoting and defuses formulas', () => {
    const run = sampleRun();
    run.scenarios[0]!.steps[0]!.checks[2]!.title = '=HYPERLINK("x")';
    const lines = csvReport(run).split('\r\n');
    expect(lines[0]).toBe('scenario,step,check,title,level,requirement,checklist,verdict,message,evidence');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toBe(
      'pta-visit,archive,archive.custodian,custodian is the register controller,shall,pta-register,register,fail,"expected custodian = ""1.2.246.10.3210987.19.0"", received ""<none>"" (requirement pta-register)",',
    );
    expect(lines[3]).toBe('pta-visit,archive,archive.x,"\'=HYPERLINK(""x"")",shall,,,error,GET failed: 404,');
  });
});
