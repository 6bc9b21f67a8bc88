/**
 * The fuzz suite: seeded, bounded random inputs against every endpoint of a running simulator, built
 * from valid samples and then broken (malformed JSON and XML, wrong types, deep nesting, huge values,
 * odd percent- and content-encodings, broken MIME and base64, wrong media types).
 *
 * The bar is the project's: bad input always gets a 4xx with a clear answer, never a 5xx, never a
 * hang, never unbounded memory growth. `runFuzz` reports every 5xx and every answer slower than the
 * hang limit with the input that caused it (replayable with the same seed), and the server's RSS
 * growth. Used by `npm run fuzz` (scripts/fuzz/run.ts) and by the short seeded pass in `npm test`.
 */
import { gzipSync } from 'node:zlib';
import { buildCda, buildMessage } from '../../fixtures/cda/index.ts';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { sampleRun } from '../../test/support/run-sample.ts';

export interface FuzzOptions {
  url: string;
  seed: number;
  /** Stop after this many inputs. */
  count: number;
  /** Stop after this long, in ms, whichever comes first. */
  timeLimitMs: number;
  /** An answer slower than this is a hang. */
  hangMs?: number;
  /** The server's resident set size, sampled to detect growth. */
  rss?: () => number | undefined;
  onProgress?: (done: number, report: FuzzReport) => void;
}

export interface FuzzFailure {
  n: number;
  kind: '5xx' | 'hang' | 'network';
  method: string;
  path: string;
  status?: number;
  detail: string;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  statuses: Record<string, number>;
  failures: FuzzFailure[];
  rssStart?: number;
  rssPeak?: number;
  rssEnd?: number;
}

/** mulberry32: small, fast, seedable; good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Input {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const int = (r: Rand, max: number): number => Math.floor(r() * max);

const ODD_STRINGS = [
  '',
  ' ',
  '%zz',
  '%',
  '%00',
  '%C0%AF',
  '..%2F..%2Fetc%2Fpasswd',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '<script>',
  "'; DROP TABLE x;--",
  '131052-308T',
  '010181-900C',
  '1.2.246.10.3210987.10.0',
  'ä'.repeat(300),
  'x'.repeat(70_000),
  '9'.repeat(400),
  '-1',
  '1e309',
  'null',
  'true',
];

function randomValue(r: Rand, depth = 0): unknown {
  switch (int(r, 10)) {
    case 0:
      return null;
    case 1:
      return pick(r, [0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
    case 2:
      return r() < 0.5;
    case 3:
      return pick(r, ODD_STRINGS);
    case 4:
      return depth > 3 ? [] : Array.from({ length: int(r, 4) }, () => randomValue(r, depth + 1));
    case 5:
      return depth > 3
        ? {}
        : { [pick(r, ['a', 'resourceType', 'id', '_status', 'url'])]: randomValue(r, depth + 1) };
    case 6:
      return deepNest(r, 20 + int(r, 2000));
    case 7:
      return Array.from({ length: 1000 + int(r, 60_000) }, (_, i) => i);
    default:
      return pick(r, ODD_STRINGS).slice(0, 40);
  }
}

function deepNest(r: Rand, depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = r() < 0.5 ? [v] : { a: v };
  return v;
}

/** Replaces, deletes or adds one value somewhere inside `root` (a JSON tree). */
function mutateJson(r: Rand, root: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  const steps = 1 + int(r, 3);
  for (let s = 0; s < steps; s++) {
    let node = copy;
    for (let d = 0; d < 8; d++) {
      if (node === null || typeof node !== 'object') break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = pick(r, keys);
      const child = (node as Record<string, unknown>)[key];
      if (r() < 0.35 || child === null || typeof child !== 'object') {
        const action = int(r, 4);
        if (action === 0 && !Array.isArray(node)) Reflect.deleteProperty(node, key);
        else if (action === 1 && !Array.isArray(node))
          (node as Record<string, unknown>)[`${key}X`] = randomValue(r);
        else (node as Record<string, unknown>)[key] = randomValue(r);
        break;
      }
      node = child;
    }
  }
  return copy;
}

/** Breaks text: truncation, byte flips, duplicated or removed slices, inserted junk. */
function mutateText(r: Rand, text: string): string {
  const at = int(r, text.length + 1);
  switch (int(r, 8)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return (
        text.slice(0, at) +
        pick(r, ['{', '}', '<', '>', '"', '&', '&foo;', '\\', ',', ']]>', '<!DOCTYPE x [<!ENTITY a "b">]>']) +
        text.slice(at)
      );
    case 2:
      return text.slice(0, at) + text.slice(at + int(r, 200));
    case 3:
      return text.slice(0, at) + text.slice(Math.max(0, at - 500), at) + text.slice(at);
    case 4:
      return text.slice(0, at) + pick(r, ODD_STRINGS) + text.slice(at);
    case 5:
      return text.replace(/[A-Za-z0-9+/]{40}/, '!!!!****');
    case 6:
      return text.replace('boundary', pick(r, ['boundry', 'boundary=""', 'boundary=x']));
    default:
      return '<a>'.repeat(int(r, 5000)) + text;
  }
}

const JSON_TYPES = [
  'application/json',
  'application/fhir+json',
  'text/plain',
  'application/xml',
  '',
  'application/json; charset=latin1',
  'multipart/form-data; boundary=x',
];
const XML_TYPES = [
  'application/xml',
  'text/xml',
  'application/soap+xml',
  'application/hl7-cda+xml',
  'application/json',
  '',
  'text/xml; charset=utf-16',
];

const encoder = new TextEncoder();

/** encodeURIComponent that also takes lone surrogates (as their replacement character). */
const enc = (value: string): string => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

/** Wraps a body in a random transfer oddity: wrong or right Content-Encoding, invalid UTF-8, a BOM. */
function oddEncoding(r: Rand, input: Input): Input {
  if (input.body === undefined) return input;
  const bytes = typeof input.body === 'string' ? encoder.encode(input.body) : input.body;
  switch (int(r, 10)) {
    case 0:
      return {
        ...input,
        headers: {
          ...input.headers,
          'Content-Encoding': pick(r, ['gzip', 'deflate', 'br', 'zstd', 'compress', 'gzip, gzip']),
        },
      };
    case 1:
      return {
        ...input,
        headers: { ...input.headers, 'Content-Encoding': 'gzip' },
        body: new Uint8Array(gzipSync(bytes)),
      };
    case 2: {
      const copy = new Uint8Array(bytes);
      for (let i = 0; i < 1 + int(r, 5); i++)
        if (copy.length > 0) copy[int(r, copy.length)] = 0xc0 + int(r, 0x40);
      return { ...input, body: copy };
    }
    case 3:
      return { ...input, body: new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) };
    case 4:
      return { ...input, body: new Uint8Array([0xff, 0xfe, ...bytes]) };
    default:
      return input;
  }
}

const ENDPOINT_PATHS = [
  '/',
  '/healthz',
  '/fhir/metadata',
  '/fhir/Patient',
  '/fhir/Appointment',
  '/fhir/Slot/%zz',
  '/fhir/Patient/abc/_history',
  '/fhir/Appointment/_history',
  '/archive/documents',
  '/archive/documents/%zz',
  '/archive/documents/1.2.3/versions',
  '/archive/documents/1.2.3/header',
  '/archive/documents/1.2.3/findings',
  '/registry/organisations',
  '/registry/organisations/%zz',
  '/registry/systems',
  '/registry/systems/%E0%A4%A',
  '/registry/customers/1.2.246.10.3210987.10.0',
  '/registry/test-persons',
  '/registry/test-persons/131052-308T',
  '/registry/readiness/1.2.246.10.2876543.10.0',
  '/registry/archivists',
  '/events',
  '/runs',
  '/runs/%zz',
  '/viewer',
  '/viewer/sign-in',
  '/viewer/documents/%zz',
];

const QUERY_KEYS = [
  '_id',
  'identifier',
  'name',
  'date',
  '_count',
  '_offset',
  '_sort',
  '_include',
  'since',
  'limit',
  'patient',
  'from',
  'to',
  'kind',
  'repository',
  'x',
  '_format',
  'status',
];

function randomQuery(r: Rand): string {
  const parts: string[] = [];
  for (let i = 0; i < int(r, 4); i++) {
    const key = pick(r, QUERY_KEYS);
    const value =
      r() < 0.2
        ? Array.from({ length: 50 + int(r, 700) }, (_, j) => `v${j}`).join(',')
        : enc(pick(r, ODD_STRINGS).slice(0, 200));
    parts.push(`${key}=${r() < 0.1 ? '%zz' : value}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** One random input. Every endpoint family gets its share. */
export function generate(r: Rand): Input {
  const family = int(r, 9);
  switch (family) {
    case 0: {
      // FHIR transaction and resources.
      const base =
        r() < 0.5
          ? storeBundle()
          : { ...kantaAppointment(), resourceType: pick(r, ['Appointment', 'Patient', 'Slot']) };
      const body = r() < 0.6 ? JSON.stringify(mutateJson(r, base)) : mutateText(r, JSON.stringify(base));
      const path = pick(r, [
        '/fhir',
        '/fhir/Patient',
        '/fhir/Appointment',
        '/fhir/Appointment/x1',
        '/fhir/Slot/$validate',
        '/fhir/Appointment/$validate',
      ]);
      return oddEncoding(r, {
        method: path.endsWith('x1') ? 'PUT' : 'POST',
        path,
        headers: {
          'Content-Type': pick(r, ['application/fhir+json', 'application/fhir+json', ...JSON_TYPES]),
          ...(r() < 0.2 ? { 'If-Match': pick(r, ['W/"1"', 'x', '']) } : {}),
        },
        body,
      });
    }
    case 1: {
      // FHIR search by form body.
      const body = randomQuery(r).slice(1);
      return {
        method: 'POST',
        path: pick(r, ['/fhir/Appointment/_search', '/fhir/Patient/_search', '/fhir/Appointment/_history']),
        headers: {
          'Content-Type': pick(r, [
            'application/x-www-form-urlencoded',
            'application/x-www-form-urlencoded',
            'text/plain',
          ]),
        },
        body,
      };
    }
    case 2:
    case 3: {
      // Archive: messages and bare documents.
      const cda = buildCda();
      let text =
        r() < 0.7
          ? buildMessage(cda, { soap: pick(r, [false, '1.1', '1.2'] as const), base64: r() < 0.8 })
          : cda;
      for (let i = 0; i < 1 + int(r, 3); i++) text = mutateText(r, text);
      return oddEncoding(r, {
        method: 'POST',
        path: pick(r, ['/archive/pta', '/archive/social']),
        headers: {
          'Content-Type': pick(r, XML_TYPES),
          Accept: pick(r, ['application/json', 'application/xml']),
          ...(r() < 0.1 ? { 'X-Kantasim-Mode': pick(r, ['rehearsal', 'x']) } : {}),
        },
        body: text,
      });
    }
    case 4: {
      // Registry bodies.
      const samples: [string, string, unknown][] = [
        [
          'POST',
          '/registry/organisations',
          { oid: '1.2.246.10.1234567.10.0', name: 'Fuzz Oy', kind: 'organisation', public: false },
        ],
        [
          'POST',
          '/registry/systems',
          {
            id: 'fuzz-1',
            vendor: 'V',
            product: 'P',
            version: '1',
            category: 'A',
            certifiedFor: ['pta-appointment'],
          },
        ],
        [
          'PUT',
          '/registry/customers/1.2.246.10.1234567.10.0',
          {
            serviceDescriptionAccepted: true,
            system: 'fuzz-1',
            connectionPoints: [],
            services: [],
            documentGroups: [],
            serviceTasks: [],
          },
        ],
        [
          'POST',
          '/registry/test-persons/issue',
          { vendor: 'V', customer: '1.2.246.10.3210987.10.0', service: 'pta-appointment', count: 1 },
        ],
        ['POST', '/registry/test-persons', { codes: ['010181-900C'] }],
        [
          'POST',
          '/registry/archivists',
          {
            id: 'fuzz.archivist',
            name: 'F',
            registerController: '1.2.246.10.3210987.19.0',
            passcode: 'long enough',
          },
        ],
        ['POST', '/archive/documents/1.2.3/nullify', { reason: 'x' }],
      ];
      const [method, path, base] = pick(r, samples);
      const body = r() < 0.7 ? JSON.stringify(mutateJson(r, base)) : mutateText(r, JSON.stringify(base));
      return oddEncoding(r, {
        method,
        path,
        headers: { 'Content-Type': pick(r, ['application/json', 'application/json', ...JSON_TYPES]) },
        body,
      });
    }
    case 5: {
      // Recorded runs.
      const base = sampleRun();
      const body = r() < 0.7 ? JSON.stringify(mutateJson(r, base)) : mutateText(r, JSON.stringify(base));
      return oddEncoding(r, {
        method: 'POST',
        path: '/runs',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
    }
    case 6: {
      // Viewer sign-in form.
      const body =
        r() < 0.5
          ? `archivist=${enc(pick(r, ODD_STRINGS))}&passcode=${pick(r, ['', '%zz', 'x'])}`
          : mutateText(r, 'archivist=arkistonhoitaja.kuusijarvi&passcode=');
      return {
        method: 'POST',
        path: '/viewer/sign-in',
        headers: {
          'Content-Type': pick(r, ['application/x-www-form-urlencoded', 'text/plain']),
          Origin: pick(r, ['null', 'http://evil.example', '']),
        },
        body,
      };
    }
    default: {
      // Reads with odd paths and queries.
      let path = pick(r, ENDPOINT_PATHS);
      if (r() < 0.3) path += `/${pick(r, ['%zz', '%', '%2e%2e', enc(pick(r, ODD_STRINGS).slice(0, 100))])}`;
      return {
        method: pick(r, ['GET', 'GET', 'GET', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']),
        path: path + randomQuery(r),
        headers: {
          Accept: pick(r, [
            'application/json',
            'application/fhir+json',
            'text/html',
            'application/xml',
            'image/png',
          ]),
        },
      };
    }
  }
}

/** Runs the fuzz pass; never throws for a server failure, it reports it. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const r = prng(options.seed);
  const hangMs = options.hangMs ?? 5_000;
  const report: FuzzReport = { seed: options.seed, inputs: 0, statuses: {}, failures: [] };
  const started = Date.now();
  const sample = (): void => {
    const rss = options.rss?.();
    if (rss === undefined) return;
    report.rssStart ??= rss;
    report.rssPeak = Math.max(report.rssPeak ?? 0, rss);
    report.rssEnd = rss;
  };
  for (let n = 0; n < options.count && Date.now() - started < options.timeLimitMs; n++) {
    const input = generate(r);
    const t0 = Date.now();
    try {
      const init: RequestInit = {
        method: input.method,
        headers: input.headers,
        signal: AbortSignal.timeout(hangMs + 5_000),
        redirect: 'manual',
      };
      if (input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD')
        init.body = typeof input.body === 'string' ? input.body : Buffer.from(input.body);
      const res = await fetch(options.url + input.path, init);
      const text = await res.text();
      const ms = Date.now() - t0;
      const key = `${Math.floor(res.status / 100)}xx`;
      report.statuses[key] = (report.statuses[key] ?? 0) + 1;
      if (res.status >= 500)
        report.failures.push({
          n,
          kind: '5xx',
          method: input.method,
          path: input.path.slice(0, 200),
          status: res.status,
          detail: text.slice(0, 300),
        });
      else if (ms > hangMs)
        report.failures.push({
          n,
          kind: 'hang',
          method: input.method,
          path: input.path.slice(0, 200),
          status: res.status,
          detail: `answered after ${ms} ms`,
        });
    } catch (err) {
      const ms = Date.now() - t0;
      report.failures.push({
        n,
        kind: ms > hangMs ? 'hang' : 'network',
        method: input.method,
        path: input.path.slice(0, 200),
        detail: `${err instanceof Error ? err.message : String(err)} after ${ms} ms`,
      });
    }
    report.inputs = n + 1;
    if (n % 50 === 0) sample();
    if (n % 250 === 0) options.onProgress?.(n, report);
  }
  sample();
  return report;
}

/** RSS growth beyond this between the first and the last sample counts as unbounded. */
export const MAX_RSS_GROWTH = 768 * 1024 * 1024;

/** True when the report meets the bar: no 5xx, no hang, no network failure, bounded memory. */
export function passed(report: FuzzReport): boolean {
  const growth = (report.rssEnd ?? 0) - (report.rssStart ?? 0);
  return report.failures.length === 0 && growth < MAX_RSS_GROWTH;
}
