/**
 * Every shipped scenario passes against the reference vendor system (examples/vendor-ehr) in normal
 * mode, through real HTTP on loopback: the simulator in-process, the vendor system as a child process
 * started with `npm run vendor-ehr`. A real run writes the JUnit, JSON, CSV and HTML reports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../runner/types.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { kantasimRun, tempDir } from './runner-harness.ts';
import { spawnVendorEhr, type VendorEhrProcess } from './vendor-ehr-harness.ts';

let sim: RunningServer;
let ehr: VendorEhrProcess;

beforeAll(async () => {
  sim = await startTestSimulator();
  ehr = await spawnVendorEhr(sim.url);
});

afterAll(async () => {
  await ehr.stop();
  await sim.close();
});

/** Every scenario file shipped under scenarios/<service>/. */
function shippedScenarioIds(): string[] {
  const ids: string[] = [];
  for (const dir of readdirSync('scenarios', { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join('scenarios', dir.name))) {
      if (!f.endsWith('.yaml')) continue;
      const m = /^id: (\S+)$/m.exec(readFileSync(join('scenarios', dir.name, f), 'utf8'));
      if (m?.[1] !== undefined) ids.push(m[1]);
    }
  }
  return ids.sort();
}

describe('the shipped scenarios against the reference vendor system', () => {
  const dir = tempDir();
  const files = {
    junit: join(dir, 'run.xml'),
    json: join(dir, 'run.json'),
    html: join(dir, 'run.html'),
    csv: join(dir, 'run.csv'),
  };
  let run: RunResult;

  it('all pass in normal mode, with every report written', async () => {
    const r = await kantasimRun([
      'scenarios',
      '--sim',
      sim.url,
      '--sut',
      ehr.url,
      '--timeout',
      '5',
      '--junit',
      files.junit,
      '--json',
      files.json,
      '--report',
      files.html,
      '--csv',
      files.csv,
    ]);
    expect(r.err).toBe('');
    expect(r.exitCode, r.out).toBe(0);
    run = JSON.parse(readFileSync(files.json, 'utf8')) as RunResult;
    expect(run.scenarios.map((s) => s.id).sort()).toEqual(shippedScenarioIds());
    for (const s of run.scenarios) expect([s.id, s.verdict, s.message]).toEqual([s.id, 'pass', undefined]);
    expect(run.totals.fail + run.totals.error).toBe(0);
    expect(run.totals.pass).toBeGreaterThan(150);
    // Titles name what was evaluated: no template is left unrendered in a report.
    const titles = run.scenarios.flatMap((sc) => sc.steps.flatMap((st) => st.checks.map((c) => c.title)));
    expect(titles.filter((t) => t.includes('{{'))).toEqual([]);
  });

  it('covers the deployment-test scenarios the issue lists', () => {
    expect(shippedScenarioIds()).toEqual(
      expect.arrayContaining([
        'pta-appointment-booking',
        'pta-first-deployment',
        'pta-expansions',
        'social-welfare-deployment',
        'readiness-kuusijarvi',
        'readiness-lumme-social',
        'rehearsal-real-identity',
        'rehearsal-undeployed-group',
        'rehearsal-wrong-version',
        'rehearsal-update-without-if-match',
      ]),
    );
  });

  it('writes JUnit XML that parses, one testsuite a scenario and no failures', () => {
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(readFileSync(files.junit, 'utf8'), 'text/xml');
    expect(errors).toEqual([]);
    const root = doc.documentElement!;
    expect(root.tagName).toBe('testsuites');
    expect(root.getAttribute('failures')).toBe('0');
    expect(root.getAttribute('errors')).toBe('0');
    const suites = Array.from(root.getElementsByTagName('testsuite'));
    expect(suites.map((s) => s.getAttribute('name')).sort()).toEqual(shippedScenarioIds());
    const booking = suites.find((s) => s.getAttribute('name') === 'pta-appointment-booking')!;
    const names = Array.from(booking.getElementsByTagName('testcase')).map(
      (c) => c.getAttribute('name') ?? '',
    );
    expect(names.some((n) => n.includes('[appt-status]'))).toBe(true);
  });

  it('writes the HTML deployment-test report with a filled archivist checklist and the evidence', () => {
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain("Archivist's checklist");
    // All three lines are covered by checks and ticked.
    expect(html).not.toContain('Not covered');
    // One checklist an organisation: three lines ticked in each of the two whose scenarios archive documents.
    expect(html.match(/<td class="box">☑<\/td>/g)?.length).toBe(6);
    expect(html).not.toContain('<td class="box">☐</td>');
    expect(html).toContain('Kuusijärven hyvinvointialue');
    expect(html).toContain('Hoivapalvelu Lumme Oy');
    // Evidence links to the viewer for the archived documents.
    expect(html).toMatch(/\/viewer\/documents\/1\.2\.246\.10\.3210987\.91\.2026\.\d+/);
  });

  it('writes the JSON run with the test persons and the CSV with one row a check', () => {
    const first = run.scenarios.find((s) => s.id === 'pta-first-deployment')!;
    expect(first.testPersons[0]?.hetu).toMatch(/^\d{6}[-+A-FU-Y]9\d\d[0-9A-Y]$/);
    const csv = readFileSync(files.csv, 'utf8').trim().split('\n');
    const checks = run.scenarios.flatMap((s) => s.steps.flatMap((st) => st.checks)).length;
    expect(csv.length).toBe(checks + 1);
  });

  it('pass again on a second run against the same simulator (setups put the state back)', async () => {
    const r = await kantasimRun(['scenarios', '--sim', sim.url, '--sut', ehr.url, '--timeout', '5']);
    expect(r.exitCode, r.out).toBe(0);
  });

  it('the vendor system refuses an unknown fault mode at start, listing the known ones', async () => {
    await expect(spawnVendorEhr(sim.url, 'typo')).rejects.toThrow(
      /unknown fault 'typo'; known: wrong-status-mapping/,
    );
  });
});
