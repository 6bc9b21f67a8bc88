/**
 * The JSON report: the RunResult as it is (`formatVersion` 1), for scripts, dashboards and archives.
 * The same document is what `kantasim run` posts to the simulator's `POST /runs` (record.ts), where the
 * archivist viewer shows it under Scenario runs.
 *
 * Language-neutral: codes, ids and verdict words (`pass`, `fail`), whatever `--lang` the run had. Real-range
 * identity codes are masked and unrendered placeholders named (runner/present.ts), as in every report:
 * the file outlives the run and may be kept by CI.
 */
import { presentable } from '../present.ts';
import type { RunResult } from '../types.ts';

export function jsonReport(run: RunResult): string {
  return `${JSON.stringify(presentable(run), null, 2)}\n`;
}
