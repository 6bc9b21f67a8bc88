/**
 * Stable, honest results: a run of a shipped scenario that stops early (the reference vendor's
 * source-mismatch fault) lists the same JUnit test cases as a passing run, the unreached ones skipped,
 * and its HTML checklist marks no line passed that depended on checks that did not run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVendorEhr } from '../../examples/vendor-ehr/server.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { kantasimRun, tempDir } from './runner-harness.ts';

let sim: RunningServer;
const dir = tempDir();
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

function cases(xml: string): string[] {
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

async function run(
  tag: string,
  fault?: 'source-mismatch',
): Promise<{ xml: string; html: string; code: number }> {
  const ehr = await startVendorEhr({ sim: sim.url, ...(fault && { fault }) });
  try {
    const r = await kantasimRun([
      'scenarios/pta/first-deployment.yaml',
      '--sim',
      sim.url,
      '--sut',
      ehr.url,
      '--timeout',
      '3',
      '--junit',
      join(dir, `${tag}.xml`),
      '--report',
      join(dir, `${tag}.html`),
    ]);
    return {
      xml: readFileSync(join(dir, `${tag}.xml`), 'utf8'),
      html: readFileSync(join(dir, `${tag}.html`), 'utf8'),
      code: r.exitCode,
    };
  } finally {
    await ehr.close();
  }
}

describe('stable results', () => {
  it('gives the same test cases in passing and failing runs, and an honest checklist', async () => {
    const a = await run('a');
    const b = await run('b');
    const c = await run('c', 'source-mismatch');
    expect(a.code).toBe(0);
    expect(c.code).toBe(1);
    expect(cases(b.xml)).toEqual(cases(a.xml));
    expect(cases(c.xml)).toEqual(cases(a.xml));
    expect(c.xml).toContain('<skipped');
    expect(c.html).not.toMatch(/\{\{/);
    // No line is passed whose checks did not all run.
    for (const row of c.html.matchAll(/<tr><td class="box">☑<\/td><td>([^<]*)<\/td><td>(.*?)<\/td><\/tr>/g))
      expect(row[2]).not.toContain('did not run');
    expect(c.html).toMatch(/Not checked|badge fail/);
    expect(c.html).toContain('<nav class="failures">');
  }, 120_000);
});
