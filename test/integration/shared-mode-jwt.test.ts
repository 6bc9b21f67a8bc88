/**
 * A shipped scenario against a shared kantasim that also requires a bearer token (`serve --tls
 * --require-jwt`): `kantasim run --token` sends the organisation's token with its certificate and
 * `--operator-token` the operator's with the operator certificate. Without the token the step's message
 * says what was sent and what to pass. Its own file: one simulator per test file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { kantasimRun, tempDir } from './runner-harness.ts';

const ORG = '1.2.246.10.1234567.10.0';
const SCENARIO = 'scenarios/readiness/harjoitus-not-ready.yaml';
const caDir = mkdtempSync(join(tmpdir(), 'kantasim-ca-'));
let sim: RunningServer;
let org: IssuedFiles;
let operator: IssuedFiles;
let orgToken: string;
let operatorToken: string;

beforeAll(async () => {
  await initCa(caDir);
  org = await issueOrganisationCertificate(caDir, { org: ORG, name: 'Lääkäriasema Harjoitus Oy' });
  operator = await issueOperatorCertificate(caDir);
  const dir = tempDir();
  orgToken = join(dir, 'org.jwt');
  operatorToken = join(dir, 'operator.jwt');
  writeFileSync(orgToken, `${await issueToken(caDir, { org: ORG })}\n`);
  writeFileSync(operatorToken, await issueToken(caDir, { subject: OPERATOR_SUBJECT }));
  sim = await startTestSimulator({ tls: { caDir }, requireJwt: true, seed: true });
}, 60_000);

afterAll(async () => {
  await sim.close();
});

const run = async (extra: string[]): Promise<{ run: RunResult; log: string; exitCode: number }> => {
  const out = join(tempDir(), 'run.json');
  const r = await kantasimRun([
    SCENARIO,
    '--sim',
    sim.url,
    '--timeout',
    '5',
    '--json',
    out,
    '--cert',
    org.cert,
    '--key',
    org.key,
    '--ca',
    org.ca,
    '--operator-cert',
    operator.cert,
    '--operator-key',
    operator.key,
    '--no-record',
    ...extra,
  ]);
  return {
    run: JSON.parse(readFileSync(out, 'utf8')) as RunResult,
    log: r.out + r.err,
    exitCode: r.exitCode,
  };
};

describe('a scenario against serve --tls --require-jwt', () => {
  it('passes with the organisation token (--token) and the operator token (--operator-token)', async () => {
    const {
      run: result,
      log,
      exitCode,
    } = await run(['--token', orgToken, '--operator-token', operatorToken]);
    expect(
      result.scenarios.map((s) => [s.id, s.verdict, s.message]),
      log,
    ).toEqual([['readiness-harjoitus-fix', 'pass', undefined]]);
    expect(exitCode, log).toBe(0);
  }, 90_000);

  it('without the tokens, the failing step says who asked, what it sent and what to pass', async () => {
    const { run: result, log, exitCode } = await run([]);
    expect(result.scenarios[0]?.verdict, log).not.toBe('pass');
    expect(exitCode).not.toBe(0);
    expect(log).toContain('401');
    expect(log).toMatch(/certificate of organisation 1\.2\.246\.10\.1234567\.10\.0|operator certificate/);
    expect(log).toContain('without a bearer token');
    expect(log).toContain('--token');
  }, 90_000);
});
