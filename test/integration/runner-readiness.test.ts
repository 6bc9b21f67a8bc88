import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../runner/types.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { kantasimRun, tempDir } from './runner-harness.ts';

let sim: RunningServer;

beforeAll(async () => {
  sim = await startTestSimulator();
});

afterAll(async () => {
  await sim.close();
});

describe('the shipped readiness scenarios', () => {
  it('pass against the seeded simulator, and again on a second run', async () => {
    const dir = tempDir();
    for (const round of [1, 2]) {
      const json = join(dir, `run-${round}.json`);
      const r = await kantasimRun(['scenarios/readiness', '--sim', sim.url, '--json', json]);
      expect(r.err).toBe('');
      expect(r.exitCode, r.out).toBe(0);
      const run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
      expect(run.scenarios.map((s) => [s.id, s.verdict])).toEqual([
        ['readiness-harjoitus-fix', 'pass'],
        ['readiness-kuusijarvi', 'pass'],
        ['readiness-lumme-social', 'pass'],
      ]);
      expect(run.totals.fail + run.totals.error).toBe(0);
    }
  });
});
