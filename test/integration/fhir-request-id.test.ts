/**
 * `X-Request-Id` on the FHIR endpoint, as Kanta's FHIR HTTP header specification requires it: in the
 * default local mode a request without it is served with the catalogued warning FHIR-HDR-002 beside the
 * answer; with `requireRequestId` (the Kanta-faithful mode) it is refused with 400 and FHIR-HDR-001.
 */
import type { OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

const codesOf = (oo: OperationOutcome): string[] =>
  oo.issue.flatMap((i) => i.details?.coding?.map((c) => c.code ?? '') ?? []);

describe('default local mode', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestSimulator();
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves a request without X-Request-Id and warns with FHIR-HDR-002', async () => {
    const res = await fetch(`${server.url}/fhir/metadata`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-kantasim-finding')).toMatch(/^FHIR-HDR-002; .*X-Request-Id/);
  });

  it('gives no warning when the header is sent', async () => {
    const res = await fetch(`${server.url}/fhir/metadata`, { headers: { 'X-Request-Id': 'req-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-kantasim-finding')).toBeNull();
    expect(res.headers.get('x-correlation-id')).toBe('req-1');
  });
});

describe('requireRequestId', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestSimulator({ requireRequestId: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a request without X-Request-Id with 400 and FHIR-HDR-001', async () => {
    const res = await fetch(`${server.url}/fhir/metadata`);
    expect(res.status).toBe(400);
    const oo = (await res.json()) as OperationOutcome;
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(codesOf(oo)).toContain('FHIR-HDR-001');
    expect(oo.issue[0]).toMatchObject({ severity: 'error', expression: ['X-Request-Id'] });
    expect(res.headers.get('x-kantasim-finding')).toBeNull();
  });

  it('serves a request that sends it', async () => {
    const res = await fetch(`${server.url}/fhir/metadata`, { headers: { 'X-Request-Id': 'req-2' } });
    expect(res.status).toBe(200);
  });
});
