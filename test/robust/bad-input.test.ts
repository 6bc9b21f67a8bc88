/**
 * Bad input that used to be answered with 500 gets a specific 4xx: many search values, a resource of
 * very many elements, a CDA of very many ids, malformed percent-encoding in a path, a Content-Encoding
 * the body does not match, and `null` in a registry field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCda } from '../../fixtures/cda/index.ts';
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

describe('never a 5xx for bad input', () => {
  it('refuses a search with 600 comma-separated values with FHIR-LIMIT-002', async () => {
    const values = Array.from({ length: 600 }, (_, i) => `v${i}`).join(',');
    for (const param of ['identifier', 'name', '_id']) {
      const r = await call(`/fhir/Patient?${param}=${values}`);
      expect(r.status).toBe(400);
      expect(r.text).toContain('FHIR-LIMIT-002');
    }
  });

  it('refuses a Patient with 130,000 identifiers with FHIR-LIMIT-001', async () => {
    const identifier = Array.from({ length: 130_000 }, (_, i) => ({ system: 'urn:x', value: String(i) }));
    const r = await call('/fhir/Patient', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', identifier }),
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('FHIR-LIMIT-001');
  });

  it('refuses a CDA with 130,000 ids with CDA-LIMIT-002', async () => {
    const ids = '<id root="1.2.246.21" extension="131052-308T"/>'.repeat(130_000);
    const r = await call('/archive/pta', {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
      body: buildCda().replace('</ClinicalDocument>', `${ids}</ClinicalDocument>`),
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('CDA-LIMIT-002');
  });

  it('answers malformed percent-encoding in a path with 400', async () => {
    for (const path of [
      '/registry/organisations/%zz',
      '/runs/%zz',
      '/archive/documents/%zz',
      '/fhir/Patient/%zz',
    ]) {
      const r = await call(path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain('percent-encoding');
    }
  });

  it('answers a Content-Encoding the body does not match with 400', async () => {
    const targets: [string, string, string][] = [
      ['/archive/pta', 'application/xml', '<a/>'],
      ['/registry/organisations', 'application/json', '{}'],
      ['/runs', 'application/json', '{}'],
      ['/fhir/Patient', 'application/fhir+json', '{}'],
    ];
    for (const encoding of ['gzip', 'deflate', 'br'])
      for (const [path, type, body] of targets) {
        const r = await call(path, {
          method: 'POST',
          headers: { 'Content-Type': type, 'Content-Encoding': encoding, Accept: 'application/json' },
          body,
        });
        expect(r.status, `${encoding} ${path}`).toBe(400);
        expect(r.text, `${encoding} ${path}`).toMatch(/Content-Encoding/);
      }
  });

  it('refuses passcode null on POST /registry/archivists with the field path', async () => {
    const r = await call('/registry/archivists', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id: 'abc.def',
        name: 'X',
        registerController: '1.2.246.10.3210987.19.0',
        passcode: null,
      }),
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ error: { code: 'invalid-body', path: '/passcode' } });
  });
});
