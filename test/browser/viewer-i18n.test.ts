/**
 * The archivist viewer in Finnish, Swedish and English, and on a 390 px phone, in real Chromium: the
 * language comes from `Accept-Language` (the browser's locale) or the switcher (remembered in a cookie),
 * `<html lang>` follows it, and every main page fits the phone's width without horizontal scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { buildCda, buildMessage } from '../../fixtures/cda/index.ts';
import { sampleRun } from '../support/run-sample.ts';
import { ARCHIVISTS, PERSON, seedViewerData, type Seeded } from '../support/viewer-seed.ts';
import { guardedContext, launchChromium, screenshot, signIn } from './support.ts';

let sim: RunningServer;
let browser: Browser;
let seeded: Seeded;
let runId: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  seeded = await seedViewerData(sim.url);
  const res = await fetch(`${sim.url}/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(sampleRun()),
  });
  const posted = (await res.json()) as { runs: { id: string }[] };
  runId = posted.runs[0]?.id ?? '';
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await sim.close();
});

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;
const SIGN_IN = { fi: 'Kirjaudu', sv: 'Logga in', en: 'Sign in' } as const;
const FIND = { fi: 'Haku', sv: 'Sök', en: 'Find' } as const;
const RUNS = { fi: 'Testiajot', sv: 'Testkörningar', en: 'Scenario runs' } as const;

function mainPages(): [string, string][] {
  return [
    ['find', `/viewer/find?patient=${PERSON}`],
    ['person', `/viewer/persons/${PERSON}`],
    ['document', `/viewer/documents/${encodeURIComponent(seeded.visitV2)}`],
    ['appointment', `/viewer/appointments/${encodeURIComponent(seeded.appointment)}`],
    ['runs', '/viewer/runs'],
    ['run', `/viewer/runs/${encodeURIComponent(runId)}`],
    ['live', '/viewer/live'],
    ['access-log', '/viewer/access-log'],
    ['compare', `/viewer/documents/${encodeURIComponent(seeded.visitV2)}/compare`],
  ];
}

async function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

describe('the viewer in each language', () => {
  for (const lang of ['fi', 'sv', 'en'] as const) {
    it(`reads in ${lang} when the browser asks for it`, async () => {
      const { context, guard } = await guardedContext(browser, sim.url, undefined, LOCALES[lang]);
      const page = await context.newPage();
      await page.goto('/viewer/sign-in');
      expect(await htmlLang(page)).toBe(lang);
      expect((await page.locator('h1').textContent())?.trim()).toBe(SIGN_IN[lang]);
      await screenshot(page, `i18n-${lang}-01-sign-in`);
      await signIn(page, ARCHIVISTS.kuusijarvi);
      expect(await page.locator('.mainnav').textContent()).toContain(FIND[lang]);
      expect(await page.locator('.mainnav').textContent()).toContain(RUNS[lang]);
      for (const [name, path] of mainPages()) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        expect(await htmlLang(page), path).toBe(lang);
        await screenshot(page, `i18n-${lang}-${name}`);
      }
      expect(guard.dialogs).toEqual([]);
      await context.close();
    });
  }

  it('words the live submissions in the page’s language, those on the page and those streamed', async () => {
    const { context } = await guardedContext(browser, sim.url, undefined, LOCALES.fi);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto('/viewer/live');
    await page.waitForSelector('.live-state.on');
    // The seeded documents, rendered by the server: "<oid> v1 arkistoitiin arkistoon pta".
    const shown = await page.locator('.ev-summary').allTextContents();
    expect(
      shown.some((t) => / arkistoitiin arkistoon /.test(t)),
      shown.join('\n'),
    ).toBe(true);
    expect(shown.filter((t) => /^archived /.test(t))).toEqual([]);
    const res = await fetch(`${sim.url}/archive/pta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
      body: buildMessage(buildCda(), { repository: 'pta' }),
    });
    expect(res.status).toBe(201);
    const fresh = page.locator('li.ev-new .ev-summary');
    await fresh.first().waitFor();
    await expect(fresh.first().textContent()).resolves.toMatch(/ v1 arkistoitiin arkistoon pta$/);
    await context.close();
  });

  it('answers /viewer/sign-in in the language of Accept-Language, Finnish by default', async () => {
    for (const [header, lang] of [
      ['fi', 'fi'],
      ['sv', 'sv'],
      ['en', 'en'],
      ['sv-SE,en;q=0.5', 'sv'],
      [undefined, 'fi'],
    ] as const) {
      const res = await fetch(`${sim.url}/viewer/sign-in`, {
        headers: header === undefined ? {} : { 'Accept-Language': header },
      });
      const html = await res.text();
      expect(html, String(header)).toContain(`<html lang="${lang}">`);
      expect(html, String(header)).toContain(`<h1>${SIGN_IN[lang]}</h1>`);
    }
  });

  it('remembers the language chosen with the switcher over the browser’s', async () => {
    const { context } = await guardedContext(browser, sim.url, undefined, 'en-GB');
    const page = await context.newPage();
    await page.goto('/viewer/sign-in');
    await Promise.all([page.waitForURL('**/viewer/sign-in'), page.getByTestId('lang-sv').click()]);
    expect(await htmlLang(page)).toBe('sv');
    await signIn(page, ARCHIVISTS.kuusijarvi);
    expect(await htmlLang(page)).toBe('sv');
    await page.goto(`/viewer/persons/${PERSON}`);
    expect(await htmlLang(page)).toBe('sv');
    // Helsinki times with the zone, in the Swedish format.
    expect(await page.getByTestId('timeline').textContent()).toMatch(
      /\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2} EES?T/,
    );
    await Promise.all([page.waitForURL(`**/viewer/persons/${PERSON}`), page.getByTestId('lang-fi').click()]);
    expect(await htmlLang(page)).toBe('fi');
    expect(await page.getByTestId('timeline').textContent()).toMatch(
      /\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2} UTC\+[23]/,
    );
    await context.close();
  });
});

describe('the viewer on a 390 px phone', () => {
  it('fits every main page in 390 px without horizontal scrolling, keeping status and verdict columns', async () => {
    const { context } = await guardedContext(browser, sim.url, { width: 390, height: 844 }, 'fi-FI');
    const page = await context.newPage();
    await page.goto('/viewer/sign-in');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await signIn(page, ARCHIVISTS.kuusijarvi);
    for (const [name, path] of mainPages()) {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
      await screenshot(page, `phone-${name}`);
    }
    // Stacked rows still show their status and verdict cells, each labelled with its column.
    await page.goto(`/viewer/find?patient=${PERSON}`);
    const status = page.locator('[data-testid=documents] tbody tr').first().locator('td[data-label]').last();
    expect(await status.isVisible()).toBe(true);
    expect(await status.getAttribute('data-label')).toBe('Tila');
    await page.goto('/viewer/runs');
    const verdict = page.locator('[data-testid=runs] tbody tr').first().locator('.badge[data-verdict]');
    expect(await verdict.isVisible()).toBe(true);
    await context.close();
  });
});
