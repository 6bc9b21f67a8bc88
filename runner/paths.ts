/**
 * Dotted paths with [n] indexes (`items[0].passed`, `resourceIds.0`), used by templates, saves and the
 * `path:` selector. Deliberately small: anything cleverer is FHIRPath's job.
 */

export type PathSegment = string | number;

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** Splits `a.b[0].c` into `['a', 'b', 0, 'c']`. Throws on an empty or malformed path. */
export function parsePath(path: string): PathSegment[] {
  const trimmed = path.trim();
  if (trimmed === '') throw new Error('the path is empty');
  if (!/^([^.[\]]+|\[\d+\])(\.[^.[\]]+|\[\d+\])*$/.test(trimmed))
    throw new Error(`'${path}' is not a path like name.field[0].other`);
  const segments: PathSegment[] = [];
  for (const m of trimmed.matchAll(SEGMENT)) {
    if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[1] !== undefined) segments.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
  }
  return segments;
}

export type Lookup = { found: true; value: unknown } | { found: false; at: string; available: string[] };

/** Follows `segments` into `root`; says how far it got when a segment is missing. */
export function lookup(root: unknown, segments: readonly PathSegment[]): Lookup {
  let current: unknown = root;
  const walked: string[] = [];
  for (const segment of segments) {
    const next = step(current, segment);
    if (next === undefined) {
      return { found: false, at: formatPath(walked), available: keysOf(current) };
    }
    current = next.value;
    walked.push(typeof segment === 'number' ? `[${segment}]` : segment);
  }
  return { found: true, value: current };
}

function step(current: unknown, segment: PathSegment): { value: unknown } | undefined {
  if (Array.isArray(current)) {
    if (typeof segment !== 'number' || segment >= current.length) return undefined;
    return { value: current[segment] as unknown };
  }
  if (typeof current === 'object' && current !== null) {
    const key = String(segment);
    if (!Object.hasOwn(current, key)) return undefined;
    return { value: (current as Record<string, unknown>)[key] };
  }
  return undefined;
}

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [] : [`[0]…[${value.length - 1}]`];
  if (typeof value === 'object' && value !== null) return Object.keys(value);
  return [];
}

function formatPath(parts: string[]): string {
  return parts.join('.').replaceAll('.[', '[');
}

/** Reads `path` from `root`; undefined when any segment is missing. */
export function getPath(root: unknown, path: string): unknown {
  const result = lookup(root, parsePath(path));
  return result.found ? result.value : undefined;
}
