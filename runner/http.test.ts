/**
 * The runner tells every server it calls which language the report is in (`Accept-Language`), so the
 * simulator's findings come back in that language; a scenario's own header wins.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, send, setRequestLanguage, SimulatorClient, type HttpResponse } from './http.ts';

let base = '';
const seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  setRequestLanguage(undefined);
  await new Promise((resolve) => server.close(resolve));
});

describe('Accept-Language on the runner’s requests', () => {
  it('is the run’s language on requests to the simulator and the system under test', async () => {
    setRequestLanguage('sv');
    await new SimulatorClient(base).getJson('/healthz');
    await send(base, { method: 'POST', path: '/hook', body: { a: 1 } }, 5000, 'the system under test');
    expect(seen.map((h) => h['accept-language'])).toEqual(['sv', 'sv']);
  });

  it('leaves a scenario’s own Accept-Language alone', async () => {
    setRequestLanguage('fi');
    await send(base, { method: 'GET', path: '/', headers: { 'accept-language': 'en' } }, 5000, 'x');
    expect(seen.at(-1)?.['accept-language']).toBe('en');
  });
});

describe('why a shared kantasim refused (401, 403)', () => {
  const answer = (status: number, body: unknown, text: string, presented?: string): HttpResponse => ({
    url: 'https://127.0.0.1:8443/fhir/Appointment/a1',
    method: 'PUT',
    status,
    headers: {},
    contentType: 'application/fhir+json',
    body,
    text,
    ...(presented !== undefined && { presented }),
  });
  const cert =
    'the certificate of organisation 1.2.246.10.2876543.10.0 (Lääkäriasema Kielo Oy) without a bearer token';

  it("a 403 gives the OperationOutcome's text and what was sent", () => {
    const oo = {
      resourceType: 'OperationOutcome',
      issue: [{ diagnostics: 'may not change Appointment/a1' }],
    };
    const why = errorSummary(answer(403, oo, JSON.stringify(oo), cert));
    expect(why).toContain('may not change Appointment/a1');
    expect(why).toContain(
      'PUT https://127.0.0.1:8443/fhir/Appointment/a1 was sent with the certificate of organisation 1.2.246.10.2876543.10.0',
    );
  });

  it('a 401 without a body says to pass the token', () => {
    const why = errorSummary(answer(401, '', '', cert));
    expect(why).toContain('without a bearer token');
    expect(why).toContain('--token');
  });

  it('local mode (nothing presented) keeps the answer as it is', () => {
    expect(errorSummary(answer(403, '', 'forbidden'))).toBe('forbidden');
  });
});
