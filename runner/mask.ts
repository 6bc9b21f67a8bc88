/**
 * Masking real people's identity codes before a run is recorded in the simulator (`POST /runs`).
 *
 * A run result echoes what the system under test sent and what the simulator answered, so it can carry a
 * real person's code (a real-identity fault, a refusal message). The simulator refuses a record that
 * carries one unmasked, and the runner masks first so the record still lands: `131052-308T` becomes
 * `131052-***T` (birth date, century sign and check character kept, individual number hidden).
 *
 * The runner is an HTTP client of the simulator (design principle 3) and imports no simulator code, so
 * it keeps this small copy of the identity guard's rule: a checksum-valid code whose individual number
 * is 002–899.
 *
 * See: https://dvv.fi/en/personal-identity-code (format and check character)
 * See: https://www.kanta.fi/en/system-developers/test-etiquette (only 900-series test codes in testing)
 */

const CODE_SHAPE = /(?<![0-9A-Za-z])(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![0-9A-Za-z])/gi;
const CHECK_ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';

function isRealCode(code: string): boolean {
  const individual = Number(code.slice(7, 10));
  if (individual < 2 || individual > 899) return false;
  const month = Number(code.slice(2, 4));
  const day = Number(code.slice(0, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const check = CHECK_ALPHABET.charAt(Number(code.slice(0, 6) + code.slice(7, 10)) % 31);
  return check === code.charAt(10).toUpperCase();
}

/** Every real-range identity code in `text` masked. */
export function maskIdentities(text: string): string {
  return text.replace(CODE_SHAPE, (m) => (isRealCode(m) ? `${m.slice(0, 7)}***${m.slice(10)}` : m));
}

/** The same JSON-like value with every string (keys included) masked. */
export function maskIdentitiesDeep<T>(value: T): T {
  const deep = (v: unknown): unknown => {
    if (typeof v === 'string') return maskIdentities(v);
    if (Array.isArray(v)) return v.map(deep);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[maskIdentities(k)] = deep(x);
      return out;
    }
    return v;
  };
  return deep(value) as T;
}
