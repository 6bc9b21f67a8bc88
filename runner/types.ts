/**
 * The scenario format (what `runner/scenario.schema.json` checks) and the results of a run.
 *
 * A scenario reads like the deployment-test instructions (käyttöönottokoe, docs/kanta.md#deployment-test-and-the-archivists-check): metadata written
 * for the tester, the registry state it needs, then steps of "do something, wait for the submission,
 * check what was kept". See scenarios/README.md for the format with a worked example.
 */

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
}

export type Check = CheckMeta & Query & Comparisons;

// ---------------------------------------------------------------- results

/** pass / fail; error = the check could not be evaluated; skip = not selected or not reached. */
export type Verdict = 'pass' | 'fail' | 'error' | 'skip';

/** What a check looked at, for the report: event, resources, documents and their viewer links. */
export interface Evidence {
  label: string;
  value: string;
  href?: string;
}

export interface CheckResult {
  id: string;
  /** What the check looked at, with the run's values filled in (OIDs, ids, identity codes). */
  title: string;
  /**
   * The same title with every variable written as its name (`‹org›`): identical in every run of the
   * scenario, so CI test names (JUnit) stay stable. Older records have none; readers fall back to title.
   */
  name?: string;
  kind: 'status' | 'event' | 'check' | 'action';
  requirement?: string;
  requirementText?: string;
  level: Level;
  checklist?: ChecklistItem;
  verdict: Verdict;
  /** "expected X, received Y", naming the requirement or finding code. */
  message?: string;
  evidence: Evidence[];
  /** OID of the archived document a check read (`in: { get: /archive/documents/{oid}… }`). */
  document?: string;
  /** The check's `equals` value, rendered: for a source-system comparison, the source system's value. */
  expected?: unknown;
  /** The values the check selected (left out when they are very large). */
  actual?: unknown[];
  /** The selector the check evaluated, rendered. */
  selector?: { path?: string; fhirpath?: string; xpath?: string };
}

export interface StepResult {
  id: string;
  title: string;
  description?: string;
  instruction?: string;
  verdict: Verdict;
  message?: string;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
}

export interface TestPersonRecord {
  hetu: string;
  name?: string;
  variable?: string;
  service?: string;
}

/** Who is tested and with which system, read from the simulator's registry after the run. */
export interface OrganisationInfo {
  oid: string;
  name?: string;
  /** Register controllers (rekisterinpitäjä) under the organisation. */
  registerControllers?: { oid: string; name: string }[];
  system?: { id: string; vendor: string; product: string; version: string; category: string };
  services?: string[];
  /** Why some of it could not be read. */
  note?: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  description: string;
  service: string;
  file: string;
  organisation?: OrganisationInfo;
  verdict: Verdict;
  message?: string;
  startedAt: string;
  durationMs: number;
  testPersons: TestPersonRecord[];
  steps: StepResult[];
}

export interface RunResult {
  tool: 'kantasim';
  formatVersion: 1;
  simulator: string;
  sut?: string;
  level: Level;
  manual: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  passed: boolean;
  totals: Record<Verdict, number>;
  scenarios: ScenarioResult[];
}
