/**
 * A recorded run is client input: an evidence href with malformed percent-encoding (`%zz`) is shown as
 * text on the run's page, and the page (every other check of the run) still shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator, viewerCookie } from '../support/sim.ts';
import { ARCHIVISTS } from '../support/viewer-seed.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator();
});
afterAll(async () => {
  await server.close();
});

describe('run page: a malformed evidence href', () => {
  it('is shown as text and the page still shows', async () => {
    const scenario = {
      id: 'href-check',
      title: 'Evidence with a malformed link',
      service: 'pta',
      organisation: { oid: '1.2.246.10.3210987.10.0' },
      verdict: 'pass',
      startedAt: '2026-12-03T07:00:00Z',
      durationMs: 1,
      testPersons: [{ hetu: '010181-900C' }],
      steps: [
        {
          id: 's',
          title: 'Step',
          verdict: 'pass',
          checks: [
            {
              id: 'c',
              title: 'Archived document opens',
              kind: 'check',
              level: 'shall',
              verdict: 'pass',
              evidence: [{ label: 'document', value: 'link-evidence', href: '/viewer/documents/%zz' }],
            },
          ],
        },
      ],
    };
    const posted = await fetch(`${server.url}/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        tool: 'kantasim',
        formatVersion: 1,
        simulator: server.url,
        level: 'shall',
        startedAt: '2026-12-03T07:00:00Z',
        scenarios: [scenario],
      }),
    });
    const body = (await posted.json()) as { runs: { id: string }[] };
    expect(posted.status, JSON.stringify(body)).toBe(201);
    const cookie = await viewerCookie(server.url, ARCHIVISTS.kuusijarvi);
    const page = await fetch(`${server.url}/viewer/runs/${body.runs[0]?.id ?? ''}`, {
      headers: { Cookie: cookie, 'Accept-Language': 'en' },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain('could not be shown');
    expect(html).toContain('Archived document opens');
    expect(html).toContain('link-evidence');
    expect(html).not.toContain('href="/viewer/documents/%zz"');
  });
});
