/**
 * Signing archivists in and out, and the gate every other viewer page sits behind: no session (or an
 * account that is gone or inactive) sends a GET to the sign-in page and answers anything else 401.
 * A signed-in request gets its scope and its scoped reader in `res.locals` (page-http.tsx reads them).
 *
 * Sign-in is a form post, so it is refused like any cross-site post (page-http.tsx `sameOrigin`, which
 * also refuses `Origin: null`), and wrong passcodes are rate-limited per account (sign-in-throttle.ts):
 * the page then says how long to wait, with status 429 and `Retry-After`.
 *
 * Sessions and the failure counts live in the store (session.ts, sign-in-throttle.ts), so every handler
 * here is asynchronous; Express 5 hands a rejected handler to the viewer's error handler (routes.tsx),
 * which answers a store failure with the 500 page and logs it, never an unhandled rejection.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from '../logger.ts';
import { verifyPasscode } from '../registry/passcode.ts';
import { sameOrigin, send, tr, urlencodedForm } from './page-http.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import type { ViewerData } from './reader.ts';
import { clearSessionCookie, sessionCookie, setSessionCookie, type StoreSessions } from './session.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';

/** `GET/POST /sign-in`, `POST /sign-out`. */
export function authRoutes(
  router: Router,
  data: ViewerData,
  logger: Logger,
  sessions: StoreSessions,
  throttle: SignInThrottle,
  shared = false,
): void {
  const signInPage = async (
    res: Response,
    status: number,
    problem?: string,
    chosen?: string,
  ): Promise<void> => {
    send(
      res,
      <SignInPage
        archivists={shared ? [] : await data.activeArchivists()}
        hideAccounts={shared}
        registers={await data.registers()}
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
    const archivist = id === '' ? undefined : await data.archivist(id);
    if (!archivist?.active) {
      await signInPage(res, 401, tr(res, 'signIn.unknown'), id);
      return;
    }
    // Shared mode: an account without a passcode cannot sign in (the answer does not say it exists).
    if (shared && archivist.passcodeHash === undefined) {
      await signInPage(res, 401, 'No active archivist account with that name.', id);
      return;
    }
    if (archivist.passcodeHash !== undefined) {
      // An account already over the limit is refused without counting; otherwise the attempt is counted
      // before the passcode is checked (sign-in-throttle.ts `attempt`).
      let wait = await throttle.blockedFor(archivist.id);
      if (wait === 0) wait = await throttle.attempt(archivist.id);
      if (wait > 0) {
        res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
        logger.warn({ archivist: archivist.id }, 'viewer sign-in refused: too many wrong passcodes');
        await signInPage(
          res,
          429,
          tr(res, 'signIn.throttled', { minutes: Math.max(1, Math.ceil(wait / 60_000)) }),
          id,
        );
        return;
      }
      if (!verifyPasscode(passcode, archivist.passcodeHash)) {
        await signInPage(res, 401, tr(res, 'signIn.wrongPasscode'), id);
        return;
      }
      await throttle.succeeded(archivist.id);
    }
    await sessions.delete(sessionCookie(req));
    const session = await sessions.create(archivist.id);
    setSessionCookie(req, res, session.id);
    logger.info({ archivist: archivist.id, register: archivist.registerController }, 'viewer sign-in');
    res.redirect(303, '/viewer/find');
  });

  router.post('/sign-out', async (req, res) => {
    if (!sameOrigin(req)) {
      res.status(403).type('text/plain').send('cross-site form post refused');
      return;
    }
    await sessions.delete(sessionCookie(req));
    clearSessionCookie(req, res);
    res.redirect(303, '/viewer/sign-in');
  });
}

/** Puts the signed-in archivist's scope and reader in `res.locals`, or turns the request away. */
export function requireArchivist(data: ViewerData, sessions: StoreSessions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const session = await sessions.get(sessionCookie(req));
    const scope = session ? await data.scopeOf(session.archivistId) : undefined;
    if (!scope) {
      if (session) await sessions.delete(session.id);
      if (req.method === 'GET' && !req.path.startsWith('/live/stream')) res.redirect(303, '/viewer/sign-in');
      else res.status(401).type('text/plain').send('sign in first');
      return;
    }
    res.locals.scope = scope;
    res.locals.reader = data.readerFor(scope);
    next();
  };
}
