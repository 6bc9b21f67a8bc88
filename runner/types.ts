/**
 * The scenario format (what `runner/scenario.schema.json` checks) and the results of a run (the
 * run-result wire format of `common/run-wire.ts`, extended with what this runner always writes).
 *
 * A scenario reads like the deployment-test instructions (käyttöönottokoe, docs/kanta.md#deployment-test-and-the-archivists-check): metadata written
 * for the tester, the registry state it needs, then steps of "do something, wait for the submission,
 * check what was kept". See scenarios/README.md for the format with a worked example.
 */

import type {
  RunVerdict,
  RunWire,
  RunWireCheck,
  RunWireEvidence,
  RunWireOrganisation,
  RunWireScenario,
  RunWireStep,
  RunWireTestPerson,
} from '../common/run-wire.ts';

export type Level = 'shall' | 'should';

/** Which line of the archivist's checklist (Kanta deployment-test guidance, docs/kanta.md#deployment-test-and-the-archivists-check) a check supports, for the HTML report. */
export type ChecklistItem = 'archived' | 'register' | 'matches-source';

export interface Scenario {
  id: string;
  title: string;
  /** Written for the person running the test. */
  description: string;
  /** Kanta service under test, e.g. `pta`, `pta-appointment`, `social-welfare`. */
  service: string;
  /** OID of the organisation whose deployment is tested (templated); names the report's "who". */
  organisation?: string;
  /** Default level of the checks that give none. */
  level?: Level;
  /** Requirement catalogue: id → text, shown in reports beside the checks that trace to it. */
  requirements?: Record<string, string>;
  tags?: string[];
  /** Variables, rendered in order (a value may use earlier ones). */
  vars?: Record<string, unknown>;
  setup?: Setup;
  steps: Step[];
}

export interface Setup {
  /** PUT /registry/organisations/{oid} */
  organisations?: Record<string, unknown>[];
  /** POST /registry/systems (an already registered id is left as it is) */
  systems?: Record<string, unknown>[];
  /** PUT /registry/customers/{orgOid}; the body is the rest of the object. */
  customers?: ({ orgOid: string } & Record<string, unknown>)[];
  /** POST /registry/test-persons/issue */
  testPersons?: TestPersonRequest[];
}

export interface TestPersonRequest {
  /** Variable that receives the person (count 1) or the list of persons (count > 1). */
  as: string;
  vendor: string;
  customer: string;
  service: string;
  count?: number;
}

export interface Step {
  id: string;
  title: string;
  description?: string;
  do?: Action;
  expect?: Expectations;
  /** Values kept for later steps: a template string, or a query over a document. */
  save?: Record<string, string | Query>;
  /** Run the next steps even when a SHALL check of this one failed. */
  continueOnFailure?: boolean;
}

export interface Action {
  /** What a person does. Shown and waited on with `--manual`. */
  instruction?: string;
  /** An HTTP call to the system under test's automation hook (`--sut URL`). */
  sut?: HttpCall;
  /** A shell command; a non-zero exit fails the step. */
  command?: string | CommandCall;
  /** A request the runner sends itself to the simulator. */
  fixture?: HttpCall;
}

export interface HttpCall {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON; a string as is. */
  body?: unknown;
  /** A file, relative to the scenario file, sent as the body (templated). */
  bodyFile?: string;
  /** Status codes that count as success; default any 2xx. */
  expectStatus?: number | number[];
}

export interface CommandCall {
  run: string;
  cwd?: string;
  env?: Record<string, string>;
}

export interface Expectations {
  /** Seconds to wait for the expected events; default `--timeout`. */
  timeout?: number;
  events?: EventExpectation[];
  checks?: Check[];
}

/** Fields shared by everything that is reported as a check. */
export interface CheckMeta {
  id?: string;
  title?: string;
  /** The Kanta rule, seed or specification section the check verifies. */
  requirement?: string;
  level?: Level;
  checklist?: ChecklistItem;
}

/** Wait for submissions in the simulator's event log that match these fields. */
export interface EventExpectation extends CheckMeta {
  /** Variable that receives the matched event (or the list when count > 1). */
  as?: string;
  channel?: string;
  service?: string;
  kind?: string;
  outcome?: string;
  organisation?: string;
  patient?: string;
  /** How many matching events to wait for (default 1). */
  count?: number;
  /** Finding codes each matched event must carry (an expected refusal's reasons). */
  findings?: string[];
}

/** Where a check or a save reads its document from. */
export type Source =
  /** `response`, or the name of a variable (with a path: `readiness.items`). */
  | string
  | { get: string; headers?: Record<string, string> }
  | { sut: string; headers?: Record<string, string> }
  | { value: unknown };

/** A document and, optionally, an expression that selects values from it. */
export interface Query {
  /** Default `response`: the body of this step's `do` call. A bare name reads a variable. */
  in?: Source;
  /** Dotted path with [n] indexes, e.g. `items[0].passed`. */
  path?: string;
  fhirpath?: string;
  xpath?: string;
}

export interface Comparisons {
  equals?: unknown;
  notEquals?: unknown;
  exists?: boolean;
  matches?: string;
  contains?: unknown;
  oneOf?: unknown[];
  count?: number;
  /**
   * The one selected value names the same instant as this time (HL7 TS or ISO 8601, each with or
   * without a zone; no zone means Helsinki local time): `runner/instants.ts`.
   */
  sameInstant?: string;
}

export type Check = CheckMeta & Query & Comparisons;

// ---------------------------------------------------------------- results

/**
 * The results below are the run-result wire format (`common/run-wire.ts`, the one definition `POST
 * /runs` reads) with what this runner always writes: each interface extends its wire counterpart, so a
 * result that compiles here is a valid wire document.
 */
export type { RunVerdict as Verdict } from '../common/run-wire.ts';

/** What a check looked at, for the report: event, resources, documents and their viewer links. */
export type Evidence = RunWireEvidence;

export interface CheckResult extends RunWireCheck {
  /**
   * The title with every variable written as its name (`‹org›`): identical in every run of the
   * scenario, so CI test names (JUnit) stay stable. Older records have none; readers fall back to title.
   */
  name?: string;
  kind: 'status' | 'event' | 'check' | 'action';
  level: Level;
  checklist?: ChecklistItem;
}

export interface StepResult extends RunWireStep {
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
}

export interface TestPersonRecord extends RunWireTestPerson {
  variable?: string;
  service?: string;
}

/** Who is tested and with which system, read from the simulator's registry after the run. */
export interface OrganisationInfo extends RunWireOrganisation {
  services?: string[];
}

export interface ScenarioResult extends RunWireScenario {
  description: string;
  file: string;
  organisation?: OrganisationInfo;
  testPersons: TestPersonRecord[];
  steps: StepResult[];
}

export interface RunResult extends RunWire {
  level: Level;
  manual: boolean;
  finishedAt: string;
  durationMs: number;
  passed: boolean;
  totals: Record<RunVerdict, number>;
  scenarios: ScenarioResult[];
}
