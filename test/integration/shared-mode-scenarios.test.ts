/**
 * Every shipped scenario in shared (TLS) mode: the simulator serves HTTPS with TLS client
 * authentication and the fixture world seeded. Each scenario belongs to the organisation its
 * `vars.org` names; the scenarios are grouped by it, and each group runs with that organisation's
 * certificate (`kantasim run --cert --key --ca`), against the reference vendor system
 * (examples/vendor-ehr, a child process) presenting the same certificate when a scenario of the group
 * drives one. The registry writes of the setups are the operator's (`--operator-cert`). Certificates
 * come from kantasim's own CA in a temp directory. One simulator serves the whole file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectScenarioFiles } from '../../runner/load.ts';
import type { RunResult } from '../../runner/types.ts';
import {
  initCa,
  issueOperatorCertificate,
  issueOrganisationCertificate,
  issueToken,
  type IssuedFiles,
} from '../../simulator/http/tls-ca.ts';
import { OPERATOR_SUBJECT } from '../../simulator/http/tls-auth.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';
import { kantasimRun, tempDir, writeScenario } from './runner-harness.ts';
import { spawnVendorEhr, type VendorEhrProcess } from './vendor-ehr-harness.ts';

/** The organisations of the shipped scenarios, with the names their certificates carry. */
const NAMES: Record<string, string> = {
  '1.2.246.10.3210987.10.0': 'Kuusijärven hyvinvointialue',
  '1.2.246.10.2654321.10.0': 'Hoivapalvelu Lumme Oy',
  '1.2.246.10.1234567.10.0': 'Lääkäriasema Harjoitus Oy',
};

interface Group {
  org: string;
  files: string[];
  /** Whether a scenario of the group drives the vendor system (a `sut:` action). */
  needsSut: boolean;
}

/** The shipped scenario files grouped by the organisation their `vars.org` names. */
function groupsByOrganisation(): Group[] {
  const groups = new Map<string, Group>();
  for (const file of collectScenarioFiles(['scenarios'])) {
    const text = readFileSync(file, 'utf8');
    const doc = parse(text) as { organisation?: string; vars?: { org?: string } };
    const org = doc.vars?.org ?? doc.organisation ?? '';
    const group = groups.get(org) ?? { org, files: [], needsSut: false };
    group.files.push(file);
    group.needsSut ||= /^\s+sut:/m.test(text);
    groups.set(org, group);
  }
  return [...groups.values()];
}

const groups = groupsByOrganisation();
const caDir = mkdtempSync(join(tmpdir(), 'kantasim-ca-'));
let sim: RunningServer;
let operator: IssuedFiles;

const tlsArgs = (f: IssuedFiles): string[] => ['--cert', f.cert, '--key', f.key, '--ca', f.ca];

beforeAll(async () => {
  await initCa(caDir);
  operator = await issueOperatorCertificate(caDir);
  sim = await startTestSimulator({ tls: { caDir }, seed: true });
}, 60_000);

afterAll(async () => {
  await sim.close();
  rmSync(caDir, { recursive: true, force: true });
});

describe('every shipped scenario in shared mode', () => {
  it('each belongs to an organisation with a certificate name', () => {
    expect(groups.map((g) => g.org).sort()).toEqual(Object.keys(NAMES).sort());
    expect(groups.flatMap((g) => g.files).length).toBe(collectScenarioFiles(['scenarios']).length);
  });

  for (const group of groups) {
    it(`${NAMES[group.org] ?? group.org}: its scenarios pass with its certificate, the registry setup with the operator's`, async () => {
      const cert = await issueOrganisationCertificate(caDir, {
        org: group.org,
        name: NAMES[group.org] ?? group.org,
      });
      let ehr: VendorEhrProcess | undefined;
      try {
        if (group.needsSut) ehr = await spawnVendorEhr(sim.url, undefined, tlsArgs(cert));
        const out = join(tempDir(), 'run.json');
        const r = await kantasimRun([
          ...group.files,
          '--sim',
          sim.url,
          ...(ehr ? ['--sut', ehr.url] : []),
          '--timeout',
          '5',
          '--json',
          out,
          ...tlsArgs(cert),
          '--operator-cert',
          operator.cert,
          '--operator-key',
          operator.key,
        ]);
        const run = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
        expect(run.scenarios).toHaveLength(group.files.length);
        expect(
          run.scenarios.map((s) => [s.id, s.verdict, s.message]),
          r.out + r.err,
        ).toEqual(run.scenarios.map((s) => [s.id, 'pass', undefined]));
        expect(r.exitCode, r.out + r.err).toBe(0);
      } finally {
        await ehr?.stop();
      }
    }, 180_000);
  }
});

describe('refusals and tokens in shared mode', () => {
  const KUUSIJARVI = '1.2.246.10.3210987.10.0';
  let cert: IssuedFiles;
  beforeAll(async () => {
    cert = await issueOrganisationCertificate(caDir, { org: KUUSIJARVI, name: NAMES[KUUSIJARVI] ?? '' });
  });

  it("a refused step says whom the certificate names and the simulator's reason", async () => {
    const dir = tempDir();
    // A registry write with the organisation's certificate only (no --operator-cert): 403.
    const file = writeScenario(
      dir,
      'operator-only.yaml',
      `id: operator-only
title: A registry write needs the operator
description: Only the operator may change the registry in shared mode.
service: pta
organisation: '${KUUSIJARVI}'
steps:
  - id: write
    title: Change the customer data
    do:
      fixture:
        method: PUT
        path: /registry/customers/${KUUSIJARVI}
        body: {}
`,
    );
    const out = join(dir, 'run.json');
    const r = await kantasimRun([file, '--sim', sim.url, '--timeout', '5', '--json', out, ...tlsArgs(cert)]);
    expect(r.exitCode, r.out + r.err).toBe(1);
    const run = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    const message = JSON.stringify(run.scenarios[0]?.steps[0]);
    expect(message).toContain(`PUT ${sim.url}/registry/customers/${KUUSIJARVI}`);
    expect(message).toContain('403');
    expect(message).toContain('access-operator-only');
    expect(message).toContain(
      `sent as organisation ${KUUSIJARVI} (Kuusijärven hyvinvointialue) with its certificate`,
    );
  }, 60_000);

  it('with --require-jwt a scenario passes with --token and --operator-token, and says why without', async () => {
    const jwt = await startTestSimulator({ tls: { caDir }, seed: true, requireJwt: true });
    try {
      const dir = tempDir();
      const tokenFile = join(dir, 'org.jwt');
      const operatorTokenFile = join(dir, 'operator.jwt');
      writeFileSync(tokenFile, `${await issueToken(caDir, { org: KUUSIJARVI })}\n`);
      writeFileSync(operatorTokenFile, await issueToken(caDir, { subject: OPERATOR_SUBJECT }));
      const args = [
        'scenarios/readiness/kuusijarvi-ready.yaml',
        '--sim',
        jwt.url,
        '--timeout',
        '5',
        ...tlsArgs(cert),
        '--operator-cert',
        operator.cert,
        '--operator-key',
        operator.key,
      ];
      const out = join(dir, 'run.json');
      const ok = await kantasimRun([
        ...args,
        '--json',
        out,
        '--token',
        tokenFile,
        '--operator-token',
        operatorTokenFile,
      ]);
      const run = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
      expect(
        run.scenarios.map((s) => [s.id, s.verdict, s.message]),
        ok.out + ok.err,
      ).toEqual([['readiness-kuusijarvi', 'pass', undefined]]);
      expect(ok.exitCode).toBe(0);
      // The organisation's token can come from standard input (`--token -`).
      const piped = await kantasimRun(
        [...args, '--no-record', '--token', '-', '--operator-token', operatorTokenFile],
        { input: Readable.from([await issueToken(caDir, { org: KUUSIJARVI })]) },
      );
      expect(piped.exitCode, piped.out + piped.err).toBe(0);
      // Without the tokens every request gets 401 without a body; the runner says what is missing.
      const without = await kantasimRun([...args, '--no-record']);
      expect(without.exitCode).not.toBe(0);
      expect(without.out + without.err).toContain(
        `no bearer token: this kantasim wants one (serve --require-jwt) (sent as`,
      );
      // The setup's registry writes go first, with the operator certificate: its token is --operator-token.
      expect(without.out + without.err).toContain(
        'give kantasim run --operator-token FILE from kantasim ca token --admin',
      );
      // Given the operator's token only, the organisation's own requests say theirs is --token.
      const orgWithout = await kantasimRun([...args, '--no-record', '--operator-token', operatorTokenFile]);
      expect(orgWithout.exitCode).not.toBe(0);
      expect(orgWithout.out + orgWithout.err).toContain(
        'give kantasim run --token FILE from kantasim ca token --org OID',
      );
      // A token file that holds no token is refused before anything is sent.
      writeFileSync(tokenFile, 'not a token');
      const bad = await kantasimRun([...args, '--token', tokenFile]);
      expect(bad.exitCode).toBe(2);
      expect(bad.err).toContain('not a JSON Web Token');
    } finally {
      await jwt.close();
    }
  }, 120_000);
});
