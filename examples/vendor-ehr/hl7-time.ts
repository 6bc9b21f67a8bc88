/**
 * HL7 TS values as this EHR writes them: Helsinki local time with its UTC offset
 * (`YYYYMMDDHHMMSS+0200` in winter, `+0300` in summer). A TS without an offset is local time of an
 * unknown zone (HL7 V3 data types, TS), so the EHR never writes one: what the hook is given without an
 * offset is read as Helsinki local time, the time the clinician saw, and written with that offset.
 */

const ZONE = 'Europe/Helsinki';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Helsinki's offset from UTC at an instant, in minutes (120 or 180). */
export function helsinkiOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const local = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** An instant as HL7 TS in Helsinki local time with its offset. */
export function hl7Helsinki(at: Date = new Date()): string {
  const offset = helsinkiOffsetMinutes(at);
  const local = new Date(Math.floor(at.getTime() / 1000) * 1000 + offset * 60_000);
  return `${local.toISOString().replace(/[-:T]/g, '').slice(0, 14)}${offsetText(offset)}`;
}

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
