/**
 * The part of the runner's JSON result (`runner/types.ts` RunResult, `formatVersion` 1) that the
 * simulator relies on when it records a run, and its JSON Schema. Everything else the runner sends is
 * kept as it is: the schema allows additional fields everywhere, so a newer runner that adds fields
 * (additively, as the format promises) can still record.
 *
 * The simulator keeps its own copy of these shapes rather than importing the runner's: the runner is a
 * client of the simulator (design principle 3), never the other way round.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { badRequest, type ApiError } from '../http/errors.ts';
import { describeAjvError } from '../registry/schemas.ts';
import type { RunVerdict } from '../domain/runs.ts';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = formatsModule.default;

export interface RecordedEvidence {
  label: string;
  value: string;
  href?: string;
}

/** One check of a step; `document`, `expected`, `actual` and `selector` since runner 0.1 (additive). */
export interface RecordedCheck {
  id: string;
  title: string;
  kind: string;
  requirement?: string;
  requirementText?: string;
  level: string;
  checklist?: string;
  verdict: RunVerdict;
  message?: string;
  evidence: RecordedEvidence[];
  /** OID of the archived document the check read (from `/archive/documents/{oid}…`). */
  document?: string;
  /** What the check compared against (`equals`), rendered: the source system's value. */
  expected?: unknown;
  /** The values the check selected. */
  actual?: unknown[];
  /** The selector that was evaluated, rendered. */
  selector?: { path?: string; fhirpath?: string; xpath?: string };
}

export interface RecordedStep {
  id: string;
  title: string;
  description?: string;
  instruction?: string;
  verdict: RunVerdict;
  message?: string;
  startedAt?: string;
  durationMs?: number;
  checks: RecordedCheck[];
}

export interface RecordedScenario {
  id: string;
  title: string;
  description?: string;
  service: string;
  file?: string;
  organisation?: {
    oid: string;
    name?: string;
    registerControllers?: { oid: string; name: string }[];
    system?: { id: string; vendor: string; product: string; version: string; category: string };
    note?: string;
  };
  verdict: RunVerdict;
  message?: string;
  startedAt: string;
  durationMs: number;
  testPersons?: { hetu: string; name?: string }[];
  steps: RecordedStep[];
}

export interface RecordedRun {
  tool: 'kantasim';
  formatVersion: 1;
  simulator: string;
  sut?: string;
  level: string;
  manual?: boolean;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  passed?: boolean;
  totals?: Record<RunVerdict, number>;
  scenarios: RecordedScenario[];
}

/** Most scenarios, steps a scenario, checks a step and evidence rows a check one POST may carry. */
export const RUN_LIMITS = { scenarios: 200, steps: 500, checks: 500, evidence: 200 } as const;

const text = (max: number): Record<string, unknown> => ({ type: 'string', maxLength: max });
const name = (max: number): Record<string, unknown> => ({ type: 'string', minLength: 1, maxLength: max });
const verdict = { type: 'string', enum: ['pass', 'fail', 'error', 'skip'] };
const dateTime = { type: 'string', format: 'date-time', maxLength: 64 };
const ms = { type: 'number', minimum: 0 };

const evidenceSchema = {
  type: 'object',
  required: ['label', 'value'],
  properties: { label: text(200), value: text(20_000), href: text(2000) },
};

const checkSchema = {
  type: 'object',
  required: ['id', 'title', 'kind', 'level', 'verdict', 'evidence'],
  properties: {
    id: name(300),
    title: text(2000),
    kind: name(40),
    requirement: text(300),
    requirementText: text(5000),
    level: name(20),
    checklist: text(40),
    verdict,
    message: text(20_000),
    evidence: { type: 'array', maxItems: RUN_LIMITS.evidence, items: evidenceSchema },
    document: text(200),
    actual: { type: 'array', maxItems: 1000 },
    selector: {
      type: 'object',
      additionalProperties: false,
      properties: { path: text(2000), fhirpath: text(2000), xpath: text(2000) },
    },
  },
};

const stepSchema = {
  type: 'object',
  required: ['id', 'title', 'verdict', 'checks'],
  properties: {
    id: name(200),
    title: text(2000),
    description: text(20_000),
    instruction: text(20_000),
    verdict,
    message: text(20_000),
    startedAt: dateTime,
    durationMs: ms,
    checks: { type: 'array', maxItems: RUN_LIMITS.checks, items: checkSchema },
  },
};

const scenarioSchema = {
  type: 'object',
  required: ['id', 'title', 'service', 'verdict', 'startedAt', 'durationMs', 'steps'],
  properties: {
    id: name(200),
    title: text(2000),
    description: text(20_000),
    service: name(100),
    file: text(2000),
    organisation: {
      type: 'object',
      required: ['oid'],
      properties: { oid: name(128), name: text(500), note: text(2000) },
    },
    verdict,
    message: text(20_000),
    startedAt: dateTime,
    durationMs: ms,
    testPersons: {
      type: 'array',
      maxItems: 1000,
      items: { type: 'object', required: ['hetu'], properties: { hetu: name(64), name: text(200) } },
    },
    steps: { type: 'array', maxItems: RUN_LIMITS.steps, items: stepSchema },
  },
};

export const recordedRunSchema = {
  type: 'object',
  required: ['tool', 'formatVersion', 'simulator', 'level', 'startedAt', 'scenarios'],
  properties: {
    tool: { const: 'kantasim' },
    formatVersion: { const: 1 },
    simulator: text(2000),
    sut: text(2000),
    level: name(20),
    manual: { type: 'boolean' },
    startedAt: dateTime,
    finishedAt: dateTime,
    durationMs: ms,
    passed: { type: 'boolean' },
    scenarios: { type: 'array', minItems: 1, maxItems: RUN_LIMITS.scenarios, items: scenarioSchema },
  },
};

const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false });
addFormats(ajv, ['date-time']);
const validate: ValidateFunction<RecordedRun> = ajv.compile<RecordedRun>(recordedRunSchema);

/** The body as a RecordedRun, or a 400 ApiError naming the first offending field. */
export function checkRecordedRun(body: unknown): RecordedRun {
  if (validate(body)) return body;
  const first = validate.errors?.[0];
  const { path, message } =
    first === undefined ? { path: '', message: 'request body is invalid' } : describeAjvError(first);
  const error: ApiError = badRequest('invalid-body', message, path);
  throw error;
}

/** Checks by verdict over a scenario's steps. */
export function countChecks(scenario: RecordedScenario): Record<RunVerdict, number> {
  const counts: Record<RunVerdict, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const step of scenario.steps) for (const check of step.checks) counts[check.verdict] += 1;
  return counts;
}
