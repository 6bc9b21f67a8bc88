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
import { localeOf, type Lang } from '../i18n/index.ts';
import { ruleFor } from './catalogue.ts';

/** A finding's template arguments: text or numbers, by placeholder name. */
export type FindingArgs = Record<string, string | number>;

/** What `localise` needs of a finding: the shape of `simulator/domain/findings.ts`'s Finding. */
export interface LocalisableFinding {
  code: string;
  message: string;
  args?: FindingArgs | undefined;
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

/**
 * The args that fill a finding's template: its own, else those read back from its English message
 * (a finding stored before it carried args); undefined when some placeholder stays unfilled.
 */
export function templateArgs(finding: LocalisableFinding): FindingArgs | undefined {
  const entry = ruleFor(finding.code);
  if (entry === undefined) return undefined;
  const args = finding.args ?? argsFromMessage(finding.code, finding.message);
  if (args === undefined) return undefined;
  return placeholdersOf(entry.messages.en).every((name) => args[name] !== undefined) ? args : undefined;
}

/** Whether a finding can be shown in every language from the catalogue. */
export function canLocalise(finding: LocalisableFinding): boolean {
  return templateArgs(finding) !== undefined;
}

/**
 * A finding's message in a language: its code's catalogue template filled with its args. A finding the
 * catalogue cannot render (unknown code, an argument missing) keeps the English text it was raised with.
 */
export function localise(finding: LocalisableFinding, lang: Lang): string {
  const entry = ruleFor(finding.code);
  const args = templateArgs(finding);
  if (entry === undefined || args === undefined) return finding.message;
  return renderTemplate(entry.messages[lang], args, lang);
}

/** The renderer the viewer and the report call: a function of a finding for one reader's language. */
export function findingRenderer(lang: Lang): (finding: LocalisableFinding) => string {
  return (finding) => localise(finding, lang);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const matchers = new Map<string, { re: RegExp; names: string[] } | null>();

/**
 * The args of an English message written at a raise site, read back against its code's English template
 * (`'x' is not a FHIR R4 resource type…` against `'{rt}' is not…` gives `{ rt: 'x' }`). Raise sites that
 * pass their args explicitly do not need it; for the others it keeps the finding renderable in every
 * language as long as its English text follows the template. Undefined when the text does not.
 */
export function argsFromMessage(code: string, message: string): FindingArgs | undefined {
  const entry = ruleFor(code);
  if (entry === undefined) return undefined;
  const template = entry.messages.en;
  let matcher = matchers.get(template);
  if (matcher === undefined) {
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
  }
  if (matcher === null) return undefined;
  const m = matcher.re.exec(message);
  if (m === null) return undefined;
  const args: FindingArgs = {};
  matcher.names.forEach((name, i) => (args[name] = m.groups?.[`p${i}`] ?? ''));
  return args;
}
