/**
 * The JSON report: the RunResult as it is (`formatVersion` 1), for scripts, dashboards and archives.
 * The same document is what `kantasim run` posts to the simulator's `POST /runs` (record.ts), where the
 * archivist viewer shows it under Scenario runs.
 */
import type { RunResult } from '../types.ts';

export function jsonReport(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
