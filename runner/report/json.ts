/**
 * The JSON report: the RunResult as it is (`formatVersion` 1), for scripts, dashboards and archives.
 *
 * The simulator has no endpoint yet to record a run in its event log (channel `runner` exists in the
 * event types but nothing writes it); until it has, this file is the record of the run.
 */
import type { RunResult } from '../types.ts';

export function jsonReport(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
