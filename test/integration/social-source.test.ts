/**
 * The social-welfare deployment test against the reference vendor system, over real HTTP on loopback:
 * - the source record `GET /hook/source/documents/{oid}` describes what the system sent: the archived
 *   document's title, effective time (Helsinki time with its offset), custodian (the organisation, as
 *   Kanta's social-welfare format names it) and client;
 * - the scenario compares those fields with the archived document, times as instants, so an archived
 *   title that differs from the source record fails it; the HTML report's "matches the source system"
 *   line lists exactly the comparisons behind it;
 * - the archivist of Lumme's register controller finds the archived documents in the viewer and follows
 *   the recorded run's document links.
 * - every HL7 TS the vendor system writes carries Helsinki's offset (+0200 / +0300): its default "now"
 *   and a time given without an offset, read as Helsinki local time.
 * The simulator and each vendor system run in-process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVendorEhr } from '../../examples/vendor-ehr/server.ts';
import { TEST_HETU } from '../../fixtures/cda/index.ts';
import { readInstant } from '../../runner/instants.ts';
import type { RunResult } from '../../runner/types.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator, viewerCookie } from '../support/sim.ts';
import { ARCHIVISTS } from '../support/viewer-seed.ts';
import { kantasimRun, tempDir } from './runner-harness.ts';

const SCENARIO = 'scenarios/social-welfare/deployment.yaml';
const LUMME = '1.2.246.10.2654321.10.0';
let sim: RunningServer;
const dir = tempDir();

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

const getJson = async <T>(url: string): Promise<T> => {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
};

interface Header {
  custodian?: string;
  patient?: string;
  header: { title?: string; effectiveTime?: string };
}

describe('social-welfare source comparison', () => {
  let run: RunResult;
  let out = '';
  let archived: string[] = [];
  const html = join(dir, 'social.html');

  it('passes with a source record that says what was sent, field by field', async () => {
    const ehr = await startVendorEhr({ sim: sim.url });
    try {
      const json = join(dir, 'social.json');
      const r = await kantasimRun([
        SCENARIO,
        '--sim',
        sim.url,
        '--sut',
        ehr.url,
        '--json',
        json,
        '--report',
        html,
      ]);
      out = r.out;
      expect(r.exitCode, r.out).toBe(0);
      run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
      const hetu = run.scenarios[0]?.testPersons[0]?.hetu ?? '';
      const list = await getJson<{ documents: { oid: string }[] }>(
        `${sim.url}/archive/documents?patient=${hetu}&repository=social`,
      );
      expect(list.documents).toHaveLength(3);
      archived = list.documents.map((d) => d.oid);
      for (const { oid } of list.documents) {
        const source = await getJson<Record<string, string>>(`${ehr.url}/hook/source/documents/${oid}`);
        const stored = await getJson<Header>(`${sim.url}/archive/documents/${oid}/header`);
        expect(source.title).toBe(stored.header.title);
        expect(source.custodian).toBe(LUMME);
        expect(stored.custodian).toBe(LUMME);
        expect(source.patient).toBe(stored.patient);
        // HL7 TS in Helsinki time with its offset, the very value archived.
        expect(source.effectiveTime).toMatch(/^\d{14}\+0[23]00$/);
        expect(source.effectiveTime).toBe(stored.header.effectiveTime);
      }
      // The old document was given without an offset: read as Helsinki summer time.
      const old = run.scenarios[0]?.steps.find((s) => s.id === 'old-document');
      expect(old?.checks.find((c) => c.id.endsWith('old-time'))?.verdict).toBe('pass');
    } finally {
      await ehr.close();
    }
  });

  it('names every comparison behind the checklist line, and compares title, time, custodian and client', () => {
    const compared = run.scenarios
      .flatMap((s) => s.steps.flatMap((st) => st.checks))
      .filter((c) => c.checklist === 'matches-source');
    const titles = [...new Set(compared.map((c) => c.title))];
    for (const t of [
      'Title as in the client system',
      'Effective time the same instant as in the client system',
      'Custodian as in the client system',
      'Client (identity code) as in the client system',
      'Service task 24, as in the client system',
    ])
      expect(titles).toContain(t);
    const report = readFileSync(html, 'utf8');
    const line =
      /<tr><td class="box">☑<\/td><td>The stored data matches the data in the source system(.*?)<\/td>/.exec(
        report,
      )?.[1];
    expect(line).toBeDefined();
    const listed = /<div class="small compared">(.*)<\/div>/.exec(line ?? '')?.[1]?.split('; ') ?? [];
    expect(listed.sort()).toEqual(titles.map((t) => t.replaceAll("'", '&#39;')).sort());
  });

  it('lets Lumme’s archivist find the documents and follow the run’s document links', async () => {
    const recorded = /\/viewer\/runs\/[0-9a-f-]+/.exec(out)?.[0];
    expect(recorded, out).toBeDefined();
    const cookie = await viewerCookie(sim.url, ARCHIVISTS.lumme);
    const get = (path: string): Promise<Response> =>
      fetch(`${sim.url}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
    const found = await (await get('/viewer/find?repository=social')).text();
    const page = await (await get(recorded ?? '')).text();
    // Every document link on the run page opens: the two refused submissions stored nothing, so
    // their OIDs are named without a link.
    const linked = [...new Set(page.match(/\/viewer\/documents\/[0-9.]+(?=")/g) ?? [])];
    expect(linked.sort()).toEqual(archived.map((oid) => `/viewer/documents/${oid}`).sort());
    expect(archived).toHaveLength(3);
    for (const oid of archived) {
      const link = `/viewer/documents/${oid}`;
      expect(found).toContain(link);
      expect(page).toContain(link);
      expect((await get(link)).status, link).toBe(200);
    }
  });

  it('fails when the archived title differs from the source record, saying both', async () => {
    const ehr = await startVendorEhr({ sim: sim.url, fault: 'source-mismatch' });
    try {
      const json = join(dir, 'mismatch.json');
      const r = await kantasimRun([SCENARIO, '--sim', sim.url, '--sut', ehr.url, '--json', json]);
      expect(r.exitCode, r.out).toBe(1);
      const failed = (JSON.parse(readFileSync(json, 'utf8')) as RunResult).scenarios[0]?.steps
        .flatMap((s) => s.checks)
        .filter((c) => c.verdict === 'fail');
      expect(failed?.map((c) => c.id)).toEqual(['old-document.old-title']);
      expect(failed?.[0]?.message).toContain('received "Asiakaskertomus (luonnos)"');
    } finally {
      await ehr.close();
    }
  });
});

describe('times as instants', () => {
  it('reads HL7 TS and ISO 8601 with their zones, and a zoneless time as Helsinki time', () => {
    const ms = (v: string): number | undefined => readInstant(v)?.ms;
    expect(ms('20260915101600+0300')).toBe(Date.parse('2026-09-15T07:16:00Z'));
    expect(ms('2026-09-15T10:16:00+03:00')).toBe(ms('20260915071600+0000'));
    expect(ms('20260915101600')).toBe(Date.parse('2026-09-15T07:16:00Z'));
    expect(ms('20261203100002')).toBe(Date.parse('2026-12-03T08:00:02Z'));
    // The audit's pair: the same digits in UTC and in Helsinki time are not the same instant.
    expect(ms('20261203080002+0000')).not.toBe(ms('20261203080002+0200'));
    expect(readInstant('20260915101600+03')).toBeUndefined();
    expect(readInstant('not a time')).toBeUndefined();
  });
});

describe('vendor-ehr HL7 times', () => {
  it('writes Helsinki time with its offset, for "now" and for a time given without one', async () => {
    const ehr = await startVendorEhr({ sim: sim.url });
    try {
      const archive = async (body: Record<string, string>): Promise<string> => {
        const res = await fetch(`${ehr.url}/hook/documents/visit-note`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ patient: TEST_HETU.patient, ...body }),
        });
        expect(res.status).toBe(201);
        const { document } = (await res.json()) as { document: { oid: string; effectiveTime: string } };
        const stored = await getJson<Header>(`${sim.url}/archive/documents/${document.oid}/header`);
        expect(stored.header.effectiveTime).toBe(document.effectiveTime);
        return document.effectiveTime;
      };
      const before = Date.now();
      const now = await archive({});
      expect(now).toMatch(/^\d{14}\+0[23]00$/);
      const at = readInstant(now)?.ms ?? 0;
      expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(at).toBeLessThanOrEqual(Date.now());
      // Winter and summer: the offset in force at that Helsinki time.
      expect(await archive({ effectiveTime: '20261203080002' })).toBe('20261203080002+0200');
      expect(await archive({ effectiveTime: '20260615090000' })).toBe('20260615090000+0300');
      // A time with an offset is kept as given.
      expect(await archive({ effectiveTime: '20261203060002+0000' })).toBe('20261203060002+0000');
    } finally {
      await ehr.close();
    }
  });
});
