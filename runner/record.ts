/**
 * Recording a run in the simulator (`POST {sim}/runs`, the run-result wire format of
 * `common/run-wire.ts`), so the archivist viewer shows it under
 * "Scenario runs" with its verdicts and evidence. The whole run is posted once; the simulator keeps one
 * record a scenario (each scenario names its own organisation, which decides who may see it) and
 * answers their ids.
 *
 * Real people's identity codes are masked before the run is posted (`mask.ts`): the simulator refuses
 * a record that carries one.
 *
 * Recording is a convenience, not part of the verdict: a failure is reported to the caller, who warns.
 */
import { errorSummary, send, TransportError } from './http.ts';
import { runLink } from './links.ts';
import { maskIdentitiesDeep } from './mask.ts';
import type { RunResult, Verdict } from './types.ts';

/** The simulator's answer for one recorded scenario: a run record (`simulator/domain/runs.ts`) by id. */
export interface RunRecordRef {
  id: string;
  scenarioId: string;
  verdict: Verdict;
  /** Absolute link to the run's viewer page. */
  viewer: string;
}

export type RecordOutcome = { ok: true; runs: RunRecordRef[] } | { ok: false; message: string };

interface RunsAnswer {
  runs?: { id?: unknown; scenarioId?: unknown; verdict?: unknown }[];
}

/** Posts the run to `{sim}/runs`. Never throws. */
export async function recordRun(sim: string, run: RunResult, timeoutMs = 30_000): Promise<RecordOutcome> {
  try {
    const res = await send(
      sim,
      { method: 'POST', path: '/runs', body: maskIdentitiesDeep(run) },
      timeoutMs,
      'the simulator',
    );
    if (res.status !== 201)
      return { ok: false, message: `POST ${res.url} answered ${res.status}: ${errorSummary(res)}` };
    const runs = (res.body as RunsAnswer | undefined)?.runs;
    if (!Array.isArray(runs))
      return { ok: false, message: `POST ${res.url} answered 201 without a list of recorded runs` };
    return {
      ok: true,
      runs: runs.flatMap((r) =>
        typeof r.id === 'string' && typeof r.scenarioId === 'string'
          ? [
              {
                id: r.id,
                scenarioId: r.scenarioId,
                verdict: (typeof r.verdict === 'string' ? r.verdict : 'error') as Verdict,
                viewer: runLink(sim, r.id),
              },
            ]
          : [],
      ),
    };
  } catch (e) {
    return { ok: false, message: e instanceof TransportError ? e.message : String(e) };
  }
}
