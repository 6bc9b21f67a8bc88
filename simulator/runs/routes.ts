/**
 * `/runs`: recorded scenario runs, so the archivist viewer can show a deployment test's verdicts beside
 * its evidence (docs/viewer.md#scenario-runs-testiajot). The runner (`kantasim run`) posts its JSON result here after a run.
 *
 *   POST /runs          body = a run in the run-result wire format (common/run-wire.ts); one record a scenario
 *                       → 201 { runs: [{ id, scenarioId, organisation, verdict, href, viewer }] }
 *   GET  /runs?organisation=&since=&limit=   → { runs: [summary…] }, newest first
 *   GET  /runs/{id}     → the record: summary fields and `result` (the run narrowed to that scenario)
 *
 * Each record appends one event (channel `runner`, kind `run.recorded`, outcome `info`) in the same
 * transaction, so the live view and `/events` show that a run was recorded. A record that carries a
 * real person's identity code anywhere (test persons, evidence, messages) is refused with 422
 * `real-identity` unless the server allows real identities: the runner masks such codes before it
 * records (identity guard, `domain/identity-guard.ts`). Errors answer
 * `{ "error": { "code", "message", "path" } }` like /registry.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { EventLog } from '../events/log.ts';
import { maySeeRun, organiserFilter } from '../access/scope.ts';
import { ApiError, badRequest, jsonErrorHandler, notFound } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { callerOf, describeCaller, scopeOf } from '../http/tls-auth.ts';
import type { Logger } from '../logger.ts';
import type { RunQuery } from '../store/runs-types.ts';
import type { RunRecord } from '../domain/runs.ts';
import type { Store } from '../store/types.ts';
import { findRealCodeDeep, mask } from '../domain/identity-guard.ts';
import type { RunWire, RunWireScenario } from '../../common/run-wire.ts';
import { countChecks, readRunWire } from './format.ts';
import { summarise } from '../../common/i18n/event-summary.ts';

/** Largest run result accepted in one POST. */
export const MAX_RUN_BODY = '8mb';

const OID = /^[0-2](\.(0|[1-9][0-9]*)){1,40}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const RUN_ID = /^[A-Za-z0-9-]{1,64}$/;

function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw badRequest('invalid-parameter', `give '${name}' once, as a plain value`, name);
  return value;
}

/** The run with only `scenario` in it, totals recounted: what GET /runs/{id} gives back. */
function narrowed(run: RunWire, scenario: RunWireScenario): Record<string, unknown> {
  return {
    ...run,
    passed: scenario.verdict === 'pass',
    totals: countChecks(scenario),
    scenarios: [scenario],
  };
}

export function parseRunQuery(req: Request): RunQuery {
  const query: RunQuery = {};
  const organisation = single(req, 'organisation');
  if (organisation !== undefined) {
    const oid = organisation.replace(/^urn:oid:/, '');
    if (!OID.test(oid))
      throw badRequest(
        'invalid-parameter',
        "'organisation' must be an OID, e.g. 1.2.246.10.3210987.10.0",
        'organisation',
      );
    query.organisation = oid;
  }
  const since = single(req, 'since');
  if (since !== undefined) {
    if (!ISO_DATE_TIME.test(since) || Number.isNaN(Date.parse(since)))
      throw badRequest(
        'invalid-parameter',
        "'since' must be an ISO date or date-time, e.g. 2026-11-20T08:00:00Z",
        'since',
      );
    query.since = new Date(since).toISOString();
  }
  const limit = single(req, 'limit');
  if (limit !== undefined) {
    if (!/^[0-9]{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
      throw badRequest('invalid-parameter', "'limit' must be a whole number from 1 to 1000", 'limit');
    query.limit = Number(limit);
  }
  return query;
}

export function runRoutes(
  store: Store,
  events: EventLog,
  logger: Logger,
  options: { allowRealIdentities?: boolean } = {},
): Router {
  const router = Router();
  router.use(jsonBody(MAX_RUN_BODY));

  router.post('/', async (req, res) => {
    if (!req.is(['application/json', 'application/*+json']))
      throw badRequest('invalid-body', 'send the run result as JSON (Content-Type: application/json)', '');
    const run = readRunWire(req.body);
    const caller = callerOf(res);
    if (caller?.kind === 'organisation') {
      // Shared mode: an organisation records runs of its own scenarios only.
      const foreign = run.scenarios
        .map((s) => s.organisation?.oid.replace(/^urn:oid:/, ''))
        .find((oid) => oid === undefined || !maySeeRun(caller.scope, { organisation: oid }));
      if (run.scenarios.length > 0 && (foreign !== undefined || run.scenarios.some((s) => !s.organisation)))
        throw new ApiError(
          403,
          'access-out-of-scope',
          `${describeCaller(caller)} may not record a run for ${foreign ?? 'no organisation'}: record only runs of scenarios that name your organisation or its units`,
          '/scenarios',
        );
    }
    const real = options.allowRealIdentities === true ? undefined : findRealCodeDeep(req.body);
    if (real)
      throw new ApiError(
        422,
        'real-identity',
        `the run record carries a real person's identity code (${mask(real.code)}); only test-range codes (individual number 900–999) may be recorded: mask it (e.g. ${mask(real.code)}) or use a Kela-issued test code`,
        real.path,
      );
    const recordedAt = new Date().toISOString();
    const requestId = res.locals.requestId as string | undefined;
    const recorded = await store.transaction(async (tx) => {
      const out: RunRecord[] = [];
      for (const scenario of run.scenarios) {
        const id = randomUUID();
        const counts = countChecks(scenario);
        const organisation = scenario.organisation?.oid.replace(/^urn:oid:/, '');
        const event = await events.record(
          {
            channel: 'runner',
            service: scenario.service,
            kind: 'run.recorded',
            outcome: 'info',
            ...(organisation !== undefined && { organisation }),
            resourceIds: [`runs/${id}`],
            findings: [],
            ...summarise('runs.scenario', {
              id: scenario.id,
              verdict: scenario.verdict,
              pass: String(counts.pass),
              fail: String(counts.fail),
              error: String(counts.error),
              skip: String(counts.skip),
            }),
            ...(requestId !== undefined && { requestId }),
            details: { runId: id, scenario: scenario.id, verdict: scenario.verdict, counts },
          },
          tx,
        );
        const record: RunRecord = {
          id,
          recordedAt,
          scenarioId: scenario.id,
          title: scenario.title,
          service: scenario.service,
          ...(organisation !== undefined && { organisation }),
          verdict: scenario.verdict,
          startedAt: scenario.startedAt,
          durationMs: scenario.durationMs,
          counts,
          simulator: run.simulator,
          ...(run.sut !== undefined && { sut: run.sut }),
          level: run.level,
          eventSeq: event.seq,
          result: narrowed(run, scenario),
        };
        await tx.runs.add(record);
        out.push(record);
      }
      return out;
    });
    const first = recorded[0];
    if (recorded.length === 1 && first) res.location(`/runs/${first.id}`);
    res.status(201).json({
      runs: recorded.map((r) => ({
        id: r.id,
        scenarioId: r.scenarioId,
        ...(r.organisation !== undefined && { organisation: r.organisation }),
        verdict: r.verdict,
        counts: r.counts,
        href: `/runs/${r.id}`,
        viewer: `/viewer/runs/${r.id}`,
      })),
    });
  });

  router.get('/', async (req, res) => {
    const query = parseRunQuery(req);
    const scope = scopeOf(res);
    if (scope) query.organisations = organiserFilter(scope, query.organisation);
    res.json({ runs: await store.runs.list(query) });
  });

  router.get('/:id', async (req, res) => {
    const id = req.params.id;
    const record = RUN_ID.test(id) ? await store.runs.get(id) : undefined;
    const scope = scopeOf(res);
    // Another organisation's run answers as if it did not exist.
    if (!record || (scope && !maySeeRun(scope, record))) throw notFound(`no recorded run ${id}`, 'id');
    res.json(record);
  });

  router.use(jsonErrorHandler(logger));
  return router;
}
