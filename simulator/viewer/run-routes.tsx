/**
 * `/viewer/runs`, `/viewer/runs/:id` (recorded scenario runs) and `/viewer/events/:seq` (one event, the
 * page the runner's evidence links to). The request's scoped reader decides what is visible; out of
 * scope answers 404.
 */
import type { Router } from 'express';
import { readerOf, requestIdOf, send } from './page-http.tsx';
import { ErrorPage } from './pages/error.tsx';
import { EventPage } from './pages/event.tsx';
import { RunPage, RunsPage } from './pages/runs.tsx';
import { documentsOf } from './runs.ts';

export function runViewerRoutes(router: Router): void {
  router.get('/runs', async (_req, res) => {
    const reader = readerOf(res);
    send(res, <RunsPage scope={reader.scope} runs={await reader.runs(200)} />);
  });

  router.get('/runs/:id', async (req, res) => {
    const reader = readerOf(res);
    const scope = reader.scope;
    const id = req.params.id;
    const found = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await reader.run(id) : undefined;
    if (!found) {
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
    const { record, scenario } = found;
    // A run names its test persons: that is a view of their data, so it is logged like the other pages.
    await reader.logAccess(
      'run',
      (scenario.testPersons ?? []).map((p) => p.hetu),
      record.id,
      requestIdOf(res),
    );
    // Only documents this register holds get a link: a refused submission's OID was never stored, and
    // another register's document answers 404 here.
    const documents = await Promise.all(
      documentsOf(record).map(async (d) => ({ ...d, shown: (await reader.document(d.oid)) !== undefined })),
    );
    send(res, <RunPage scope={scope} record={record} scenario={scenario} documents={documents} />);
  });

  router.get('/events/:seq', async (req, res) => {
    const reader = readerOf(res);
    const scope = reader.scope;
    const raw = req.params.seq;
    const event = /^[0-9]{1,15}$/.test(raw) ? await reader.event(Number(raw)) : undefined;
    if (event === undefined) {
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
