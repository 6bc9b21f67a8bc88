/**
 * Each fault mode of the reference vendor system makes at least one shipped scenario fail, and the
 * failure message names the broken rule (the finding code Kanta answered, or the scenario requirement
 * the check traces to). The simulator is shared; each fault gets its own vendor-ehr, in-process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, type Fault } from '../../examples/vendor-ehr/faults.ts';
import { startVendorEhr } from '../../examples/vendor-ehr/server.ts';
import type { RunResult } from '../../runner/types.ts';
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

interface FaultCase {
  fault: Fault;
  scenario: string;
  /** The step that fails first. */
  step: string;
  /** What the failure message must name. */
  names: string[];
}

const CASES: FaultCase[] = [
  {
    fault: 'wrong-status-mapping',
    scenario: 'scenarios/pta-appointment/appointment-booking.yaml',
    step: 'cancel',
    names: ['FI-SCHED-053', 'ajanvarauksen tila 3'],
  },
  {
    fault: 'missing-provenance',
    scenario: 'scenarios/pta-appointment/appointment-booking.yaml',
    step: 'book',
    names: ['KANTA-TX-001', 'Provenance'],
  },
  {
    fault: 'stale-version',
    scenario: 'scenarios/pta-appointment/appointment-booking.yaml',
    step: 'cancel',
    names: ['KANTA-TX-002', 'is at version 2'],
  },
  {
    fault: 'real-identity',
    scenario: 'scenarios/pta/first-deployment.yaml',
    step: 'visit-note',
    // The refused real-range code is named only masked: a report never carries a real person's code.
    names: ['CDA-ID-002', '131052-***T'],
  },
  {
    fault: 'wrong-custodian',
    scenario: 'scenarios/pta/first-deployment.yaml',
    step: 'visit-note',
    names: ['CDA-REG-002', 'register controller'],
  },
  {
    fault: 'wrong-connection-point',
    scenario: 'scenarios/pta/first-deployment.yaml',
    step: 'visit-note',
    names: ['CDA-REG-005', 'cp-vendor-laptop'],
  },
  {
    fault: 'undeployed-group',
    scenario: 'scenarios/social-welfare/deployment.yaml',
    step: 'phase1-document',
    names: ['CDA-SOC-003', 'notify Kela of an expansion of use'],
  },
  {
    fault: 'source-mismatch',
    scenario: 'scenarios/pta/first-deployment.yaml',
    step: 'visit-note',
    names: ['(requirement pta-source)', 'expected', 'Käyntikertomus (luonnos)'],
  },
];

describe('fault modes of the reference vendor system', () => {
  it('every fault mode has a case here', () => {
    expect(CASES.map((c) => c.fault).sort()).toEqual(Object.keys(FAULTS).sort());
  });

  it.each(CASES)('$fault: $scenario fails at step $step, naming the rule', async (c) => {
    const ehr = await startVendorEhr({ sim: sim.url, fault: c.fault });
    try {
      const json = join(dir, `${c.fault}.json`);
      const r = await kantasimRun([
        c.scenario,
        '--sim',
        sim.url,
        '--sut',
        ehr.url,
        '--timeout',
        '3',
        '--json',
        json,
      ]);
      expect(r.exitCode, r.out).toBe(1);
      const run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
      const scenario = run.scenarios[0]!;
      expect(scenario.verdict).toBe('fail');
      const failedStep = scenario.steps.find((s) => s.verdict === 'fail');
      expect(failedStep?.id).toBe(c.step);
      const messages = failedStep!.checks.filter((k) => k.verdict === 'fail').map((k) => k.message ?? '');
      const text = messages.join('\n');
      for (const name of c.names) expect(text).toContain(name);
      // The terminal output shows it too.
      expect(r.out).toContain(c.names[0]);
    } finally {
      await ehr.close();
    }
  });
});
