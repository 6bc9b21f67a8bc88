/**
 * Findings link to their catalogue entries: the runner's HTML report links each catalogued code it
 * mentions to an embedded copy of the entry (it works offline), and the simulator serves the catalogue
 * at /rules with one anchor per entry, which the viewer's findings table links to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../runner/report/html.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { FindingsTable } from '../../simulator/viewer/components.tsx';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { sampleRun } from '../support/run-sample.ts';
import { json, startTestSimulator } from '../support/sim.ts';

describe('the HTML report', () => {
  it('links a finding code to its entry, embedded in the report', () => {
    const run = sampleRun();
    const check = run.scenarios[0]?.steps[0]?.checks[0];
    if (!check) throw new Error('the sample run has no check');
    check.verdict = 'fail';
    check.message = 'expected finding CDA-REG-004 on archive.pta, received CDA-HDR-004';
    const html = htmlReport(run);
    expect(html).toContain('<a href="#rule-CDA-REG-004">CDA-REG-004</a>');
    expect(html).toContain('id="rule-CDA-REG-004"');
    expect(html).toContain('id="rule-CDA-HDR-004"');
    expect(html).toContain('Finding codes in this report');
  });
});

describe('the viewer', () => {
  it('links each catalogued finding code to /rules', () => {
    // Rendered as an element (not called), so the language context its hooks read is in place.
    const html = render(
      h(FindingsTable, {
        findings: [
          {
            code: 'R4-INV-app-2',
            severity: 'error',
            path: 'Appointment',
            message: 'give both start and end',
          },
          { code: 'NOT-CATALOGUED-1', severity: 'error', path: '', message: 'x' },
        ],
      }),
    );
    expect(html).toContain('href="/rules#rule-R4-INV-key"');
    expect(html).toContain('<code>NOT-CATALOGUED-1</code>');
  });
});

describe('GET /rules', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestSimulator();
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the page with one anchor per entry, the JSON list, and one entry by code', async () => {
    const page = await fetch(`${server.url}/rules`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="rule-KANTA-APPT-012"');
    const list = await json<{ code: string; source: string }[]>(server.url, 'GET', '/rules');
    expect(list.body.find((e) => e.code === 'CDA-VER-004')?.source).toMatch(/kanta\.fi/);
    const one = await json<{ code: string }>(server.url, 'GET', '/rules/R4-INV-app-2');
    expect(one.body.code).toBe('R4-INV-<key>');
    const none = await json<{ error: { code: string } }>(server.url, 'GET', '/rules/NO-SUCH-001');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('not-found');
  });
});
