/**
 * Small HTTP helpers shared by the viewer's route modules: render a page, read the request's scope,
 * reader and id, check that a form post comes from this origin, parse small url-encoded forms.
 */
import express, { type Request, type Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Guard } from './guard.tsx';
import { LangContext, langOfRes, PathContext, safeReturnPath } from './i18n.tsx';
import { ErrorPage } from './pages/error.tsx';
import { format } from '../../common/i18n/index.ts';
import { maskText } from '../domain/identity-guard.ts';
import type { ScopedReader } from './reader.ts';
import type { ArchivistScope } from './scope.ts';

/** url-encoded form bodies (sign-in, compare without upload): small and flat. */
export const urlencodedForm = express.urlencoded({
  extended: false,
  limit: '16kb',
  parameterLimit: 20,
});

/**
 * Renders a page. Pages guard their own rows and sections; the page-wide guard is the last resort, so a
 * record odd in a way no section foresaw still answers with a marked page instead of a 500.
 */
export function send(res: Response, page: VNode, status = 200): void {
  const scope = res.locals.scope as ArchivistScope | undefined;
  const lang = langOfRes(res);
  const fallback = (
    <ErrorPage
      scope={scope}
      title={format(lang, 'viewer', 'error.recordNotShown.title')}
      message={format(lang, 'viewer', 'error.recordNotShown.message')}
    />
  );
  const path = safeReturnPath(res.req.originalUrl);
  const html = `<!doctype html>${renderToString(
    <LangContext.Provider value={lang}>
      <PathContext.Provider value={path}>
        <Guard fallback={fallback}>{page}</Guard>
      </PathContext.Provider>
    </LangContext.Provider>,
  )}`;
  res
    .status(status)
    .type('html')
    .send(masksIdentities(res) ? maskText(html) : html);
}

/**
 * Whether the viewer's answers mask real-range identity codes: always, unless the server runs with
 * `--allow-real-identities` (`GUARD_CHECKS`). Every page is masked as a whole, so no echo of the
 * request (a search field, a return path, a 404 naming the URL) can repeat a code.
 */
export function masksIdentities(res: Response): boolean {
  return res.locals.allowRealIdentities !== true;
}

/** One of the viewer's messages in the response's language (for titles and messages built in routes). */
export function tr(res: Response, key: string, args?: Record<string, string | number>): string {
  return format(langOfRes(res), 'viewer', key, args);
}

export function scopeOfRes(res: Response): ArchivistScope {
  return res.locals.scope as ArchivistScope;
}

/** The signed-in archivist's scoped reader (set by `requireArchivist`). */
export function readerOf(res: Response): ScopedReader {
  return res.locals.reader as ScopedReader;
}

export function requestIdOf(res: Response): string | undefined {
  return res.locals.requestId as string | undefined;
}

/**
 * Form posts only from this origin. Fetch metadata decides when the browser sends it; otherwise the
 * Origin header, when there is one (SameSite=Strict already keeps the cookie off cross-site posts, but
 * sign-in has no cookie to lose). `Origin: null` is what a sandboxed frame, a `data:` page or a
 * cross-origin redirect sends: it is not this origin, so it is refused like any other site.
 */
export function sameOrigin(req: Request): boolean {
  const site = req.get('Sec-Fetch-Site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.get('Origin');
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  try {
    return new URL(origin).host === req.get('Host');
  } catch {
    return false;
  }
}
