/**
 * Findings: every refusal or warning kantasim produces is one of these.
 *
 * Design principle 4 ("errors are data"): a stable code that tests, reports and the viewer can key on,
 * a severity, the path of the offending element (FHIRPath for FHIR, XPath-like for CDA, JSON pointer-ish
 * for registry bodies) and a message that says what to change.
 */
export type Severity = 'fatal' | 'error' | 'warning' | 'information';

export interface Finding {
  /** Stable code, e.g. `KANTA-APPT-012`, `CDA-HDR-003`, `ID-001`. Never reused for another meaning. */
  code: string;
  severity: Severity;
  /** Where: FHIRPath (`Appointment.participant[0].actor.identifier`), XPath, or a body path. */
  path: string;
  /** What is wrong and what to change, written for the vendor's developer. */
  message: string;
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

/** Convenience constructors keep every rule module worded the same way. */
export function error(code: string, path: string, message: string, source?: string): Finding {
  return source === undefined
    ? { code, severity: 'error', path, message }
    : { code, severity: 'error', path, message, source };
}

export function warning(code: string, path: string, message: string, source?: string): Finding {
  return source === undefined
    ? { code, severity: 'warning', path, message }
    : { code, severity: 'warning', path, message, source };
}

export function fatal(code: string, path: string, message: string, source?: string): Finding {
  return source === undefined
    ? { code, severity: 'fatal', path, message }
    : { code, severity: 'fatal', path, message, source };
}

/** "expected X, received Y" worded once, so every message reads the same. */
export function expectedReceived(expected: string, received: string | undefined): string {
  return `expected ${expected}, received ${received === undefined || received === '' ? 'nothing' : `'${received}'`}`;
}
