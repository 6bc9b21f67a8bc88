/**
 * `/archive`: the CDA archive over HTTP (docs/archive.md#endpoints).
 *
 * - `POST /archive/pta`, `POST /archive/social`: a V3 archiving message (bare or in SOAP) or a bare CDA
 *   document → an HL7 V3 acknowledgement, or JSON with `Accept: application/json`.
 * - `GET /archive/documents?patient=&repository=&setId=&type=&from=&to=&custodian=&includeNullified=
 *   &includeReplaced=&includeInvalid=&offset=&limit=` → JSON page.
 * - `GET /archive/documents/{oid}` → the stored XML, byte-exact.
 * - `GET /archive/documents/{oid}/versions` → the version chain of its set (JSON).
 * - `GET /archive/documents/{oid}/header` → the stored record: typed header, status, findings (JSON).
 * - `GET /archive/documents/{oid}/findings` → the intake findings (JSON).
 * - `POST /archive/documents/{oid}/nullify` → nullification (nullification.ts).
 */
import { negotiate, type Lang } from '../../common/i18n/index.ts';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { MODE_HEADER, parseModeHeader, type ValidationMode } from '../domain/policy.ts';
import { error, fatal, type Finding } from '../domain/findings.ts';
import type { EventLog } from '../events/log.ts';
import {
  ApiError,
  answerLanguage,
  badRequest,
  fromBodyParserError,
  jsonErrorHandler,
  localiseMessage,
  notFound,
} from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { localise } from '../../common/rules/messages.ts';
import type { Logger } from '../logger.ts';
import { MAX_ARCHIVE_PAGE, type ArchiveQuery } from '../store/archive-types.ts';
import { ARCHIVE_REPOSITORIES, type ArchivedDocument, type ArchiveRepositoryKind } from '../domain/cda.ts';
import type { Store } from '../store/types.ts';
import { ackContentType, ackJson, ackXml, type AckInput } from './ack.ts';
import type { ArchiveIntake, IntakeResult, UnreadRequest } from './intake.ts';
import { nullifyDocument, recordRefusal, type NullifyRequest } from './nullification.ts';
import { custodianFilter, maySeeCustodian } from '../access/scope.ts';
import { callerOf, describeCaller, scopeOf } from '../http/tls-auth.ts';

export interface ArchiveRoutesOptions {
  store: Store;
  events: EventLog;
  intake: ArchiveIntake;
  logger: Logger;
  defaultMode: ValidationMode;
  maxBodyBytes: number;
  /** Language of acknowledgement texts when Accept-Language names none of ours (Finnish by default). */
  defaultLanguage?: Lang;
  /** `--allow-real-identities`: a real person's code in a nullification's free text is not refused. */
  allowRealIdentities?: boolean;
}

function wantsJson(req: Request): boolean {
  return req.accepts(['application/xml', 'text/xml', 'application/json']) === 'application/json';
}

/** The request's mode by the policy's one reading of the header; a wrong value is `CDA-MSG-014`. */
function modeOf(req: Request, fallback: ValidationMode): ValidationMode | Finding {
  return parseModeHeader(req.get(MODE_HEADER), fallback, 'CDA-MSG-014');
}

function unread(
  repository: ArchiveRepositoryKind,
  mode: ValidationMode,
  requestId: string | undefined,
  res: Response,
): UnreadRequest {
  const caller = callerOf(res);
  return {
    repository,
    mode,
    ...(requestId === undefined ? {} : { requestId }),
    ...(caller?.kind === 'organisation' ? { caller: caller.oid } : {}),
  };
}

function sendAck(req: Request, res: Response, result: IntakeResult, fallback: Lang): void {
  const input: AckInput = {
    code: result.ack,
    findings: result.findings,
    outcome: result.outcome,
    mode: result.mode,
    eventSeq: result.eventSeq,
    now: new Date(),
    lang: negotiate(req.get('Accept-Language'), fallback),
    ...(result.message ? { message: result.message } : {}),
    ...(result.document ? { document: result.document } : {}),
    ...(result.documentOid === undefined ? {} : { documentOid: result.documentOid }),
  };
  res.status(result.status);
  if (result.document) res.location(`/archive/documents/${encodeURIComponent(result.document.oid)}`);
  if (wantsJson(req)) res.json(ackJson(input));
  else res.type(ackContentType(result.message)).send(ackXml(input));
}

function one(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest('invalid-parameter', `give '${name}' once`, name);
  return value;
}

function flag(req: Request, name: string): boolean | undefined {
  const value = one(req, name);
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest('invalid-parameter', `'${name}' is true or false, not '${value}'`, name);
}

function int(req: Request, name: string, min: number, max: number): number | undefined {
  const value = one(req, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw badRequest(
      'invalid-parameter',
      `'${name}' is a whole number from ${min} to ${max}, not '${value}'`,
      name,
    );
  return n;
}

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/;

/** Parses the listing's query parameters into an ArchiveQuery; throws a 400 ApiError on bad input. */
export function parseArchiveQuery(req: Request): ArchiveQuery {
  const q: ArchiveQuery = {};
  const repository = one(req, 'repository');
  if (repository !== undefined) {
    if (!ARCHIVE_REPOSITORIES.includes(repository as ArchiveRepositoryKind))
      throw badRequest(
        'invalid-parameter',
        `repository is 'pta' or 'social', not '${repository}'`,
        'repository',
      );
    q.repository = repository as ArchiveRepositoryKind;
  }
  for (const key of ['patient', 'setId', 'type', 'custodian'] as const) {
    const v = one(req, key);
    if (v !== undefined) q[key] = v;
  }
  for (const key of ['from', 'to'] as const) {
    const v = one(req, key);
    if (v === undefined) continue;
    if (!DATE_PREFIX.test(v))
      throw badRequest(
        'invalid-parameter',
        `'${key}' is an ISO date or date-time (e.g. 2026-09-15 or 2026-09-15T10:00), not '${v}'`,
        key,
      );
    q[key] = v;
  }
  const nullified = flag(req, 'includeNullified');
  if (nullified !== undefined) q.includeNullified = nullified;
  const replaced = flag(req, 'includeReplaced');
  if (replaced !== undefined) q.includeReplaced = replaced;
  const invalid = flag(req, 'includeInvalid');
  if (invalid !== undefined) q.includeInvalid = invalid;
  const offset = int(req, 'offset', 0, 1_000_000_000);
  if (offset !== undefined) q.offset = offset;
  const limit = int(req, 'limit', 1, MAX_ARCHIVE_PAGE);
  if (limit !== undefined) q.limit = limit;
  return q;
}

/** The listing form of a record: everything but the full header. */
export function summaryOf(doc: ArchivedDocument): Omit<ArchivedDocument, 'header' | 'findings'> & {
  title?: string;
  findingCount: number;
} {
  const { header, findings, ...rest } = doc;
  return {
    ...rest,
    ...(header.title === undefined ? {} : { title: header.title }),
    findingCount: findings.length,
  };
}

export function archiveRoutes(options: ArchiveRoutesOptions): Router {
  const { store, intake, logger } = options;
  const lang = options.defaultLanguage ?? 'fi';
  const router = Router();
  const raw = express.raw({ type: () => true, limit: options.maxBodyBytes });

  const receive = (repository: ArchiveRepositoryKind) => async (req: Request, res: Response) => {
    const mode = modeOf(req, options.defaultMode);
    const requestId = res.locals.requestId as string | undefined;
    // A view of the body-parser's buffer, not a copy: the intake only reads it (and stores the CDA part).
    const body = Buffer.isBuffer(req.body)
      ? new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength)
      : new Uint8Array();
    if (typeof mode !== 'string') {
      sendAck(
        req,
        res,
        await intake.refuseUnread(unread(repository, options.defaultMode, requestId, res), mode, 400),
        lang,
      );
      return;
    }
    const contentType = req.get('Content-Type');
    const caller = callerOf(res);
    const result = await intake.submit({
      ...(caller?.kind === 'organisation' && {
        caller: { oid: caller.oid, description: describeCaller(caller), scope: caller.scope },
      }),
      repository,
      body,
      mode,
      ...(contentType === undefined ? {} : { contentType }),
      ...(requestId === undefined ? {} : { requestId }),
    });
    sendAck(req, res, result, lang);
  };

  // Body-parser failures (too large, bad encoding) still get an acknowledgement, and are logged as events.
  const bodyErrors =
    (repository: ArchiveRepositoryKind): ErrorRequestHandler =>
    (err: unknown, req, res, next) => {
      const api = fromBodyParserError(err);
      if (!api) {
        next(err);
        return;
      }
      const code = api.status === 413 ? 'CDA-XML-001' : 'CDA-MSG-001';
      const finding = fatal(
        code,
        '/',
        api.status === 413
          ? `the body is larger than the limit of ${options.maxBodyBytes} bytes; send a smaller document`
          : api.message,
      );
      const mode = modeOf(req, options.defaultMode);
      const requestId = res.locals.requestId as string | undefined;
      const request = unread(
        repository,
        typeof mode === 'string' ? mode : options.defaultMode,
        requestId,
        res,
      );
      void intake
        .refuseUnread(request, finding, api.status)
        .then((result) => {
          sendAck(req, res, result, lang);
        })
        .catch(next);
    };

  for (const repository of ARCHIVE_REPOSITORIES) {
    router.post(`/${repository}`, raw, receive(repository), bodyErrors(repository));
  }

  router.get('/documents', async (req, res) => {
    const query = parseArchiveQuery(req);
    const scope = scopeOf(res);
    // Shared mode: an organisation lists only documents of its registers; a custodian outside matches none.
    if (scope) Object.assign(query, custodianFilter(scope, query.custodian));
    const page = await store.archive.search(query);
    res.json({ ...page, documents: page.documents.map(summaryOf) });
  });

  /** The document, unless there is none or the caller may not see it. */
  const visible = async (oid: string, res: Response): Promise<ArchivedDocument | undefined> => {
    const doc = await store.archive.get(oid);
    const scope = scopeOf(res);
    return !doc || (scope && !maySeeCustodian(scope, doc)) ? undefined : doc;
  };
  /** The 404 of a document the caller cannot see, worded as CDA-NUL-001 in the caller's language. */
  const noDocument = (oid: string, req: Request): ApiError =>
    notFound(localiseMessage('CDA-NUL-001', `no archived document ${oid}`, answerLanguage(req, lang)), 'oid');
  const load = async (oid: string, req: Request, res: Response): Promise<ArchivedDocument> => {
    // Another organisation's document answers as if it did not exist: a 403 would confirm it does.
    const doc = await visible(oid, res);
    if (doc === undefined) throw noDocument(oid, req);
    return doc;
  };

  router.get('/documents/:oid', async (req, res) => {
    const doc = await load(req.params.oid, req, res);
    const xml = await store.archive.getXml(doc.oid);
    res.setHeader('X-Kantasim-Status', doc.status);
    res.setHeader('X-Kantasim-Valid', String(doc.valid));
    res.type('application/xml').send(Buffer.from(xml ?? new Uint8Array()));
  });
  router.get('/documents/:oid/versions', async (req, res) => {
    const doc = await load(req.params.oid, req, res);
    const versions = await store.archive.versions(doc.setId);
    res.json({ setId: doc.setId, versions: versions.map(summaryOf) });
  });
  router.get('/documents/:oid/header', async (req, res) => {
    res.json(await load(req.params.oid, req, res));
  });
  router.get('/documents/:oid/findings', async (req, res) => {
    const doc = await load(req.params.oid, req, res);
    res.json({ oid: doc.oid, valid: doc.valid, mode: doc.mode, findings: doc.findings });
  });
  router.post('/documents/:oid/nullify', ...jsonBody('64kb'), async (req, res) => {
    const requestId = res.locals.requestId as string | undefined;
    const caller = callerOf(res);
    if (caller?.kind === 'organisation') {
      const doc = await visible(req.params.oid, res);
      if (doc === undefined) {
        // Unknown, or another organisation's: the same 404 either way, in the caller's own event log.
        await recordRefusal(options.events, logger, {
          oid: req.params.oid,
          status: 404,
          findings: [error('CDA-NUL-001', '/oid', `no archived document ${req.params.oid}`)],
          caller: caller.oid,
          ...(requestId === undefined ? {} : { requestId }),
        });
        throw noDocument(req.params.oid, req);
      }
      const named = (req.body as NullifyRequest | undefined)?.organisation;
      if (typeof named !== 'string' || !caller.scope.organisations.has(named)) {
        const refusal = {
          code: 'access-operator-only',
          severity: 'error' as const,
          path: '/organisation',
          message: `${describeCaller(caller)} may not nullify document ${req.params.oid} ${typeof named === 'string' ? `for ${named}` : 'as the archive operator'}: name your own organisation in "organisation", or nullify with the operator certificate`,
        };
        // In the caller's event log, like every refused request.
        await recordRefusal(options.events, logger, {
          oid: doc.oid,
          status: 403,
          findings: [refusal],
          doc,
          caller: caller.oid,
          ...(requestId === undefined ? {} : { requestId }),
        });
        const message = localiseMessage(refusal.code, refusal.message, answerLanguage(req, lang));
        res.status(403).json({ error: { code: refusal.code, message, path: refusal.path } });
        return;
      }
    }
    const result = await nullifyDocument(
      store,
      options.events,
      req.params.oid,
      (req.body ?? {}) as NullifyRequest,
      {
        now: new Date(),
        logger,
        allowRealIdentities: options.allowRealIdentities === true,
        ...(requestId === undefined ? {} : { requestId }),
        ...(caller?.kind === 'organisation' ? { caller: caller.oid } : {}),
      },
    );
    if (!result.ok) {
      // In the caller's language, like the archive's acknowledgements (the stored event keeps the data).
      const answerIn = answerLanguage(req, lang);
      const findings = result.findings.map((f) =>
        answerIn === undefined ? f : { ...f, message: localise(f, answerIn) },
      );
      const first = findings[0];
      res.status(result.status).json({
        error: {
          code: first?.code ?? 'CDA-NUL-000',
          message: findings.map((f) => f.message).join('; '),
          path: first?.path,
        },
        findings,
      });
      return;
    }
    res.status(200).json({
      document: summaryOf(result.document),
      nullification: result.document.nullification,
      alreadyNullified: result.already,
      versions: result.versions.map(summaryOf),
    });
  });
  // A nullification whose body could not be read (not JSON, too large) is a refused one: in the log too.
  router.use('/documents/:oid/nullify', (async (err, req, res, next) => {
    // Only errors of reading the body: the route's own refusals (ApiError) are recorded where they are raised.
    const api = req.method === 'POST' && !(err instanceof ApiError) ? fromBodyParserError(err) : undefined;
    if (api !== undefined) {
      const caller = callerOf(res);
      const requestId = res.locals.requestId as string | undefined;
      await recordRefusal(options.events, logger, {
        oid: String(req.params.oid ?? ''),
        status: api.status,
        findings: [{ code: api.code, severity: 'error', path: api.path ?? '', message: api.message }],
        ...(caller?.kind === 'organisation' ? { caller: caller.oid } : {}),
        ...(requestId === undefined ? {} : { requestId }),
      });
    }
    next(err);
  }) as ErrorRequestHandler);
  router.use(jsonErrorHandler(logger, lang));
  return router;
}
