/**
 * Every failure message is built here, so they all read the same way: "expected X, received Y", then
 * the requirement (or finding code) the check traces to. Reports and the terminal print them verbatim.
 * Their frame ("expected …, received …", "(requirement …)") is worded in the run's language (runner/wording.ts).
 */
import { localise, type FindingArgs } from '../common/rules/messages.ts';
import { runLang, words } from './wording.ts';

const MAX = 240;

/** A value as it appears in a message: strings quoted, long values cut. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = words('message.nothing');
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      const json: unknown = JSON.stringify(value);
      text = typeof json === 'string' ? json : typeof value;
    } catch {
      text = typeof value;
    }
  }
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

/** A list of selected values: one value shown alone, none as "nothing", more as a list. */
export function showValues(values: readonly unknown[]): string {
  if (values.length === 0) return words('message.nothing');
  if (values.length === 1) return show(values[0]);
  return words('message.values', { count: values.length, values: show(values) });
}

/** `expected <what>, received <received>` plus the requirement. */
export function expected(what: string, received: string, requirement?: string): string {
  return withRequirement(words('message.expected', { what, received }), requirement);
}

/** The message with its requirement, named once: a message that already names it gets no second mention. */
export function withRequirement(message: string, requirement?: string): string {
  if (requirement === undefined) return message;
  const worded = words('message.requirement', { message, requirement });
  // The mention alone, without the message: a message that already ends with it gets no second one.
  const mention = worded.slice(worded.lastIndexOf(message) + message.length);
  return message.includes(mention.trim()) ? message : worded;
}

/** A finding's message without a leading copy of its own code (`X-001: …`), which the line already names. */
function withoutCode(code: string, message: string): string {
  const m = new RegExp(`^\\s*\\[?${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]?\\s*[:\\-–—]?\\s*`).exec(
    message,
  );
  return m === null ? message : message.slice(m[0].length);
}

/**
 * Findings as `code (severity): message`, for messages about refusals. A finding the catalogue can word
 * is shown in the run's language, whatever language it was stored in (events keep the data, not a text).
 */
export function showFindings(
  findings: readonly { code: string; severity?: string; message?: string; args?: FindingArgs | undefined }[],
): string {
  if (findings.length === 0) return words('message.noFindings');
  const lang = runLang();
  return findings
    .map((f) => {
      const message =
        f.message === undefined
          ? undefined
          : localise({ code: f.code, message: f.message, args: f.args }, lang);
      return `${f.code}${f.severity !== undefined ? ` (${f.severity})` : ''}${message !== undefined ? `: ${withoutCode(f.code, message)}` : ''}`;
    })
    .join('; ');
}
