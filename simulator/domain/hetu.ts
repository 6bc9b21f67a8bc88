/**
 * Finnish personal identity code (henkilötunnus, HETU): parsing, validation of Kela test codes,
 * temporary-ID OIDs and a deterministic generator of test codes.
 *
 * Pure: no I/O. The facts and their sources are collected in docs/kanta.md#personal-identity-codes.
 *
 * See: https://dvv.fi/en/personal-identity-code
 * See: https://dvv.fi/hetu-uudistus (century signs added 1.1.2023)
 * See: https://www.finlex.fi/fi/laki/alkup/2010/20100128 (decree VTA 128/2010, format and check character)
 * See: https://www.kanta.fi/en/system-developers/test-etiquette (only Kela-issued 900-series codes in testing)
 */

/** Century sign, the 7th character. `Y X W V U` and `B C D E F` were added by the 2023 reform. */
export type CenturySign = '+' | '-' | 'Y' | 'X' | 'W' | 'V' | 'U' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export type Sex = 'female' | 'male';

/** A parsed, valid identity code. `code` is always the full 11 characters, century sign included. */
export interface Hetu {
  code: string;
  /** ISO date, YYYY-MM-DD. */
  birthDate: string;
  centurySign: CenturySign;
  individualNumber: number;
  checkChar: string;
  /** Odd individual number = male, even = female. */
  sex: Sex;
  /** 002–899 real persons, 900–999 test and temporary codes (never in the population register). */
  range: 'person' | 'test';
}

export type HetuProblem = {
  reason: 'format' | 'century-sign' | 'date' | 'individual-number' | 'check-char' | 'real-person-range';
  message: string;
  expected?: string;
};

export type HetuResult = { ok: true; hetu: Hetu } | { ok: false; problem: HetuProblem };

/** OID of the HETU identifier system, used as CDA `id/@root`. */
export const HETU_OID = '1.2.246.21';
/** FHIR `identifier.system` for HETU (FI Base Profiles, FiBasePatient slice PIC). */
export const HETU_SYSTEM = 'urn:oid:1.2.246.21';

const CHECK_ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';

const CENTURY_OF_SIGN: Readonly<Record<CenturySign, 1800 | 1900 | 2000>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

const ALL_SIGNS = Object.keys(CENTURY_OF_SIGN) as CenturySign[];

function isCenturySign(c: string): c is CenturySign {
  return Object.hasOwn(CENTURY_OF_SIGN, c);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Check character: the 9-digit number DDMMYYZZZ modulo 31, indexed into `0123456789ABCDEFHJKLMNPRSTUVWXY`
 * (no G I O Q Z). The century sign does not take part, which is why codes differing only by sign share it.
 *
 * See: https://dvv.fi/en/personal-identity-code
 */
export function checkCharFor(dateDigits: string, individual: string): string {
  if (!/^\d{6}$/.test(dateDigits) || !/^\d{3}$/.test(individual)) {
    throw new RangeError(
      `checkCharFor needs 6 date digits and 3 individual digits, got '${dateDigits}' and '${individual}'`,
    );
  }
  // Nine digits stay well below 2^53, so plain number arithmetic is exact.
  return CHECK_ALPHABET.charAt(Number(dateDigits + individual) % 31);
}

function fail(reason: HetuProblem['reason'], message: string, expected?: string): HetuResult {
  return { ok: false, problem: expected === undefined ? { reason, message } : { reason, message, expected } };
}

function formatProblem(code: string): HetuResult | null {
  if (code.length !== 11) {
    const ws = code.trim() !== code ? ' (including leading or trailing whitespace)' : '';
    return fail(
      'format',
      `must be exactly 11 characters (DDMMYYCZZZQ), got ${code.length}${ws}`,
      '11 characters',
    );
  }
  if (code !== code.toUpperCase()) {
    return fail('format', `letters must be uppercase, got '${code}'`, code.toUpperCase());
  }
  const bad: string[] = [];
  for (const i of [0, 1, 2, 3, 4, 5, 7, 8, 9]) {
    const c = code.charAt(i);
    if (c < '0' || c > '9') bad.push(`${i + 1} ('${c}')`);
  }
  if (bad.length > 0) {
    return fail(
      'format',
      `positions 1–6 (birth date DDMMYY) and 8–10 (individual number) must be digits; not a digit at position ${bad.join(', ')}`,
    );
  }
  return null;
}

/**
 * Parses and fully validates an identity code: format, century sign, calendar date (Gregorian leap
 * years), individual number (000 and 001 are never issued) and check character. The century sign is
 * kept as given: since 2023 two codes may differ only by it.
 *
 * See: https://dvv.fi/hetu-uudistus
 */
export function parseHetu(code: string): HetuResult {
  const format = formatProblem(code);
  if (format) return format;

  const sign = code.charAt(6);
  if (!isCenturySign(sign)) {
    return fail(
      'century-sign',
      `unknown century sign '${sign}' at position 7; expected one of ${ALL_SIGNS.join(' ')}`,
      ALL_SIGNS.join(' '),
    );
  }

  const day = Number(code.slice(0, 2));
  const month = Number(code.slice(2, 4));
  const year = CENTURY_OF_SIGN[sign] + Number(code.slice(4, 6));
  const shown = `${code.slice(0, 2)}.${code.slice(2, 4)}.${year}`;
  if (month < 1 || month > 12) {
    return fail('date', `birth date ${shown} does not exist: month ${code.slice(2, 4)} is not 01–12`);
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    const why =
      month === 2 && day === 29
        ? `${year} is not a leap year`
        : `month ${code.slice(2, 4)} has ${daysInMonth(year, month)} days`;
    return fail('date', `birth date ${shown} does not exist: ${why}`);
  }

  const individualNumber = Number(code.slice(7, 10));
  if (individualNumber < 2) {
    return fail(
      'individual-number',
      `individual number ${code.slice(7, 10)} is never issued; valid numbers are 002–999`,
    );
  }

  const expected = checkCharFor(code.slice(0, 6), code.slice(7, 10));
  const checkChar = code.charAt(10);
  if (checkChar !== expected) {
    return fail('check-char', `check character is '${checkChar}' but should be '${expected}'`, expected);
  }

  return {
    ok: true,
    hetu: {
      code,
      birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
      centurySign: sign,
      individualNumber,
      checkChar,
      sex: individualNumber % 2 === 1 ? 'male' : 'female',
      range: individualNumber >= 900 ? 'test' : 'person',
    },
  };
}

/**
 * Validates a code the way Kanta test environments do: it must be a valid code in the 900–999 test
 * range. `allowReal` relaxes only the range check (for an operator's explicit, logged override).
 *
 * See: https://www.kanta.fi/en/system-developers/test-etiquette
 */
export function validateTestHetu(code: string, opts: { allowReal?: boolean } = {}): HetuResult {
  const parsed = parseHetu(code);
  if (!parsed.ok || parsed.hetu.range === 'test' || opts.allowReal === true) return parsed;
  return fail(
    'real-person-range',
    `individual number ${code.slice(7, 10)} is in the real-person range 002–899; ` +
      'only Kela-issued 900-series test codes (individual number 900–999) are accepted',
    '900–999',
  );
}

// Temporary-ID roots: THL's recommended `1.2.246.10.<org>.22.<year>`, the alternative with a
// location node `…10.<location>.22.<year>`, and the form seen in a HUS archive message.
// See: https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition-fi-base-patient.html
const ARC = '(?:0|[1-9]\\d*)';
const TEMPORARY_ID_ROOTS: readonly RegExp[] = [
  new RegExp(`^1\\.2\\.246\\.10\\.${ARC}\\.22\\.\\d{4}$`),
  new RegExp(`^1\\.2\\.246\\.10\\.${ARC}\\.10\\.${ARC}\\.22\\.\\d{4}$`),
  new RegExp(`^1\\.2\\.246\\.537\\.10\\.${ARC}\\.22\\.\\d{4}$`),
];

/**
 * True if `oid` is a temporary patient ID (tilapäinen tunniste) root. Values under such roots look like
 * HETUs but are not reliably checksum-valid, so callers should not validate them strictly.
 *
 * See: https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition-fi-base-patient.html
 */
export function isTemporaryIdRoot(oid: string): boolean {
  return TEMPORARY_ID_ROOTS.some((re) => re.test(oid));
}

// ---------------------------------------------------------------------------------------------
// Generator

export type HetuStyle = 'old' | 'new' | 'mixed';

export interface TestHetuGeneratorOptions {
  /** Same seed, same sequence of calls → same codes. Numbers and strings hash alike (42 ≡ '42'). */
  seed?: string | number;
  /** `old`: + - A; `new`: the 2023 signs Y–U and B–F; `mixed`: both. 1800s always use `+`. Default mixed. */
  style?: HetuStyle;
}

export interface HetuSpec {
  /** YYYY-MM-DD, 1800-01-01..2099-12-31. Random in 1900-01-01..2022-12-31 when absent. */
  born?: string;
  sex?: Sex;
}

export interface TestHetuGenerator {
  next(spec?: HetuSpec): Hetu;
}

const SIGNS_BY_STYLE: Readonly<Record<HetuStyle, Readonly<Record<1900 | 2000, readonly CenturySign[]>>>> = {
  old: { 1900: ['-'], 2000: ['A'] },
  new: { 1900: ['Y', 'X', 'W', 'V', 'U'], 2000: ['B', 'C', 'D', 'E', 'F'] },
  mixed: { 1900: ['-', 'Y', 'X', 'W', 'V', 'U'], 2000: ['A', 'B', 'C', 'D', 'E', 'F'] },
};

function signsFor(year: number, style: HetuStyle): readonly CenturySign[] {
  if (year < 1900) return ['+'];
  return SIGNS_BY_STYLE[style][year < 2000 ? 1900 : 2000];
}

/**
 * Returns null if `iso` is a real calendar date YYYY-MM-DD that an identity code can express
 * (1800–2099), else a sentence saying what is wrong.
 */
export function birthDateProblem(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return `birth date '${iso}' is not in the form YYYY-MM-DD`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1800 || year > 2099) return `birth year ${year} cannot be expressed; use 1800–2099`;
  if (month < 1 || month > 12) return `birth date '${iso}' does not exist: month is not 01–12`;
  if (day < 1 || day > daysInMonth(year, month)) return `birth date '${iso}' does not exist`;
  return null;
}

/** FNV-1a over the seed text: spreads similar seeds ('1', '2') to unrelated PRNG states. */
function hashSeed(seed: string | number): number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RANDOM_FROM = Date.UTC(1900, 0, 1);
const RANDOM_DAYS = (Date.UTC(2022, 11, 31) - RANDOM_FROM) / 86_400_000 + 1;

/**
 * Creates a generator of valid test-range (900–999) identity codes that never repeats a code. When
 * every test number for a birth date, sex and century sign is taken (50 per sex), it moves to another
 * sign the style allows for that century; when none is left it throws.
 *
 * See: https://www.kanta.fi/en/system-developers/test-etiquette
 */
export function createTestHetuGenerator(opts: TestHetuGeneratorOptions = {}): TestHetuGenerator {
  const style = opts.style ?? 'mixed';
  const seed = opts.seed ?? globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  const random = mulberry32(hashSeed(seed));
  const int = (n: number): number => Math.floor(random() * n);
  const issued = new Set<string>();

  function shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  function tryIssue(born: string, sexes: readonly Sex[]): Hetu | null {
    const [yyyy, mm, dd] = born.split('-');
    const year = Number(yyyy);
    const dateDigits = `${dd ?? ''}${mm ?? ''}${String(year % 100).padStart(2, '0')}`;
    for (const sex of sexes) {
      for (const sign of shuffled(signsFor(year, style))) {
        const free: string[] = [];
        for (let n = sex === 'male' ? 901 : 900; n <= 999; n += 2) {
          const code = `${dateDigits}${sign}${n}${checkCharFor(dateDigits, String(n))}`;
          if (!issued.has(code)) free.push(code);
        }
        const code = free[int(free.length)];
        if (code === undefined) continue;
        issued.add(code);
        const parsed = parseHetu(code);
        if (!parsed.ok) throw new Error(`internal error: generated invalid code ${code}`);
        return parsed.hetu;
      }
    }
    return null;
  }

  return {
    next(spec: HetuSpec = {}): Hetu {
      if (spec.born !== undefined) {
        const problem = birthDateProblem(spec.born);
        if (problem !== null) throw new RangeError(problem);
      }
      const sexes: readonly Sex[] = spec.sex ? [spec.sex] : shuffled(['female', 'male'] as const);
      if (spec.born !== undefined) {
        const hetu = tryIssue(spec.born, sexes);
        if (hetu) return hetu;
        const signs = signsFor(Number(spec.born.slice(0, 4)), style).join(' ');
        throw new Error(
          `no unused test identity codes left for born ${spec.born}` +
            `${spec.sex ? `, ${spec.sex}` : ''} with style '${style}': ` +
            `all 50 test numbers (900–999) per sex are already issued for century sign(s) ${signs}`,
        );
      }
      // A random date is exhausted only after thousands of codes for that day; just draw again.
      for (;;) {
        const born = new Date(RANDOM_FROM + int(RANDOM_DAYS) * 86_400_000).toISOString().slice(0, 10);
        const hetu = tryIssue(born, sexes);
        if (hetu) return hetu;
      }
    },
  };
}

/** Convenience: `count` distinct test codes from one generator, all with the same `born`/`sex` if given. */
export function generateTestHetus(count: number, opts: TestHetuGeneratorOptions & HetuSpec = {}): Hetu[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  const generator = createTestHetuGenerator(opts);
  const spec: HetuSpec = {};
  if (opts.born !== undefined) spec.born = opts.born;
  if (opts.sex !== undefined) spec.sex = opts.sex;
  return Array.from({ length: count }, () => generator.next(spec));
}
