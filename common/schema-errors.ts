/**
 * What a JSON Schema (ajv) validation error says, read once for every layer that checks JSON against a
 * schema: the registry and `/runs` bodies, the FHIR R4 structure layer and the runner's scenario files.
 *
 * ajv reports a keyword, a JSON pointer and keyword-specific `params`; each layer used to take those
 * apart on its own, with its own pointer decoding and its own idea of which errors of a batch matter.
 * Here they become one neutral `SchemaProblem` (what kind of problem, where, which field, which
 * allowed values) and one choice of the most specific errors. The layers keep only their wording: a
 * registry client reads "'name' must be of type string", a vendor's developer reads a FHIRPath and a
 * finding code, a scenario author reads a line and column with a "did you mean".
 *
 * It lives in `common/` because the runner (which may import only types from the simulator) and the
 * simulator both use it at run time; it imports only ajv's types.
 */
import type { ErrorObject } from 'ajv';

export type SchemaProblemKind =
  | 'required'
  | 'unknown-field'
  | 'enum'
  | 'const'
  | 'type'
  | 'format'
  | 'pattern'
  | 'min-items'
  | 'unique-items'
  | 'min-properties'
  | 'max-properties'
  | 'other';

/** A JSON pointer as its keys and array indexes (`/steps/1/expect` → `['steps', 1, 'expect']`). */
export type Segments = (string | number)[];

export interface SchemaProblem {
  kind: SchemaProblemKind;
  /** The ajv keyword, for wording a layer keeps for a kind of its own. */
  keyword: string;
  /** Where ajv reported it: the object for `required` and `unknown-field`, the value otherwise. */
  at: Segments;
  /** The element the problem is about: `at`, plus the missing or unknown field. */
  target: Segments;
  /** The missing (`required`) or unknown (`unknown-field`) field. */
  field?: string;
  /** For `unknown-field`: the fields the schema declares at that place. */
  knownFields?: string[];
  /** For `enum` and `const`: the values allowed. */
  allowed?: unknown[];
  /** For `type`: the JSON types expected. */
  types?: string[];
  format?: string;
  pattern?: string;
  /** For `min-items`, `min-properties`, `max-properties`. */
  limit?: number;
  /** The offending value (only when ajv runs with `verbose: true`). */
  value?: unknown;
  schemaPath: string;
  /** ajv's own wording, the fallback for `other`. */
  ajvMessage: string;
}

/** Decodes a JSON pointer (RFC 6901) into segments; all-digit keys become array indexes. */
export function pointerSegments(pointer: string): Segments {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Segments back to a JSON pointer (`['a', 0]` → `/a/0`). */
export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

const KINDS: Readonly<Record<string, SchemaProblemKind>> = {
  required: 'required',
  additionalProperties: 'unknown-field',
  enum: 'enum',
  const: 'const',
  type: 'type',
  format: 'format',
  pattern: 'pattern',
  minItems: 'min-items',
  uniqueItems: 'unique-items',
  minProperties: 'min-properties',
  maxProperties: 'max-properties',
};

/** One ajv error as a `SchemaProblem`. */
export function schemaProblem(e: ErrorObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  const at = pointerSegments(e.instancePath);
  const kind = KINDS[e.keyword] ?? 'other';
  const problem: SchemaProblem = {
    kind,
    keyword: e.keyword,
    at,
    target: at,
    schemaPath: e.schemaPath,
    ajvMessage: e.message ?? 'is invalid',
  };
  if ('data' in e) problem.value = e.data;
  switch (kind) {
    case 'required':
      problem.field = String(params.missingProperty);
      problem.target = [...at, problem.field];
      break;
    case 'unknown-field': {
      problem.field = String(params.additionalProperty);
      problem.target = [...at, problem.field];
      const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      problem.knownFields = Object.keys(parent?.properties ?? {});
      break;
    }
    case 'enum':
      problem.allowed = params.allowedValues as unknown[];
      break;
    case 'const':
      problem.allowed = [params.allowedValue];
      break;
    case 'type':
      problem.types = [params.type].flat().map(String);
      break;
    case 'format':
      problem.format = String(params.format);
      break;
    case 'pattern':
      problem.pattern = String(params.pattern);
      break;
    case 'min-items':
    case 'min-properties':
    case 'max-properties':
      problem.limit = Number(params.limit);
      break;
    case 'unique-items':
    case 'other':
      break;
  }
  return problem;
}

/**
 * The most specific errors of a batch (ajv with `allErrors`): drops an error when a deeper one explains
 * the same place, a union type's "must be string" beside the object branch's own errors, and repeats.
 */
export function mostSpecific(errors: readonly ErrorObject[]): ErrorObject[] {
  const deepest = errors.filter(
    (e) =>
      !errors.some(
        (other) =>
          other !== e &&
          other.instancePath.startsWith(`${e.instancePath}/`) &&
          e.keyword !== 'required' &&
          e.keyword !== 'additionalProperties',
      ),
  );
  const specific = deepest.filter(
    (e) => !(e.keyword === 'type' && deepest.some((o) => o !== e && o.instancePath === e.instancePath)),
  );
  const seen = new Set<string>();
  return specific.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The wording of kantasim's plain JSON APIs (`/registry`, `/runs`): the JSON pointer of the field at
 * fault and a sentence naming it, e.g. `{ path: '/name', message: "'name' must be of type string" }`.
 */
export function describeBodyError(e: ErrorObject): { path: string; message: string } {
  const p = schemaProblem(e);
  const field = p.at.length === 0 ? 'the body' : `'${p.at.join('.')}'`;
  const path = pointerOf(p.target);
  switch (p.kind) {
    case 'required':
      return { path, message: `${field} is missing the required field '${p.field ?? ''}'` };
    case 'unknown-field':
      return { path, message: `${field} has an unknown field '${p.field ?? ''}'` };
    case 'enum':
      return { path, message: `${field} must be one of: ${(p.allowed ?? []).join(', ')}` };
    case 'type':
      return { path, message: `${field} must be of type ${(p.types ?? []).join(',')}` };
    case 'format':
      return { path, message: `${field} must be a valid ${p.format ?? ''} (e.g. 2026-10-01)` };
    case 'unique-items':
      return { path, message: `${field} lists the same value twice` };
    case 'const':
    case 'pattern':
    case 'min-items':
    case 'min-properties':
    case 'max-properties':
    case 'other':
      return { path, message: `${field} ${p.ajvMessage}` };
  }
}
