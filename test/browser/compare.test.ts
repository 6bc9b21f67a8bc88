/**
 * Compare in real Chromium, as an archivist uses it: a recorded scenario run holds the source system's
 * values for an archived document (one of them deliberately different); the archivist opens the
 * document's compare page from that run and sees the differing field highlighted, by class and by a
 * marker readable without colour, with the banner's count agreeing with the rows.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { KUUSIJARVI, sampleRun } from '../support/run-sample.ts';
import { ARCHIVISTS, seedViewerData, type Seeded } from '../support/viewer-seed.ts';
import { guardedContext, launchChromium, screenshot, signIn } from './support.ts';

let sim: RunningServer;
let browser: Browser;
let seeded: Seeded;
let runId: string;

const TITLE_XPATH = 'string(/cda:ClinicalDocument/cda:title)';
const CUSTODIAN_XPATH = '/cda:ClinicalDocument/cda:custodian//cda:id/@root';

beforeAll(async () => {
  sim = await startTestSimulator();
  seeded = await seedViewerData(sim.url);
  const run = sampleRun();
  const scenario = run.scenarios[0];
  const step = scenario?.steps[0];
  const check = step?.checks[0];
  if (!scenario || !step || !check) throw new Error('sample run has no check');
  const oid = seeded.visitV2;
  step.checks = [
    // The source system recorded another title than the archive holds: the one mismatch.
    { ...check, id: 'title', document: oid, expected: 'Verenpaineen kontrollikäynti', actual: [] },
    {
      ...check,
      id: 'custodian',
      document: oid,
      expected: '1.2.246.10.3210987.19.0',
      actual: [],
      selector: { xpath: CUSTODIAN_XPATH },
    },
  ];
  step.checks[0] = { ...step.checks[0], selector: { xpath: TITLE_XPATH } } as (typeof step.checks)[number];
  run.scenarios = [{ ...scenario, organisation: { oid: KUUSIJARVI, name: 'Kuusijärvi' } }];
  const res = await fetch(`${sim.url}/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(run),
  });
  if (res.status !== 201) throw new Error(`POST /runs: ${res.status} ${await res.text()}`);
  runId = ((await res.json()) as { runs: { id: string }[] }).runs[0]?.id ?? '';
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await sim.close();
});

describe('Compare from a recorded run in Chromium', () => {
  it('highlights the one field that differs from the source system', async () => {
    const { context, guard } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(`/viewer/documents/${encodeURIComponent(seeded.visitV2)}/compare`);
    const runLink = page.locator(`[data-testid=run-expectations] a[data-run="${runId}"]`);
    await Promise.all([page.waitForURL('**/compare?run=*'), runLink.click()]);

    const mismatch = page.locator(`[data-testid=compare-results] tr[data-field="xpath:${TITLE_XPATH}"]`);
    await expect(mismatch.getAttribute('data-outcome')).resolves.toBe('mismatch');
    await expect(mismatch.getAttribute('class')).resolves.toContain('cmp-differs');
    await expect(mismatch.locator('.cmp-marker').innerText()).resolves.toBe('≠');
    const match = page.locator(`[data-testid=compare-results] tr[data-field="xpath:${CUSTODIAN_XPATH}"]`);
    await expect(match.getAttribute('data-outcome')).resolves.toBe('match');
    await expect(match.locator('.cmp-marker').innerText()).resolves.toBe('✓');
    expect(await page.locator('[data-testid=compare-results] tr.cmp-differs').count()).toBe(1);

    // The named fields side by side, the archived title among them, the time in Helsinki time.
    const named = page.locator('[data-testid=compare-named]');
    await expect(named.locator('tr[data-named=title]').innerText()).resolves.toContain(
      'Verenpaineen kontrollikäynti',
    );
    await expect(named.locator('tr[data-named=effectiveTime] time').count()).resolves.toBe(1);
    // The run's title check lands on the named title row, marked as differing there too.
    await expect(named.locator('tr[data-named=title]').getAttribute('data-outcome')).resolves.toBe(
      'mismatch',
    );
    await expect(named.locator('tr[data-named=title]').getAttribute('class')).resolves.toContain(
      'cmp-differs',
    );
    await expect(named.locator('tr[data-named=custodian]').getAttribute('data-outcome')).resolves.toBe(
      'match',
    );

    // The banner says one field differs and none is unchecked, as the rows do.
    const banner = await page.locator('.notice-error').first().innerText();
    expect(banner).toMatch(/1 of 2 fields do not match/);
    expect(banner).toMatch(/0 cannot be checked/);
    await screenshot(page, 'compare-from-run-mismatch');

    const evidence = await guard.pageEvidence(page);
    expect(evidence.violations).toEqual([]);
    await context.close();
  });
});
