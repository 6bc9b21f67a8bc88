/**
 * The run-result wire format: the JSON a scenario run produces (`kantasim run --json`, the `.json`
 * report) and `POST /runs` records, `formatVersion` 1. This is its one definition; the runner's result
 * types (`runner/types.ts`) extend these interfaces with what the runner always writes, and the
 * simulator (`simulator/runs/format.ts`) checks a posted body against `RUN_WIRE_SCHEMA`.
 *
 * The interfaces say what a reader may rely on: a field the schema requires is required here, every
 * other field is optional, and the schema allows additional fields everywhere, so a newer runner that
 * adds fields (additively, as the format promises) can still record in an older simulator.
 *
 * It lives in `common/` (pure types and data, no imports) because both the runner and the simulator
 * use it at run time, and the runner is a client of the simulator (it imports only types from it).
 */

export const RUN_WIRE_VERSION = 1;

/** pass / fail; error = a check could not be evaluated; skip = not selected or not reached. */
export type RunVerdict = 'pass' | 'fail' | 'error' | 'skip';

export const RUN_VERDICTS: readonly RunVerdict[] = ['pass', 'fail', 'error', 'skip'];

/** One line of what a check looked at (an event, a resource, a document and its viewer link). */
export interface RunWireEvidence {
  label: string;
  value: string;
  href?: string;
}

/** One check of a step; `document`, `expected`, `actual` and `selector` since runner 0.1 (additive). */
export interface RunWireCheck {
  id: string;
  title: string;
  /** `status`, `event`, `check` or `action` from today's runner. */
  kind: string;
  requirement?: string;
  requirementText?: string;
  /** `shall` or `should` from today's runner. */
  level: string;
  checklist?: string;
  verdict: RunVerdict;
  /** "expected X, received Y", naming the requirement or finding code. */
  message?: string;
  evidence: RunWireEvidence[];
  /** OID of the archived document the check read (from `/archive/documents/{oid}…`). */
  document?: string;
  /** What the check compared against (`equals`), rendered: the source system's value. */
  expected?: unknown;
  /** The values the check selected (left out when they are very large). */
  actual?: unknown[];
  /** The selector that was evaluated, rendered. */
  selector?: { path?: string; fhirpath?: string; xpath?: string };
}

export interface RunWireStep {
  id: string;
  title: string;
  description?: string;
  instruction?: string;
  verdict: RunVerdict;
  message?: string;
  startedAt?: string;
  durationMs?: number;
  checks: RunWireCheck[];
}

/** Who is tested and with which system, as the runner read it from the simulator's registry. */
export interface RunWireOrganisation {
  oid: string;
  name?: string;
  /** Register controllers (rekisterinpitäjä) under the organisation. */
  registerControllers?: { oid: string; name: string }[];
  system?: { id: string; vendor: string; product: string; version: string; category: string };
  /** Why some of it could not be read. */
  note?: string;
}

export interface RunWireTestPerson {
  /** A test-range identity code; the runner masks any other before it records. */
  hetu: string;
  name?: string;
}

export interface RunWireScenario {
  id: string;
  title: string;
  description?: string;
  service: string;
  file?: string;
  organisation?: RunWireOrganisation;
  verdict: RunVerdict;
  message?: string;
  startedAt: string;
  durationMs: number;
  testPersons?: RunWireTestPerson[];
  steps: RunWireStep[];
}

export interface RunWire {
  tool: 'kantasim';
  formatVersion: typeof RUN_WIRE_VERSION;
  simulator: string;
  sut?: string;
  level: string;
  manual?: boolean;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  passed?: boolean;
  totals?: Record<RunVerdict, number>;
  scenarios: RunWireScenario[];
}

/** Most scenarios, steps a scenario, checks a step and evidence rows a check one POST may carry. */
export const RUN_WIRE_LIMITS = { scenarios: 200, steps: 500, checks: 500, evidence: 200 } as const;

const text = (max: number): Record<string, unknown> => ({ type: 'string', maxLength: max });
const name = (max: number): Record<string, unknown> => ({ type: 'string', minLength: 1, maxLength: max });
const verdict = { type: 'string', enum: [...RUN_VERDICTS] };
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
    evidence: { type: 'array', maxItems: RUN_WIRE_LIMITS.evidence, items: evidenceSchema },
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
    checks: { type: 'array', maxItems: RUN_WIRE_LIMITS.checks, items: checkSchema },
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
    steps: { type: 'array', maxItems: RUN_WIRE_LIMITS.steps, items: stepSchema },
  },
};

export const RUN_WIRE_SCHEMA = {
  type: 'object',
  required: ['tool', 'formatVersion', 'simulator', 'level', 'startedAt', 'scenarios'],
  properties: {
    tool: { const: 'kantasim' },
    formatVersion: { const: RUN_WIRE_VERSION },
    simulator: text(2000),
    sut: text(2000),
    level: name(20),
    manual: { type: 'boolean' },
    startedAt: dateTime,
    finishedAt: dateTime,
    durationMs: ms,
    passed: { type: 'boolean' },
    scenarios: { type: 'array', minItems: 1, maxItems: RUN_WIRE_LIMITS.scenarios, items: scenarioSchema },
  },
};
