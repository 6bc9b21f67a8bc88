/**
 * The viewer's language: which of Finnish, Swedish and English a page is written in, and the small
 * pieces every page uses to speak it. The archivist's own choice (the switcher on every page, kept in a
 * cookie) wins over the browser's `Accept-Language`; with neither, Finnish, as Kanta's own archivist
 * interface is Finnish. The language reaches the pages through a preact context set once per response
 * (page-http.tsx `send`), so no page threads a `lang` prop through its parts.
 *
 * Messages live in `common/i18n/locales/<lang>/viewer.json`; outcome words (accepted/refused submission,
 * passed/failed check) come from the shared `outcomes.json`, so a refused submission and a failed test
 * are never the same word. Times go through `formatDateTime` (Europe/Helsinki with the zone).
 */
import { helsinkiOffsetMinutes } from '../../common/hl7-time.ts';
import { localise } from '../../common/rules/messages.ts';
import type { Request, Response, NextFunction, RequestHandler } from 'express';
import { createContext, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import {
  formatDate,
  formatDateTime,
  isLang,
  negotiate,
  translator,
  type Lang,
  type Translate,
} from '../../common/i18n/index.ts';
import { displayIn } from '../domain/code-lists.ts';
import type { Finding } from '../domain/findings.ts';

export type { Lang };

/** The cookie that remembers the archivist's language choice (not a secret; HttpOnly all the same). */
export const LANG_COOKIE = 'kantasim_lang';

/** Finnish unless the archivist or the browser asks otherwise. */
export const DEFAULT_LANG: Lang = 'fi';

function cookieValue(req: Request, name: string): string | undefined {
  const header = req.get('Cookie');
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The language of a request: the remembered choice, else `Accept-Language`, else Finnish. */
export function languageOf(req: Request): Lang {
  const chosen = cookieValue(req, LANG_COOKIE);
  if (isLang(chosen)) return chosen;
  return negotiate(req.get('Accept-Language'), DEFAULT_LANG);
}

/** Puts the request's language in `res.locals.lang`; the answer varies with the headers it read. */
export function chooseLanguage(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.locals.lang = languageOf(req);
    res.vary('Accept-Language');
    res.vary('Cookie');
    next();
  };
}

export function langOfRes(res: Response): Lang {
  const lang: unknown = res.locals.lang;
  return isLang(lang) ? lang : DEFAULT_LANG;
}

export function setLangCookie(req: Request, res: Response, lang: Lang): void {
  const secure = req.secure ? '; Secure' : '';
  res.append(
    'Set-Cookie',
    `${LANG_COOKIE}=${lang}; Path=/viewer; Max-Age=31536000; HttpOnly; SameSite=Strict${secure}`,
  );
}

/** A viewer path to go back to after switching language: only this viewer's own pages. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string') return '/viewer/find';
  if (!/^\/viewer(\/[^\s\\]*)?$/.test(value) || value.startsWith('//')) return '/viewer/find';
  return value;
}

export const LangContext = createContext<Lang>(DEFAULT_LANG);

/** The page's own path and query, so the language switcher can come back to it. */
export const PathContext = createContext<string>('/viewer/find');

export function usePath(): string {
  return useContext(PathContext);
}

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The viewer's messages in the page's language. */
export function useT(): Translate {
  return translator(useLang(), 'viewer');
}

/** The shared outcome vocabulary (outcomes.json) in the page's language. */
export function useOutcomes(): Translate {
  return translator(useLang(), 'outcomes');
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
/** Milliseconds Helsinki is ahead of UTC at an instant (2 or 3 hours, by the season). */
function helsinkiOffsetAt(ms: number): number {
  return helsinkiOffsetMinutes(new Date(ms)) * 60_000;
}

/**
 * The instant a date-time names. With an offset or `Z` it is exact; a wall time without one (a CDA time
 * stored without its zone) is read as Helsinki time, where Finnish systems write it, not as the server's
 * own zone.
 */
export function instantOf(value: string): Date | undefined {
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const [, y, mo, d, h, mi, sec] = local;
    const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec ?? 0));
    const first = guess - helsinkiOffsetAt(guess);
    return new Date(guess - helsinkiOffsetAt(first));
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** A CDA `TS` (`20261203130000+0200`) as ISO 8601 with its offset kept; undefined when it is no time. */
export function cdaTimeToIso(ts: string | undefined): string | undefined {
  if (ts === undefined) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?(?:\.\d+)?)?(?:([+-])(\d{2})(\d{2}))?$/.exec(ts);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, sign, oh, om] = m;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return date;
  const zone = sign === undefined ? '' : `${sign}${oh}:${om}`;
  return `${date}T${h}:${mi ?? '00'}:${sec ?? '00'}${zone}`;
}

/** The same as `When`, as text, for titles and attributes. */
export function whenText(value: string | undefined, lang: Lang): string {
  if (value === undefined || value === '') return '–';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  const instant = instantOf(value);
  return instant === undefined ? value : formatDateTime(instant, lang);
}

/** A moment in Helsinki time with its zone, in the page's language; `–` when absent. */
export function When({ value }: { value: string | undefined }): VNode {
  const lang = useLang();
  if (value === undefined || value === '') return <span class="muted">–</span>;
  return <time dateTime={value}>{whenText(value, lang)}</time>;
}

/**
 * A code's display from the code list in the reader's language where the list has one; otherwise the
 * Finnish name, marked `lang="fi"` so a screen reader (and the reader) knows it is Finnish. Falls back to
 * what the document wrote when the list does not name the code.
 */
export function CodeName({
  system,
  code,
  written,
}: {
  system: string;
  code: string;
  written?: string | undefined;
}): VNode | null {
  const lang = useLang();
  const display = displayIn(system, code, lang === 'sv' ? 'sv' : 'fi');
  if (display === undefined) return written === undefined ? null : <span>{written}</span>;
  return display.lang === lang ? (
    <span>{display.text}</span>
  ) : (
    <span lang={display.lang}>{display.text}</span>
  );
}

/** The same display as plain text with its language (for `<option>`s, which take no markup). */
export function codeText(system: string, code: string, lang: Lang): { text: string; lang: Lang } | undefined {
  const display = displayIn(system, code, lang === 'sv' ? 'sv' : 'fi');
  return display === undefined ? undefined : { text: display.text, lang: display.lang };
}

/**
 * A finding's message in the reader's language, from the rule catalogue's template for its code (the
 * stored English message when the finding's arguments fit no template).
 */
export function findingMessage(finding: Finding, lang: Lang): string {
  return localise(finding, lang);
}
