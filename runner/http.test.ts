/**
 * The runner tells every server it calls which language the report is in (`Accept-Language`), so the
 * simulator's findings come back in that language; a scenario's own header wins.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, setRequestLanguage, SimulatorClient } from './http.ts';

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
