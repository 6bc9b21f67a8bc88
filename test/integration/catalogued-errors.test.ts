/**
 * HTTP error paths that no other test raised by code: each request breaks one rule of the FHIR or the
 * registry API and expects that code, so every entry of the catalogue of finding codes is shown to fire.
 */
import type { OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.ts';
import { json, startTestSimulator } from '../support/sim.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator({ maxBodyBytes: 10_000 });
});
afterAll(async () => {
  await server.close();
});

const issueCodes = (oo: OperationOutcome | undefined): string[] =>
  (oo?.issue ?? []).flatMap(
    (i) =>
      i.details?.coding
        ?.filter((c) => c.system !== 'urn:oid:1.2.246.537.5.40112.2006')
        .map((c) => c.code ?? '') ?? [],
  );

async function fhir(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return json<OperationOutcome & { entry?: { response?: { outcome?: OperationOutcome } }[] }>(
    server.url,
    method,
    `/fhir/${path}`,
    body,
    { 'Content-Type': 'application/fhir+json', ...headers },
  );
}

async function form(path: string, body: string) {
  return json<OperationOutcome>(server.url, 'POST', `/fhir/${path}`, body, {
    'Content-Type': 'application/x-www-form-urlencoded',
  });
}

describe('FHIR', () => {
  it('FHIR-DELETE-001 and FHIR-HTTP-410: delete, then read the deleted resource', async () => {
    const created = await fhir('PUT', 'Practitioner/cat-1', { resourceType: 'Practitioner', id: 'cat-1' });
    expect(created.status).toBeLessThan(300);
    const deleted = await fhir('DELETE', 'Practitioner/cat-1');
    expect(issueCodes(deleted.body)).toContain('FHIR-DELETE-001');
    const read = await fhir('GET', 'Practitioner/cat-1');
    expect(read.status).toBe(410);
    expect(issueCodes(read.body)).toEqual(['FHIR-HTTP-410']);
  });

  it('FHIR-COND-001: If-None-Exist that matches more than one resource', async () => {
    for (const id of ['cat-a', 'cat-b'])
      await fhir('PUT', `Practitioner/${id}`, {
        resourceType: 'Practitioner',
        id,
        name: [{ family: 'Kataloogi' }],
      });
    const res = await fhir(
      'POST',
      'Practitioner',
      { resourceType: 'Practitioner' },
      { 'If-None-Exist': 'name=Kataloogi' },
    );
    expect(res.status).toBe(412);
    expect(issueCodes(res.body)).toEqual(['FHIR-COND-001']);
  });

  it('FHIR-BUNDLE-002: a batch entry that POSTs to the base', async () => {
    const res = await fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ resource: { resourceType: 'Bundle', type: 'batch' }, request: { method: 'POST', url: '/' } }],
    });
    const codes = [
      ...issueCodes(res.body),
      ...(res.body.entry ?? []).flatMap((e) => issueCodes(e.response?.outcome)),
    ];
    expect(codes).toContain('FHIR-BUNDLE-002');
  });

  it('KANTA-SEARCH-007: a GET search on appointments', async () => {
    const res = await fhir('GET', 'Appointment?patient=x');
    expect(issueCodes(res.body)).toEqual(['KANTA-SEARCH-007']);
  });

  it('KANTA-SEARCH-004: an unknown appointment search parameter', async () => {
    const res = await form(
      'Appointment/_search',
      'patient:identifier=urn:oid:1.2.246.21|010181-900C&colour=red',
    );
    expect(res.status).toBe(400);
    expect(issueCodes(res.body)).toEqual(['KANTA-SEARCH-004']);
  });

  it('KANTA-SEARCH-005 and KANTA-SEARCH-006: Appointment/_history parameters', async () => {
    const other = await form('Appointment/_history', 'identifier=x&date=2026-10-01');
    expect(issueCodes(other.body)).toEqual(['KANTA-SEARCH-005']);
    const none = await form('Appointment/_history', '_count=5');
    expect(issueCodes(none.body)).toEqual(['KANTA-SEARCH-006']);
  });
});

describe('registry API', () => {
  it("too-large: a body over the registry's 2 MB limit", async () => {
    const res = await json<{ error: { code: string } }>(server.url, 'POST', '/registry/organisations', {
      name: 'x'.repeat(2_200_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too-large');
  });

  it('unsupported-encoding: a JSON body in a charset other than UTF-8', async () => {
    const res = await json<{ error: { code: string } }>(server.url, 'POST', '/registry/organisations', '{}', {
      'Content-Type': 'application/json; charset=koi8-r',
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported-encoding');
  });
});

describe('a failure of the simulator itself', () => {
  it('FHIR-HTTP-500: the store is gone; the answer says the request was not applied', async () => {
    const broken = await startTestSimulator();
    await broken.store.close();
    try {
      const res = await json<OperationOutcome>(broken.url, 'GET', '/fhir/Patient/x');
      expect(res.status).toBe(500);
      expect(issueCodes(res.body)).toEqual(['FHIR-HTTP-500']);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});
