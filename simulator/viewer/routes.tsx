/**
 * `/viewer`: the archivist UI. Server-rendered pages (preact → HTML strings), a strict
 * Content-Security-Policy (scripts and styles only from /viewer/assets, no inline anything), sessions in
 * an HttpOnly SameSite=Strict cookie and kept in the store (so any instance on a shared store serves
 * them), every page bounded by the signed-in archivist's register and
 * every view of a person's data written to the access log. Routes parse the request and render a page;
 * every read goes through the request's scoped reader (reader.ts), which owns the queries and the scope
 * rules (`simulator/access/scope.ts`). No route sees the Store.
 *
 * Routes (GET unless noted):
 *   /viewer                         → /viewer/find
 *   /viewer/sign-in, POST sign-in, POST sign-out
 *   POST /viewer/language           the archivist's language (fi, sv, en), remembered in a cookie
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
import { Router, type ErrorRequestHandler } from 'express';
import type { EventLog } from '../events/log.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import { EXACT_TOTAL_LIMIT } from '../store/fhir-types.ts';
import { authRoutes, requireArchivist } from './auth.tsx';
import { documentRoutes } from './document-routes.tsx';
import { LiveStreams } from './live.ts';
import { chooseLanguage, setLangCookie, safeReturnPath } from './i18n.tsx';
import {
  masksIdentities,
  readerOf,
  requestIdOf,
  sameOrigin,
  send,
  tr,
  urlencodedForm,
} from './page-http.tsx';
import { isLang } from '../../common/i18n/index.ts';
import { runViewerRoutes } from './run-routes.tsx';
import { AccessLogPage } from './pages/access-log.tsx';
import { AppointmentPage } from './pages/appointment.tsx';
import { ErrorPage } from './pages/error.tsx';
import { FindPage } from './pages/find.tsx';
import { LivePage } from './pages/live.tsx';
import { PersonPage } from './pages/person.tsx';
import { maskText } from '../domain/identity-guard.ts';
import { parseCriteria } from './queries.ts';
import { appointmentPatient, ViewerData } from './reader.ts';
import type { ArchivistScope } from './scope.ts';
import { StoreSessions } from './session.ts';
import { StoreSignInThrottle, type SignInThrottle } from './sign-in-throttle.ts';

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
  /** Signed-in sessions; in the store's `sessions` repository unless given. */
  sessions?: StoreSessions;
  /** Wrong-passcode rate limit; the store's rate-limit counters unless given. */
  signInThrottle?: SignInThrottle;
  /** Shared (TLS) mode: the sign-in page lists no accounts and every account needs a passcode. */
  shared?: boolean;
  /** `--allow-real-identities`: pages show real-range identity codes as kept; otherwise masked. */
  allowRealIdentities?: boolean;
}

export interface ViewerRoutes {
  router: Router;
  closeStreams(): void;
}

export function viewerRoutes(options: ViewerOptions): ViewerRoutes {
  const { store, events, logger, shared } = options;
  const router = Router();
  // The only reads of the Store in the viewer's routes: everything reads through ViewerData's readers.
  const data = new ViewerData(store);
  // Sessions and sign-in failures are kept in the store, so any instance on it serves any archivist.
  const sessions = options.sessions ?? new StoreSessions(store.sessions);
  const signInThrottle = options.signInThrottle ?? new StoreSignInThrottle(store.rateLimits);
  const live = new LiveStreams(data.eventStreams(events));

  router.use((_req, res, next) => {
    res.locals.allowRealIdentities = options.allowRealIdentities === true;
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

  router.use(chooseLanguage());

  // Before the sign-in gate: the sign-in page itself offers the switcher.
  router.post('/language', urlencodedForm, (req, res) => {
    if (!sameOrigin(req)) {
      res.status(403).type('text/plain').send('cross-site form post refused');
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!isLang(body.lang)) {
      res.status(400).type('text/plain').send('lang must be one of fi, sv, en');
      return;
    }
    setLangCookie(req, res, body.lang);
    const back = safeReturnPath(body.back);
    res.redirect(303, masksIdentities(res) ? maskText(back) : back);
  });

  authRoutes(router, data, logger, sessions, signInThrottle, shared === true);
  router.use(requireArchivist(data, sessions));

  router.get('/', (_req, res) => {
    res.redirect(303, '/viewer/find');
  });

  router.get('/find', async (req, res) => {
    const reader = readerOf(res);
    const { criteria, problems, given } = parseCriteria(req.query);
    const searched = given && problems.length === 0;
    const docs = searched ? await reader.findDocuments(criteria) : { documents: [], total: 0 };
    const apts = searched ? await reader.findAppointments(criteria) : { appointments: [], total: 0 };
    if (searched) {
      const query = new URLSearchParams(
        Object.entries(req.query).filter(
          (kv): kv is [string, string] => typeof kv[1] === 'string' && kv[1].trim() !== '',
        ),
      ).toString();
      await reader.logAccess(
        'find',
        [
          ...docs.documents.map((d) => d.patient),
          ...apts.appointments.map((a) => appointmentPatient(a.resource)),
        ],
        query === '' ? undefined : `find?${query}`,
        requestIdOf(res),
      );
    }
    send(
      res,
      <FindPage
        scope={reader.scope}
        criteria={criteria}
        problems={problems}
        searched={searched}
        documents={docs.documents}
        documentsTotal={docs.total}
        documentsExact={docs.exact !== false}
        appointments={apts.appointments}
        appointmentsTotal={apts.total}
        appointmentsExact={apts.exact !== false}
        countLimit={EXACT_TOTAL_LIMIT}
        organisations={await reader.inScopeOrganisations()}
        patientOf={(a) => appointmentPatient(a)}
      />,
    );
  });

  router.get('/persons/:hetu', async (req, res) => {
    const reader = readerOf(res);
    const hetu = req.params.hetu.trim().toUpperCase();
    if (!/^[0-9A-Z+\-.]{6,64}$/.test(hetu)) {
      send(
        res,
        <ErrorPage
          scope={reader.scope}
          title={tr(res, 'error.notHetu.title')}
          message={tr(res, 'error.notHetu.message', { value: maskText(hetu) })}
        />,
        400,
      );
      return;
    }
    const timeline = await reader.timeline(hetu);
    await reader.logAccess('person', [hetu], `persons/${hetu}`, requestIdOf(res));
    send(res, <PersonPage scope={reader.scope} hetu={maskText(hetu)} {...timeline} />);
  });

  documentRoutes(router);
  runViewerRoutes(router);

  router.get('/appointments/:id', async (req, res) => {
    const reader = readerOf(res);
    const id = req.params.id;
    const view = /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? await reader.appointment(id) : undefined;
    if (!view) {
      send(
        res,
        <ErrorPage
          scope={reader.scope}
          title={tr(res, 'error.appointmentNotFound.title')}
          message={tr(res, 'error.appointmentNotFound.message', {
            id,
            register: reader.scope.registerController.name,
          })}
        />,
        404,
      );
      return;
    }
    await reader.logAccess('appointment', [view.patient], `Appointment/${id}`, requestIdOf(res));
    send(res, <AppointmentPage scope={reader.scope} {...view} />);
  });

  router.get('/live', async (_req, res) => {
    const reader = readerOf(res);
    send(res, <LivePage scope={reader.scope} events={await reader.recentEvents(100)} />);
  });

  router.get('/live/stream', async (req, res) => {
    await live.serve(req, res, readerOf(res));
  });

  router.get('/access-log', async (req, res) => {
    const reader = readerOf(res);
    const raw = typeof req.query.patient === 'string' ? req.query.patient.trim().toUpperCase() : '';
    const patient = /^[0-9A-Z+\-.]{6,64}$/.test(raw) ? raw : undefined;
    const entries = await reader.accessLog(patient);
    send(
      res,
      <AccessLogPage scope={reader.scope} entries={entries} {...(patient !== undefined && { patient })} />,
    );
  });

  router.use((req, res) => {
    send(
      res,
      <ErrorPage
        scope={res.locals.scope as ArchivistScope | undefined}
        title={tr(res, 'error.notFound.title')}
        message={tr(res, 'error.notFound.message', { path: req.path })}
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
          title={tr(res, 'error.badRequest.title')}
          message={tr(res, 'error.badRequest.message')}
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
        title={tr(res, 'error.internal.title')}
        message={tr(res, 'error.internal.message')}
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
