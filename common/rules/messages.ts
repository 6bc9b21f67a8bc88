/**
 * Finding messages in Finnish, Swedish and English, rendered from the catalogue's templates.
 *
 * A finding is stored as data: its code and the arguments of its template (`args`). Its message in any
 * language is the catalogue's template for that code in that language with those arguments, so an
 * OperationOutcome, an archive acknowledgement, the viewer and the runner's report can each show the
 * same finding in their reader's language, however long ago it was raised. The English text the raise
 * site wrote (`message`) stays as the fallback for a finding whose code or arguments the catalogue
 * cannot fill (an old stored finding, a code from a newer version).
 *
 * Templates name their placeholders `{like_this}`; everything else is literal text, including the
 * apostrophes and braces FHIR and CDA examples need (`'urn:oid:1.2.246.21'`, `{ system: … }`). ICU
 * MessageFormat treats both as syntax, so a template is escaped into an ICU source before FormatJS's
 * `intl-messageformat` formats it (as `common/i18n` formats every other message); compiled templates
 * are cached per code and language.
 *
 * Lives in `common/` beside the catalogue because the runner's report renders stored findings too and
 * may import only `common/` and types from the simulator.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { format, localeOf, type Lang } from '../i18n/index.ts';
import { ruleFor } from './catalogue.ts';
import type { RuleEntry, RuleMessages } from './types.ts';

/** A finding's template arguments: text or numbers, by placeholder name. */
export type FindingArgs = Record<string, string | number>;

/** What `localise` needs of a finding: the shape of `simulator/domain/findings.ts`'s Finding. */
export interface LocalisableFinding {
  code: string;
  message: string;
  args?: FindingArgs | undefined;
  /** The Bundle entry (0-based) a transaction was refused at, when the finding belongs to one. */
  entry?: number | undefined;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The placeholder names of a template, each once, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** Literal text as ICU source: `'` doubled, `{` and `}` quoted, so only placeholders are syntax. */
function icuLiteral(text: string): string {
  return text.replace(/'/g, "''").replace(/[{}]/g, (c) => `'${c}'`);
}

/** A catalogue template as an ICU MessageFormat source. */
export function icuSource(template: string): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out += `${icuLiteral(template.slice(last, m.index))}{${m[1] ?? ''}}`;
    last = m.index + m[0].length;
  }
  return out + icuLiteral(template.slice(last));
}

const compiled = new Map<string, IntlMessageFormat>();

/** Renders one template with arguments in a language; an argument missing renders as ''. */
export function renderTemplate(template: string, args: FindingArgs, lang: Lang): string {
  const id = `${lang}\u0000${template}`;
  let fmt = compiled.get(id);
  if (fmt === undefined) {
    fmt = new IntlMessageFormat(icuSource(template), localeOf(lang), undefined, { ignoreTag: true });
    compiled.set(id, fmt);
  }
  const values: Record<string, string> = {};
  // Numbers are passed as text: a count or a version number reads as the raise site wrote it, without
  // the language's grouping (an OID-like `1.2` or a year must never become `1,2` or `2 026`).
  for (const name of placeholdersOf(template)) values[name] = String(args[name] ?? '');
  const out = fmt.format<string>(values);
  return Array.isArray(out) ? out.join('') : out;
}

/** An entry's templates: its main wording, then its variants. */
export function templatesOf(entry: RuleEntry): RuleMessages[] {
  return [entry.messages, ...(entry.variants ?? [])];
}

const fills = (messages: RuleMessages, args: FindingArgs): boolean =>
  placeholdersOf(messages.en).every((name) => args[name] !== undefined);

/**
 * The template a finding renders with and its args: the template its English message follows (with the
 * finding's own args over those read back), else the first its own args fill; undefined when none fits.
 */
export function resolveTemplate(
  finding: LocalisableFinding,
): { messages: RuleMessages; args: FindingArgs } | undefined {
  const entry = ruleFor(finding.code);
  if (entry === undefined) return undefined;
  const matched = matchMessage(entry, finding.message);
  if (matched !== undefined) {
    const args = { ...matched.args, ...(finding.args ?? {}) };
    return { messages: matched.messages, args };
  }
  const own = finding.args;
  if (own === undefined) return undefined;
  const messages = templatesOf(entry).find((m) => fills(m, own));
  return messages === undefined ? undefined : { messages, args: own };
}

/** Whether a finding can be shown in every language from the catalogue. */
export function canLocalise(finding: LocalisableFinding): boolean {
  return resolveTemplate(finding) !== undefined;
}

/**
 * A finding's message in a language: its code's catalogue template filled with its args. A finding the
 * catalogue cannot render (unknown code, an argument missing) keeps the English text it was raised with.
 */
export function localise(finding: LocalisableFinding, lang: Lang): string {
  const resolved = resolveTemplate(finding);
  // English is what the raise site wrote when it follows the template; rendering it again changes nothing.
  const message =
    resolved === undefined ? finding.message : renderTemplate(resolved.messages[lang], resolved.args, lang);
  return finding.entry === undefined
    ? message
    : format(lang, 'outcomes', 'bundle.entryRefused', { index: finding.entry, message });
}

/** The renderer the viewer and the report call: a function of a finding for one reader's language. */
export function findingRenderer(lang: Lang): (finding: LocalisableFinding) => string {
  return (finding) => localise(finding, lang);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const matchers = new Map<string, { re: RegExp; names: string[] } | null>();

function matcherOf(template: string): { re: RegExp; names: string[] } | null {
  let matcher = matchers.get(template);
  if (matcher !== undefined) return matcher;
  const names: string[] = [];
  let source = '^';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(template.slice(last, m.index));
    const name = m[1] ?? '';
    // A placeholder used twice must match the same text both times.
    const seen = names.indexOf(name);
    if (seen >= 0) source += `\\k<p${seen}>`;
    else {
      source += `(?<p${names.length}>[\\s\\S]*?)`;
      names.push(name);
    }
    last = m.index + m[0].length;
  }
  source += `${escapeRegExp(template.slice(last))}$`;
  try {
    matcher = { re: new RegExp(source), names };
  } catch {
    matcher = null;
  }
  matchers.set(template, matcher);
  return matcher;
}

function matchMessage(
  entry: RuleEntry,
  message: string,
): { messages: RuleMessages; args: FindingArgs } | undefined {
  for (const messages of templatesOf(entry)) {
    const matcher = matcherOf(messages.en);
    if (matcher === null) continue;
    const m = matcher.re.exec(message);
    if (m === null) continue;
    const args: FindingArgs = {};
    matcher.names.forEach((name, i) => (args[name] = m.groups?.[`p${i}`] ?? ''));
    return { messages, args };
  }
  return undefined;
}

/**
 * The args of an English message written at a raise site, read back against its code's English
 * templates (`'x' is not a FHIR R4 resource type…` against `'{rt}' is not…` gives `{ rt: 'x' }`). Raise
 * sites that pass their args explicitly do not need it; for the others it keeps the finding renderable
 * in every language as long as its English text follows one of the templates. Undefined when it does not.
 */
export function argsFromMessage(code: string, message: string): FindingArgs | undefined {
  const entry = ruleFor(code);
  return entry === undefined ? undefined : matchMessage(entry, message)?.args;
}
