/**
 * HL7 TS values as this EHR writes them: Helsinki local time with its UTC offset
 * (`YYYYMMDDHHMMSS+0200` in winter, `+0300` in summer). A TS without an offset is local time of an
 * unknown zone (HL7 V3 data types, TS), so the EHR never writes one: what the hook is given without an
 * offset is read as Helsinki local time, the time the clinician saw, and written with that offset.
 */

import { helsinkiOffsetMinutes, offsetText } from '../../common/hl7-time.ts';

export { helsinkiOffsetMinutes, hl7Helsinki } from '../../common/hl7-time.ts';

const TS = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?)?([+-]\d{4})?$/;

/**
 * A TS given to the hook, with its offset: one that has an offset is kept as it is; one without is
 * read as Helsinki local time (the offset in force then is added; missing hours, minutes and seconds
 * count as zero). Undefined for text that is no TS.
 */
export function hl7WithOffset(ts: string): string | undefined {
  const m = TS.exec(ts);
  if (!m) return undefined;
  if (m[7] !== undefined) return ts;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // The offset in force at that local time: the one that maps back to it (+0300 or +0200; in the
  // hour repeated in autumn the earlier, summer one).
  for (const offset of [180, 120]) {
    const at = new Date(asUtc - offset * 60_000);
    if (helsinkiOffsetMinutes(at) === offset) return `${y}${mo}${d}${h}${mi}${s}${offsetText(offset)}`;
  }
  // The hour skipped in spring: read it with the winter offset.
  return `${y}${mo}${d}${h}${mi}${s}${offsetText(120)}`;
}
