/**
 * The shipped scenarios in shared (TLS) mode: the simulator serves HTTPS with TLS client authentication
 * and the fixture world seeded; the reference vendor system (examples/vendor-ehr) runs as a child
 * process presenting its organisation's client certificate; the runner runs that organisation's
 * scenarios with the same certificate (`kantasim run --cert --key --ca`). Certificates come from
 * kantasim's own CA in a temp directory.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_NOT_DEPLOYED, ORG_READY } from '../../fixtures/fhir/appointment.ts';
import type { RunResult } from '../../runner/types.ts';
import {
  initCa,
  issueOperatorCertificate,
  issueOrganisationCertificate,
  type IssuedFiles,
} from '../../simulator/http/tls-ca.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { kantasimRun, tempDir } from './runner-harness.ts';
import { spawnVendorEhr, type VendorEhrProcess } from './vendor-ehr-harness.ts';

const caDir = mkdtempSync(join(tmpdir(), 'kantasim-ca-'));
let sim: RunningServer;
let operator: IssuedFiles;

const tlsArgs = (f: IssuedFiles): string[] => ['--cert', f.cert, '--key', f.key, '--ca', f.ca];

/**
 * Every shipped scenario, grouped by the organisation it belongs to (its `organisation:` / `vars.org`).
 * A group with a system-under-test step runs against a vendor-ehr presenting that organisation's
 * certificate. Together they are scenarios/**\/*.yaml (the last test checks none is left out).
 */
const GROUPS: { org: string; name: string; sut: boolean; scenarios: string[] }[] = [
  {
    org: ORG_READY,
    name: 'Kuusijärven hyvinvointialue',
    sut: true,
    scenarios: [
      'scenarios/pta/first-deployment.yaml',
      'scenarios/pta/expansions.yaml',
      'scenarios/pta-appointment/appointment-booking.yaml',
      'scenarios/readiness/kuusijarvi-ready.yaml',
      'scenarios/rehearsals/real-identity-refused.yaml',
      // Its refusal (KANTA-APPT-020) is recorded before the appointment's organiser is read: the event is
      // the calling organisation's, so its scoped /events shows it.
      'scenarios/rehearsals/update-without-if-match.yaml',
      'scenarios/rehearsals/wrong-version-refused.yaml',
    ],
  },
  {
    org: ORG_NOT_DEPLOYED,
    name: 'Hoivapalvelu Lumme Oy',
    sut: true,
    scenarios: [
      'scenarios/readiness/lumme-social-ready.yaml',
      'scenarios/rehearsals/undeployed-group-refused.yaml',
      'scenarios/social-welfare/deployment.yaml',
    ],
  },
  {
    org: '1.2.246.10.1234567.10.0',
    name: 'Lääkäriasema Harjoitus Oy',
    sut: false,
    scenarios: ['scenarios/readiness/harjoitus-not-ready.yaml'],
  },
];

beforeAll(async () => {
  await initCa(caDir);
  operator = await issueOperatorCertificate(caDir);
  sim = await startTestSimulator({ tls: { caDir }, seed: true });
}, 60_000);

afterAll(async () => {
  await sim.close();
});

describe("an organisation's shipped scenarios in shared mode", () => {
  for (const group of GROUPS) {
    it(`${group.name}'s scenarios pass with its certificate, the registry setup with the operator's`, async () => {
      const cert = await issueOrganisationCertificate(caDir, { org: group.org, name: group.name });
      const ehr: VendorEhrProcess | undefined = group.sut
        ? await spawnVendorEhr(sim.url, undefined, tlsArgs(cert))
        : undefined;
      try {
        const out = join(tempDir(), 'run.json');
        const r = await kantasimRun([
          ...group.scenarios,
          '--sim',
          sim.url,
          ...(ehr ? ['--sut', ehr.url] : []),
          '--timeout',
          '5',
          '--json',
          out,
          ...tlsArgs(cert),
          // The registry writes of the setup (test persons, customer state) are the operator's.
          '--operator-cert',
          operator.cert,
          '--operator-key',
          operator.key,
        ]);
        const run = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
        expect(
          run.scenarios.map((s) => [s.id, s.verdict, s.message]),
          r.out + r.err,
        ).toEqual(run.scenarios.map((s) => [s.id, 'pass', undefined]));
        expect(run.scenarios).toHaveLength(group.scenarios.length);
        expect(r.exitCode, r.out + r.err).toBe(0);
      } finally {
        await ehr?.stop();
      }
    }, 120_000);
  }

  it('the groups hold every shipped scenario', () => {
    const shipped = readdirSync('scenarios', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `scenarios/${f.split(sep).join('/')}`)
      .sort();
    expect(GROUPS.flatMap((g) => g.scenarios).sort()).toEqual(shipped);
  });
});
