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

describe('errorSummary of a refusal in shared mode', () => {
  const answer = (status: number, body: unknown, sentAs?: HttpResponse['sentAs']): HttpResponse => ({
    url: 'https://127.0.0.1:1/fhir',
    method: 'POST',
    status,
    headers: {},
    contentType: 'application/fhir+json',
    body,
    text: body === undefined ? '' : JSON.stringify(body),
    ...(sentAs !== undefined && { sentAs }),
  });
  const kuusijarvi = { who: 'organisation 1.2.246.10.3210987.10.0 (Kuusijärvi)', token: false };
  const outcome = {
    resourceType: 'OperationOutcome',
    issue: [{ details: { coding: [{ code: 'FHIR-ACCESS-002' }], text: 'may not submit for 1.2.3' } }],
  };

  it('names the certificate and gives the OperationOutcome code and text', () => {
    expect(errorSummary(answer(403, outcome, kuusijarvi))).toBe(
      'FHIR-ACCESS-002: may not submit for 1.2.3 (sent as organisation 1.2.246.10.3210987.10.0 (Kuusijärvi) with its certificate)',
    );
  });

  it('explains a 401 without a body by the bearer token, sent or not', () => {
    expect(errorSummary(answer(401, undefined, kuusijarvi))).toMatch(
      /^no bearer token: .*--token FILE from kantasim ca token --org OID$/,
    );
    // The operator certificate's token is --operator-token, made with ca token --admin.
    const operator = { who: 'kantasim operator', token: false, operator: true };
    const forOperator = errorSummary(answer(401, undefined, operator));
    expect(forOperator).toMatch(/--operator-token FILE from kantasim ca token --admin$/);
    expect(forOperator).not.toContain('--org OID');
    expect(errorSummary(answer(401, undefined, { ...kuusijarvi, token: true }))).toMatch(
      /^the bearer token was refused: .*and bearer token\)/,
    );
  });

  it('leaves other answers, and answers without a certificate, as they were', () => {
    expect(errorSummary(answer(403, outcome))).toBe('may not submit for 1.2.3');
    expect(errorSummary(answer(400, outcome, kuusijarvi))).toBe('may not submit for 1.2.3');
  });
});
