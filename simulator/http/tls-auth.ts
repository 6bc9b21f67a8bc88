/**
 * Who is calling, in shared (TLS) mode: the gate every request but `/healthz` passes before any router.
 *
 * The TLS listener asks for a client certificate and lets the handshake finish without one, so that this
 * gate (not a bare socket reset) answers: 401 for no certificate or one the CA did not issue, 400 for a
 * missing `X-Request-Id` (the Kanta FHIR HTTP header makes it mandatory; local mode only warns), and,
 * with `--require-jwt`, 401 without a body for a missing or bad bearer token, as Kanta's guides answer
 * it. A caller that passes is put on `res.locals.caller`: the operator, or an organisation with its
 * access scope (`simulator/access/scope.ts`), which the routers' guards (`guards.ts`) consult.
 *
 * In local mode none of this runs: `callerOf` answers undefined and every guard lets the request pass.
 */
import type { TLSSocket } from 'node:tls';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  resolveOrganisationScope,
  type AccessScope,
  type OrganisationScopeRegistry,
} from '../access/scope.ts';
import { negotiate, type Lang } from '../../common/i18n/index.ts';
import { toOperationOutcome, type Outcome } from '../fhir/outcomes.ts';
import { identityOf, type CertificateIdentity } from './tls-ca.ts';

export type Caller =
  | { kind: 'operator'; name: string }
  | { kind: 'organisation'; oid: string; name: string; scope: AccessScope };

/** The caller in shared mode; undefined in local mode (open, one user). */
export function callerOf(res: Response): Caller | undefined {
  return res.locals.caller as Caller | undefined;
}

/** The organisation's scope, or undefined for the operator and in local mode (both see everything). */
export function scopeOf(res: Response): AccessScope | undefined {
  const caller = callerOf(res);
  return caller?.kind === 'organisation' ? caller.scope : undefined;
}

/** How a caller is named in refusals: "organisation 1.2.246.10.… (Name)" or "the operator". */
export function describeCaller(caller: Caller): string {
  return caller.kind === 'operator' ? 'the operator' : `organisation ${caller.oid} (${caller.name})`;
}

/** The subject a token names for the operator (`kantasim ca token --admin`). */
export const OPERATOR_SUBJECT = 'kantasim-operator';

export interface GateOptions {
  registry: OrganisationScopeRegistry;
  requireRequestId: boolean;
  /** The language of a FHIR refusal when Accept-Language names none kantasim speaks. */
  defaultLanguage: Lang;
  /** Set with `--require-jwt`: verifies a bearer token and returns its subject, or throws. */
  verifyToken?: (token: string) => Promise<{ sub?: string | undefined }>;
}

/** Paths that answer without a certificate: the health check load balancers and scripts poll. */
const OPEN_PATHS = new Set(['/healthz']);

function refuse(
  req: Request,
  res: Response,
  status: 400 | 401,
  code: string,
  message: string,
  defaultLanguage: Lang,
): void {
  if (req.path === '/fhir' || req.path.startsWith('/fhir/')) {
    const outcome: Outcome = {
      kind: status === 401 ? 'unauthorized' : 'bad-request',
      findings: [{ code, severity: 'error', path: status === 401 ? '' : 'X-Request-Id', message }],
    };
    res
      .status(status)
      .type('application/fhir+json; charset=utf-8')
      .send(
        JSON.stringify(toOperationOutcome(outcome, negotiate(req.get('Accept-Language'), defaultLanguage))),
      );
    return;
  }
  res.status(status).json({ error: { code, message, path: '' } });
}

function certificateOf(req: Request): CertificateIdentity | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (socket.authorized !== true || typeof socket.getPeerCertificate !== 'function') return undefined;
  // An empty object when the client sent no certificate: `raw` is then missing whatever the types say.
  const peer = socket.getPeerCertificate(false) as Partial<ReturnType<TLSSocket['getPeerCertificate']>>;
  if (peer.raw === undefined) return undefined;
  try {
    return identityOf(peer.raw);
  } catch {
    return undefined;
  }
}

/** The express middleware of shared mode. */
export function sharedGate(options: GateOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (OPEN_PATHS.has(req.path)) {
      next();
      return;
    }
    void (async () => {
      const fhir = req.path === '/fhir' || req.path.startsWith('/fhir/');
      const identity = certificateOf(req);
      if (!identity) {
        refuse(
          req,
          res,
          401,
          fhir ? 'FHIR-ACCESS-001' : 'access-no-certificate',
          'this kantasim runs in shared mode: connect with a client certificate issued by its CA (kantasim ca issue --org OID); without one only /healthz answers',
          options.defaultLanguage,
        );
        return;
      }
      if (options.verifyToken) {
        const header = req.get('Authorization') ?? '';
        const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
        const expected = identity.kind === 'operator' ? OPERATOR_SUBJECT : identity.oid;
        let sub: string | undefined;
        try {
          sub = match ? (await options.verifyToken(match[1] ?? '')).sub : undefined;
        } catch {
          sub = undefined;
        }
        if (sub !== expected) {
          // Kanta's guides answer a missing or bad token with 401 and no body.
          res.status(401).end();
          return;
        }
      }
      if (options.requireRequestId && (req.get('X-Request-Id') ?? '').trim() === '') {
        refuse(
          req,
          res,
          400,
          fhir ? 'FHIR-HDR-001' : 'missing-request-id',
          'send an X-Request-Id header (a unique id per request, e.g. a UUID): the Kanta FHIR HTTP header specification makes it mandatory',
          options.defaultLanguage,
        );
        return;
      }
      if (identity.kind === 'operator') {
        res.locals.caller = { kind: 'operator', name: identity.name } satisfies Caller;
      } else {
        const scope = await resolveOrganisationScope(options.registry, identity.oid, identity.name);
        res.locals.caller = {
          kind: 'organisation',
          oid: identity.oid,
          name: identity.name,
          scope,
        } satisfies Caller;
      }
      next();
    })().catch(next);
  };
}
