/**
 * HL7 V3 TS values in Helsinki local time with their UTC offset (`YYYYMMDDHHMMSS+0200` in winter,
 * `+0300` in summer). A TS without an offset is local time of an unknown zone (HL7 V3 data types, TS),
 * so kantasim never writes one.
 */
import { TIME_ZONE } from './i18n/index.ts';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
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

/** A UTC offset in minutes as HL7 writes it: `+0200`. */
export function offsetText(minutes: number): string {
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
