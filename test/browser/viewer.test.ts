import { writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { ARCHIVISTS, OTHER_PERSON, PERSON, seedViewerData, type Seeded } from '../support/viewer-seed.ts';
import { buildCda, buildMessage, REAL_RANGE_HETU } from '../../fixtures/cda/index.ts';
import { guardedContext, launchChromium, screenshot, signIn } from './support.ts';

let sim: RunningServer;
let browser: Browser;
let seeded: Seeded;

beforeAll(async () => {
  sim = await startTestSimulator();
  seeded = await seedViewerData(sim.url);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await sim.close();
});

const doc = (oid: string): string => `/viewer/documents/${encodeURIComponent(oid)}`;

describe('archivist viewer in Chromium', () => {
  it('signs an archivist in and shows who and which register in the header', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await page.goto('/viewer/find');
    expect(page.url()).toContain('/viewer/sign-in');
    await screenshot(page, '01-sign-in');
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await expect(page.getByTestId('archivist-name').textContent()).resolves.toBe('Aino Arkisto');
    await expect(page.getByTestId('register-name').textContent()).resolves.toContain(
      'Kuusijärven hyvinvointialue',
    );
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'kantasim_viewer');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/viewer' });
    await context.close();
  });

  it('finds a test person by identity code with the keyboard and lists documents and appointments', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('patient');
    await page.keyboard.type(PERSON);
    await Promise.all([page.waitForURL(/patient=/), page.keyboard.press('Enter')]);
    const documents = page.getByTestId('documents');
    await expect(documents.locator('tbody tr').count()).resolves.toBe(5);
    await expect(documents.textContent()).resolves.toContain('Verenpaineen kontrollikäynti (korjattu)');
    // The booked appointment and the nullified one.
    await expect(page.getByTestId('appointments').locator('tbody tr').count()).resolves.toBe(2);
    await screenshot(page, '02-find');
    await page.getByRole('link', { name: 'Verenpaineen kontrollikäynti (korjattu)' }).click();
    await page.waitForURL(`**${doc(seeded.visitV2)}`);
    await context.close();
  });

  it('filters by status: only the nullified document and appointment', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(`/viewer/find?patient=${PERSON}&status=nullified`);
    const rows = page.getByTestId('documents').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('Virheellinen merkintä');
    const appointments = page.getByTestId('appointments').locator('tbody tr');
    await expect(appointments.count()).resolves.toBe(1);
    await expect(appointments.first().textContent()).resolves.toContain('Nullified');
    await page.getByRole('link', { name: 'Virheellinen merkintä' }).click();
    await expect(page.locator('.notice-error').first().textContent()).resolves.toContain('Väärä potilas');
    await context.close();
  });

  it('shows a person timeline of documents and appointments', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(`/viewer/persons/${PERSON}`);
    const items = page.getByTestId('timeline').locator('li');
    await expect(items.count()).resolves.toBe(7);
    await expect(page.getByTestId('timeline').textContent()).resolves.toContain('Appointment');
    const check = page.getByTestId('deployment-check');
    await expect(check.textContent()).resolves.toContain('2 archived');
    await expect(check.textContent()).resolves.toContain('1 invalid');
    await screenshot(page, '03-person');
    await context.close();
  });

  it('opens a document, reads its narrative with headings, list and table, and decoded header codes', async () => {
    const { context, guard } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(doc(seeded.visitV1));
    const narrative = page.getByTestId('narrative');
    await expect(narrative.textContent()).resolves.toContain('Verenpaine 142/88 mmHg');
    await expect(narrative.locator('ol > li').count()).resolves.toBe(2);
    await expect(narrative.locator('table.nb-table td').first().textContent()).resolves.toBe('Paino');
    await expect(narrative.locator('span.nb-b').textContent()).resolves.toBe('142/88');
    const link = narrative.locator('a.nb-link');
    await expect(link.getAttribute('href')).resolves.toBe('https://www.kanta.fi/');
    // Header codes with display name and code system.
    const header = page.locator('#header');
    await expect(header.textContent()).resolves.toContain('Julkinen terveydenhuolto');
    await expect(header.textContent()).resolves.toContain(
      'KanTa-palvelut - Potilasasiakirjan rekisteritunnus',
    );
    await expect(page.locator('#xml pre').textContent()).resolves.toContain('<ClinicalDocument');
    await screenshot(page, '04-document-v1');
    expect(guard.dialogs).toEqual([]);
    await context.close();
  });

  it('shows a document stored invalid in rehearsal mode with its validation findings', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(doc(seeded.invalid));
    await expect(page.locator('.pagehead .badges').textContent()).resolves.toContain('Invalid');
    const findings = page.locator('#findings table tbody tr');
    await expect(findings.count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#findings').textContent()).resolves.toContain('error');
    await page.locator('#findings').screenshot({ path: 'test-results/screenshots/13-findings.png' });
    await context.close();
  });

  it('steps through versions and diffs them', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(doc(seeded.visitV2));
    await expect(page.locator('.pagehead .badges').textContent()).resolves.toContain('Current');
    await expect(page.getByTestId('versions').locator('tbody tr').count()).resolves.toBe(2);
    await screenshot(page, '05-document-v2');
    await page.getByRole('link', { name: '← Version 1' }).click();
    await page.waitForURL(`**${doc(seeded.visitV1)}`);
    await expect(page.locator('.pagehead .badges').textContent()).resolves.toContain('Replaced');
    await page.getByRole('link', { name: 'Version 2 →' }).click();
    await page.waitForURL(`**${doc(seeded.visitV2)}`);
    await page.getByRole('link', { name: 'Diff with version 1' }).click();
    await page.waitForURL(/\/diff\?with=/);
    const changed = page.getByTestId('field-diff').locator('tr.changed');
    await expect(changed.locator('code').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['title', 'effectiveTime', 'versionNumber']),
    );
    const text = page.getByTestId('text-diff');
    await expect(text.locator('.dl-removed').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('142/88')]),
    );
    await expect(text.locator('.dl-added').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('128/82')]),
    );
    await screenshot(page, '06-diff');
    await context.close();
  });

  it('compare flags a deliberately wrong value, pasted and uploaded', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(`${doc(seeded.visitV2)}/compare`);
    const expected = {
      title: 'Verenpaineen kontrollikäynti (korjattu)',
      patient: PERSON,
      effectiveTime: '2026-09-10T09:30',
      documentType: '9',
      versionNumber: 2,
      'xpath:/hl7:ClinicalDocument/hl7:custodian//hl7:id/@root': '1.2.246.10.3210987.19.0',
      diagnosis: 'I10',
    };
    await page.fill('#expected', JSON.stringify(expected, null, 2));
    await page.click('form[enctype] button[type=submit]');
    await page.waitForSelector('[data-testid=compare-results]');
    const outcome = (field: string): Promise<string | null> =>
      page.locator(`tr[data-field="${field}"]`).getAttribute('data-outcome');
    await expect(outcome('title')).resolves.toBe('match');
    await expect(outcome('patient')).resolves.toBe('match');
    await expect(outcome('effectiveTime')).resolves.toBe('match');
    await expect(outcome('documentType')).resolves.toBe('mismatch');
    await expect(outcome('xpath:/hl7:ClinicalDocument/hl7:custodian//hl7:id/@root')).resolves.toBe('match');
    await expect(outcome('diagnosis')).resolves.toBe('unknown-field');
    await expect(page.locator('.notice-error').first().textContent()).resolves.toContain(
      '2 of 7 fields do not match',
    );
    await screenshot(page, '07-compare');

    // The same check from an uploaded file.
    mkdirSync('test-results', { recursive: true });
    const file = 'test-results/expected-values.json';
    writeFileSync(file, JSON.stringify({ title: 'Väärä otsikko', patient: PERSON }));
    await page.fill('#expected', '');
    await page.setInputFiles('#file', file);
    await page.click('form[enctype] button[type=submit]');
    await page.waitForSelector('[data-testid=compare-results]');
    await expect(outcome('title')).resolves.toBe('mismatch');
    await expect(outcome('patient')).resolves.toBe('match');
    await context.close();
  });

  it('shows an appointment with its Provenance, history and statuses in FHIR and Finnish terms', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(`/viewer/appointments/${seeded.appointment}`);
    const head = page.locator('.pagehead');
    await expect(head.textContent()).resolves.toContain('booked');
    await expect(head.textContent()).resolves.toContain('3 Varattu');
    await expect(page.getByTestId('provenances').locator('tbody tr').count()).resolves.toBe(2);
    const history = page.getByTestId('history');
    await expect(history.locator('tbody tr').count()).resolves.toBe(2);
    await expect(history.textContent()).resolves.toContain('2 Tilattu');
    await screenshot(page, '08-appointment');

    // A nullified appointment left the search index but stays readable, marked nullified.
    await page.goto(`/viewer/appointments/${seeded.nullifiedAppointment}`);
    await expect(page.locator('.notice-error').textContent()).resolves.toContain('Nullified');
    await expect(page.getByTestId('history').locator('tbody tr').count()).resolves.toBe(2);
    await context.close();
  });

  it('an archivist of another register sees none of it', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kielo);
    await expect(page.getByTestId('register-name').textContent()).resolves.toContain('Kielo');
    await page.goto(`/viewer/find?patient=${PERSON}`);
    await expect(page.getByTestId('documents').count()).resolves.toBe(0);
    await expect(page.getByTestId('appointments').count()).resolves.toBe(0);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'No documents in your register match',
    );
    await page.goto('/viewer/find?status=current');
    await expect(page.getByTestId('documents').count()).resolves.toBe(0);
    for (const path of [
      doc(seeded.visitV2),
      `${doc(seeded.visitV2)}/xml`,
      `${doc(seeded.visitV2)}/compare`,
      `${doc(seeded.visitV2)}/diff?with=${encodeURIComponent(seeded.visitV1)}`,
      `/viewer/appointments/${seeded.appointment}`,
      `/viewer/appointments/${seeded.nullifiedAppointment}`,
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).not.toContain('Verenpaine');
    }
    await page.goto(`/viewer/persons/${PERSON}`);
    await expect(page.getByTestId('timeline').count()).resolves.toBe(0);
    await page.goto('/viewer/access-log');
    await expect(page.locator('main').textContent()).resolves.not.toContain('Aino Arkisto');
    await page.goto('/viewer/live');
    await expect(page.getByTestId('events').locator('li').count()).resolves.toBe(0);
    await context.close();

    // The social-welfare register sees its own document and nothing of the health-care register.
    const lumme = await guardedContext(browser, sim.url);
    const p2 = await lumme.context.newPage();
    await signIn(p2, ARCHIVISTS.lumme);
    await p2.goto(`/viewer/find?patient=${OTHER_PERSON}`);
    await expect(p2.getByTestId('documents').locator('tbody tr').count()).resolves.toBe(1);
    await p2.goto(`/viewer/find?patient=${PERSON}`);
    await expect(p2.getByTestId('documents').count()).resolves.toBe(0);
    await lumme.context.close();
  });

  it('shows hostile CDA narrative and FHIR text as text: no script runs, nothing loads', async () => {
    const { context, guard } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(doc(seeded.hostile));
    const narrative = page.getByTestId('narrative');
    const text = await narrative.textContent();
    expect(text).toContain("<script>window.__pwned = 'cda-script'");
    expect(text).toContain('<iframe src="/xss-probe?cda-iframe"');
    expect(text).toContain('<img src="/xss-probe?escaped-text"');
    await expect(page.locator('h1').textContent()).resolves.toContain(
      "<script>window.__pwned='title'</script>",
    );
    // Let the user do what the payloads wait for.
    await narrative.getByText('Vie hiiri tähän').hover();
    await narrative.getByText('Klikkaa javascript-linkkiä').click();
    await narrative.getByText('Toinen linkki').click();
    await expect(page.locator('main script, main iframe, main img, main object').count()).resolves.toBe(0);
    await expect(page.locator('main [onclick], main [onmouseover], main [onerror]').count()).resolves.toBe(0);
    await expect(page.locator('main a[href^="javascript" i]').count()).resolves.toBe(0);
    await screenshot(page, '09-hostile-document');
    const cda = await guard.pageEvidence(page);

    await page.goto(`/viewer/appointments/${seeded.appointment}`);
    const fhirText = page.getByTestId('fhir-narrative');
    await expect(fhirText.textContent()).resolves.toContain("<script>window.__pwned='fhir-script'");
    await fhirText.getByText('Peru aika').click();
    await fhirText.getByText('Ohje').hover();
    await expect(fhirText.locator('a.nb-link').getAttribute('href')).resolves.toBe(
      'https://www.kanta.fi/ajanvaraus',
    );
    await expect(page.locator('main script, main iframe, main img, main object').count()).resolves.toBe(0);
    await expect(page.locator('main [onclick], main [onmouseover], main [onerror]').count()).resolves.toBe(0);
    const fhir = await guard.pageEvidence(page);

    expect(cda).toEqual({ pwned: undefined, violations: [] });
    expect(fhir).toEqual({ pwned: undefined, violations: [] });
    expect(guard.dialogs).toEqual([]);
    expect(guard.probes).toEqual([]);
    await context.close();
  });

  it('serves every viewer page with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${sim.url}/viewer/sign-in`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('streams live submissions, refused ones with their findings', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto('/viewer/live');
    await page.waitForSelector('.live-state.on');
    const before = await page.getByTestId('events').locator('li.ev').count();
    const cda = buildCda({
      patient: { root: '1.2.246.21', extension: REAL_RANGE_HETU, given: 'Väärä', family: 'Tunnus' },
    });
    const res = await fetch(`${sim.url}/archive/pta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
      body: buildMessage(cda, { repository: 'pta' }),
    });
    expect(res.status).toBe(422);
    const fresh = page.locator('li.ev-new.ev-refused');
    await fresh.first().waitFor();
    // Links from stored submissions go to their viewer pages; refused ones stored nothing.
    await expect(
      page
        .getByTestId('events')
        .locator(`a[href="${doc(seeded.visitV2)}"]`)
        .count(),
    ).resolves.toBe(1);
    await expect(fresh.first().locator('a').count()).resolves.toBe(0);
    await expect(fresh.first().textContent()).resolves.toContain('CDA-ID-002');
    await expect(page.getByTestId('events').locator('li.ev').count()).resolves.toBe(before + 1);
    await screenshot(page, '10-live');
    await context.close();
  });

  it('writes every view of a person’s data to the access log and shows it', async () => {
    const { context } = await guardedContext(browser, sim.url);
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(doc(seeded.visitV1));
    await page.goto(`/viewer/access-log?patient=${PERSON}`);
    const rows = page.getByTestId('access-log').locator('tbody tr');
    await expect(rows.first().textContent()).resolves.toContain(seeded.visitV1);
    const all = (await page.getByTestId('access-log').textContent()) ?? '';
    for (const what of [
      'Document',
      'Person timeline',
      'Find results',
      'Compare',
      'Appointment',
      'Version diff',
    ])
      expect(all).toContain(what);
    await screenshot(page, '11-access-log');
    await context.close();
  });

  it('reads well on a tablet', async () => {
    const { context } = await guardedContext(browser, sim.url, { width: 820, height: 1180 });
    const page = await context.newPage();
    await signIn(page, ARCHIVISTS.kuusijarvi);
    await page.goto(doc(seeded.visitV2));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '12-tablet-document');
    await page.goto(`/viewer/find?patient=${PERSON}`);
    const findOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(findOverflow).toBeLessThanOrEqual(0);
    await screenshot(page, '14-tablet-find');
    await context.close();
  });
});
