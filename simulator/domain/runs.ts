/**
 * Recorded scenario runs (`kantasim run` → the viewer's Scenario runs, docs/viewer.md#scenario-runs-testiajot): what `POST /runs` keeps.
 *
 * One record is one scenario of one `kantasim run`: the runner's JSON result (the run-result wire format, `common/run-wire.ts`) narrowed
 * to that scenario, plus the summary fields the list pages filter and sort on. The store does not look
 * inside `result`; the HTTP layer (simulator/runs/) checks the fields it relies on before it is stored.
 */

import type { RunVerdict } from '../../common/run-wire.ts';

// The verdicts are the wire format's (one definition, shared with the runner).
export { RUN_VERDICTS, type RunVerdict } from '../../common/run-wire.ts';

/** What the run lists show, without the (possibly large) result. */
export interface RunSummary {
  /** Assigned by the simulator (a UUID). */
  id: string;
  /** When the simulator recorded it (ISO date-time with milliseconds). */
  recordedAt: string;
  scenarioId: string;
  title: string;
  service: string;
  /** OID of the organisation whose deployment the scenario tests, when the scenario names one. */
  organisation?: string;
  verdict: RunVerdict;
  /** When the scenario started, as the runner reported it. */
  startedAt: string;
  durationMs: number;
  /** Checks by verdict. */
  counts: Record<RunVerdict, number>;
  /** The simulator and system-under-test URLs the runner used. */
  simulator: string;
  sut?: string;
  level: string;
  /** Sequence number of the `run.recorded` event written with it. */
  eventSeq?: number;
}

export interface RunRecord extends RunSummary {
  /** The runner's JSON result with only this scenario in `scenarios` (totals recounted). */
  result: Record<string, unknown>;
}
