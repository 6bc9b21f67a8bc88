/**
 * FHIR date, dateTime and instant values as the period of time they cover, for search.
 *
 * A value covers the whole of its precision: `2026-10` is all of October. Values without a time zone
 * (dates, and date-times a client sends in search without one) are read as UTC: the simulator has no
 * server time zone to fall back on, and UTC keeps results the same on every machine (docs/fhir.md).
 *
 * See: https://hl7.org/fhir/R4/search.html#date
 * See: https://hl7.org/fhir/R4/datatypes.html#dateTime
 */
import type { DatePrefix } from '../store/fhir-types.ts';

const DATE_RE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The period [low, high) in epoch milliseconds that a FHIR date value covers, or undefined if malformed. */
export function dateRange(value: string): { low: number; high: number } | undefined {
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)))
    return undefined;
  let offsetMs = 0;
  if (tz !== undefined && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    offsetMs = sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6))) * 60_000;
  }
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const low =
    Date.UTC(
      year,
      month - 1,
      day,
      h === undefined ? 0 : Number(h),
      mi === undefined ? 0 : Number(mi),
      s === undefined ? 0 : Number(s),
      ms,
    ) - offsetMs;
  if (Number.isNaN(low)) return undefined;
  // The day must exist in that month (Date.UTC would roll 31.2. over to March).
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  let high: number;
  if (mo === undefined) high = Date.UTC(year + 1, 0, 1);
  else if (d === undefined) high = Date.UTC(year, month, 1);
  else if (h === undefined) high = Date.UTC(year, month - 1, day + 1);
  else if (s === undefined) high = low + 60_000;
  else if (frac === undefined) high = low + 1000;
  else high = low + 1;
  return { low, high };
}

const PREFIXES: readonly DatePrefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

/** Splits a date search value into its prefix (default `eq`) and range. */
export function parseDateSearch(
  value: string,
): { prefix: DatePrefix; low: number; high: number } | undefined {
  const head = value.slice(0, 2) as DatePrefix;
  const prefix: DatePrefix = PREFIXES.includes(head) ? head : 'eq';
  const range = dateRange(PREFIXES.includes(head) ? value.slice(2) : value);
  return range ? { prefix, ...range } : undefined;
}
