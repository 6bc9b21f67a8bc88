/**
 * Route guards of shared (TLS) mode that several routers share. Each guard reads the caller the TLS
 * gate (`tls-auth.ts`) put on the response and does nothing in local mode, so the open single-user mode
 * keeps answering exactly as before.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { callerOf, describeCaller } from './tls-auth.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes need the operator certificate: an organisation's certificate gets 403 naming the organisation
 * and what it tried (`access-operator-only`).
 */
export function operatorWrites(what: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const caller = callerOf(res);
    if (caller?.kind !== 'organisation' || READS.has(req.method)) {
      next();
      return;
    }
    res.status(403).json({
      error: {
        code: 'access-operator-only',
        message: `${describeCaller(caller)} may not ${req.method} ${req.originalUrl.split('?')[0] ?? ''}: writes to ${what} need the operator certificate (kantasim ca issue --admin)`,
        path: '',
      },
    });
  };
}
