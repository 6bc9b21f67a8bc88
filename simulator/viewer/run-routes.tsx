/**
 * `/viewer/runs`, `/viewer/runs/:id` (recorded scenario runs) and `/viewer/events/:seq` (one event, the
 * page the runner's evidence links to). Scope as in runs.ts and live.ts; out of scope answers 404.
 */
import type { Router } from 'express';
import type { Store } from '../store/types.ts';
import { eventVisible } from './live.ts';
import { scopeOfRes, send } from './page-http.ts';
import { ErrorPage } from './pages/error.tsx';
import { EventPage } from './pages/event.tsx';
import { RunPage, RunsPage } from './pages/runs.tsx';
import { logAccess } from './queries.ts';
import { documentsOf, runVisible, scenarioOf } from './runs.ts';

export function runViewerRoutes(router: Router, store: Store): void {
  router.get('/runs', async (_req, res) => {
    const scope = scopeOfRes(res);
    const runs = await store.runs.list({ organisations: [...scope.appointmentOrganisations], limit: 200 });
    send(res, <RunsPage scope={scope} runs={runs} />);
  });

  router.get('/runs/:id', async (req, res) => {
    const scope = scopeOfRes(res);
    const id = req.params.id;
    const record = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await store.runs.get(id) : undefined;
    const scenario = record && runVisible(scope, record) ? scenarioOf(record) : undefined;
    if (!record || !scenario) {
      send(
        res,
        <ErrorPage
          scope={scope}
          title="Run not found"
          message={`No recorded run ${id} for ${scope.organisation?.name ?? scope.registerController.name}.`}
        />,
        404,
      );
      return;
    }
    // A run names its test persons: that is a view of their data, so it is logged like the other pages.
    await logAccess(
      store,
      scope,
      'run',
      (scenario.testPersons ?? []).map((p) => p.hetu),
      record.id,
      res.locals.requestId as string | undefined,
    );
    send(res, <RunPage scope={scope} record={record} scenario={scenario} documents={documentsOf(record)} />);
  });

  router.get('/events/:seq', async (req, res) => {
    const scope = scopeOfRes(res);
    const raw = req.params.seq;
    const seq = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : undefined;
    const event =
      seq === undefined || seq < 1 ? undefined : (await store.events.list({ since: seq - 1, limit: 1 }))[0];
    if (event === undefined || event.seq !== seq || !eventVisible(scope, event)) {
      send(
        res,
        <ErrorPage
          scope={scope}
          title="Event not found"
          message={`No event ${raw} for ${scope.organisation?.name ?? scope.registerController.name}.`}
        />,
        404,
      );
      return;
    }
    send(res, <EventPage scope={scope} event={event} />);
  });
}
