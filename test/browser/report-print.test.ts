/**
 * The deployment-test report prints to A4 in a sane number of pages: the shipped scenarios are run
 * against the reference vendor system, their report rendered in Finnish and English, and printed to PDF
 * by real Chromium (the paper an organisation attaches when it reports to Kela).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../runner/report/html.ts';
import type { RunResult } from '../../runner/types.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { kantasimRun, tempDir } from '../integration/runner-harness.ts';
import { spawnVendorEhr, type VendorEhrProcess } from '../integration/vendor-ehr-harness.ts';
import { startTestSimulator } from '../support/sim.ts';
import { launchChromium } from './support.ts';

let sim: RunningServer;
let ehr: VendorEhrProcess;
let browser: Browser;
let run: RunResult;

beforeAll(async () => {
  sim = await startTestSimulator();
  ehr = await spawnVendorEhr(sim.url);
  const json = join(tempDir(), 'run.json');
  const r = await kantasimRun([
    'scenarios',
    '--sim',
    sim.url,
    '--sut',
    ehr.url,
    '--timeout',
    '5',
    '--no-record',
    '--json',
    json,
  ]);
  if (r.exitCode !== 0) throw new Error(`the shipped scenarios did not pass:\n${r.out}${r.err}`);
  run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser.close();
  await ehr.stop();
  await sim.close();
});

/** Pages of a PDF Chromium wrote: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

describe('the report of the shipped scenarios on A4', () => {
  for (const lang of ['fi', 'en'] as const) {
    it(`prints in ${lang} to under 40 pages, without content wider than the page`, async () => {
      const page = await browser.newPage();
      try {
        await page.setContent(htmlReport(run, { lang }), { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        // A4 at 96 dpi less the 14 mm side margins is about 687 px wide.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
        await page.setViewportSize({ width: 687, height: 1000 });
        const tooWide = await page.evaluate(() =>
          Array.from(document.querySelectorAll('body *'))
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((el) => `${el.tagName}.${el.className}`)
            .slice(0, 5),
        );
        expect(tooWide, `page width ${overflow}`).toEqual([]);
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        const pages = pageCount(pdf);
        expect(pages).toBeGreaterThan(1);
        expect(pages).toBeLessThan(40);
      } finally {
        await page.close();
      }
    });
  }
});
