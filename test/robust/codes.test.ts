/**
 * Codes of the catalogue that no other test raised: a search of too many parameters, an identity-code
 * root spelt differently from 1.2.246.21, and the JSON API errors for bodies and paths the HTTP layer
 * cannot read. Each goes through the real server on loopback where input can reach it; the two answers
 * for broken transport (a body that ends early, an unclassified 4xx from the body reader) cannot be
 * provoked through fetch, so they are checked at the mapping from the body reader's error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCda, TEST_HETU } from '../../fixtures/cda/index.ts';
import { fromBodyParserError } from '../../simulator/http/errors.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator();
});
afterAll(async () => {
  await server.close();
});

const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> => {
  const res = await fetch(server.url + path, init);
  return { status: res.status, text: await res.text() };
};

describe('codes raised at the edges', () => {
  it('refuses a search of 51 parameters with FHIR-LIMIT-003', async () => {
    const query = Array.from({ length: 51 }, (_, i) => `name=n${i}`).join('&');
    const r = await call(`/fhir/Patient?${query}`);
    expect(r.status).toBe(400);
    expect(r.text).toContain('FHIR-LIMIT-003');
  });

  it('warns with CDA-ID-008 about an identity-code root written as urn:oid:1.2.246.21', async () => {
    const r = await call('/archive/pta', {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
      body: buildCda({
        authors: [{ hetu: TEST_HETU.author, root: 'urn:oid:1.2.246.21', given: 'Testi', family: 'Lääkäri' }],
      }),
    });
    expect(r.status).toBeLessThan(500);
    expect(r.text).toContain('CDA-ID-008');
  });

  it("answers malformed percent-encoding with the JSON error 'invalid-path'", async () => {
    const r = await call('/registry/organisations/%zz');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ error: { code: 'invalid-path' } });
  });

  it("answers a body that is not its declared Content-Encoding with 'invalid-encoding'", async () => {
    const r = await call('/registry/organisations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: '{}',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ error: { code: 'invalid-encoding' } });
  });

  it("maps a body that ended early to 'incomplete-body' and another client error to 'bad-request'", () => {
    for (const type of ['request.aborted', 'request.size.invalid'])
      expect(fromBodyParserError({ type })?.toBody()).toMatchObject({ error: { code: 'incomplete-body' } });
    const other = fromBodyParserError({ status: 400, expose: true, message: 'bad header' });
    expect(other?.status).toBe(400);
    expect(other?.toBody()).toMatchObject({ error: { code: 'bad-request', message: 'bad header' } });
  });
});
