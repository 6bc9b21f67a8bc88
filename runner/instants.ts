/**
 * Times as instants, for the `sameInstant` comparison: a source system and Kanta may write the same
 * moment differently (`20260915101600+0300` in a CDA, `2026-09-15T07:16:00Z` in JSON), and two texts
 * that look alike may be hours apart. Both HL7 TS (`YYYYMMDD[HH[MM[SS[.f]]]][±ZZZZ]`) and ISO 8601
 * (`YYYY-MM-DD[THH:MM[:SS[.f]]][Z|±HH:MM]`) are read. A time without a zone names no instant by itself;
 * it is read as Helsinki local time (Europe/Helsinki, the zone Finnish systems mean), which the
 * comparison's message says.
 */

import { helsinkiOffsetMinutes } from '../common/hl7-time.ts';

const HL7 =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?(?:([+-]\d{2})(\d{2}))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:(Z)|([+-]\d{2}):?(\d{2}))?$/;

/** Helsinki's offset from UTC at an instant, in minutes. */
function helsinkiOffset(ms: number): number {
  return helsinkiOffsetMinutes(new Date(ms));
}

/** A wall-clock time read as Helsinki local time (in the repeated autumn hour: the earlier instant). */
function fromHelsinki(asUtc: number): number {
  for (const offset of [180, 120]) {
    const ms = asUtc - offset * 60_000;
    if (helsinkiOffset(ms) === offset) return ms;
  }
  return asUtc - 120 * 60_000;
}

export interface Instant {
  /** Milliseconds since the epoch. */
  ms: number;
  /** False when the text had no zone and was read as Helsinki local time. */
  zoned: boolean;
}

/** The instant a time text names, or undefined when it is no HL7 TS or ISO 8601 time. */
export function readInstant(value: unknown): Instant | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  const hl7 = HL7.exec(text);
  const iso = hl7 ? undefined : ISO.exec(text);
  const m = hl7 ?? iso;
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = ''] = m;
  const n = (x: string): number => Number(x);
  if (n(mo ?? '') < 1 || n(mo ?? '') > 12 || n(d ?? '') < 1 || n(d ?? '') > 31 || n(h) > 23) return undefined;
  if (n(mi) > 59 || n(s) > 60) return undefined;
  const asUtc =
    Date.UTC(n(y ?? ''), n(mo ?? '') - 1, n(d ?? ''), n(h), n(mi), n(s)) +
    Math.round(Number(`0.${frac || '0'}`) * 1000);
  let offset: number | undefined;
  if (hl7) {
    if (m[8] !== undefined) {
      const sign = m[8].startsWith('-') ? -1 : 1;
      offset = sign * (Math.abs(n(m[8])) * 60 + n(m[9] ?? '0'));
    }
  } else if (m[8] === 'Z') offset = 0;
  else if (m[9] !== undefined) {
    const sign = m[9].startsWith('-') ? -1 : 1;
    offset = sign * (Math.abs(n(m[9])) * 60 + n(m[10] ?? '0'));
  }
  if (offset === undefined) return { ms: fromHelsinki(asUtc), zoned: false };
  return { ms: asUtc - offset * 60_000, zoned: true };
}

/** An instant for a message: UTC ISO 8601. */
export function showInstant(i: Instant): string {
  return `${new Date(i.ms).toISOString().replace('.000Z', 'Z')}${i.zoned ? '' : ' (no zone: read as Helsinki time)'}`;
}
