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
 *   /viewer/access-log?patient
 *   /viewer/assets/:file            viewer.css, viewer.js, live.js
 */
import { readFileSync } from 'node:fs';
import type { Appointment, Provenance } from 'fhir/r4.js';
import express, {
  Router,
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { EventLog } from '../events/log.ts';
import type { Logger } from '../logger.ts';
import { verifyPasscode } from '../registry/passcode.ts';
import type { ArchivedDocument } from '../store/archive-types.ts';
import type { StoredResource } from '../store/fhir-types.ts';
import type { Organisation, Store } from '../store/types.ts';
import { compareDocument, parseExpectations } from './compare.ts';
import { diffLines } from './diff.ts';
import { FIELDS } from './fields.ts';
import { parseFormData } from './form.ts';
import { LiveStreams, recentEvents } from './live.ts';
import { cdaSections, narrativeLines, nonXmlBodyType } from './narrative.tsx';
import { AccessLogPage } from './pages/access-log.tsx';
import { AppointmentPage } from './pages/appointment.tsx';
import { ComparePage } from './pages/compare.tsx';
import { DiffPage } from './pages/diff.tsx';
import { DocumentPage, type DocumentProps } from './pages/document.tsx';
import { ErrorPage } from './pages/error.tsx';
import { FindPage } from './pages/find.tsx';
import { LivePage } from './pages/live.tsx';
import { PersonPage } from './pages/person.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { findAppointments, findDocuments, logAccess, parseCriteria } from './queries.ts';
import {
  appointmentPatient,
  appointmentVisible,
  documentVisible,
  scopeOf,
  type ArchivistScope,
} from './scope.ts';
import { clearSessionCookie, sessionCookie, SessionStore, setSessionCookie } from './session.ts';
import { parseForXPath } from './xpath-value.ts';
import { parseOrdered } from './xml-tree.ts';

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

function send(res: Response, page: VNode, status = 200): void {
  res
    .status(status)
    .type('html')
    .send(`<!doctype html>${renderToString(page)}`);
}

function scopeOfRes(res: Response): ArchivistScope {
  return res.locals.scope as ArchivistScope;
}

function requestIdOf(res: Response): string | undefined {
  return res.locals.requestId as string | undefined;
}

/**
 * Form posts only from this origin. Fetch metadata decides when the browser sends it; otherwise the
 * Origin header, when there is one (SameSite=Strict already keeps the cookie off cross-site posts).
 */
function sameOrigin(req: Request): boolean {
  const site = req.get('Sec-Fetch-Site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.get('Origin');
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === req.get('Host');
  } catch {
    return false;
  }
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

  // ------------------------------------------------------------ sign-in

  const signInPage = async (
    res: Response,
    status: number,
    problem?: string,
    chosen?: string,
  ): Promise<void> => {
    const archivists = (await store.registry.listArchivists()).filter((a) => a.active);
    const registers = new Map<string, Organisation>();
    for (const org of await store.registry.listOrganisations({ kind: 'register-controller' }))
      registers.set(org.oid, org);
    send(
      res,
      <SignInPage
        archivists={archivists}
        registers={registers}
        {...(problem !== undefined && { problem })}
        {...(chosen !== undefined && { chosen })}
      />,
      status,
    );
  };

  router.get('/sign-in', async (_req, res) => {
    await signInPage(res, 200);
  });

  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  router.post('/sign-in', form, async (req, res) => {
    if (!sameOrigin(req)) {
      res.status(403).type('text/plain').send('cross-site form post refused');
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body.archivist === 'string' ? body.archivist : '';
    const passcode = typeof body.passcode === 'string' ? body.passcode : '';
    const archivist = id === '' ? undefined : await store.registry.getArchivist(id);
    if (!archivist?.active) {
      await signInPage(res, 401, 'No active archivist account with that name.', id);
      return;
    }
    if (archivist.passcodeHash !== undefined && !verifyPasscode(passcode, archivist.passcodeHash)) {
      await signInPage(res, 401, 'The passcode is not right for this account.', id);
      return;
    }
    sessions.delete(sessionCookie(req));
    const session = sessions.create(archivist.id);
    setSessionCookie(req, res, session.id);
    logger.info({ archivist: archivist.id, register: archivist.registerController }, 'viewer sign-in');
    res.redirect(303, '/viewer/find');
  });

  router.post('/sign-out', (req, res) => {
    if (!sameOrigin(req)) {
      res.status(403).type('text/plain').send('cross-site form post refused');
      return;
    }
    sessions.delete(sessionCookie(req));
    clearSessionCookie(req, res);
    res.redirect(303, '/viewer/sign-in');
  });

  // ------------------------------------------------------------ everything else needs a session

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const session = sessions.get(sessionCookie(req));
    const scope = session ? await scopeOf(store, session.archivistId) : undefined;
    if (!scope) {
      if (session) sessions.delete(session.id);
      if (req.method === 'GET' && !req.path.startsWith('/live/stream')) res.redirect(303, '/viewer/sign-in');
      else res.status(401).type('text/plain').send('sign in first');
      return;
    }
    res.locals.scope = scope;
    next();
  });

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
        hetu={hetu}
        documents={page.documents}
        appointments={appointments}
        {...(person !== undefined && { person })}
        {...(name !== undefined && { name })}
      />,
    );
  });

  /** The document, if it exists and is in scope; else answers 404 itself. */
  const visibleDocument = async (res: Response, oid: string): Promise<ArchivedDocument | undefined> => {
    const scope = scopeOfRes(res);
    const doc = await store.archive.get(oid);
    if (doc && documentVisible(scope, doc)) return doc;
    send(
      res,
      <ErrorPage
        scope={scope}
        title="Document not found"
        message={`No document ${oid} in the register of ${scope.registerController.name}.`}
      />,
      404,
    );
    return undefined;
  };

  const xmlText = async (oid: string): Promise<string | undefined> => {
    const bytes = await store.archive.getXml(oid);
    return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
  };

  const namesFor = async (oids: (string | undefined)[]): Promise<Map<string, string>> => {
    const names = new Map<string, string>();
    for (const oid of new Set(oids)) {
      if (oid === undefined) continue;
      const org = await store.registry.getOrganisation(oid);
      if (org) names.set(oid, org.name);
    }
    return names;
  };

  router.get('/documents/:oid', async (req, res) => {
    const scope = scopeOfRes(res);
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    const versions = (await store.archive.versions(doc.setId)).filter((v) => documentVisible(scope, v));
    const text = await xmlText(doc.oid);
    let xml: DocumentProps['xml'] = { ok: false, problem: 'the stored XML is missing' };
    if (text !== undefined) {
      const parsed = parseOrdered(text);
      if (parsed.ok) {
        const nonXml = nonXmlBodyType(parsed.root);
        xml = {
          ok: true,
          root: parsed.root,
          prolog: parsed.prolog,
          sections: cdaSections(parsed.root),
          ...(nonXml !== undefined && { nonXmlBody: nonXml }),
        };
      } else xml = { ok: false, problem: parsed.problem };
    }
    const h = doc.header;
    const names = await namesFor([
      doc.custodian,
      h.custodian?.oid,
      h.encounter?.responsibleOrganisation,
      doc.message?.representedOrganisation,
      ...h.authors.map((a) => a.organisation),
    ]);
    await logAccess(store, scope, 'document', [doc.patient], doc.oid, requestIdOf(res));
    send(res, <DocumentPage scope={scope} doc={doc} versions={versions} xml={xml} names={names} />);
  });

  router.get('/documents/:oid/xml', async (req, res) => {
    const scope = scopeOfRes(res);
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    const bytes = await store.archive.getXml(doc.oid);
    await logAccess(store, scope, 'document-xml', [doc.patient], doc.oid, requestIdOf(res));
    // Plain text and a download: the browser never interprets the stored markup.
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${doc.oid.replace(/[^0-9A-Za-z.-]/g, '_')}.xml"`,
    );
    res.type('text/plain; charset=utf-8').send(Buffer.from(bytes ?? new Uint8Array()));
  });

  router.get('/documents/:oid/diff', async (req, res) => {
    const scope = scopeOfRes(res);
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    const withOid = typeof req.query.with === 'string' ? req.query.with : undefined;
    const other = withOid === undefined ? undefined : await store.archive.get(withOid);
    if (!other || !documentVisible(scope, other) || other.setId !== doc.setId) {
      send(
        res,
        <ErrorPage
          scope={scope}
          title="No such version"
          message="Choose another version of the same document to compare with."
        />,
        404,
      );
      return;
    }
    const [before, after] = other.versionNumber <= doc.versionNumber ? [other, doc] : [doc, other];
    const linesOf = async (d: ArchivedDocument): Promise<string[]> => {
      const text = await xmlText(d.oid);
      const parsed = text === undefined ? undefined : parseOrdered(text);
      return parsed?.ok === true ? narrativeLines(cdaSections(parsed.root)) : [];
    };
    const fields = FIELDS.map((f) => {
      const b = f.get(before);
      const a = f.get(after);
      return {
        name: f.name,
        label: f.label,
        changed: a !== b,
        ...(b !== undefined && { before: b }),
        ...(a !== undefined && { after: a }),
      };
    });
    const narrative = diffLines(await linesOf(before), await linesOf(after));
    await logAccess(
      store,
      scope,
      'document-diff',
      [doc.patient],
      `${before.oid} → ${after.oid}`,
      requestIdOf(res),
    );
    send(res, <DiffPage scope={scope} before={before} after={after} fields={fields} narrative={narrative} />);
  });

  router.get('/documents/:oid/compare', async (req, res) => {
    const scope = scopeOfRes(res);
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    send(res, <ComparePage scope={scope} doc={doc} input="" />);
  });

  const upload = express.raw({ type: 'multipart/form-data', limit: '1mb' });
  router.post('/documents/:oid/compare', upload, form, async (req, res) => {
    if (!sameOrigin(req)) {
      res.status(403).type('text/plain').send('cross-site form post refused');
      return;
    }
    const scope = scopeOfRes(res);
    const doc = await visibleDocument(res, req.params.oid);
    if (!doc) return;
    let input = '';
    if (Buffer.isBuffer(req.body)) {
      const parts = parseFormData(req.body, req.get('Content-Type')) ?? [];
      const file = parts.find((p) => p.name === 'file' && p.value.trim() !== '');
      input = file?.value ?? parts.find((p) => p.name === 'expected')?.value ?? '';
    } else if (typeof (req.body as Record<string, unknown> | undefined)?.expected === 'string') {
      input = (req.body as Record<string, string>).expected ?? '';
    }
    const parsed = parseExpectations(input);
    if (!parsed.ok) {
      send(res, <ComparePage scope={scope} doc={doc} input={input} problem={parsed.problem} />, 400);
      return;
    }
    const text = (await xmlText(doc.oid)) ?? '';
    const rows = compareDocument(doc, parsed.fields, () => parseForXPath(text));
    await logAccess(store, scope, 'compare', [doc.patient], doc.oid, requestIdOf(res));
    send(res, <ComparePage scope={scope} doc={doc} input={input} rows={rows} />);
  });

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
    const names = await namesFor([...scope.appointmentOrganisations]);
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
