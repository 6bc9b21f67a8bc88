/**
 * Recorded runs in the archivist viewer, end to end: the shipped PTA and appointment scenarios run
 * against the reference vendor system, `kantasim run` records them, and the viewer shows them to the
 * organisation's archivist (and to nobody else). Every evidence link the runner wrote is a viewer page
 * that opens (runner/links.ts), and the compare page takes a run's expectations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_LINK_PATTERNS } from '../../runner/links.ts';
import type { RunResult } from '../../runner/types.ts';
import type { RunningServer } from '../../simulator/server.ts';
import type { RunRecord } from '../../simulator/domain/runs.ts';
import { json, startTestSimulator, viewerCookie } from '../support/sim.ts';
import { ARCHIVISTS } from '../support/viewer-seed.ts';
import { runAndRecordShippedScenarios, spawnVendorEhr, type VendorEhrProcess } from './vendor-ehr-harness.ts';

let sim: RunningServer;
let ehr: VendorEhrProcess;
let runIds: Map<string, string>;

const cookieFor = (archivist: string): Promise<string> => viewerCookie(sim.url, archivist);

const get = (path: string, cookie: string): Promise<Response> =>
  fetch(`${sim.url}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });

beforeAll(async () => {
  sim = await startTestSimulator();
  ehr = await spawnVendorEhr(sim.url);
  runIds = await runAndRecordShippedScenarios(sim.url, ehr.url);
}, 120_000);

afterAll(async () => {
  await ehr.stop();
  await sim.close();
});

describe('Scenario runs in the viewer', () => {
  it('prints one recorded run a scenario', () => {
    expect([...runIds.keys()].sort()).toEqual(['pta-appointment-booking', 'pta-first-deployment'].sort());
  });

  it("lists the organisation's runs and opens every evidence link of each run", async () => {
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);
    const list = await (await get('/viewer/runs', cookie)).text();
    const live = await (await get('/viewer/live', cookie)).text();
    for (const id of runIds.values()) {
      expect(list).toContain(`/viewer/runs/${id}`);
      expect(live).toContain(`href="/viewer/runs/${id}"`);
    }
    const seen = new Set<string>();
    for (const id of runIds.values()) {
      const page = await get(`/viewer/runs/${id}`, cookie);
      expect(page.status).toBe(200);
      const html = await page.text();
      // Every link on the page opens (the sign-out form is a form, not a link).
      for (const m of html.matchAll(/href="(\/viewer\/[^"]+)"/g)) {
        const path = (m[1] ?? '').replaceAll('&amp;', '&');
        if (seen.has(path)) continue;
        seen.add(path);
        expect((await get(path, cookie)).status, path).toBe(200);
      }
      // Every evidence link the runner wrote is one of the viewer's pages, and opens.
      const record = (await json<RunRecord>(sim.url, 'GET', `/runs/${id}`)).body;
      const result = record.result as unknown as RunResult;
      for (const check of result.scenarios.flatMap((s) => s.steps.flatMap((st) => st.checks)))
        for (const e of check.evidence) {
          if (e.href === undefined || !e.href.includes('/viewer/')) continue;
          const path = new URL(e.href).pathname;
          expect(
            VIEWER_LINK_PATTERNS.some((re) => re.test(path)),
            path,
          ).toBe(true);
          expect((await get(path, cookie)).status, path).toBe(200);
          seen.add(path);
        }
    }
    const kinds = [...seen].map((p) => p.split('/')[2]);
    for (const kind of ['documents', 'appointments', 'events', 'runs']) expect(kinds).toContain(kind);
  });

  it("hides the runs and their events from another register's archivist", async () => {
    const cookie = await cookieFor(ARCHIVISTS.kielo);
    const list = await (await get('/viewer/runs', cookie)).text();
    for (const id of runIds.values()) {
      expect(list).not.toContain(id);
      expect((await get(`/viewer/runs/${id}`, cookie)).status).toBe(404);
      const record = (await json<RunRecord>(sim.url, 'GET', `/runs/${id}`)).body;
      expect((await get(`/viewer/events/${record.eventSeq ?? 0}`, cookie)).status).toBe(404);
    }
    expect((await get('/viewer/runs/not-a-run', cookie)).status).toBe(404);
    expect((await get('/viewer/events/999999', cookie)).status).toBe(404);
    expect((await get('/viewer/events/abc', cookie)).status).toBe(404);
  });

  it("compares a document with a run's expectations and flags a deliberately wrong value", async () => {
    const cookie = await cookieFor(ARCHIVISTS.kuusijarvi);
    const id = runIds.get('pta-first-deployment') ?? '';
    const record = (await json<RunRecord>(sim.url, 'GET', `/runs/${id}`)).body;
    const result = record.result as unknown as RunResult;
    const mapped = result.scenarios[0]?.steps
      .flatMap((s) => s.checks)
      .find((c) => c.document !== undefined && c.expected !== undefined && c.selector?.xpath !== undefined);
    expect(mapped).toBeDefined();
    const oid = mapped?.document ?? '';

    const offer = await (await get(`/viewer/documents/${oid}/compare`, cookie)).text();
    expect(offer).toContain(`data-run="${id}"`);
    const compared = await get(`/viewer/documents/${oid}/compare?run=${id}`, cookie);
    expect(compared.status).toBe(200);
    const html = await compared.text();
    expect(html).toContain('data-outcome="match"');
    expect(html).not.toContain('data-outcome="mismatch"');

    // The same run, recorded again with one source-system value wrong.
    const wrong = structuredClone(result);
    const check = wrong.scenarios[0]?.steps.flatMap((s) => s.checks).find((c) => c.id === mapped?.id);
    if (check) check.expected = 'Väärä arvo';
    const posted = await json<{ runs: { id: string }[] }>(sim.url, 'POST', '/runs', wrong);
    expect(posted.status).toBe(201);
    const bad = await (
      await get(`/viewer/documents/${oid}/compare?run=${posted.body.runs[0]?.id ?? ''}`, cookie)
    ).text();
    expect(bad).toContain('data-outcome="mismatch"');
    expect(bad).toContain('Väärä arvo');

    const other = await cookieFor(ARCHIVISTS.kielo);
    expect((await get(`/viewer/documents/${oid}/compare?run=${id}`, other)).status).toBe(404);
    expect((await get(`/viewer/documents/${oid}/compare?run=no-such-run`, cookie)).status).toBe(404);
  });
});
