/**
 * The identity guard: the one place that decides what a real person's identity code is, where kantasim
 * looks for one, and how one is masked before anything is kept.
 *
 * kantasim is a test harness. Kanta's test etiquette allows only Kela-issued test codes (individual
 * number 900–999) in testing, so a code in the real-person range (002–899) with a valid check character
 * is a real person's code, and unless the operator started the server with `--allow-real-identities`
 * it must never be stored, indexed, logged or shown. The guard has two halves:
 *
 * - **Refuse** (the rule modules call `classify`, `findRealCodes`, `normaliseSystem`): the table
 *   `GUARD_CHECKS` below lists every field that is checked on every channel and the finding it gives.
 *   Every such finding carries `guard: true`, so no mode (rehearsal included) turns it into a warning.
 *   The answer to the submitter (OperationOutcome, acknowledgement) repeats the code it sent, so the
 *   vendor can find it; nothing else does.
 * - **Mask** (`maskText`, `maskDeep`): the choke points that keep or show data (the event log append,
 *   the access-log append, the JSON log stream, recorded runs, paging state, answers that repeat the
 *   request) replace every real-range code with its masked form `131052-***T` (birth date, century
 *   sign and check character kept, individual number hidden), so a refused submission is still
 *   traceable by date and request id but never by the code.
 *
 * A code is looked for as written, after letters too (`HETU131052-308T`), and as percent-decoding
 * shows it (`%20131052-308T` in a URL); a narrative also as its reader sees it (`readerText`).
 *
 * Pure: no I/O.
 *
 * See: https://www.kanta.fi/en/system-developers/test-etiquette (only 900-series test codes in testing)
 * See: https://dvv.fi/en/personal-identity-code (format and check character)
 * See: https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition-fi-base-patient.html (temporary IDs)
 */
import { HETU_OID, isTemporaryIdRoot, parseHetu } from './hetu.ts';

/**
 * What a value given as an identity is:
 * - `test`: a valid code in the test range 900–999;
 * - `real`: a checksum-valid code in the real-person range 002–899 (refused unless allowed);
 * - `temporary`: a value under a temporary-ID root (`….22.<year>`) that is not a real person's code;
 *   such IDs are not checksum-validated (real hospital material carries e.g. `010100A998F`);
 * - `invalid`: anything else given as an identity code (format, date or check character wrong).
 */
export type IdentityClass = 'test' | 'real' | 'temporary' | 'invalid';

/** Where a field sits, for the table of checks. */
export type GuardChannel =
  'fhir' | 'archive' | 'runs' | 'registry' | 'events' | 'log' | 'access-log' | 'store' | 'answers';

export interface GuardCheck {
  channel: GuardChannel;
  /** The fields looked at. */
  fields: string;
  /** What is done with a real-range code there. */
  action: string;
  /** Finding or error code given (refusals); absent for masking choke points. */
  code?: string;
}

/**
 * What the guard checks where. This table is the specification; the rule modules and choke points
 * implement it and the tests in `test/integration/identity-guard.test.ts` exercise every row.
 */
export const GUARD_CHECKS: readonly GuardCheck[] = [
  {
    channel: 'fhir',
    fields:
      'Identifier.value whose system is the identity-code system, however written (urn:oid:1.2.246.21 in any letter case, with spaces)',
    action: 'full validation: format, date, check character, test range',
    code: 'KANTA-ID-001 (invalid), KANTA-ID-002 (real range)',
  },
  {
    channel: 'fhir',
    fields:
      'Identifier.value under a temporary-ID system (urn:oid:1.2.246.10.<org>.22.<year>) or any other system',
    action: 'refused when it is a checksum-valid real-range code; otherwise accepted unchecked',
    code: 'KANTA-ID-002',
  },
  {
    channel: 'fhir',
    fields:
      'every other string of the resource: ids (also the id of PUT /fhir/{type}/{id}), narrative, display, comment, names, extensions',
    action: 'refused when it contains a checksum-valid real-range code',
    code: 'KANTA-ID-003',
  },
  {
    channel: 'fhir',
    fields: 'Identifier.system spelt differently from urn:oid:1.2.246.21 but naming it',
    action: 'warned: write the system exactly',
    code: 'KANTA-ID-004',
  },
  {
    channel: 'archive',
    fields:
      '@extension under @root 1.2.246.21 and @code under @codeSystem 1.2.246.21 (roots compared without spaces)',
    action: 'full validation',
    code: 'CDA-ID-001/004 (invalid), CDA-ID-002 (real range)',
  },
  {
    channel: 'archive',
    fields: '@extension under a temporary-ID root (patientRole/id and elsewhere)',
    action: 'refused when it is a checksum-valid real-range code; otherwise a temporary ID',
    code: 'CDA-ID-002',
  },
  {
    channel: 'archive',
    fields:
      'every other attribute value and text node of the document and of its message frame (narrative, names, other ids, the message id); as written: comments, processing instructions, namespace declarations, text split by inline markup, MIME headers; decoded: base64 content of any media type, inflated when compressed, and the text a PDF shows (FlateDecode content streams, strings, kerned pieces)',
    action: 'refused when it contains a checksum-valid real-range code',
    code: 'CDA-ID-007',
  },
  {
    channel: 'archive',
    fields: 'the reason and who of a nullification (`POST /archive/documents/{oid}/nullify`)',
    action: 'refused when it contains a checksum-valid real-range code',
    code: 'CDA-ID-007',
  },
  {
    channel: 'fhir',
    fields: 'a narrative (`div`) as its reader sees it: tags removed, character references decoded',
    action: 'refused when it shows a checksum-valid real-range code',
    code: 'KANTA-ID-003',
  },
  {
    channel: 'runs',
    fields: 'every string of a POST /runs body (testPersons, evidence, messages)',
    action: 'refused (the runner masks before it records)',
    code: 'real-identity (HTTP 422)',
  },
  {
    channel: 'registry',
    fields:
      'every field of a registry write (organisation, system, customer, archivist, test-person issue) but a passcode, which is kept only as a hash',
    action: 'refused',
    code: 'real-identity (HTTP 400)',
  },
  {
    channel: 'events',
    fields: 'every string of an event (patient, summary, findings, details) before it is appended',
    action: 'masked; /events, /events/stream and the viewer read only the masked form',
  },
  {
    channel: 'log',
    fields: 'every JSON log line (request URLs, messages)',
    action: 'masked, in every mode',
  },
  {
    channel: 'access-log',
    fields: "the viewer access log's patient and target",
    action: 'masked, in every mode',
  },
  {
    channel: 'store',
    fields: 'the parameters of an appointment search kept for its paging links (`page_tokens`)',
    action: 'masked (such a search finds nothing strict mode stored, and neither does its next page)',
  },
  {
    channel: 'answers',
    fields:
      "what an answer repeats of the request: JSON API error messages (in every mode), FHIR issues but the guard's own refusals (also in a batch's entries), a FHIR Bundle's links, every viewer page (its fields, return paths, 404s)",
    action: 'masked',
  },
];

// Six date digits, a century sign, three digits and a check character. Not inside a longer number,
// and not followed by a letter or digit; a letter before the code does not hide it (`HETU131052-308T`,
// `%7C131052-308T`, `\n131052-308T` in a JSON log line). Case-insensitive so that a lower-case copy of
// a code is caught too.
const CODE_SHAPE = /(?<!\d)(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![0-9A-Za-z])/gi;
/** A percent escape (`%20`, `%7C`, `%2D`): the text may carry a code only its decoded form shows. */
const ESCAPE = /%[0-9A-Fa-f]{2}/;
/** Rounds of percent-decoding looked through (`%2520` is `%20` encoded once more). */
const DECODE_ROUNDS = 3;

/** True if `code` (exactly one code, upper case) is a checksum-valid code in the real-person range. */
export function isRealCode(code: string): boolean {
  const parsed = parseHetu(code);
  return parsed.ok && parsed.hetu.range === 'person';
}

/**
 * `text` percent-decoded once, with where each decoded character came from in the text
 * (`from[i]`..`to[i]`, end exclusive). Only ASCII escapes are decoded (a code is ASCII); any other
 * escape stands for one character that is neither letter nor digit.
 */
function percentDecoded(
  text: string,
  from: number[],
  to: number[],
): { text: string; from: number[]; to: number[] } {
  let out = '';
  const f: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < text.length;) {
    const escape = text.charAt(i) === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3));
    const width = escape ? 3 : 1;
    const byte = escape ? parseInt(text.slice(i + 1, i + 3), 16) : -1;
    out += !escape ? text.charAt(i) : byte < 0x80 ? String.fromCharCode(byte) : '\ufffd';
    f.push(from[i] ?? i);
    t.push(to[i + width - 1] ?? i + width);
    i += width;
  }
  return { text: out, from: f, to: t };
}

/** Every real-range code that only percent-decoding `text` shows, with where it sits in `text`. */
function escapedCodes(text: string): { code: string; number: [number, number] }[] {
  // indexOf first: it is about forty times cheaper than the pattern over a long text without any `%`.
  if (!text.includes('%') || !ESCAPE.test(text)) return [];
  const out = new Map<number, { code: string; number: [number, number] }>();
  const identity = Array.from({ length: text.length }, (_, i) => i);
  let view = { text, from: identity, to: identity.map((i) => i + 1) };
  for (let round = 0; round < DECODE_ROUNDS && ESCAPE.test(view.text); round++) {
    view = percentDecoded(view.text, view.from, view.to);
    for (const m of view.text.matchAll(CODE_SHAPE)) {
      const code = m[0].toUpperCase();
      const at = m.index;
      const start = view.from[at + 7] ?? 0;
      if (isRealCode(code) && !out.has(start))
        out.set(start, { code, number: [start, view.to[at + 9] ?? 0] });
    }
  }
  return [...out.values()];
}

/**
 * Every checksum-valid real-range code inside `text`, as written there; a code that only shows once
 * the text is percent-decoded (`%20131052-308T`, `131052%2D308T`) is given decoded.
 */
export function findRealCodes(text: string): string[] {
  const out: string[] = [];
  if (text.length < 11) return out;
  for (const m of text.matchAll(CODE_SHAPE)) if (isRealCode(m[0].toUpperCase())) out.push(m[0]);
  for (const { code } of escapedCodes(text)) if (!out.includes(code)) out.push(code);
  return out;
}

/** Characters a reader does not see (soft hyphen, zero-width space and joiners, word joiner, BOM). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Dashes a reader takes for the century sign `-`. */
const DASHES = /[\u2010-\u2015\u2212]/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * XHTML (a FHIR narrative's `div`) as a reader sees it: comments and tags removed (`<b>131052</b>-308T`
 * reads 131052-308T), character references decoded (`131052&#45;308T`), invisible characters dropped
 * and dashes read as hyphens. Only for looking for codes: not a renderer.
 */
export function readerText(xhtml: string): string {
  return xhtml
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<[^>]*>?/g, '')
    .replace(
      /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]+));?/g,
      (m, dec?: string, hex?: string, name?: string) => {
        const n = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : undefined;
        if (n !== undefined) return n <= 0x10ffff ? String.fromCodePoint(n) : m;
        return NAMED[(name ?? '').toLowerCase()] ?? m;
      },
    )
    .replace(INVISIBLE, '')
    .replace(DASHES, '-');
}

/** Every real-range code in XHTML, as written there or as a reader sees it (`readerText`). */
export function findRealCodesInXhtml(xhtml: string): string[] {
  const out = findRealCodes(xhtml);
  for (const code of findRealCodes(readerText(xhtml))) if (!out.includes(code)) out.push(code);
  return out;
}

/** True if `text` contains a real person's code anywhere. */
export function containsRealCode(text: string): boolean {
  return findRealCodes(text).length > 0;
}

/** `131052-308T` → `131052-***T`. The masked form is no longer code-shaped, so masking is idempotent. */
export function mask(code: string): string {
  return `${code.slice(0, 7)}***${code.slice(10)}`;
}

/**
 * Replaces every real-range code inside `text` with its masked form, also one that only shows once the
 * text is percent-decoded (a request URL): there the escapes of the individual number become `***`.
 */
export function maskText(text: string): string {
  if (text.length < 11) return text;
  let out = text.replace(CODE_SHAPE, (m) => (isRealCode(m.toUpperCase()) ? mask(m) : m));
  // Right to left, so the positions of the ones not yet masked stay where they were found.
  const hidden = escapedCodes(out).sort((a, b) => b.number[0] - a.number[0]);
  for (const {
    number: [start, end],
  } of hidden)
    out = `${out.slice(0, start)}***${out.slice(end)}`;
  return out;
}

/**
 * The same value with every string (object keys included) masked; shares nothing with the input.
 * Plain JSON-like data only: objects, arrays, strings, numbers, booleans, null.
 */
export function maskDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map(deep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[maskText(k)] = deep(v);
    return out;
  }
  return value;
}

/** The first real-range code in any string of `value`, with its JSON-pointer path; undefined if none. */
export function findRealCodeDeep(value: unknown, path = ''): { code: string; path: string } | undefined {
  if (typeof value === 'string') {
    const code = findRealCodes(value)[0];
    return code === undefined ? undefined : { code, path };
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findRealCodeDeep(v, `${path}/${i}`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const step = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const code = findRealCodes(k)[0];
      if (code !== undefined) return { code, path: step };
      const hit = findRealCodeDeep(v, step);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * An OID written as a CDA root or FHIR system, normalised: white space removed and a `urn:oid:` prefix
 * in any letter case dropped. `URN:OID:1.2.246.21`, ` 1.2.246.21 ` and `urn:oid: 1.2.246.21` all give
 * `1.2.246.21`; `urn:oid:1.2.246.21.1` stays a different OID. Undefined when it is not an OID at all.
 */
export function normaliseSystem(system: string): string | undefined {
  const compact = system.replace(/\s+/g, '');
  const oid = /^urn:oid:/i.test(compact) ? compact.slice(8) : compact;
  return /^[0-2](\.(0|[1-9]\d*))+$/.test(oid) ? oid : undefined;
}

/** True if `system` names the identity-code system (HETU), however it is written. */
export function isHetuSystem(system: string): boolean {
  return normaliseSystem(system) === HETU_OID;
}

/** True if `system` names a temporary-ID root (`1.2.246.10.<org>.22.<year>` and its variants). */
export function isTemporarySystem(system: string): boolean {
  const oid = normaliseSystem(system);
  return oid !== undefined && isTemporaryIdRoot(oid);
}

/**
 * Classifies a value given as a person's identity. `system` is the identifier system or CDA root it
 * came under: the identity-code system (the default), a temporary-ID root, or anything else. A real
 * person's code is `real` whatever the system; only a value that is not one may be a temporary ID.
 */
export function classify(value: string, system: string = HETU_OID): IdentityClass {
  const upper = value.trim().toUpperCase();
  const parsed = parseHetu(value);
  if (parsed.ok) return parsed.hetu.range === 'person' ? 'real' : 'test';
  if (isRealCode(upper) || containsRealCode(value)) return 'real';
  if (isTemporarySystem(system)) return 'temporary';
  return 'invalid';
}

/**
 * A value as a finding message may show it: masked when it is code-shaped with an individual number in
 * the real range, checksum-valid or not (an invalid code plus the correct check character would be
 * the real code).
 */
export function shown(value: string): string {
  return value.replace(CODE_SHAPE, (m) => {
    const n = Number(m.slice(7, 10));
    return n >= 2 && n <= 899 ? mask(m) : m;
  });
}

/**
 * Why `value` is not a valid identity code, worded so that it never reveals a real person's code: for
 * an individual number in the real range the correct check character is not given. Undefined if valid.
 */
export function invalidReason(value: string): string | undefined {
  const parsed = parseHetu(value);
  if (parsed.ok) return undefined;
  const { reason, message, expected } = parsed.problem;
  const n = /^\d{6}.\d{3}/.test(value) ? Number(value.slice(7, 10)) : NaN;
  if (reason === 'check-char' && n >= 2 && n <= 899)
    return `the check character '${value.charAt(10)}' is wrong`;
  return expected === undefined ? shown(message) : `${shown(message)} (expected ${expected})`;
}
