/**
 * The runner's public surface, for the CLI and for other front ends (tests of the reference vendor
 * system, a CI plug-in): load scenarios, run them, write reports.
 */
export { runScenario, runScenarios, worst, type RunOptions } from './engine.ts';
export {
  BUILTIN_VARIABLES,
  collectScenarioFiles,
  formatProblem,
  loadScenarioFile,
  parseScenario,
  ScenarioLoadError,
  type LoadedScenario,
  type LoadProblem,
} from './load.ts';
export { terminalReporter, summaryTable, type ProgressListener } from './progress.ts';
export { linePrompter, type ManualAnswer, type Prompter } from './prompt.ts';
export { eventLink, resourceLink, runLink, VIEWER_LINK_PATTERNS } from './links.ts';
export { recordRun, type RunRecordRef, type RecordOutcome } from './record.ts';
export { csvReport } from './report/csv.ts';
export { htmlReport } from './report/html.ts';
export { jsonReport } from './report/json.ts';
export { junitXml } from './report/junit.ts';
export type * from './types.ts';
export { setRunLanguage } from './wording.ts';
