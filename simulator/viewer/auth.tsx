/**
 * Signing archivists in and out, and the gate every other viewer page sits behind: no session (or an
 * account that is gone or inactive) sends a GET to the sign-in page and answers anything else 401.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from '../logger.ts';
import { verifyPasscode } from '../registry/passcode.ts';
import type { Store } from '../store/types.ts';
import type { Organisation } from '../domain/registry.ts';
import { sameOrigin, send, urlencodedForm } from './page-http.ts';
import { SignInPage } from './pages/sign-in.tsx';
import { scopeOf } from './scope.ts';
import { clearSessionCookie, sessionCookie, setSessionCookie, type SessionStore } from './session.ts';

/** `GET/POST /sign-in`, `POST /sign-out`. */
export function authRoutes(router: Router, store: Store, logger: Logger, sessions: SessionStore): void {
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

  router.post('/sign-in', urlencodedForm, async (req, res) => {
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
}

/** Puts the signed-in archivist's scope in `res.locals.scope`, or turns the request away. */
export function requireArchivist(store: Store, sessions: SessionStore): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
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
  };
}
