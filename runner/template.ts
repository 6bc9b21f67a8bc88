/**
 * `{{variables}}` in scenario values.
 *
 * `{{name}}`, `{{name.field[0]}}`: a string that is exactly one placeholder keeps the value's type (an
 * event, a list, a number); inside longer text the value is written out (objects as JSON). An unknown
 * variable or a missing field is an error that says where, and which names or fields exist.
 */
import { lookup, parsePath } from './paths.ts';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

export type Vars = Record<string, unknown>;

export class TemplateError extends Error {
  constructor(
    message: string,
    /** Where in the scenario, e.g. `steps[2].do.fixture.path`. */
    readonly where: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** The root variable names a string refers to, e.g. `['org', 'patient']`. */
export function referencedNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const expr = m[1] ?? '';
    const root = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr)?.[0];
    if (root !== undefined) names.push(root);
  }
  return names;
}

function resolve(expr: string, vars: Vars, where: string): unknown {
  let segments;
  try {
    segments = parsePath(expr);
  } catch (e) {
    throw new TemplateError(`{{${expr}}} at ${where}: ${(e as Error).message}`, where);
  }
  const [root] = segments;
  if (typeof root !== 'string' || !Object.hasOwn(vars, root)) {
    const known = Object.keys(vars).sort().join(', ') || 'none';
    throw new TemplateError(
      `unknown variable '${String(root)}' in {{${expr}}} at ${where}; define it in vars, setup.testPersons (as) or an earlier step's save or expect.events (as). Known: ${known}`,
      where,
    );
  }
  const found = lookup(vars, segments);
  if (!found.found) {
    const has = found.available.length > 0 ? `; it has: ${found.available.join(', ')}` : '';
    throw new TemplateError(`{{${expr}}} at ${where}: '${found.at}' has no such field${has}`, where);
  }
  return found.value;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return '';
}

/** Renders one string. */
export function renderString(text: string, vars: Vars, where: string): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return resolve(whole[1] ?? '', vars, where);
  return text.replace(PLACEHOLDER, (_m, expr: string) => asText(resolve(expr, vars, where)));
}

/** Renders every string inside `value` (arrays and objects deeply; keys stay as they are). */
export function render(value: unknown, vars: Vars, where: string): unknown {
  if (typeof value === 'string') return renderString(value, vars, where);
  if (Array.isArray(value)) return value.map((v, i) => render(v, vars, `${where}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = render(v, vars, `${where}.${k}`);
    return out;
  }
  return value;
}

/** Renders and insists on text (paths, URLs, header values). */
export function renderText(text: string, vars: Vars, where: string): string {
  return asText(renderString(text, vars, where));
}

/**
 * A template with every placeholder written as its name, `‹org›`: the same text in every run, whatever
 * the values (identity codes, OIDs, ids issued during the run), for stable test names.
 */
export function stableText(text: string): string {
  return text.replace(PLACEHOLDER, (_m, expr: string) => `‹${expr}›`);
}

/**
 * A template rendered as far as the variables go: a placeholder whose variable is not set (a step not
 * reached saves nothing) is written as its name, `‹order.id›`, never as raw `{{order.id}}`.
 */
export function renderKnown(text: string, vars: Vars): string {
  return text.replace(PLACEHOLDER, (_m, expr: string) => {
    try {
      return asText(resolve(expr, vars, 'title'));
    } catch {
      return `‹${expr}›`;
    }
  });
}
