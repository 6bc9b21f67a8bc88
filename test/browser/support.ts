/**
 * Real Chromium (Debian `chromium`) driven by playwright-core for the viewer's browser tests, and a
 * guard that records anything hostile content could do: dialogs, requests to /xss-probe, CSP violations,
 * and the `window.__pwned` flag the payloads set.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = 'test-results/screenshots';

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(
      `no Chromium at ${executablePath}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
}

export interface Guard {
  dialogs: string[];
  probes: string[];
  /** CSP violations and `window.__pwned` values, read from the page. */
  pageEvidence(page: Page): Promise<{ pwned: unknown; violations: string[] }>;
}

/** A fresh context (own cookies) with the hostile-content guard installed on every page. */
export async function guardedContext(
  browser: Browser,
  base: string,
  viewport = { width: 1366, height: 900 },
  // The existing browser tests read the English viewer; the language tests pass fi or sv.
  locale = 'en-GB',
): Promise<{ context: BrowserContext; guard: Guard }> {
  const context = await browser.newContext({ baseURL: base, viewport, locale });
  context.setDefaultTimeout(10_000);
  const guard: Guard = {
    dialogs: [],
    probes: [],
    pageEvidence: async (page) =>
      page.evaluate(() => {
        const w = window as unknown as { __pwned?: unknown; __cspViolations?: string[] };
        return { pwned: w.__pwned, violations: w.__cspViolations ?? [] };
      }),
  };
  // Runs before any page script (through the DevTools protocol, not subject to the page's CSP).
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      guard.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  context.on('request', (request) => {
    if (request.url().includes('xss-probe')) guard.probes.push(request.url());
  });
  return { context, guard };
}

export async function signIn(page: Page, archivist: string): Promise<void> {
  await page.goto('/viewer/sign-in');
  await page.selectOption('#archivist', archivist);
  await Promise.all([
    page.waitForURL('**/viewer/find'),
    page.click('form[action="/viewer/sign-in"] button[type=submit]'),
  ]);
}

/**
 * Every body row of every data table has as many cells as the header has columns (colspans counted), so
 * no column shows under another's heading. Throws with the table and row that do not line up.
 */
export async function expectTablesAligned(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const width = (row: HTMLTableRowElement): number =>
      Array.from(row.cells).reduce((n, cell) => n + (cell.colSpan || 1), 0);
    const out: string[] = [];
    document.querySelectorAll<HTMLTableElement>('table.data').forEach((table, t) => {
      const head = table.tHead?.rows[0];
      if (!head) return;
      const columns = width(head);
      Array.from(table.tBodies).forEach((body) => {
        Array.from(body.rows).forEach((row, r) => {
          const cells = width(row);
          if (cells !== columns)
            out.push(
              `table ${table.dataset.testid ?? String(t)} row ${r}: ${cells} cells under ${columns} headings`,
            );
        });
      });
    });
    return out;
  });
  if (problems.length > 0) throw new Error(`misaligned tables on ${page.url()}: ${problems.join('; ')}`);
}

/** A full-page screenshot as a test artifact; the page's tables are checked for alignment first. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await expectTablesAligned(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
