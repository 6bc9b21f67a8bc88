/**
 * The comparisons a check can make on the selected values. Each returns undefined when it holds, or the
 * failure in "expected X, received Y" form.
 *
 * Equality is deep, and a number equals its decimal text ("3" = 3), because source-system values
 * fetched as text must compare with values the simulator keeps as numbers and the other way round.
 */
import { readInstant, showInstant } from './instants.ts';
import { show, showValues } from './messages.ts';
import { words, wordsIn } from './wording.ts';
import type { Lang } from '../common/i18n/index.ts';
import type { Comparisons } from './types.ts';

export function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => looseEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && looseEqual(a[k], b[k]));
  }
  const primitive = (v: unknown): v is string | number | boolean =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return primitive(a) && primitive(b) && typeof a !== typeof b && String(a) === String(b);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equalsValues(values: readonly unknown[], want: unknown): boolean {
  if (Array.isArray(want)) return looseEqual([...values], want);
  return values.length === 1 && looseEqual(values[0], want);
}

function containsValue(values: readonly unknown[], want: unknown): boolean {
  if (values.length === 1 && typeof values[0] === 'string' && typeof want === 'string')
    return values[0].includes(want);
  return values.some((v) => looseEqual(v, want));
}

/** The failed comparisons (empty when every one holds). `what` names what was selected. */
export function compare(values: readonly unknown[], c: Comparisons, what: string): string[] {
  const failures: string[] = [];
  const received = showValues(values);
  const fail = (key: string, args: Record<string, string>): number =>
    failures.push(words(`fail.${key}`, { what, received, ...args }));
  if (c.exists !== undefined && c.exists !== values.length > 0)
    fail(c.exists ? 'exists' : 'absent', { received: c.exists ? words('message.nothing') : received });
  if (c.count !== undefined && values.length !== c.count)
    fail('count', {
      count: String(c.count),
      received: `${values.length}${values.length > 0 ? `: ${received}` : ''}`,
    });
  if (c.equals !== undefined && !equalsValues(values, c.equals)) fail('equals', { value: show(c.equals) });
  if (c.notEquals !== undefined && equalsValues(values, c.notEquals))
    fail('notEquals', { value: show(c.notEquals) });
  if (c.oneOf !== undefined && !(values.length === 1 && c.oneOf.some((o) => looseEqual(values[0], o))))
    fail('oneOf', { values: show(c.oneOf) });
  if (c.contains !== undefined) {
    const wanted = Array.isArray(c.contains) ? (c.contains as unknown[]) : [c.contains];
    const missing = wanted.filter((w) => !containsValue(values, w));
    if (missing.length > 0) fail('contains', { value: show(missing.length === 1 ? missing[0] : missing) });
  }
  if (c.matches !== undefined) {
    const re = new RegExp(c.matches);
    const ok =
      values.length > 0 &&
      values.every((v) => (typeof v === 'string' || typeof v === 'number') && re.test(String(v)));
    if (!ok) fail('matches', { pattern: c.matches });
  }
  if (c.sameInstant !== undefined) {
    const want = readInstant(c.sameInstant);
    const got = values.length === 1 ? readInstant(values[0]) : undefined;
    if (want === undefined)
      failures.push(`expected a time to compare ${what} with, received ${show(c.sameInstant)}`);
    else if (got === undefined)
      failures.push(
        `expected ${what} at the instant of ${show(c.sameInstant)} (${showInstant(want)}), received ${received}, which is no single time`,
      );
    else if (got.ms !== want.ms)
      failures.push(
        `expected ${what} at the instant of ${show(c.sameInstant)} (${showInstant(want)}), received ${received} (${showInstant(got)})`,
      );
  }
  return failures;
}

/** True when the check names no comparison; it then means `exists: true`. */
export function hasComparison(c: Comparisons): boolean {
  return (
    c.equals !== undefined ||
    c.notEquals !== undefined ||
    c.exists !== undefined ||
    c.matches !== undefined ||
    c.contains !== undefined ||
    c.oneOf !== undefined ||
    c.count !== undefined ||
    c.sameInstant !== undefined
  );
}

/** "equals true", "exists", … for automatic check titles, in a language (default: the run's). */
export function describeComparisons(c: Comparisons, lang?: Lang): string {
  const w = (key: string, args?: Record<string, string | number>): string =>
    lang === undefined ? words(key, args) : wordsIn(lang, key, args);
  const parts: string[] = [];
  if (c.equals !== undefined) parts.push(`= ${show(c.equals)}`);
  if (c.notEquals !== undefined) parts.push(`≠ ${show(c.notEquals)}`);
  if (c.exists !== undefined) parts.push(w(c.exists ? 'compare.exists' : 'compare.absent'));
  if (c.count !== undefined) parts.push(w('compare.count', { count: c.count }));
  if (c.oneOf !== undefined) parts.push(w('compare.oneOf', { values: show(c.oneOf) }));
  if (c.contains !== undefined) parts.push(w('compare.contains', { value: show(c.contains) }));
  if (c.matches !== undefined) parts.push(w('compare.matches', { pattern: c.matches }));
  if (c.sameInstant !== undefined) parts.push(w('compare.sameInstant', { value: show(c.sameInstant) }));
  return parts.length > 0 ? parts.join(', ') : w('compare.exists');
}
