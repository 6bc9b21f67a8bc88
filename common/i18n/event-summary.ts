/**
 * An event's one-line summary in its reader's language. An event keeps its summary as data (`wording`:
 * a key of the `events` messages, `common/i18n/locales/<lang>/events.json`, and the arguments), so the
 * viewer, the live feed and the runner's report show it in Finnish, Swedish or English whenever it is
 * read; `summary`, the English rendering written when the event was recorded, stays for the JSON API and
 * for events recorded before summaries were data.
 *
 * Two arguments come from the event's findings rather than from the raise site, so that they too are in
 * the reader's language: `{firstFinding}` (the first error's code and message) and `{findings}` (every
 * finding's message, joined with "; ").
 *
 * Lives in `common/` because the runner's report renders stored events too and may import only `common/`.
 */
import { localise, type LocalisableFinding } from '../rules/messages.ts';
import { catalog, format, type Lang } from './index.ts';

/** An event summary as data: a key of the `events` messages and its arguments (text or counts). */
export interface SummaryWording {
  key: string;
  args: Record<string, string | number>;
}

/** What rendering a summary needs of a finding (`simulator/domain/findings.ts`'s Finding has it). */
export type SummaryFinding = LocalisableFinding & { severity: string };

/** What rendering needs of an event (`simulator/domain/events.ts`'s SubmissionEvent has it). */
export interface SummarisedEvent {
  summary: string;
  wording?: SummaryWording | undefined;
  findings: readonly SummaryFinding[];
}

/**
 * The arguments a wording takes from the findings, computed only when its message uses them: a Kanta
 * transaction's summary quotes none, and localising its findings for nothing would cost every write.
 */
function findingArgs(
  source: string,
  findings: readonly SummaryFinding[],
  lang: Lang,
): Record<string, string> {
  const args: Record<string, string> = {};
  if (source.includes('{firstFinding}')) {
    const first = findings.find((f) => f.severity === 'fatal' || f.severity === 'error') ?? findings[0];
    args.firstFinding = first === undefined ? '' : `${first.code} ${localise(first, lang)}`;
  }
  if (source.includes('{findings}')) args.findings = findings.map((f) => localise(f, lang)).join('; ');
  return args;
}

/** Renders a wording in a language, with the arguments drawn from `findings`. */
export function renderSummary(
  wording: SummaryWording,
  findings: readonly SummaryFinding[],
  lang: Lang,
): string {
  const source = catalog(lang, 'events')[wording.key] ?? '';
  return format(lang, 'events', wording.key, { ...wording.args, ...findingArgs(source, findings, lang) });
}

/**
 * A summary to record: the wording, and its English rendering as `summary` (spread both into the event).
 * `findings` are the event's own, for `{firstFinding}` and `{findings}`.
 */
export function summarise(
  key: string,
  args: Record<string, string | number> = {},
  findings: readonly SummaryFinding[] = [],
): { summary: string; wording: SummaryWording } {
  const wording = { key, args };
  return { summary: renderSummary(wording, findings, 'en'), wording };
}

/** An event's summary in `lang`: its wording rendered, or the stored English summary when it has none. */
export function summaryIn(event: SummarisedEvent, lang: Lang): string {
  return event.wording === undefined ? event.summary : renderSummary(event.wording, event.findings, lang);
}
