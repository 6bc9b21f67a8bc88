/**
 * Scenario runs in real Chromium: run the shipped first-deployment and appointment scenarios against the
 * reference vendor system, then find them under "Scenario runs", follow their evidence links, compare a
 * document with a run's expectations, and see that another register's archivist finds none of it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import {
  runAndRecordShippedScenarios,
  spawnVendorEhr,
  type VendorEhrProcess,
} from '../integration/vendor-ehr-harness.ts';
import { startTestSimulator } from '../support/sim.ts';
import { ARCHIVISTS } from '../support/viewer-seed.ts';
import { guardedContext, launchChromium, screenshot, signIn } from './support.ts';

let sim: RunningServer;
let ehr: VendorEhrProcess;
let browser: Browser;
let runIds: Map<string, string>;

beforeAll(async () => {
  sim = await startTestSimulator();
  ehr = await spawnVendorEhr(sim.url);
  runIds = await runAndRecordShippedScenarios(sim.url, ehr.url);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await ehr.stop();
  await sim.close();
});

describe('Scenario runs in Chromium', () => {
  it('lists the runs, opens one, and follows its evidence to documents, appointments and events', async () => {
    const { context, guard } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await Promise.all([
      page.waitForURL('**/viewer/runs'),
      page
        .getByRole('link', { name: /Scenario runs/ })
        .first()
        .click(),
    ]);
    const rows = page.locator('[data-testid=runs] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator('[data-testid=runs]').innerText()).toMatch(/Passed/);
    await screenshot(page, 'runs-1-list');

    const deployment = runIds.get('pta-first-deployment') ?? '';
    await Promise.all([
      page.waitForURL(`**/viewer/runs/${deployment}`),
      page.locator(`tr[data-run="${deployment}"] a`).first().click(),
    ]);
    expect(await page.locator('h1').innerText()).toMatch(/Patient Data Repository|first deployment/i);
    expect(await page.locator('tr.chk[data-verdict=pass]').count()).toBeGreaterThan(3);
    expect(await page.locator('tr.chk:not([data-verdict=pass]):not([data-verdict=skip])').count()).toBe(0);
    await screenshot(page, 'runs-2-run');

    // A document the run archived.
    const docLink = page.locator('a[data-evidence=document]').first();
    const docHref = (await docLink.getAttribute('href')) ?? '';
    expect(docHref).toMatch(/^\/viewer\/documents\/[0-9.]+$/);
    await Promise.all([page.waitForURL(`**${docHref}`), docLink.click()]);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.title()).not.toMatch(/not found/i);
    await page.goBack();

    // The event that announced it.
    const eventLink = page.locator('a[data-evidence=event]').first();
    const eventHref = (await eventLink.getAttribute('href')) ?? '';
    await Promise.all([page.waitForURL(`**${eventHref}`), eventLink.click()]);
    expect(await page.locator('[data-testid=event] li').count()).toBe(1);
    await screenshot(page, 'runs-3-event');

    // The compare page, filled from the run's expectations.
    await page.goto(`/viewer/runs/${deployment}`);
    const compare = page.locator('a[data-compare]').first();
    await Promise.all([page.waitForURL('**/compare?run=*'), compare.click()]);
    const results = page.locator('[data-testid=compare-results] tbody tr');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-outcome=mismatch]').count()).toBe(0);
    await screenshot(page, 'runs-4-compare-from-run');

    // An appointment of the booking run.
    await page.goto(`/viewer/runs/${runIds.get('pta-appointment-booking') ?? ''}`);
    const apt = page.locator('a[href^="/viewer/appointments/"]').first();
    const aptHref = (await apt.getAttribute('href')) ?? '';
    await Promise.all([page.waitForURL(`**${aptHref}`), apt.click()]);
    expect(await page.title()).not.toMatch(/not found/i);

    const evidence = await guard.pageEvidence(page);
    expect(evidence.violations).toEqual([]);
    expect(guard.dialogs).toEqual([]);
    await context.close();
  });

  it('reads a run well on a tablet, and logs the view in the access log', async () => {
    const { context } = await guardedContext(browser, sim.url, { width: 820, height: 1180 });
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    const id = runIds.get('pta-appointment-booking') ?? '';
    await page.goto(`/viewer/runs/${id}`);
    // Nothing wider than the screen: the check table wraps its long evidence.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'runs-6-tablet-run');
    await page.goto('/viewer/access-log');
    expect(await page.locator(`a[href="/viewer/runs/${id}"]`).count()).toBeGreaterThan(0);
    await context.close();
  });

  it("shows another register's archivist none of the runs", async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kielo);
    await page.goto('/viewer/runs');
    expect(await page.locator('[data-testid=runs]').count()).toBe(0);
    expect(await page.locator('main').innerText()).toMatch(/No recorded runs/);
    await screenshot(page, 'runs-5-other-register');
    const res = await page.goto(`/viewer/runs/${runIds.get('pta-first-deployment') ?? ''}`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('main').innerText()).toMatch(/Run not found/);
    await context.close();
  });
});
