/**
 * Small HTTP helpers shared by the viewer's route modules: render a page, read the request's scope and
 * id, check that a form post comes from this origin, parse small url-encoded forms.
 */
import express, { type Request, type Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ArchivistScope } from './scope.ts';

/** url-encoded form bodies (sign-in, compare without upload): small and flat. */
export const urlencodedForm = express.urlencoded({
  extended: false,
  limit: '16kb',
  parameterLimit: 20,
});

export function send(res: Response, page: VNode, status = 200): void {
  res
    .status(status)
    .type('html')
    .send(`<!doctype html>${renderToString(page)}`);
}

export function scopeOfRes(res: Response): ArchivistScope {
  return res.locals.scope as ArchivistScope;
}

export function requestIdOf(res: Response): string | undefined {
  return res.locals.requestId as string | undefined;
}

/**
 * Form posts only from this origin. Fetch metadata decides when the browser sends it; otherwise the
 * Origin header, when there is one (SameSite=Strict already keeps the cookie off cross-site posts).
 */
export function sameOrigin(req: Request): boolean {
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
