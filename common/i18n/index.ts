/**
 * kantasim's internationalisation layer: the three languages it speaks (Finnish and Swedish, Finland's
 * languages, and English for everyone else), how a caller's language is chosen, message lookup with
 * ICU MessageFormat, and dates, times and numbers through `Intl` in Europe/Helsinki.
 *
 * Messages live in JSON files a translator can edit, one per language and area:
 * `common/i18n/locales/<lang>/<namespace>.json`, flat keys to ICU message strings (`{count, plural,
 * one {# virhe} other {# virhettä}}`). FormatJS's `intl-messageformat` formats them (plurals, select,
 * numbers, dates) rather than hand-written string maps; compiled formats are cached per language and key.
 * A test (`common/i18n/i18n.test.ts`) checks that every namespace has every key in all three languages
 * with the same arguments, so a missing translation fails the build rather than reaching a user.
 *
 * Lives in `common/` because the simulator (viewer, FHIR and archive answers), the runner (the report)
 * and the CLI all speak through it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';

export type Lang = 'fi' | 'sv' | 'en';

/** In the order kantasim offers them: Finnish first, as Kanta's own answers are Finnish. */
export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];

/** The zone every time is shown in: Finnish archivists read Helsinki time. */
export const TIME_ZONE = 'Europe/Helsinki';

/** The BCP 47 locale each language formats with (Finland's Swedish, British English for day-month order). */
const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Each language's own name, for a language switcher. */
export const LANG_NAMES: Record<Lang, string> = { fi: 'suomi', sv: 'svenska', en: 'English' };

export function isLang(value: unknown): value is Lang {
  return value === 'fi' || value === 'sv' || value === 'en';
}

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

/**
 * The best of kantasim's languages for an `Accept-Language` header (RFC 9110 §12.5.4): ranges in order
 * of their q-values, a range matching by its primary subtag (`sv-SE` → sv, `fi-FI` → fi), `*` meaning the
 * fallback. No header, or nothing matching, gives the fallback.
 */
export function negotiate(acceptLanguage: string | undefined, fallback: Lang): Lang {
  if (acceptLanguage === undefined || acceptLanguage.trim() === '') return fallback;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { range: range.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range !== '' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { range } of ranges) {
    if (range === '*') return fallback;
    const primary = range.split('-')[0];
    if (isLang(primary)) return primary;
    // Norwegian and Danish readers understand Swedish better than English; Kanta serves fi/sv only.
    if (primary === 'nb' || primary === 'nn' || primary === 'no' || primary === 'da') return 'sv';
  }
  return fallback;
}

/**
 * The language of the environment's locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders
 * them): `fi_FI.UTF-8` → fi, `sv_FI` → sv; anything else, or `C`/`POSIX`, gives the fallback.
 */
export function fromEnvironment(env: NodeJS.ProcessEnv = process.env, fallback: Lang = 'en'): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const primary = value.split(/[_.@-]/)[0]?.toLowerCase();
    return isLang(primary) ? primary : fallback;
  }
  return fallback;
}

const LOCALE_DIR = fileURLToPath(new URL('./locales/', import.meta.url));

type Catalog = Readonly<Record<string, string>>;
const catalogs = new Map<string, Catalog>();
const compiled = new Map<string, IntlMessageFormat>();

/** The namespaces (message files) present for a language. */
export function namespaces(lang: Lang = 'en'): string[] {
  return readdirSync(new URL(`./locales/${lang}/`, import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The raw messages of one namespace in one language (read once, then cached). */
export function catalog(lang: Lang, namespace: string): Catalog {
  const id = `${lang}/${namespace}`;
  let found = catalogs.get(id);
  if (found === undefined) {
    const text = readFileSync(`${LOCALE_DIR}${lang}/${namespace}.json`, 'utf8');
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`i18n: ${id}.json is not an object of messages`);
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw new Error(`i18n: ${id}.json: ${key} is not a string`);
    }
    found = parsed as Catalog;
    catalogs.set(id, found);
  }
  return found;
}

export type MessageArgs = Record<string, string | number | Date | boolean | null | undefined>;

/**
 * Formats one message. A key missing from the language's file is a programming error the locale test
 * catches; at run time it falls back to English, then to the key itself, so a reader never sees a crash.
 */
export function format(lang: Lang, namespace: string, key: string, args: MessageArgs = {}): string {
  const id = `${lang}/${namespace}/${key}`;
  let fmt = compiled.get(id);
  if (fmt === undefined) {
    const source = catalog(lang, namespace)[key];
    if (source === undefined) {
      return lang === 'en' ? key : format('en', namespace, key, args);
    }
    fmt = new IntlMessageFormat(source, localeOf(lang), undefined, { ignoreTag: true });
    compiled.set(id, fmt);
  }
  const out = fmt.format(args);
  return Array.isArray(out) ? out.join('') : String(out);
}

/** A translator bound to one language and namespace: `t('title')`, `t('errors', { count: 2 })`. */
export type Translate = (key: string, args?: MessageArgs) => string;

export function translator(lang: Lang, namespace: string): Translate {
  return (key, args) => format(lang, namespace, key, args);
}

function toDate(value: Date | string | number): Date | undefined {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Lang, kind: 'datetime' | 'date' | 'time'): Intl.DateTimeFormat {
  const id = `${lang}/${kind}`;
  let f = dateTimeFormats.get(id);
  if (f === undefined) {
    const date = { day: 'numeric', month: 'numeric', year: 'numeric' } as const;
    const time = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;
    f = new Intl.DateTimeFormat(localeOf(lang), {
      timeZone: TIME_ZONE,
      ...(kind === 'time' ? {} : date),
      ...(kind === 'date' ? {} : time),
    });
    dateTimeFormats.set(id, f);
  }
  return f;
}

/**
 * A moment as a Finnish archivist reads it: Helsinki wall time with its zone, in one format per language
 * (fi `3.12.2026 klo 13.00 UTC+2`, sv `3.12.2026 13.00 EET`, en `03/12/2026, 13:00 EET`). Whatever offset
 * the source carried, the reader sees Helsinki time, so an appointment's start and end compare at a glance.
 * An unparsable value is shown as it came.
 */
export function formatDateTime(value: Date | string | number, lang: Lang): string {
  const d = toDate(value);
  return d === undefined ? String(value) : dtf(lang, 'datetime').format(d);
}

/** The Helsinki calendar date of a moment (`3.12.2026`); a bare `YYYY-MM-DD` is shown as that day. */
export function formatDate(value: Date | string | number, lang: Lang): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    // Noon UTC lies on the same calendar day in Helsinki, whatever the season.
    return dtf(lang, 'date').format(new Date(Date.UTC(y, m - 1, d, 12)));
  }
  const d = toDate(value);
  return d === undefined ? String(value) : dtf(lang, 'date').format(d);
}

/** The Helsinki wall-clock time of a moment with its zone (`13.00 UTC+2`). */
export function formatTime(value: Date | string | number, lang: Lang): string {
  const d = toDate(value);
  return d === undefined ? String(value) : dtf(lang, 'time').format(d);
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();
/** A number with the language's grouping and decimal mark (fi `1 000 000`, en `1,000,000`). */
export function formatNumber(value: number, lang: Lang): string {
  let f = numberFormats.get(lang);
  if (f === undefined) {
    f = new Intl.NumberFormat(localeOf(lang));
    numberFormats.set(lang, f);
  }
  return f.format(value);
}

/** The Helsinki calendar date (`YYYY-MM-DD`) of a moment, for date inputs and day-based comparisons. */
export function helsinkiDay(value: Date | string | number = new Date()): string {
  const d = toDate(value) ?? new Date();
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(d);
}
