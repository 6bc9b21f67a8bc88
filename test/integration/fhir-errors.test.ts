/**
 * Every error path of the FHIR endpoint answers with its status and an OperationOutcome whose issue
 * carries a stable code; malformed input of many kinds gives a 4xx, never a 500, and the server stays up.
 * Every finding of those answers follows its code's catalogue template, so it reads in Finnish and Swedish.
 */
import type { Appointment, Bundle, BundleEntry, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canLocalise } from '../../common/rules/messages.ts';
import {
  REAL_RANGE_HETU,
  kantaAppointment,
  nullifyBundle,
  replaceBundle,
  storeBundle,
} from '../../fixtures/fhir/appointment.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { startTestSimulator } from '../support/sim.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestSimulator({ maxBodyBytes: 200_000 });
});
afterAll(async () => {
  await server.close();
});

interface Call {
  method?: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

async function call(c: Call): Promise<{ status: number; oo: OperationOutcome; contentType: string | null }> {
  const init: RequestInit = {
    method: c.method ?? 'POST',
    headers: { 'Content-Type': 'application/fhir+json', ...c.headers },
  };
  if (c.body !== undefined) init.body = c.body;
  const res = await fetch(`${server.url}/fhir/${c.path}`, init);
  const text = await res.text();
  return {
    status: res.status,
    oo: JSON.parse(text) as OperationOutcome,
    contentType: res.headers.get('content-type'),
  };
}

const codes = (oo: OperationOutcome): string[] =>
  oo.issue.flatMap(
    (i) =>
      i.details?.coding
        ?.filter((c) => c.system !== 'urn:oid:1.2.246.537.5.40112.2006')
        .map((c) => c.code ?? '') ?? [],
  );

const appointmentWith = (change: (a: Appointment) => void): string => {
  const a = kantaAppointment();
  change(a);
  return JSON.stringify(a);
};

describe('error paths', () => {
  const cases: [string, Call, number, string][] = [
    [
      'a body that is not JSON',
      { path: 'Patient', body: '{"resourceType": "Patient",' },
      400,
      'FHIR-JSON-001',
    ],
    ['an empty body', { path: 'Patient', body: '' }, 400, 'FHIR-JSON-000'],
    [
      'a body that is not UTF-8 (Latin-1)',
      {
        path: 'Patient',
        body: new Uint8Array([
          ...Buffer.from('{"resourceType":"Patient","name":[{"family":"Virtanen-M'),
          0xe4,
          ...Buffer.from('ki"}]}'),
        ]),
      },
      400,
      'FHIR-JSON-009',
    ],
    ['a JSON array', { path: 'Patient', body: '[]' }, 400, 'FHIR-JSON-002'],
    ['a resource without resourceType', { path: 'Patient', body: '{"name":[]}' }, 400, 'FHIR-JSON-003'],
    [
      'an unknown resourceType',
      { path: 'Patient', body: '{"resourceType":"Patsient"}' },
      400,
      'FHIR-JSON-004',
    ],
    [
      'a body of another type than the URL',
      { path: 'Patient', body: '{"resourceType":"Slot"}' },
      400,
      'FHIR-JSON-005',
    ],
    [
      'an unknown element',
      { path: 'Patient', body: '{"resourceType":"Patient","nmae":[]}' },
      400,
      'FHIR-STRUCT-001',
    ],
    [
      'a missing required element',
      {
        path: 'Slot',
        body: '{"resourceType":"Slot","status":"free","start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:30:00Z"}',
      },
      400,
      'FHIR-STRUCT-002',
    ],
    [
      'a wrong JSON type',
      { path: 'Patient', body: '{"resourceType":"Patient","active":"yes"}' },
      400,
      'FHIR-STRUCT-003',
    ],
    [
      'a code outside its value set',
      { path: 'Patient', body: '{"resourceType":"Patient","gender":"x"}' },
      400,
      'FHIR-STRUCT-004',
    ],
    [
      'a malformed date',
      { path: 'Patient', body: '{"resourceType":"Patient","birthDate":"1.1.1990"}' },
      400,
      'FHIR-STRUCT-005',
    ],
    [
      'JSON nested too deep',
      { path: 'Patient', body: `${'{"a":'.repeat(100)}1${'}'.repeat(100)}` },
      400,
      'FHIR-JSON-007',
    ],
    [
      'XML',
      { path: 'Patient', body: '<Patient/>', headers: { 'Content-Type': 'application/fhir+xml' } },
      415,
      'FHIR-HTTP-415',
    ],
    [
      'no content type',
      { path: 'Patient', body: '{}', headers: { 'Content-Type': '' } },
      415,
      'FHIR-HTTP-415',
    ],
    [
      'an Accept the server cannot meet',
      { method: 'GET', path: 'metadata', headers: { Accept: 'application/fhir+xml' } },
      406,
      'FHIR-HTTP-406',
    ],
    [
      'an unknown mode header',
      { path: 'Patient', body: '{"resourceType":"Patient"}', headers: { 'X-Kantasim-Mode': 'lenient' } },
      400,
      'FHIR-HTTP-400',
    ],
    [
      'a resource type the endpoint does not serve',
      { path: 'Observation', body: '{"resourceType":"Observation"}' },
      404,
      'FHIR-HTTP-404',
    ],
    ['an unknown path', { method: 'GET', path: 'Patient/1/2/3/4' }, 404, 'FHIR-HTTP-404'],
    [
      'a method the path does not have',
      { method: 'PATCH', path: 'Patient/1', body: '[]' },
      405,
      'FHIR-HTTP-405',
    ],
    [
      'a direct create of a Provenance',
      { path: 'Provenance', body: '{"resourceType":"Provenance"}' },
      405,
      'FHIR-HTTP-405',
    ],
    ['an invalid id in the URL', { method: 'GET', path: 'Patient/bad$id' }, 400, 'FHIR-HTTP-400'],
    [
      'an update whose body id differs',
      { method: 'PUT', path: 'Patient/a1', body: '{"resourceType":"Patient","id":"b2"}' },
      400,
      'FHIR-HTTP-400',
    ],
    [
      'a malformed If-Match',
      {
        method: 'PUT',
        path: 'Patient/a1',
        body: '{"resourceType":"Patient","id":"a1"}',
        headers: { 'If-Match': 'three' },
      },
      400,
      'FHIR-HTTP-400',
    ],
    [
      'an update of an unknown appointment',
      {
        method: 'PUT',
        path: 'Appointment/nope',
        body: appointmentWith((a) => (a.id = 'nope')),
        headers: { 'If-Match': 'W/"1"' },
      },
      404,
      'FHIR-HTTP-404',
    ],
    [
      'an appointment breaking app-2',
      { path: 'Appointment', body: appointmentWith((a) => delete a.end) },
      422,
      'R4-INV-app-2',
    ],
    [
      'an appointment breaking app-4',
      { path: 'Appointment', body: appointmentWith((a) => (a.cancelationReason = { text: 'x' })) },
      422,
      'R4-INV-app-4',
    ],
    [
      'a status that disagrees with ajanvarauksen tila',
      { path: 'Appointment', body: appointmentWith((a) => (a.status = 'pending')) },
      422,
      'FI-SCHED-053',
    ],
    [
      'a bad identity-code checksum',
      {
        path: 'Patient',
        body: '{"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.246.21","value":"010181-900D"}]}',
      },
      422,
      'KANTA-ID-001',
    ],
    [
      'a Bundle of a type that cannot be posted',
      { path: '', body: '{"resourceType":"Bundle","type":"document"}' },
      400,
      'FHIR-BUNDLE-003',
    ],
    [
      'a Bundle entry without request',
      {
        path: '',
        body: '{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient"}}]}',
      },
      400,
      'FHIR-BUNDLE-001',
    ],
    [
      'a Kanta transaction with three entries',
      {
        path: '',
        body: JSON.stringify({
          ...storeBundle(),
          entry: [...(storeBundle().entry ?? []), ...(storeBundle().entry ?? []).slice(0, 1)],
        }),
      },
      400,
      'KANTA-TX-001',
    ],
    [
      'a conditional create with an unknown parameter',
      { path: 'Patient', body: '{"resourceType":"Patient"}', headers: { 'If-None-Exist': 'shoe-size=42' } },
      400,
      'FHIR-SEARCH-001',
    ],
    [
      '$validate without a resource',
      { path: 'Patient/$validate', body: '{"resourceType":"Parameters","parameter":[]}' },
      400,
      'FHIR-VALIDATE-001',
    ],
    [
      'a body over the size limit',
      {
        path: 'Patient',
        body: JSON.stringify({
          resourceType: 'Patient',
          text: { status: 'generated', div: 'x'.repeat(300_000) },
        }),
      },
      413,
      'FHIR-HTTP-413',
    ],
  ];

  for (const [what, c, status, code] of cases) {
    it(`${what} is answered with ${status} and ${code}`, async () => {
      const answer = await call(c);
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/fhir\+json/);
      expect(answer.oo.resourceType).toBe('OperationOutcome');
      expect(codes(answer.oo)).toContain(code);
      for (const issue of answer.oo.issue) expect(issue.diagnostics?.length ?? 0).toBeGreaterThan(10);
    });
  }
});

describe('a Bundle entry URL that does not parse', () => {
  // Each once in a batch and once in a transaction, after an entry that would store a Patient.
  const urls = ['Patient/%zz', 'Patient/%E0%A4%A', '//[::1', '//elsewhere.example/Patient'];
  for (const type of ['batch', 'transaction'] as const) {
    for (const url of urls) {
      it(`${type} entry url '${url}' is a 400 FHIR-BUNDLE-001 naming the entry's url, and nothing is stored`, async () => {
        const family = `Urlcheck${type}${urls.indexOf(url)}`;
        const answer = await call({
          path: '',
          body: JSON.stringify({
            resourceType: 'Bundle',
            type,
            entry: [
              {
                request: { method: 'POST', url: 'Patient' },
                resource: { resourceType: 'Patient', name: [{ family }] },
              },
              { request: { method: 'GET', url } },
            ],
          }),
          headers: { 'Accept-Language': 'en' },
        });
        expect(answer.status).toBe(400);
        expect(codes(answer.oo)).toEqual(['FHIR-BUNDLE-001']);
        expect(answer.oo.issue[0]?.expression).toEqual(['Bundle.entry[1].request.url']);
        expect(answer.oo.issue[0]?.diagnostics).toContain('not a well-formed relative URL');
        const search = await fetch(`${server.url}/fhir/Patient?family=${family}`);
        expect(((await search.json()) as Bundle).total).toBe(0);
      });
    }
  }
});

describe('values JSON.parse and the R4 schema pattern let through', () => {
  const create = (body: string): Promise<{ status: number; oo: OperationOutcome }> =>
    call({ path: 'Patient', body, headers: { 'Accept-Language': 'en' } });

  it('an unpaired surrogate escape in a value or a key is a 400 R4-JSON-006 at its path; a pair is fine', async () => {
    for (const [body, path] of [
      ['{"resourceType":"Patient","name":[{"family":"a\\ud800b"}]}', 'Patient.name[0].family'],
      ['{"resourceType":"Patient","name":[{"family":"a\\udfffb"}]}', 'Patient.name[0].family'],
      ['{"resourceType":"Patient","name":[{"given":["x","\\ud83d"]}]}', 'Patient.name[0].given[1]'],
    ] as const) {
      const answer = await create(body);
      expect(answer.status, body).toBe(400);
      expect(codes(answer.oo)).toEqual(['R4-JSON-006']);
      expect(answer.oo.issue[0]?.expression).toEqual([path]);
    }
    const key = await create('{"resourceType":"Patient","name":[{"fam\\udc00ily":"ab"}]}');
    expect(key.status).toBe(400);
    expect(codes(key.oo)).toContain('R4-JSON-006');
    const pair = await create('{"resourceType":"Patient","name":[{"family":"a\\ud83d\\ude00b"}]}');
    expect(pair.status).toBe(201);
  });

  it('a date, dateTime or instant of a day the month does not have is a 400 FHIR-STRUCT-005', async () => {
    for (const [element, value] of [
      ['birthDate', '2020-02-30'],
      ['birthDate', '2021-02-29'],
      ['birthDate', '2026-04-31'],
      ['deceasedDateTime', '2026-06-31T10:00:00+03:00'],
    ] as const) {
      const answer = await create(JSON.stringify({ resourceType: 'Patient', [element]: value }));
      expect(answer.status, value).toBe(400);
      expect(codes(answer.oo)).toEqual(['FHIR-STRUCT-005']);
      expect(answer.oo.issue[0]?.expression).toEqual([`Patient.${element}`]);
      expect(answer.oo.issue[0]?.diagnostics).toContain('is not a day of the calendar');
    }
    const meta = await create('{"resourceType":"Patient","meta":{"lastUpdated":"2026-09-31T10:00:00Z"}}');
    expect(meta.status).toBe(400);
    for (const ok of ['2020-02-29', '2000-02-29', '2026-12-31', '2026-02', '2026']) {
      const answer = await create(JSON.stringify({ resourceType: 'Patient', birthDate: ok }));
      expect(answer.status, ok).toBe(201);
    }
  });
});

describe('refusals before the body is read', () => {
  it('are in the event log: a body over the size limit and a body that is not the gzip it says', async () => {
    type Events = {
      events: { kind: string; outcome: string; findings: { code: string }[] }[];
      lastSeq: number;
    };
    const events = async (since?: number): Promise<Events> =>
      (await (
        await fetch(
          `${server.url}/events?channel=fhir&limit=1000${since === undefined ? '' : `&since=${since}`}`,
        )
      ).json()) as Events;
    const before = (await events()).lastSeq;
    const big = await call({
      path: 'Patient',
      body: JSON.stringify({ resourceType: 'Patient', text: { div: 'x'.repeat(300_000) } }),
    });
    expect(big.status).toBe(413);
    const gzip = await call({
      path: 'Patient',
      body: '{"resourceType":"Patient"}',
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(gzip.status).toBeGreaterThanOrEqual(400);
    expect(gzip.status).toBeLessThan(500);
    // A search by POST is a read: refused, but no submission.
    const search = await call({
      path: 'Patient/_search',
      body: `name=${'x'.repeat(300_000)}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(search.status).toBe(413);
    const after = (await events(before)).events;
    expect(after.map((e) => [e.kind, e.outcome, e.findings.map((f) => f.code)])).toEqual([
      ['request.refused', 'refused', ['FHIR-HTTP-413']],
      ['request.refused', 'refused', [codes(gzip.oo)[0]]],
    ]);
  });
});

describe('405 answers', () => {
  it('name the allowed methods in Allow', async () => {
    const res = await fetch(`${server.url}/fhir/Slot/1`, { method: 'PATCH' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'PUT']);
  });
});

describe('malformed input never gives a 500', () => {
  const nasty: Call[] = [];
  const bodies = [
    'null',
    'true',
    '42',
    '"Patient"',
    '{}',
    '{"resourceType":null}',
    '{"resourceType":42}',
    '{"resourceType":"Appointment"}',
    '{"resourceType":"Appointment","status":"booked","participant":"everyone"}',
    '{"resourceType":"Appointment","status":"booked","participant":[null]}',
    '{"resourceType":"Appointment","status":"booked","participant":[{"actor":{"identifier":{"system":"urn:oid:1.2.246.21","value":42}}}]}',
    '{"resourceType":"Appointment","status":"booked","participant":[{"status":"accepted"}],"_status":{"extension":[{"url":"https://hl7.fi/fhir/finnish-scheduling/StructureDefinition/ajanvarauksen-tila"}]}}',
    '{"resourceType":"Patient","__proto__":{"admin":true}}',
    '{"resourceType":"Patient","contained":[{"resourceType":"Nope"},null,7]}',
    '{"resourceType":"Patient","extension":[{"url":"x"}]}',
    '{"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.246.21","value":"\\u0000\\u0001"}]}',
    `{"resourceType":"Patient","name":[{"family":"${'Ä'.repeat(5000)}"}]}`,
    '{"resourceType":"Bundle"}',
    '{"resourceType":"Bundle","type":"transaction","entry":"x"}',
    '{"resourceType":"Bundle","type":"transaction","entry":[null]}',
    '{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"POST","url":"Appointment"},"resource":null}]}',
    '{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Appointment/../../etc"}},{"request":{"method":"POST","url":"Provenance"},"resource":{"resourceType":"Provenance"}}]}',
    '{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"POST","url":"Provenance"},"resource":{"resourceType":"Provenance","target":"x","agent":7}},{"request":{"method":"POST","url":"Appointment"},"resource":{"resourceType":"Appointment"}}]}',
    '{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Slot?start=%%%"}}]}',
    '{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"POST","url":""},"resource":{"resourceType":"Bundle","type":"batch"}}]}',
    '{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"PUT","url":"Patient/x","ifMatch":7}}]}',
    '\uFEFF{"resourceType":"Patient"',
    '\u0000\u0001\u0002',
    Buffer.from([0xff, 0xfe, 0xfd, 0x00]).toString('latin1'),
  ];
  for (const body of bodies) {
    nasty.push(
      { path: 'Patient', body },
      { path: '', body },
      { path: 'Appointment', body },
      { path: 'Appointment/$validate', body },
    );
  }
  nasty.push(
    {
      path: 'Appointment/_search',
      body: 'patient:identifier=%E0%A4%A&_count=-1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    {
      path: 'Appointment/_search',
      body: 'patient:identifier=x&date=ge2026-13-45',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    {
      path: 'Appointment/_history',
      body: '_count=99999999999',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    { method: 'GET', path: 'Slot?_sort=-&_include=::' },
    { method: 'GET', path: 'Slot?start=ge&status=' },
    { method: 'GET', path: '%E0%A4%A' },
    { method: 'GET', path: 'Patient/x/_history/abc' },
    { method: 'GET', path: 'Patient/_history?_since=yesterday' },
    { method: 'PUT', path: 'Appointment/x', body: '{}', headers: { 'If-Match': 'W/"99999999999999"' } },
    { method: 'DELETE', path: 'Slot/x', headers: { 'If-Match': '"' } },
    { path: 'Patient', body: '{"resourceType":"Patient"}', headers: { 'If-None-Exist': '&&&=' } },
    { path: 'Patient', body: '{"resourceType":"Patient"}', headers: { Prefer: 'return=banana' } },
  );

  it(`${nasty.length} malformed requests all get a 4xx OperationOutcome, and the server still works`, async () => {
    const statuses: number[] = [];
    const failures: string[] = [];
    for (const c of nasty) {
      const init: RequestInit = {
        method: c.method ?? 'POST',
        headers: { 'Content-Type': 'application/fhir+json', ...c.headers },
      };
      if (c.body !== undefined) init.body = c.body;
      const res = await fetch(`${server.url}/fhir/${c.path}`, init);
      const text = await res.text();
      if (res.status >= 500)
        failures.push(
          `${c.method ?? 'POST'} /fhir/${c.path} ${typeof c.body === 'string' ? c.body.slice(0, 80) : `${c.body?.length ?? 0} bytes`} → ${res.status} ${text}`,
        );
      statuses.push(res.status);
      if (res.status >= 400 && res.status < 500)
        expect((JSON.parse(text) as OperationOutcome).resourceType).toBe('OperationOutcome');
    }
    expect(failures).toEqual([]);
    // $validate answers 200 with its findings and a batch 200 with per-entry outcomes; nothing else succeeds.
    expect(statuses.filter((s) => s >= 400).length).toBeGreaterThan(nasty.length * 0.7);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ok = await call({
      path: 'Patient',
      body: '{"resourceType":"Patient","name":[{"family":"Elossa"}]}',
    });
    expect(ok.status).toBe(201);
  });
});

/**
 * Each refusal below is raised over HTTP in English and in Finnish. Every issue of the answer must follow
 * its code's catalogue template (else the answer falls back to the English the raise site wrote), so the
 * Finnish text differs from the English one.
 */
describe('error answers in the caller’s language', () => {
  const KANTA = 'urn:oid:1.2.246.537.5.40112.2006';
  const ENTRY = /^entry \d+: ([\s\S]*) \(nothing in the transaction was stored\)$/;
  let nullified = '';

  beforeAll(async () => {
    await call({
      method: 'PUT',
      path: 'Practitioner/loc-del',
      body: '{"resourceType":"Practitioner","id":"loc-del"}',
    });
    await call({ method: 'DELETE', path: 'Practitioner/loc-del' });
    const stored = await fetch(`${server.url}/fhir`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(storeBundle(kantaAppointment({ identifier: 'AJ-LOCALISED-1' }))),
    });
    const location = ((await stored.json()) as Bundle).entry?.[0]?.response?.location ?? '';
    nullified = location.split('/')[1] ?? '';
    const gone = await fetch(`${server.url}/fhir`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(nullifyBundle(nullified)),
    });
    expect(gone.status, await gone.text()).toBe(200);
  });

  /** Issues of an answer: the OperationOutcome's, or those of a batch answer's entries. */
  async function issues(c: Call, lang: string): Promise<OperationOutcome['issue']> {
    const init: RequestInit = {
      method: c.method ?? 'POST',
      headers: { 'Content-Type': 'application/fhir+json', ...c.headers, 'Accept-Language': lang },
    };
    if (c.body !== undefined) init.body = c.body;
    const res = await fetch(`${server.url}/fhir/${c.path}`, init);
    const body = (await res.json()) as OperationOutcome | Bundle;
    if (body.resourceType === 'OperationOutcome') return body.issue;
    return (body.entry ?? []).flatMap(
      (e) => (e.response?.outcome as OperationOutcome | undefined)?.issue ?? [],
    );
  }
  const codeOf = (issue: OperationOutcome['issue'][number]): string =>
    issue.details?.coding?.find((c) => c.system !== KANTA)?.code ?? '';

  const tx = (entry: BundleEntry[]): string =>
    JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry });
  const batch = (entry: unknown): string => JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry });
  const stored = (): BundleEntry[] =>
    storeBundle(kantaAppointment({ identifier: 'AJ-LOCALISED-2' })).entry ?? [];
  const changed = (entries: BundleEntry[], change: (e: BundleEntry[]) => void): string => {
    change(entries);
    return tx(entries);
  };

  const cases: [string, () => Call][] = [
    [
      'FHIR-HTTP-400',
      () => ({
        method: 'PUT',
        path: 'Patient/a1',
        body: '{"resourceType":"Patient","id":"a1"}',
        headers: { 'If-Match': 'three' },
      }),
    ],
    [
      'FHIR-HTTP-400',
      () => ({ path: 'Patient', body: '{"resourceType":"Patient"}', headers: { 'If-None-Exist': '?' } }),
    ],
    ['FHIR-HTTP-400', () => ({ method: 'GET', path: 'Patient/bad$id' })],
    [
      'FHIR-HTTP-400',
      () => ({ method: 'PUT', path: 'Patient/a1', body: '{"resourceType":"Patient","id":"b2"}' }),
    ],
    ['FHIR-HTTP-400', () => ({ method: 'PUT', path: 'Patient/a1', body: '{"resourceType":"Patient"}' })],
    [
      'FHIR-HTTP-400',
      () => ({
        path: 'Patient',
        body: '{"resourceType":"Patient"}',
        headers: { 'X-Kantasim-Mode': 'lenient' },
      }),
    ],
    ['FHIR-HTTP-400', () => ({ method: 'GET', path: '%E0%A4%A' })],
    [
      'FHIR-HTTP-400',
      () => ({
        path: 'Patient',
        body: '{"resourceType":"Patient"}',
        headers: { 'Content-Encoding': 'gzip' },
      }),
    ],
    [
      'FHIR-HTTP-400',
      () => ({
        path: 'Patient',
        body: '{"resourceType":"Patient"}',
        headers: { 'Content-Encoding': 'compress' },
      }),
    ],
    ['FHIR-HTTP-404', () => ({ method: 'GET', path: 'Patient/nope' })],
    ['FHIR-HTTP-404', () => ({ method: 'GET', path: 'Patient/nope/_history' })],
    ['FHIR-HTTP-404', () => ({ method: 'GET', path: 'Patient/nope/_history/1' })],
    ['FHIR-HTTP-404', () => ({ method: 'GET', path: 'Patient/nope/_history/abc' })],
    ['FHIR-HTTP-404', () => ({ method: 'GET', path: '_page/no-such-token' })],
    ['FHIR-HTTP-404', () => ({ path: 'Observation', body: '{"resourceType":"Observation"}' })],
    ['FHIR-HTTP-404', () => ({ method: 'GET', path: 'Patient/1/2/3/4' })],
    [
      'FHIR-HTTP-404',
      () => ({ path: '', body: batch([{ request: { method: 'GET', url: 'Patient/1/2/3/4' } }]) }),
    ],
    [
      'FHIR-HTTP-404',
      () => ({
        method: 'PUT',
        path: 'Appointment/nope',
        body: JSON.stringify({ ...kantaAppointment(), id: 'nope' }),
        headers: { 'If-Match': 'W/"1"' },
      }),
    ],
    [
      'FHIR-HTTP-404',
      () => ({
        method: 'PUT',
        path: `Appointment/${nullified}`,
        body: JSON.stringify({ ...kantaAppointment(), id: nullified }),
        headers: { 'If-Match': 'W/"1"' },
      }),
    ],
    [
      'FHIR-HTTP-404',
      () => ({
        path: '',
        body: JSON.stringify(replaceBundle('no-such-appointment', kantaAppointment(), { ifMatch: 'W/"1"' })),
      }),
    ],
    ['FHIR-HTTP-405', () => ({ method: 'PATCH', path: 'Patient/1', body: '[]' })],
    ['FHIR-HTTP-405', () => ({ method: 'GET', path: 'metadata/x' })],
    ['FHIR-HTTP-405', () => ({ method: 'DELETE', path: 'Appointment/x' })],
    [
      'FHIR-HTTP-406',
      () => ({ method: 'GET', path: 'metadata', headers: { Accept: 'application/fhir+xml' } }),
    ],
    ['FHIR-HTTP-406', () => ({ method: 'GET', path: 'Patient?_format=xml' })],
    ['FHIR-HTTP-410', () => ({ method: 'GET', path: 'Practitioner/loc-del' })],
    ['FHIR-HTTP-410', () => ({ method: 'GET', path: 'Practitioner/loc-del/_history/2' })],
    ['FHIR-HTTP-410', () => ({ path: '', body: JSON.stringify(nullifyBundle(nullified)) })],
    [
      'FHIR-HTTP-410',
      () => ({
        path: '',
        body: JSON.stringify(replaceBundle(nullified, kantaAppointment(), { ifMatch: 'W/"1"' })),
      }),
    ],
    [
      'FHIR-HTTP-413',
      () => ({
        path: 'Patient',
        body: JSON.stringify({ resourceType: 'Patient', text: { div: 'x'.repeat(300_000) } }),
      }),
    ],
    [
      'FHIR-HTTP-415',
      () => ({ path: 'Patient', body: '<Patient/>', headers: { 'Content-Type': 'application/fhir+xml' } }),
    ],
    ['FHIR-HTTP-415', () => ({ path: 'Patient', body: '{}', headers: { 'Content-Type': '' } })],
    ['FHIR-HTTP-415', () => ({ path: 'Appointment/_search', body: 'patient=x' })],
    [
      'FHIR-HTTP-415',
      () => ({ path: 'Appointment/_search', body: 'patient=x', headers: { 'Content-Type': '' } }),
    ],
    ['FHIR-SEARCH-001', () => ({ method: 'GET', path: 'Patient?shoe-size=42' })],
    [
      'FHIR-SEARCH-001',
      () => ({
        path: 'Patient',
        body: '{"resourceType":"Patient"}',
        headers: { 'If-None-Exist': 'shoe-size=42' },
      }),
    ],
    ['FHIR-SEARCH-002', () => ({ method: 'GET', path: 'Patient?name:bogus=x' })],
    ['FHIR-SEARCH-005', () => ({ method: 'GET', path: 'Slot?start=soon' })],
    ['FHIR-SEARCH-005', () => ({ method: 'GET', path: 'Patient?_lastUpdated=yesterday' })],
    ['FHIR-SEARCH-005', () => ({ method: 'GET', path: 'Patient/_history?_since=yesterday' })],
    ['FHIR-SEARCH-013', () => ({ method: 'GET', path: 'Patient?_summary=true' })],
    ['FHIR-BUNDLE-001', () => ({ path: '', body: batch('x') })],
    ['FHIR-BUNDLE-001', () => ({ path: '', body: batch([{ resource: { resourceType: 'Patient' } }]) })],
    [
      'FHIR-BUNDLE-001',
      () => ({ path: '', body: batch([{ request: { method: 'PATCH', url: 'Patient' } }]) }),
    ],
    [
      'FHIR-BUNDLE-001',
      () => ({ path: '', body: batch([{ request: { method: 'GET', url: 'https://x/Patient' } }]) }),
    ],
    [
      'FHIR-BUNDLE-001',
      () => ({ path: '', body: batch([{ request: { method: 'GET', url: 'Patient/%zz' } }]) }),
    ],
    [
      'FHIR-BUNDLE-001',
      () => ({ path: '', body: batch([{ request: { method: 'PUT', url: 'Patient/x', ifMatch: 7 } }]) }),
    ],
    [
      'FHIR-BUNDLE-001',
      () => ({ path: '', body: batch([{ fullUrl: 7, request: { method: 'GET', url: 'Patient' } }]) }),
    ],
    [
      'FHIR-BUNDLE-001',
      () => ({ path: '', body: batch([{ resource: 'x', request: { method: 'POST', url: 'Patient' } }]) }),
    ],
    ['KANTA-TX-001', () => ({ path: '', body: tx([...stored(), ...stored().slice(0, 1)]) })],
    ['KANTA-TX-001', () => ({ path: '', body: tx(stored().slice(0, 1)) })],
    ['KANTA-TX-001', () => ({ path: '', body: changed(stored(), (e) => delete e[0]?.fullUrl) })],
    [
      'KANTA-TX-001',
      () => ({
        path: '',
        body: changed(stored(), (e) => {
          if (e[0]?.request) e[0].request.method = 'GET';
        }),
      }),
    ],
    [
      'KANTA-TX-001',
      () => ({
        path: '',
        body: changed(stored(), (e) => {
          if (e[0]?.request) e[0].request.url = 'Appointment/x';
        }),
      }),
    ],
    [
      'KANTA-TX-001',
      () => ({
        path: '',
        body: changed(stored(), (e) => {
          if (e[1]?.request) e[1].request.method = 'PUT';
        }),
      }),
    ],
    [
      'KANTA-TX-001',
      () => ({
        path: '',
        body: changed(
          stored(),
          (e) =>
            (e[0] = { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } }),
        ),
      }),
    ],
    ['KANTA-TX-001', () => ({ path: '', body: changed(stored(), (e) => (e[1] = e[0] as BundleEntry)) })],
    ['KANTA-TX-001', () => ({ path: '', body: changed(stored(), (e) => (e[0] = e[1] as BundleEntry)) })],
    [
      'KANTA-TX-001',
      () => ({
        path: '',
        body: changed(nullifyBundle('x').entry ?? [], (e) => {
          if (e[1]) e[1].resource = kantaAppointment();
        }),
      }),
    ],
    [
      'KANTA-TX-001',
      () => ({
        path: '',
        body: changed(nullifyBundle('x').entry ?? [], (e) => {
          if (e[1]?.request) e[1].request.url = 'Slot/x';
        }),
      }),
    ],
    ['KANTA-TX-001', () => ({ path: '', body: JSON.stringify(nullifyBundle('../../etc')) })],
    ['KANTA-TX-003', () => ({ path: '', body: JSON.stringify(replaceBundle('abc', kantaAppointment())) })],
    [
      'KANTA-TX-001',
      () => ({
        path: '',
        body: changed(replaceBundle('abc', kantaAppointment()).entry ?? [], (e) => {
          if (e[0]?.resource) e[0].resource.id = 'xyz';
        }),
      }),
    ],
    [
      'KANTA-ID-003',
      () => ({
        path: 'Patient',
        body: JSON.stringify({ resourceType: 'Patient', name: [{ text: `Potilas ${REAL_RANGE_HETU}` }] }),
      }),
    ],
    [
      'R4-PRIM-001',
      () => ({
        path: 'Patient',
        body: '{"resourceType":"Patient","birthDate":"1990-01-01","_birthDate":"x"}',
      }),
    ],
    [
      'R4-PRIM-001',
      () => ({
        path: 'Patient',
        body: '{"resourceType":"Patient","birthDate":"1990-01-01","_birthDate":{"extension":[7]}}',
      }),
    ],
    [
      'R4-JSON-002',
      () => ({
        path: 'Patient',
        body: '{"resourceType":"Patient","birthDate":"1990-01-01","_birthDate":{"id":"no spaces"}}',
      }),
    ],
    [
      'R4-JSON-006',
      () => ({ path: 'Patient', body: '{"resourceType":"Patient","name":[{"family":"a\\ud800b"}]}' }),
    ],
    [
      'FHIR-STRUCT-005',
      () => ({ path: 'Patient', body: '{"resourceType":"Patient","birthDate":"2020-02-30"}' }),
    ],
  ];

  cases.forEach(([code, make], n) => {
    const { method = 'POST', path } = make();
    it(`${n + 1}. ${code} for ${method} /fhir/${path.slice(0, 50)} follows its template, so reads in Finnish too`, async () => {
      const c = make();
      const [en, fi] = [await issues(c, 'en'), await issues(c, 'fi')];
      expect(en.map(codeOf), JSON.stringify(en)).toContain(code);
      expect(fi.map(codeOf)).toEqual(en.map(codeOf));
      en.forEach((issue, i) => {
        const text = issue.diagnostics ?? '';
        const message = ENTRY.exec(text)?.[1] ?? text;
        expect(canLocalise({ code: codeOf(issue), message }), `${codeOf(issue)}: ${message}`).toBe(true);
        expect(fi[i]?.diagnostics, `${codeOf(issue)} in Finnish`).not.toBe(text);
      });
    });
  });
});
