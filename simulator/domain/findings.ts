/**
 * Findings: every refusal or warning kantasim produces is one of these.
 *
 * Design principle 4 ("errors are data"): a stable code that tests, reports and the viewer can key on,
 * a severity, the path of the offending element (FHIRPath for FHIR, XPath-like for CDA, JSON pointer-ish
 * for registry bodies) and a message that says what to change.
 *
 * A finding also carries the arguments of its code's catalogue template (`args`), so it can be shown in
 * Finnish, Swedish or English whenever it is read (`localise` in `common/rules/messages.ts`); the English
 * `message` is what the raise site wrote. The constructors below take args explicitly, or read them back
 * from the English message when it follows the template, so every finding built through them carries
 * its args without each raise site repeating them.
 */
import { argsFromMessage, type FindingArgs } from '../../common/rules/messages.ts';

export type { FindingArgs } from '../../common/rules/messages.ts';
export { findingRenderer, localise } from '../../common/rules/messages.ts';
export type Severity = 'fatal' | 'error' | 'warning' | 'information';

export interface Finding {
  /** Stable code, e.g. `KANTA-APPT-012`, `CDA-HDR-003`, `ID-001`. Never reused for another meaning. */
  code: string;
  severity: Severity;
  /** Where: FHIRPath (`Appointment.participant[0].actor.identifier`), XPath, or a body path. */
  path: string;
  /** What is wrong and what to change, written for the vendor's developer (English, as raised). */
  message: string;
  /** The arguments of the code's catalogue template, for rendering the message in any language. */
  args?: FindingArgs;
  /** The Bundle entry (0-based) a transaction was refused at; the message is then shown as that entry's. */
  entry?: number;
  /** The requirement or source this rule traces to (a docs/kanta.md section anchor, or the public specification itself). */
  source?: string;
  /**
   * Set on identity-guard findings (a real person's identity code): no mode turns them into warnings,
   * because a test harness must never keep real people's codes (see `identity-guard.ts`).
   */
  guard?: true;
}

/** The same finding marked as an identity-guard finding. */
export function guarded(finding: Finding): Finding {
  return { ...finding, guard: true };
}

/** Findings that stop a submission in strict mode. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'fatal' || finding.severity === 'error';
}

export function hasBlocking(findings: readonly Finding[]): boolean {
  return findings.some(isBlocking);
}

/** A finding of a severity, with its template args (given, or read back from the English message). */
export function finding(
  severity: Severity,
  code: string,
  path: string,
  message: string,
  source?: string,
  args?: FindingArgs,
): Finding {
  const found: Finding = { code, severity, path, message };
  if (source !== undefined) found.source = source;
  const resolved = args ?? argsFromMessage(code, message);
  if (resolved !== undefined) found.args = resolved;
  return found;
}

/** Convenience constructors keep every rule module worded the same way. */
export function error(
  code: string,
  path: string,
  message: string,
  source?: string,
  args?: FindingArgs,
): Finding {
  return finding('error', code, path, message, source, args);
}

export function warning(
  code: string,
  path: string,
  message: string,
  source?: string,
  args?: FindingArgs,
): Finding {
  return finding('warning', code, path, message, source, args);
}

export function fatal(
  code: string,
  path: string,
  message: string,
  source?: string,
  args?: FindingArgs,
): Finding {
  return finding('fatal', code, path, message, source, args);
}

/** The same finding with its template args, for findings built as object literals. */
export function withArgs<T extends Finding>(found: T): T {
  if (found.args !== undefined) return found;
  const args = argsFromMessage(found.code, found.message);
  return args === undefined ? found : { ...found, args };
}

/** "expected X, received Y" worded once, so every message reads the same. */
export function expectedReceived(expected: string, received: string | undefined): string {
  return `expected ${expected}, received ${received === undefined || received === '' ? 'nothing' : `'${received}'`}`;
}
