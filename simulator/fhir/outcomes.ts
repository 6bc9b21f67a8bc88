/**
 * Outcomes: what a FHIR interaction ended with, as a value. Handlers return them (or throw a
 * `FhirError` carrying one from deep code); `statusOf` is the one place that maps an outcome to its
 * HTTP status, and `toOperationOutcome` the one place that turns findings into OperationOutcome issues.
 *
 * See: https://hl7.org/fhir/R4/http.html#Status-Codes
 * See: https://hl7.org/fhir/R4/operationoutcome.html
 */
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import type { Finding } from '../domain/findings.ts';
import { downgradeForRehearsal } from '../domain/policy.ts';

export type OutcomeKind =
  | 'ok'
  | 'created'
  | 'no-content'
  | 'bad-request'
  | 'not-found'
  | 'method-not-allowed'
  | 'not-acceptable'
  | 'conflict'
  | 'gone'
  | 'precondition-failed'
  | 'too-large'
  | 'unsupported-media-type'
  | 'unprocessable'
  | 'precondition-required'
  | 'server-error';

export interface Outcome {
  kind: OutcomeKind;
  findings: Finding[];
}

const STATUS: Readonly<Record<OutcomeKind, number>> = {
  ok: 200,
  created: 201,
  'no-content': 204,
  'bad-request': 400,
  'not-found': 404,
  'method-not-allowed': 405,
  'not-acceptable': 406,
  conflict: 409,
  gone: 410,
  'precondition-failed': 412,
  'too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  'precondition-required': 428,
  'server-error': 500,
};

/** The HTTP status of an outcome. The only place this mapping lives. */
export function statusOf(outcome: Outcome): number {
  return STATUS[outcome.kind];
}

export function isSuccess(outcome: Outcome): boolean {
  return statusOf(outcome) < 300;
}

/** An outcome as an error, so deep code can stop an interaction; the router catches it once. */
export class FhirError extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.findings[0]?.message ?? outcome.kind);
    this.name = 'FhirError';
  }
}

const make =
  (kind: OutcomeKind) =>
  (findings: Finding[] = []): Outcome => ({ kind, findings });

export const allOk = make('ok');
export const created = make('created');
export const noContent = make('no-content');
export const unprocessable = make('unprocessable');
export const badRequestFindings = make('bad-request');

function one(kind: OutcomeKind, code: string, message: string, path = ''): Outcome {
  return { kind, findings: [{ code, severity: 'error', path, message }] };
}

export const badRequest = (code: string, message: string, path = ''): Outcome =>
  one('bad-request', code, message, path);
export const notFound = (message: string, path = ''): Outcome =>
  one('not-found', 'FHIR-HTTP-404', message, path);
export const gone = (message: string): Outcome => one('gone', 'FHIR-HTTP-410', message);
export const methodNotAllowed = (message: string): Outcome =>
  one('method-not-allowed', 'FHIR-HTTP-405', message);
export const conflict = (code: string, message: string, path = ''): Outcome =>
  one('conflict', code, message, path);
export const preconditionFailed = (code: string, message: string): Outcome =>
  one('precondition-failed', code, message);
export const preconditionRequired = (code: string, message: string): Outcome =>
  one('precondition-required', code, message);
export const unsupportedMediaType = (message: string): Outcome =>
  one('unsupported-media-type', 'FHIR-HTTP-415', message);
export const notAcceptable = (message: string): Outcome => one('not-acceptable', 'FHIR-HTTP-406', message);
export const tooLarge = (message: string): Outcome => one('too-large', 'FHIR-HTTP-413', message);
export const serverError = (): Outcome =>
  one('server-error', 'FHIR-HTTP-500', 'the simulator failed unexpectedly; the request was not applied');

/** The OperationOutcome issue type that fits a finding of an outcome kind. */
function issueType(kind: OutcomeKind, finding: Finding): OperationOutcomeIssue['code'] {
  if (finding.code.startsWith('FHIR-JSON')) return 'structure';
  if (finding.code.startsWith('FHIR-STRUCT')) return 'structure';
  if (/^R[45]-INV/.test(finding.code)) return 'invariant';
  switch (kind) {
    case 'not-found':
    case 'gone':
      return 'not-found';
    case 'conflict':
    case 'precondition-failed':
      return 'conflict';
    case 'method-not-allowed':
    case 'unsupported-media-type':
    case 'not-acceptable':
      return 'not-supported';
    case 'too-large':
      return 'too-costly';
    case 'server-error':
      return 'exception';
    case 'precondition-required':
      return 'required';
    case 'ok':
    case 'created':
    case 'no-content':
    case 'bad-request':
    case 'unprocessable':
      return finding.severity === 'information' ? 'informational' : 'business-rule';
  }
}

/** A finding as an OperationOutcome issue: code in `details`, message in `diagnostics`, path in `expression`. */
export function issueOf(finding: Finding, kind: OutcomeKind = 'unprocessable'): OperationOutcomeIssue {
  const issue: OperationOutcomeIssue = {
    severity: finding.severity,
    code: issueType(kind, finding),
    details: {
      coding: [{ system: KANTASIM_FINDING_SYSTEM, code: finding.code }],
      text: finding.message,
    },
    diagnostics: finding.message,
  };
  if (finding.path !== '') issue.expression = [finding.path];
  return issue;
}

/** Code system of kantasim's finding codes in `OperationOutcome.issue.details`. */
export const KANTASIM_FINDING_SYSTEM = 'https://kantasim.fi/fhir/CodeSystem/finding';

export function toOperationOutcome(outcome: Outcome): OperationOutcome {
  const issue =
    outcome.findings.length > 0
      ? outcome.findings.map((f) => issueOf(f, outcome.kind))
      : [
          {
            severity: 'information' as const,
            code: 'informational' as const,
            diagnostics: isSuccess(outcome) ? 'all OK' : outcome.kind,
          },
        ];
  return { resourceType: 'OperationOutcome', issue };
}

/** Findings as warnings (rehearsal mode answers with them instead of refusing): the policy's downgrade. */
export function asWarnings(findings: readonly Finding[]): Finding[] {
  return downgradeForRehearsal(findings);
}
