/**
 * `/viewer`: the archivist UI (issue 6). Server-rendered pages (preact → HTML strings), a strict
 * Content-Security-Policy (scripts and styles only from /viewer/assets, no inline anything), sessions in
 * an HttpOnly SameSite=Strict cookie, every page bounded by the signed-in archivist's register (scope.ts)
 * and every view of a person's data written to the access log.
 *
 * Routes (GET unless noted):
 *   /viewer                         → /viewer/find
 *   /viewer/sign-in, POST sign-in, POST sign-out
 *   /viewer/find?patient&from&to&repository&type&service&status&organisation
 *   /viewer/persons/:hetu           timeline of documents and appointments
 *   /viewer/documents/:oid          header, narrative, versions, findings, XML
 *   /viewer/documents/:oid/xml      the byte-exact XML as a download
 *   /viewer/documents/:oid/diff?with=:oid
 *   /viewer/documents/:oid/compare  (GET form, POST multipart check)
 *   /viewer/appointments/:id        Appointment, Provenances, history
 *   /viewer/live, /viewer/live/stream (SSE)
 *   /viewer/events/:seq             one event of the log (the runner's reports link here)
 *   /viewer/runs, /viewer/runs/:id  recorded scenario runs (run-routes.tsx)
 *   /viewer/access-log?patient
 *   /viewer/assets/:file            viewer.css, viewer.js, live.js
 */
import { readFileSync } from 'node:fs';
import type { Appointment, Provenance } from 'fhir/r4.js';
import { Router, type ErrorRequestHandler } from 'express';
import type { EventLog } from '../events/log.ts';
import type { Logger } from '../logger.ts';
import type { StoredResource } from '../domain/fhir.ts';
import type { Store } from '../store/types.ts';
import type { Organisation } from '../domain/registry.ts';
import { authRoutes, requireArchivist } from './auth.tsx';
import { documentRoutes } from './document-routes.tsx';
import { LiveStreams, recentEvents } from './live.ts';
import { requestIdOf, scopeOfRes, send } from './page-http.ts';
import { runViewerRoutes } from './run-routes.tsx';
import { AccessLogPage } from './pages/access-log.tsx';
import { AppointmentPage } from './pages/appointment.tsx';
import { ErrorPage } from './pages/error.tsx';
import { FindPage } from './pages/find.tsx';
import { LivePage } from './pages/live.tsx';
import { PersonPage } from './pages/person.tsx';
import { maskText } from '../domain/identity-guard.ts';
import { findAppointments, findDocuments, logAccess, organisationNames, parseCriteria } from './queries.ts';
import { appointmentPatient, appointmentVisible, type ArchivistScope } from './scope.ts';
import { SessionStore } from './session.ts';

/**
 * No inline script or style, no eval, no plugins, no framing; scripts, styles, fetches and form posts
 * only to this origin. A rendering bug that let markup through still could not run script.
 */
export const VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const ASSETS: Readonly<Record<string, { body: Buffer; type: string }>> = Object.fromEntries(
  (
    [
      ['viewer.css', 'text/css; charset=utf-8'],
      ['viewer.js', 'text/javascript; charset=utf-8'],
      ['live.js', 'text/javascript; charset=utf-8'],
    ] as const
  ).map(([name, type]) => [name, { body: readFileSync(new URL(`./assets/${name}`, import.meta.url)), type }]),
);

export interface ViewerOptions {
  store: Store;
  events: EventLog;
  logger: Logger;
}

export interface ViewerRoutes {
  router: Router;
  closeStreams(): void;
}

export function viewerRoutes({ store, events, logger }: ViewerOptions): ViewerRoutes {
  const router = Router();
  const sessions = new SessionStore();
  const live = new LiveStreams(store, events);

  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', VIEWER_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/assets/:name', (req, res) => {
    const asset = Object.hasOwn(ASSETS, req.params.name) ? ASSETS[req.params.name] : undefined;
    if (!asset) {
      res.status(404).type('text/plain').send('no such asset');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type(asset.type).send(asset.body);
  });

  authRoutes(router, store, logger, sessions);
  router.use(requireArchivist(store, sessions));

  router.get('/', (_req, res) => {
    res.redirect(303, '/viewer/find');
  });

  const inScopeOrganisations = async (scope: ArchivistScope): Promise<Organisation[]> => {
    const orgs: Organisation[] = [];
    for (const oid of scope.appointmentOrganisations) {
      const org = await store.registry.getOrganisation(oid);
      if (org) orgs.push(org);
    }
    return orgs.sort((a, b) => a.oid.localeCompare(b.oid));
  };

  router.get('/find', async (req, res) => {
    const scope = scopeOfRes(res);
    const { criteria, problems, given } = parseCriteria(req.query);
    const searched = given && problems.length === 0;
    const docs = searched ? await findDocuments(store, scope, criteria) : { documents: [], total: 0 };
    const apts = searched ? await findAppointments(store, scope, criteria) : { appointments: [], total: 0 };
    if (searched) {
      const patients = [
        ...docs.documents.map((d) => d.patient),
        ...apts.appointments.map((a) => appointmentPatient(a.resource)),
      ];
      const query = new URLSearchParams(
        Object.entries(req.query).filter(
          (kv): kv is [string, string] => typeof kv[1] === 'string' && kv[1].trim() !== '',
        ),
      ).toString();
      await logAccess(
        store,
        scope,
        'find',
        patients,
        query === '' ? undefined : `find?${query}`,
        requestIdOf(res),
      );
    }
    send(
      res,
      <FindPage
        scope={scope}
        criteria={criteria}
        problems={problems}
        searched={searched}
        documents={docs.documents}
        documentsTotal={docs.total}
        appointments={apts.appointments}
        appointmentsTotal={apts.total}
        organisations={await inScopeOrganisations(scope)}
        patientOf={(a) => appointmentPatient(a)}
      />,
    );
  });

  router.get('/persons/:hetu', async (req, res) => {
    const scope = scopeOfRes(res);
    const hetu = req.params.hetu.trim().toUpperCase();
    if (!/^[0-9A-Z+\-.]{6,64}$/.test(hetu)) {
      send(
        res,
        <ErrorPage
          scope={scope}
          title="Not an identity code"
          message={`'${hetu}' is not an identity code.`}
        />,
        400,
      );
      return;
    }
    const page = await store.archive.search({
      custodian: scope.registerController.oid,
      patient: hetu,
      includeNullified: true,
      includeReplaced: true,
      limit: 1000,
    });
    const { appointments } = await findAppointments(store, scope, { patient: hetu });
    const person = await store.registry.getTestPerson(hetu);
    const name = page.documents.find((d) => d.header.patient?.name !== undefined)?.header.patient?.name;
    await logAccess(store, scope, 'person', [hetu], `persons/${hetu}`, requestIdOf(res));
    send(
      res,
      <PersonPage
        scope={scope}
        hetu={maskText(hetu)}
        documents={page.documents}
        appointments={appointments}
        {...(person !== undefined && { person })}
        {...(name !== undefined && { name })}
      />,
    );
  });

  documentRoutes(router, store);
  runViewerRoutes(router, store);

  router.get('/appointments/:id', async (req, res) => {
    const scope = scopeOfRes(res);
    const id = req.params.id;
    const notFound = (): void => {
      send(
        res,
        <ErrorPage
          scope={scope}
          title="Appointment not found"
          message={`No appointment ${id} in the register of ${scope.registerController.name}.`}
        />,
        404,
      );
    };
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) {
      notFound();
      return;
    }
    const current = (await store.fhir.read('Appointment', id)) as StoredResource<Appointment> | undefined;
    if (!current) {
      notFound();
      return;
    }
    const provenances = (
      await store.fhir.search({
        resourceType: 'Provenance',
        criteria: [{ param: 'target', kind: 'reference', values: [`Appointment/${id}`] }],
        sort: [{ param: '_lastUpdated', descending: true }],
        count: 1000,
        offset: 0,
      })
    ).matches as StoredResource<Provenance>[];
    if (!(await appointmentVisible(store, scope, id, provenances))) {
      notFound();
      return;
    }
    const history = (await store.fhir.history({ resourceType: 'Appointment', id, count: 1000, offset: 0 }))
      .versions as StoredResource<Appointment>[];
    const patient = appointmentPatient(current.resource ?? history.find((v) => v.resource)?.resource);
    const names = await organisationNames(store, [...scope.appointmentOrganisations]);
    await logAccess(store, scope, 'appointment', [patient], `Appointment/${id}`, requestIdOf(res));
    send(
      res,
      <AppointmentPage
        scope={scope}
        current={current}
        history={history}
        provenances={provenances}
        names={names}
        {...(patient !== undefined && { patient })}
      />,
    );
  });

  router.get('/live', async (_req, res) => {
    const scope = scopeOfRes(res);
    send(res, <LivePage scope={scope} events={await recentEvents(store, scope, 100)} />);
  });

  router.get('/live/stream', async (req, res) => {
    await live.serve(req, res, scopeOfRes(res));
  });

  router.get('/access-log', async (req, res) => {
    const scope = scopeOfRes(res);
    const raw = typeof req.query.patient === 'string' ? req.query.patient.trim().toUpperCase() : '';
    const patient = /^[0-9A-Z+\-.]{6,64}$/.test(raw) ? raw : undefined;
    const entries = await store.accessLog.list({
      registerController: scope.registerController.oid,
      limit: 500,
      ...(patient !== undefined && { patient }),
    });
    send(res, <AccessLogPage scope={scope} entries={entries} {...(patient !== undefined && { patient })} />);
  });

  router.use((req, res) => {
    send(
      res,
      <ErrorPage
        scope={res.locals.scope as ArchivistScope | undefined}
        title="Page not found"
        message={`No viewer page ${req.path}.`}
      />,
      404,
    );
  });

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      send(
        res,
        <ErrorPage
          scope={res.locals.scope as ArchivistScope | undefined}
          title="Bad request"
          message="The request could not be read."
        />,
        status,
      );
      return;
    }
    logger.error({ err }, 'viewer error');
    send(
      res,
      <ErrorPage
        scope={res.locals.scope as ArchivistScope | undefined}
        title="Something went wrong"
        message="The viewer hit an internal error; see the server log."
      />,
      500,
    );
  };
  router.use(onError);

  return {
    router,
    closeStreams: () => {
      live.closeAll();
    },
  };
}
