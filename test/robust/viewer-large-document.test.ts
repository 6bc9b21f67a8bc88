/**
 * A large archived document does not hold the server while the viewer shows it: the page of a CDA with
 * 190,000 narrative elements (under the element limit) is parsed and rendered off the event loop, as
 * are its diff and compare pages, so `/healthz` requests sent one after another keep being answered
 * while a page is under way. The check
 * is a count of answers that arrive before the page, not a time. The page itself shows the whole
 * narrative, the first part of the raw XML with a note and the download link, and escapes what the
 * document holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCda, buildMessage, WORLD } from '../../fixtures/cda/index.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator, viewerCookie } from '../support/sim.ts';
import { ARCHIVISTS, withNarrative } from '../support/viewer-seed.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator();
});
afterAll(async () => {
  await server.close();
});

const cookieFor = (archivist: string): Promise<string> => viewerCookie(server.url, archivist);

/** Read through a call, as the page's promise sets it while the loop awaits. */
const isDone = (state: { pageDone: boolean }): boolean => state.pageDone;

/** Opens a viewer page and counts the `/healthz` answers, sent one after another, that come before it. */
async function answeredWhile(
  path: string,
  cookie: string,
): Promise<{ status: number; html: string; answered: number }> {
  const state: { pageDone: boolean } = { pageDone: false };
  const page = fetch(`${server.url}${path}`, { headers: { Cookie: cookie, 'Accept-Language': 'en' } }).then(
    async (res) => {
      const html = await res.text();
      state.pageDone = true;
      return { status: res.status, html };
    },
  );
  let answered = 0;
  while (!isDone(state)) {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await health.text();
    if (!isDone(state)) answered++;
  }
  return { ...(await page), answered };
}

describe('viewer: a large document', () => {
  it('answers other requests while the page of a 190,000-element document renders', async () => {
    const oid = `${WORLD.pta.documentRoot}.${process.pid}77`;
    const narrative = `<text><paragraph>&lt;script&gt;alert(1)&lt;/script&gt; ${'<content>a</content>'.repeat(190_000)} loppu</paragraph></text>`;
    const cda = withNarrative(buildCda({ oid, setId: oid, title: 'Suuri asiakirja' }), narrative);
    const archived = await fetch(`${server.url}/archive/pta`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', Accept: 'application/json' },
      body: buildMessage(cda, { repository: 'pta', interaction: 'RCMR_IN100002FI01' }),
    });
    expect(archived.status, await archived.text()).toBe(201);
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);

    const { status, html, answered } = await answeredWhile(`/viewer/documents/${oid}`, cookie);
    expect(status).toBe(200);
    // On the event loop the page held every other request for its whole rendering: a handful of
    // answers got in before it started. Rendered in a worker, hundreds do.
    expect(answered).toBeGreaterThan(50);
    // The narrative is whole, escaped; the raw XML view stops with a note and the download link.
    expect(html).toContain('loppu');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script>alert(1)');
    expect(html).toContain('data-testid="xml-cut"');
    expect(html).toContain(`href="/viewer/documents/${oid}/xml"`);
    expect(html.length).toBeLessThan(20_000_000);

    // The diff of the document with itself and its compare page read it off the event loop too.
    const diff = await answeredWhile(`/viewer/documents/${oid}/diff?with=${oid}`, cookie);
    expect(diff.status).toBe(200);
    expect(diff.answered).toBeGreaterThan(50);
    expect(diff.html).toContain('loppu');
    const compare = await answeredWhile(`/viewer/documents/${oid}/compare`, cookie);
    expect(compare.status).toBe(200);
    expect(compare.answered).toBeGreaterThan(50);
  }, 60_000);
});
