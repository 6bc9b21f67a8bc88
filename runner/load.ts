/**
 * Loading scenario files: YAML → checked against `scenario.schema.json` → checked for consistency
 * (unique step ids, one action per step, every `{{variable}}` defined before use).
 *
 * Every problem names the file, line and column, the place in the scenario and what to change, so a
 * vendor fixing a scenario never reads a stack trace.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { mostSpecific, schemaProblem, type Segments } from '../common/schema-errors.ts';
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Document } from 'yaml';
import schema from './scenario.schema.json' with { type: 'json' };
import { referencedNames } from './template.ts';
import type { Scenario } from './types.ts';

/** Variables every scenario may use without defining them. */
export const BUILTIN_VARIABLES = ['sim', 'sut', 'run', 'scenario', 'day', 'dayBefore'] as const;

export interface LoadProblem {
  file: string;
  line?: number;
  column?: number;
  /** Where in the scenario, e.g. `steps[1].expect.checks[0].equals`. */
  path: string;
  message: string;
}

export interface LoadedScenario {
  file: string;
  scenario: Scenario;
}

export class ScenarioLoadError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioLoadError';
  }
}

export function formatProblem(p: LoadProblem): string {
  const at = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${at}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const validate = ajv.compile<Scenario>(schema);

/** Scenario files named by `paths`: files as given, folders searched for *.yaml / *.yml, sorted. */
export function collectScenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(entry.name)) files.push(full);
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new ScenarioLoadError([{ file: p, path: '', message: 'no such file or folder' }]);
    }
    if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  return files.map((f) => resolve(f));
}

/** Loads and checks one scenario file; throws ScenarioLoadError listing every problem found. */
export function loadScenarioFile(file: string, extraVariables: readonly string[] = []): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioLoadError([{ file, path: '', message: `cannot read: ${(e as Error).message}` }]);
  }
  return parseScenario(text, file, extraVariables);
}

/** Parses and checks scenario text (the file name is only for messages). */
export function parseScenario(
  text: string,
  file: string,
  extraVariables: readonly string[] = [],
): LoadedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioLoadError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `not valid YAML: ${e.message.split('\n')[0] ?? e.code}`,
        };
      }),
    );
  }
  const data: unknown = doc.toJS();
  const locate = (segments: (string | number)[], key = false): Pick<LoadProblem, 'line' | 'column'> =>
    locateNode(doc, lineCounter, segments, key);

  if (!validate(data)) {
    const problems = mostSpecific(validate.errors ?? []).map((e) => {
      const described = describeSchemaError(e);
      const loc = locate(described.segments, described.atKey);
      return { file, ...loc, path: formatSegments(described.segments), message: described.message };
    });
    throw new ScenarioLoadError(problems);
  }
  const problems = consistencyProblems(data, extraVariables).map((p) => ({
    file,
    ...locate(p.segments),
    path: formatSegments(p.segments),
    message: p.message,
  }));
  if (problems.length > 0) throw new ScenarioLoadError(problems);
  return { file, scenario: data };
}

// ---------------------------------------------------------------- schema errors in words

/** `['steps', 1, 'expect']` → `steps[1].expect` */
export function formatSegments(segments: readonly (string | number)[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('')
    .replace(/^\./, '');
}

function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    const d = editDistance(word.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

interface DescribedError {
  segments: Segments;
  /** Point at the key rather than the value (unknown field). */
  atKey: boolean;
  message: string;
}

function describeSchemaError(e: ErrorObject): DescribedError {
  const p = schemaProblem(e);
  const segments = p.at;
  switch (p.kind) {
    case 'required': {
      const where = segments.length === 0 ? 'the scenario' : 'this entry';
      return { segments, atKey: false, message: `${where} needs '${p.field ?? ''}'; add it` };
    }
    case 'unknown-field': {
      const extra = p.field ?? '';
      const allowed = p.knownFields ?? [];
      const guess = closest(extra, allowed);
      const hint = guess !== undefined ? `; did you mean '${guess}'?` : '';
      return {
        segments: p.target,
        atKey: true,
        message: `unknown field '${extra}'${hint} Allowed here: ${allowed.join(', ')}`,
      };
    }
    case 'enum':
      return {
        segments,
        atKey: false,
        message: `is ${JSON.stringify(p.value)}; use one of: ${(p.allowed ?? []).join(', ')}`,
      };
    case 'type':
      return {
        segments,
        atKey: false,
        message: `must be ${(p.types ?? []).join(' or ')}, not ${describeType(p.value)}`,
      };
    case 'pattern':
      return { segments, atKey: false, message: patternMessage(e) };
    case 'min-items':
      return { segments, atKey: false, message: `needs at least ${String(p.limit)} entries` };
    case 'min-properties':
      return { segments, atKey: false, message: 'is empty; give at least one field' };
    case 'max-properties':
      return {
        segments,
        atKey: false,
        message:
          'names more than one document source; use one of get, sut or value (headers may go with get or sut)',
      };
    case 'const':
    case 'format':
    case 'unique-items':
    case 'other':
      return { segments, atKey: false, message: e.message ?? 'is invalid' };
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function patternMessage(e: ErrorObject): string {
  const shown = JSON.stringify(e.data);
  if (e.schemaPath.includes('/definitions/variable'))
    return `${shown} is not a variable name: use letters, digits and _ (not starting with a digit)`;
  if (e.schemaPath.includes('/definitions/id'))
    return `${shown} is not an id: use letters, digits, '.', '_' or '-' (e.g. book-appointment)`;
  if ((e.params as { pattern?: string }).pattern === '^/')
    return `${shown} must be a path starting with '/' (the base URL comes from --sim or --sut)`;
  return `${shown} does not match ${String((e.params as { pattern?: string }).pattern)}`;
}

// ---------------------------------------------------------------- locating YAML nodes

function locateNode(
  doc: Document,
  lineCounter: LineCounter,
  segments: (string | number)[],
  atKey: boolean,
): Pick<LoadProblem, 'line' | 'column'> {
  // Walk down as far as the path exists; report the deepest node found.
  for (let n = segments.length; n >= 0; n--) {
    const prefix = segments.slice(0, n);
    let offset: number | undefined;
    if (atKey && n === segments.length && n > 0) {
      const parent = doc.getIn(prefix.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === prefix.at(-1));
        const key = pair?.key as { range?: [number, number, number] } | undefined;
        offset = key?.range?.[0];
      }
    } else {
      const node = n === 0 ? doc.contents : doc.getIn(prefix, true);
      offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
    }
    if (offset !== undefined) {
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

// ---------------------------------------------------------------- consistency

interface Problem {
  segments: (string | number)[];
  message: string;
}

function consistencyProblems(s: Scenario, extraVariables: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const defined = new Set<string>([...BUILTIN_VARIABLES, ...extraVariables]);

  // `in: name` reads a variable without braces; check it like a placeholder.
  const sourceIn = (query: { in?: unknown }, segments: (string | number)[], scope: Set<string>): void => {
    if (typeof query.in !== 'string' || query.in === 'response' || query.in.includes('{{')) return;
    const root = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.in)?.[0] ?? query.in;
    if (!scope.has(root))
      problems.push({
        segments: [...segments, 'in'],
        message: `reads variable '${root}', which is not defined at this point; use response, a defined variable (${[...scope].sort().join(', ')}), {get: /path} or {sut: /path}`,
      });
  };
  const useIn = (value: unknown, segments: (string | number)[], scope: Set<string>): void => {
    if (typeof value === 'string') {
      for (const name of referencedNames(value)) {
        if (!scope.has(name))
          problems.push({
            segments,
            message: `{{${name}}} is not defined at this point; define it in vars, setup.testPersons (as), or save it in an earlier step. Defined here: ${[...scope].sort().join(', ')}`,
          });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        useIn(v, [...segments, i], scope);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) useIn(v, [...segments, k], scope);
    }
  };

  for (const [name, value] of Object.entries(s.vars ?? {})) {
    useIn(value, ['vars', name], defined);
    defined.add(name);
  }
  useIn(s.setup, ['setup'], defined);
  for (const p of s.setup?.testPersons ?? []) defined.add(p.as);
  useIn(s.organisation, ['organisation'], defined);

  const stepIds = new Set<string>();
  s.steps.forEach((step, i) => {
    const at = ['steps', i];
    if (stepIds.has(step.id))
      problems.push({
        segments: [...at, 'id'],
        message: `step id '${step.id}' is used twice; make it unique`,
      });
    stepIds.add(step.id);
    const actions = (['sut', 'fixture', 'command'] as const).filter((k) => step.do?.[k] !== undefined);
    if (actions.length > 1)
      problems.push({
        segments: [...at, 'do'],
        message: `does ${actions.join(' and ')}; give one of sut, fixture or command per step (split it into two steps)`,
      });
    for (const call of [step.do?.sut, step.do?.fixture])
      if (call?.body !== undefined && call.bodyFile !== undefined)
        problems.push({ segments: [...at, 'do'], message: 'give body or bodyFile, not both' });
    useIn(step.do, [...at, 'do'], defined);
    const inStep = new Set(defined);
    inStep.add('response');
    step.expect?.events?.forEach((ev, j) => {
      useIn(ev, [...at, 'expect', 'events', j], inStep);
    });
    for (const ev of step.expect?.events ?? []) if (ev.as !== undefined) inStep.add(ev.as);
    step.expect?.checks?.forEach((check, j) => {
      const where = [...at, 'expect', 'checks', j];
      const selectors = (['path', 'fhirpath', 'xpath'] as const).filter((k) => check[k] !== undefined);
      if (selectors.length > 1)
        problems.push({
          segments: where,
          message: `uses ${selectors.join(' and ')}; give one selector per check`,
        });
      if (check.matches !== undefined) {
        try {
          new RegExp(check.matches);
        } catch (e) {
          problems.push({
            segments: [...where, 'matches'],
            message: `not a regular expression: ${(e as Error).message}`,
          });
        }
      }
      useIn(check, where, inStep);
      sourceIn(check, where, inStep);
    });
    for (const [name, value] of Object.entries(step.save ?? {})) {
      useIn(value, [...at, 'save', name], inStep);
      if (typeof value === 'object') sourceIn(value, [...at, 'save', name], inStep);
    }
    for (const ev of step.expect?.events ?? []) if (ev.as !== undefined) defined.add(ev.as);
    for (const name of Object.keys(step.save ?? {})) defined.add(name);
  });
  return problems;
}
