/**
 * The comparisons a check can make on the selected values. Each returns undefined when it holds, or the
 * failure in "expected X, received Y" form.
 *
 * Equality is deep, and a number equals its decimal text ("3" = 3), because source-system values
 * fetched as text must compare with values the simulator keeps as numbers and the other way round.
 */
import { readInstant, showInstant } from './instants.ts';
import { show, showValues } from './messages.ts';
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
  if (c.exists !== undefined && c.exists !== values.length > 0)
    failures.push(
      c.exists ? `expected ${what} to exist, received nothing` : `expected no ${what}, received ${received}`,
    );
  if (c.count !== undefined && values.length !== c.count)
    failures.push(
      `expected ${c.count} × ${what}, received ${values.length}${values.length > 0 ? `: ${received}` : ''}`,
    );
  if (c.equals !== undefined && !equalsValues(values, c.equals))
    failures.push(`expected ${what} = ${show(c.equals)}, received ${received}`);
  if (c.notEquals !== undefined && equalsValues(values, c.notEquals))
    failures.push(`expected ${what} ≠ ${show(c.notEquals)}, received ${received}`);
  if (c.oneOf !== undefined && !(values.length === 1 && c.oneOf.some((o) => looseEqual(values[0], o))))
    failures.push(`expected ${what} to be one of ${show(c.oneOf)}, received ${received}`);
  if (c.contains !== undefined) {
    const wanted = Array.isArray(c.contains) ? (c.contains as unknown[]) : [c.contains];
    const missing = wanted.filter((w) => !containsValue(values, w));
    if (missing.length > 0)
      failures.push(
        `expected ${what} to contain ${show(missing.length === 1 ? missing[0] : missing)}, received ${received}`,
      );
  }
  if (c.matches !== undefined) {
    const re = new RegExp(c.matches);
    const ok =
      values.length > 0 &&
      values.every((v) => (typeof v === 'string' || typeof v === 'number') && re.test(String(v)));
    if (!ok) failures.push(`expected ${what} to match /${c.matches}/, received ${received}`);
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

/** "equals true", "exists", … for automatic check titles. */
export function describeComparisons(c: Comparisons): string {
  const parts: string[] = [];
  if (c.equals !== undefined) parts.push(`= ${show(c.equals)}`);
  if (c.notEquals !== undefined) parts.push(`≠ ${show(c.notEquals)}`);
  if (c.exists !== undefined) parts.push(c.exists ? 'exists' : 'is absent');
  if (c.count !== undefined) parts.push(`count ${c.count}`);
  if (c.oneOf !== undefined) parts.push(`one of ${show(c.oneOf)}`);
  if (c.contains !== undefined) parts.push(`contains ${show(c.contains)}`);
  if (c.matches !== undefined) parts.push(`matches /${c.matches}/`);
  if (c.sameInstant !== undefined) parts.push(`same instant as ${show(c.sameInstant)}`);
  return parts.length > 0 ? parts.join(', ') : 'exists';
}
