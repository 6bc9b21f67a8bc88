/**
 * `X-Request-Id` on the FHIR endpoint, as Kanta's FHIR HTTP header specification requires it: in the
 * default local mode a request without it is served with the catalogued warning FHIR-HDR-002 beside the
 * answer; with `requireRequestId` (the Kanta-faithful mode) it is refused with 400 and FHIR-HDR-001.
 * The answer echoes the request's X-Request-Id and adds an X-Correlation-Id of the server's; the event
 * carries the request id and the request log line both.
 */
import type { OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import type { SubmissionEvent } from '../../simulator/domain/events.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { json, startLoggedServer, startTestSimulator } from '../support/sim.ts';

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
    expect(res.headers.get('x-request-id')).toBe('req-1');
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

describe('request and correlation ids', () => {
  let server: RunningServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startLoggedServer({ defaultLanguage: 'en' }, 'info', logLines);
  });
  afterAll(async () => {
    await server.close();
  });

  /** Sends a Kanta store transaction; the answer's two ids, and the event and log line it left. */
  async function book(requestId?: string): Promise<{
    requestId: string | null;
    correlationId: string | null;
    event: SubmissionEvent | undefined;
    logLine: Record<string, unknown> | undefined;
  }> {
    const since = await server.store.events.lastSeq();
    const res = await fetch(`${server.url}/fhir`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/fhir+json',
        ...(requestId !== undefined && { 'X-Request-Id': requestId }),
      },
      body: JSON.stringify(storeBundle(kantaAppointment())),
    });
    expect(res.status).toBe(200);
    const ids = {
      requestId: res.headers.get('x-request-id'),
      correlationId: res.headers.get('x-correlation-id'),
    };
    const events = await json<{ events: SubmissionEvent[] }>(server.url, 'GET', `/events?since=${since}`);
    const logLine = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'request' && l.correlationId === ids.correlationId);
    return { ...ids, event: events.body.events.find((e) => e.kind === 'appointment.store'), logLine };
  }

  it('echoes X-Request-Id, adds a new X-Correlation-Id, and both find the exchange', async () => {
    const a = await book('vendor-req-0001');
    expect(a.requestId).toBe('vendor-req-0001');
    expect(a.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.correlationId).not.toBe(a.requestId);
    expect(a.event?.requestId).toBe('vendor-req-0001');
    expect(a.logLine).toMatchObject({ requestId: 'vendor-req-0001', correlationId: a.correlationId });
    const b = await book('vendor-req-0002');
    expect(b.correlationId).not.toBe(a.correlationId);
  });

  it('mints the request id of a request without a usable one, and answers with it', async () => {
    for (const sent of [undefined, 'not an id', 'x'.repeat(65)]) {
      const r = await book(sent);
      expect(r.requestId, String(sent)).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.requestId).not.toBe(r.correlationId);
      expect(r.event?.requestId).toBe(r.requestId);
      expect(r.logLine).toMatchObject({ requestId: r.requestId, correlationId: r.correlationId });
    }
  });
});
