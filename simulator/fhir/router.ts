/**
 * The express edge of the FHIR endpoint: reads the HTTP request into a `FhirRequest` (body as raw
 * bytes, parsed here so every malformed body becomes an OperationOutcome, never a 500), dispatches
 * through the route table, and writes the handler's result back as `application/fhir+json`.
 *
 * See: https://hl7.org/fhir/R4/http.html
 */
import { isUtf8 } from 'node:buffer';
import { negotiate, type Lang } from '../../common/i18n/index.ts';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Resource } from 'fhir/r4.js';
import type { Config } from '../config.ts';
import type { Finding } from '../domain/findings.ts';
import { MODE_HEADER, parseModeHeader, type ValidationMode } from '../domain/policy.ts';
import type { EventLog } from '../events/log.ts';
import { fhirWriteRefusal, scopedStore } from '../access/fhir-scope.ts';
import { fromBodyParserError } from '../http/errors.ts';
import { firstNonUtf8Byte } from '../http/json-body.ts';
import { callerOf, describeCaller, scopeOf } from '../http/tls-auth.ts';
import { MAX_FHIR_ELEMENTS, countJsonValues } from '../http/limits.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import type { FhirContext, FhirMethod, FhirRequest, HandlerResult } from './context.ts';
import {
  badRequest,
  badRequestFindings,
  FhirError,
  maskedAnswer,
  maskedOutcome,
  methodNotAllowed,
  notAcceptable,
  notFound,
  serverError,
  statusOf,
  toOperationOutcome,
  tooLarge,
  unsupportedMediaType,
  type Outcome,
} from './outcomes.ts';
import { PageCursors } from './paging.ts';
import { matchRoute, type Route } from './routes.ts';
import { checkJsonText } from './validation/r4-json.ts';
import { recordRefusedRequest } from './write.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const JSON_TYPES = /^application\/(fhir\+json|json|json\+fhir)$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';

function mediaType(req: Request): string | undefined {
  const header = req.get('Content-Type');
  return header?.split(';')[0]?.trim().toLowerCase();
}

function paramsFrom(query: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  // Appends in place: copying the list per value made a form of many repeated names quadratic.
  for (const [k, v] of new URLSearchParams(query)) {
    const values = params.get(k);
    if (values === undefined) params.set(k, [v]);
    else values.push(v);
  }
  return params;
}

function fail(outcome: Outcome): never {
  throw new FhirError(outcome);
}

/**
 * Kanta's FHIR HTTP header specification requires `X-Request-Id` on every request. Without
 * `requireRequestId` a request lacking it is served, and the answer says so with a warning; with it the
 * request is refused before any handler runs, as Kanta would.
 */
const REQUEST_ID_HEADER = 'X-Request-Id';
/** Response header carrying a warning finding about the request itself (code; message). */
export const FINDING_HEADER = 'X-Kantasim-Finding';
const missingRequestIdWarning: Finding = {
  code: 'FHIR-HDR-002',
  severity: 'warning',
  path: REQUEST_ID_HEADER,
  message:
    'the request has no X-Request-Id header; Kanta requires a unique X-Request-Id on every FHIR request (served here because the simulator runs with requireRequestId off)',
};

function hasRequestId(req: Request): boolean {
  return (req.get(REQUEST_ID_HEADER) ?? '').trim() !== '';
}

/** The request's mode by the policy's one reading of the header (shared with the archive). */
function readMode(req: Request, config: Config): ValidationMode {
  const mode = parseModeHeader(req.get(MODE_HEADER), config.mode, 'FHIR-HTTP-400');
  return typeof mode === 'string' ? mode : fail(badRequestFindings([mode]));
}

/** The parsed request a handler sees; throws a FhirError for a body or header that cannot be read. */
/** The language of the answer's finding messages: the caller's Accept-Language, else the operator's default. */
function answerLanguage(req: Request, config: FhirRouterOptions['config']): Lang {
  return negotiate(req.get('Accept-Language'), config.defaultLanguage);
}

function toFhirRequest(
  req: Request,
  route: Route,
  params: Readonly<Record<string, string>>,
  query: string,
  options: FhirRouterOptions,
  requestId: string,
): FhirRequest {
  checkAccept(req);
  const urlParams = paramsFrom(query);
  const { body, text, form } = parseBody(req, route);
  const fhirReq: FhirRequest = {
    method: req.method as FhirMethod,
    path: params,
    params: form ? new Map([...urlParams, ...form]) : urlParams,
    paramsFromBody: form !== undefined,
    queryKeys: [...urlParams.keys()],
    mode: readMode(req, options.config),
    lang: answerLanguage(req, options.config),
    requestId,
    baseUrl: `${req.protocol}://${req.get('host') ?? `${options.config.host}:${options.config.port}`}/fhir`,
  };
  if (body !== undefined) fhirReq.body = body;
  if (text !== undefined) fhirReq.bodyText = text;
  const ifMatch = req.get('If-Match');
  const ifNoneExist = req.get('If-None-Exist');
  const prefer = req.get('Prefer');
  if (ifMatch !== undefined) fhirReq.ifMatch = ifMatch;
  if (ifNoneExist !== undefined) fhirReq.ifNoneExist = ifNoneExist;
  if (prefer !== undefined) fhirReq.prefer = prefer;
  return fhirReq;
}

function parseBody(
  req: Request,
  route: Route,
): { body?: unknown; text?: string; form?: Map<string, string[]> } {
  const raw = Buffer.isBuffer(req.body) ? req.body : undefined;
  if (route.body === 'none') return {};
  const type = mediaType(req);
  // FHIR JSON is UTF-8; decoding anything else would store U+FFFD where the sender wrote other bytes.
  if (raw !== undefined && !isUtf8(raw)) {
    fail(
      badRequest(
        'FHIR-JSON-009',
        `the body is not UTF-8: the byte at offset ${firstNonUtf8Byte(raw)} is not; FHIR JSON is always UTF-8, so re-encode the body`,
        '',
      ),
    );
  }
  const text = raw === undefined ? '' : raw.toString('utf8').replace(/^\uFEFF/, '');
  if (route.body === 'form') {
    if (type !== FORM_TYPE) {
      fail(
        unsupportedMediaType(
          `send the search parameters as a form: Content-Type ${FORM_TYPE}${type !== undefined && type !== '' ? `, not ${type}` : ''}`,
        ),
      );
    }
    return { form: paramsFrom(text) };
  }
  if (text.trim() === '')
    fail(badRequest('FHIR-JSON-000', 'the request needs a JSON body (a FHIR resource)', ''));
  if (type === undefined || !JSON_TYPES.test(type)) {
    fail(
      unsupportedMediaType(
        `send FHIR JSON with Content-Type application/fhir+json${type !== undefined && type !== '' ? `, not ${type}` : ''} (XML is not served)`,
      ),
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (err) {
    return fail(
      badRequest(
        'FHIR-JSON-001',
        `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}; fix the syntax`,
        '',
      ),
    );
  }
  if (tooDeep(body)) {
    fail(
      badRequest(
        'FHIR-JSON-007',
        `the JSON is nested deeper than ${MAX_DEPTH} levels; no FHIR resource needs that`,
        '',
      ),
    );
  }
  const elements = countJsonValues(body, MAX_FHIR_ELEMENTS);
  if (elements > MAX_FHIR_ELEMENTS) {
    fail(
      badRequest(
        'FHIR-LIMIT-001',
        `the body has more than ${MAX_FHIR_ELEMENTS} JSON values (elements, array items and primitives); no FHIR resource needs that many, so send less`,
        '',
      ),
    );
  }
  // What JSON.parse hides or accepts but FHIR JSON does not: duplicate keys, empty strings, > 1 MB strings.
  const root = (body as { resourceType?: unknown } | null)?.resourceType;
  const jsonFindings = checkJsonText(text, typeof root === 'string' ? root : '$');
  if (jsonFindings.length > 0) fail({ kind: 'bad-request', findings: jsonFindings });
  return { body, text };
}

/** Deepest nesting accepted; real resources stay far below it, and rules recurse over the tree. */
const MAX_DEPTH = 64;

function tooDeep(root: unknown): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(node as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}

function checkAccept(req: Request): void {
  const accept = req.get('Accept');
  if (accept === undefined || accept.trim() === '') return;
  if (/json|\*\/\*|application\/\*/i.test(accept)) return;
  fail(
    notAcceptable(`this endpoint answers in application/fhir+json only; Accept '${accept}' cannot be met`),
  );
}

/** Searches and history reads through POST are reads: a refused one is not a submission. */
function isQuery(route: Route | undefined): boolean {
  return (
    route?.interaction === 'search-type' ||
    route?.interaction === 'history-type' ||
    route?.interaction === 'page'
  );
}

export interface FhirRouterOptions {
  config: Config;
  store: Store;
  events: EventLog;
  logger: Logger;
  version: string;
}

function dispatchIn(ctx: FhirContext, sub: FhirRequest): Promise<HandlerResult> {
  const url = sub.path.url ?? '';
  const matched = matchRoute(sub.method, url === '' ? [] : url.split('/'));
  if (matched.kind !== 'match')
    return Promise.resolve([
      notFound(`no interaction ${sub.method} ${sub.path.url ?? ''} in this endpoint; see /fhir/metadata`),
    ]);
  return matched.route.handler({ ...sub, path: matched.params }, ctx);
}

/** The express router mounted at `/fhir`. */
export function fhirRouter(options: FhirRouterOptions): Router {
  // No structure warm-up here: the validators load on the first check (precompiled in the build, see
  // scripts/gen-r4-validators.ts), so the server is healthy without paying for them.
  const ctx: FhirContext = {
    config: options.config,
    store: options.store,
    events: options.events,
    logger: options.logger,
    version: options.version,
    cursors: new PageCursors(options.store.pageTokens, Date.now, {
      allowRealIdentities: options.config.allowRealIdentities,
    }),
    now: () => new Date(),
    dispatch: (sub) => dispatchIn(ctx, sub),
  };
  // Shared (TLS) mode: an organisation's requests run against the store seen through its scope, Bundle
  // entries included (simulator/access/fhir-scope.ts).
  const contextFor = (res: Response): FhirContext => {
    const scope = scopeOf(res);
    if (!scope) return ctx;
    const caller = callerOf(res);
    const scoped: FhirContext = { ...ctx, store: scopedStore(ctx.store, scope) };
    scoped.dispatch = async (sub) => {
      // Each write of a batch or transaction is judged again as the request it becomes, by the route its
      // URL matches however it is spelt (`/HealthcareService/1`, `./…`, percent-encoded), and against
      // what the transaction has written so far.
      if (caller?.kind === 'organisation' && sub.method !== 'GET') {
        const url = sub.path.url ?? '';
        const matched = matchRoute(sub.method, url === '' ? [] : url.split('/'));
        if (matched.kind === 'match' && !isQuery(matched.route)) {
          const refusal = await fhirWriteRefusal(ctx.store.fhir, caller.scope, describeCaller(caller), {
            method: sub.method,
            path: matched.params,
            body: sub.body,
          });
          if (refusal) return [{ kind: 'forbidden', findings: [refusal] }];
        }
      }
      return dispatchIn(scoped, sub);
    };
    return scoped;
  };
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: options.config.maxBodyBytes }));

  const handle = async (req: Request, res: Response): Promise<void> => {
    const requestId = String(res.locals.requestId ?? '');
    const caller = callerOf(res);
    // The calling organisation goes on every event of the request (refusals are then its own).
    const callerOrg = caller?.kind === 'organisation' ? caller.oid : undefined;
    let fhirReq: FhirRequest | undefined;
    let route: Route | undefined;
    let allow: string[] = [];
    let result: HandlerResult;
    try {
      const [path, query = ''] = req.originalUrl.replace(/^\/fhir\/?/, '').split('?', 2) as [string, string?];
      let segments: string[];
      try {
        segments = path === '' ? [] : path.split('/').map((s) => decodeURIComponent(s));
      } catch {
        segments = fail(
          badRequest(
            'FHIR-HTTP-400',
            "the URL path has malformed percent-encoding; write '%' as %25 and other reserved characters as %XX",
            '',
          ),
        );
      }
      const matched = matchRoute(req.method, segments);
      if (matched.kind === 'wrong-method') {
        allow = matched.allowed;
        fail(
          methodNotAllowed(
            `${req.method} is not allowed on /fhir/${path}; ${matched.allowed.length > 0 ? `allowed: ${matched.allowed.join(', ')}` : 'see /fhir/metadata'}`,
          ),
        );
      }
      if (matched.kind === 'unsupported-type')
        fail(notFound(`this endpoint does not serve ${matched.type}; see /fhir/metadata for what it serves`));
      if (matched.kind === 'none')
        fail(notFound(`no FHIR interaction at ${req.method} /fhir/${path}; see /fhir/metadata`));
      route = matched.route;
      if (options.config.requireRequestId && !hasRequestId(req))
        fail(
          badRequest(
            'FHIR-HDR-001',
            'the request has no X-Request-Id header; Kanta requires a unique X-Request-Id on every FHIR request',
            REQUEST_ID_HEADER,
          ),
        );
      fhirReq = toFhirRequest(req, matched.route, matched.params, query, options, requestId);
      if (callerOrg !== undefined) fhirReq.caller = callerOrg;
      const refusal =
        caller?.kind === 'organisation' && !isQuery(route) && req.method !== 'GET'
          ? await fhirWriteRefusal(ctx.store.fhir, caller.scope, describeCaller(caller), fhirReq)
          : undefined;
      result = refusal
        ? [{ kind: 'forbidden', findings: [refusal] }]
        : await matched.route.handler(fhirReq, contextFor(res));
    } catch (err) {
      if (err instanceof FhirError) result = [err.outcome];
      else {
        options.logger.error({ err, requestId }, 'FHIR handler failed');
        result = [serverError()];
      }
    }
    const [outcome, resource, meta] = result;
    const status = statusOf(outcome);
    // Every submission is in the event log: a refusal before a handler could record it is recorded here.
    if (status >= 400 && req.method !== 'GET' && !isQuery(route) && fhirReq?.recorded !== true) {
      await recordRefusedRequest(ctx, fhirReq, {
        requestId,
        caller: callerOrg,
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? '',
        findings: outcome.findings,
        status,
      });
    }
    if (meta?.etag !== undefined) res.setHeader('ETag', meta.etag);
    if (meta?.lastModified !== undefined) res.setHeader('Last-Modified', meta.lastModified);
    if (meta?.location !== undefined) res.setHeader('Location', meta.location);
    if (status === 405 && allow.length > 0) res.setHeader('Allow', allow.join(', '));
    // Unless real identities are allowed, the answer repeats a real-range code only in the guard's own
    // refusal (identity-guard.ts); an echo of the URL or a search's links carries it masked.
    const allowReal = options.config.allowRealIdentities;
    const body: Resource =
      resource === undefined
        ? toOperationOutcome(
            allowReal ? outcome : maskedOutcome(outcome),
            answerLanguage(req, options.config),
          )
        : allowReal
          ? resource
          : maskedAnswer(resource);
    if (!options.config.requireRequestId && !hasRequestId(req)) {
      // The warning travels beside the answer, not inside it: clients that never sent the header (most
      // existing ones) compare OperationOutcome issues exactly, and an extra issue would change them.
      res.setHeader(FINDING_HEADER, `${missingRequestIdWarning.code}; ${missingRequestIdWarning.message}`);
      options.logger.warn(
        { requestId, code: missingRequestIdWarning.code },
        'FHIR request without X-Request-Id',
      );
    }
    res.status(status).type(FHIR_JSON).send(JSON.stringify(body));
  };

  router.all('/', (req, res) => handle(req, res));
  router.all('/{*rest}', (req, res) => handle(req, res));
  // Body-reader errors (too large, broken encoding) arrive here, before any route.
  router.use(async (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    // The shared describer words body and path failures; unknown ones stay "could not be read".
    const api = fromBodyParserError(err);
    const outcome =
      e.type === 'entity.too.large'
        ? tooLarge(`the body is larger than ${options.config.maxBodyBytes} bytes; send a smaller one`)
        : badRequest(
            'FHIR-HTTP-400',
            api !== undefined && api.code !== 'bad-request'
              ? api.message
              : `the request body could not be read: ${e.message ?? 'unknown problem'}`,
            '',
          );
    const status = statusOf(outcome);
    // A submission whose body could not be read is a refused submission: in the event log too.
    const path = req.originalUrl.split('?')[0] ?? '';
    const matched = matchRoute(
      req.method,
      path
        .replace(/^\/fhir\/?/, '')
        .split('/')
        .filter(Boolean),
    );
    if (req.method !== 'GET' && !(matched.kind === 'match' && isQuery(matched.route))) {
      const caller = callerOf(res);
      await recordRefusedRequest(ctx, undefined, {
        requestId: String(res.locals.requestId ?? ''),
        caller: caller?.kind === 'organisation' ? caller.oid : undefined,
        method: req.method,
        path,
        findings: outcome.findings,
        status,
      });
    }
    res
      .status(status)
      .type(FHIR_JSON)
      .send(
        JSON.stringify(
          toOperationOutcome(
            options.config.allowRealIdentities ? outcome : maskedOutcome(outcome),
            answerLanguage(req, options.config),
          ),
        ),
      );
  });
  return router;
}
