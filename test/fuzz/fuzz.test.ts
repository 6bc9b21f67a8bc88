/**
 * The short seeded fuzz pass of `npm test`: a few hundred broken inputs over every endpoint against a
 * real server process; any 5xx, hang or network failure fails with the input that caused it.
 * `npm run fuzz -- --long` is the long pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFuzz } from '../../scripts/fuzz/fuzz.ts';
import { startSimProcess, type SimProcess } from '../support/process.ts';

const dir = mkdtempSync(join(tmpdir(), 'kantasim-fuzz-test-'));
let sim: SimProcess;
beforeAll(async () => {
  sim = await startSimProcess(join(dir, 'fuzz.db'));
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('answers 300 seeded broken inputs without a 5xx or a hang', async () => {
  const report = await runFuzz({
    url: sim.url,
    seed: 20261201,
    count: 300,
    timeLimitMs: 25_000,
    rss: sim.rss,
  });
  expect(report.failures).toEqual([]);
  expect(report.inputs).toBeGreaterThan(50);
}, 60_000);
