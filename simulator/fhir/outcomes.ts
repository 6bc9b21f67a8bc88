/**
 * Outcomes: what a FHIR interaction ended with, as a value. Handlers return them (or throw a
 * `FhirError` carrying one from deep code); `statusOf` is the one place that maps an outcome to its
 * HTTP status, and `toOperationOutcome` the one place that turns findings into OperationOutcome issues.
 *
 * Kanta answers errors with its process-error code system (Kanta-palvelut – Prosessivirheet ja
 * huomautukset, `urn:oid:1.2.246.537.5.40112.2006`) in `issue.details.coding`. Every error issue carries
 * one such coding beside kantasim's own code, so a client written against Kanta reads the same field.
 * Only two codes are public (4Y00007 for message errors, 5Y00009 for access errors); the mapping of
 * every other refusal onto them is kantasim's choice, documented in docs/conformance.md.
 *
 * See: https://hl7.org/fhir/R4/http.html#Status-Codes
 * See: https://hl7.org/fhir/R4/operationoutcome.html
 * See: https://simplifier.net/guide/Kanta-Potilastiedon-arkisto-R4-versio-0.1/Etusivu/REST-rajapinta/OperationOutcome.page.md?version=current
 * See: https://simplifier.net/guide/hyvinvointisovellusten-rajapinta-potilastietoihin-r4/Etusivu/Esimerkit/Virhevastauksia?version=1.0.0
 */
import type { Bundle, OperationOutcome, OperationOutcomeIssue, Resource } from 'fhir/r4.js';
import type { Lang } from '../../common/i18n/index.ts';
import { localise } from '../../common/rules/messages.ts';
import { finding as makeFinding, type Finding } from '../domain/findings.ts';
import { maskDeep, maskText } from '../domain/identity-guard.ts';
import { downgradeForRehearsal } from '../domain/policy.ts';

export type OutcomeKind =
  | 'ok'
  | 'created'
  | 'no-content'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
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
  unauthorized: 401,
  forbidden: 403,
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
  return { kind, findings: [makeFinding('error', code, path, message)] };
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
export const preconditionRequired = (code: string, message: string, path = ''): Outcome =>
  one('precondition-required', code, message, path);
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
    case 'unauthorized':
      return 'login';
    case 'forbidden':
      return 'forbidden';
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

/** Kanta's process-error code system (Kanta-palvelut – Prosessivirheet ja huomautukset). */
export const KANTA_PROCESS_ERROR_SYSTEM = 'urn:oid:1.2.246.537.5.40112.2006';

/** The published codes of the process-error code system, with their displays as Kanta writes them. */
export const KANTA_PROCESS_ERRORS = {
  /** Message integrity: invalid content or parameters (HTTP 400 in Kanta's examples). */
  integrity: { code: '4Y00007', display: 'Virhe sanoman eheydessä.' },
  /** Access rights: the sender may not do this (HTTP 401 with an OperationOutcome in Kanta's examples). */
  access: { code: '5Y00009', display: 'Käyttöoikeusvirhe.' },
} as const;

/**
 * Findings that say the organisation has no right to use the service (not registered as a Kanta
 * customer, appointment service not deployed): Kanta's access-error code fits them [assumption].
 */
const ACCESS_CODES = new Set(['KANTA-REG-003', 'KANTA-REG-004']);

/**
 * The Kanta process-error coding of a blocking finding, or none for warnings and information (Kanta
 * publishes process errors only) and for a failure of the simulator itself (no public code fits, and
 * an invented one would mislead). Everything else that is refused maps to 4Y00007 [assumption: the one
 * published message-error code; Kanta's full list is on the national code server].
 */
export function kantaProcessError(
  finding: Finding,
  kind: OutcomeKind,
): { system: string; code: string; display: string } | undefined {
  if (finding.severity !== 'error' && finding.severity !== 'fatal') return undefined;
  if (kind === 'server-error') return undefined;
  // Shared mode's certificate and scope refusals (401, 403) are access errors by their nature.
  const access = ACCESS_CODES.has(finding.code) || kind === 'forbidden' || kind === 'unauthorized';
  const which = access ? KANTA_PROCESS_ERRORS.access : KANTA_PROCESS_ERRORS.integrity;
  return { system: KANTA_PROCESS_ERROR_SYSTEM, ...which };
}

/**
 * A finding as an OperationOutcome issue: kantasim's code (and Kanta's process-error code for an
 * error) in `details`, message in `diagnostics` and `details.text` in the answer's language (the
 * catalogue's template for the code; codes stay as they are in every language), path in `expression`.
 * Without a language the message is the English one the raise site wrote.
 */
export function issueOf(
  finding: Finding,
  kind: OutcomeKind = 'unprocessable',
  lang?: Lang,
): OperationOutcomeIssue {
  const kanta = kantaProcessError(finding, kind);
  const text =
    lang === undefined && finding.entry === undefined ? finding.message : localise(finding, lang ?? 'en');
  const issue: OperationOutcomeIssue = {
    severity: finding.severity,
    code: issueType(kind, finding),
    details: {
      coding: [
        { system: KANTASIM_FINDING_SYSTEM, code: finding.code },
        ...(kanta === undefined ? [] : [kanta]),
      ],
      text,
    },
    diagnostics: text,
  };
  if (finding.path !== '') issue.expression = [finding.path];
  return issue;
}

/** Code system of kantasim's finding codes in `OperationOutcome.issue.details`. */
export const KANTASIM_FINDING_SYSTEM = 'https://kantasim.fi/fhir/CodeSystem/finding';

/** An outcome as an OperationOutcome; its finding messages in `lang` (see `issueOf`). */
export function toOperationOutcome(outcome: Outcome, lang?: Lang): OperationOutcome {
  const issue =
    outcome.findings.length > 0
      ? outcome.findings.map((f) => issueOf(f, outcome.kind, lang))
      : [
          {
            severity: 'information' as const,
            code: 'informational' as const,
            diagnostics: isSuccess(outcome) ? 'all OK' : outcome.kind,
          },
        ];
  return { resourceType: 'OperationOutcome', issue };
}

/**
 * An outcome as the answer may show it unless real identities are allowed (`GUARD_CHECKS`): every
 * finding's message and arguments with real-range identity codes masked (a 404 or 405 repeating a URL,
 * an id the path gave), except the identity guard's own refusals, which repeat the code to the one who
 * sent it so they can find it.
 */
export function maskedOutcome(outcome: Outcome): Outcome {
  return { ...outcome, findings: outcome.findings.map((f) => (f.guard === true ? f : maskDeep(f))) };
}

/** The FHIR identity guard's refusals (`guarded` in validation/registry-rules.ts): they name the code. */
const GUARD_CODES = new Set(['KANTA-ID-002', 'KANTA-ID-003']);

const isGuardIssue = (issue: OperationOutcomeIssue): boolean =>
  issue.details?.coding?.some((c) => c.code !== undefined && GUARD_CODES.has(c.code)) === true;

/**
 * A resource answered as the answer may show it unless real identities are allowed, with real-range
 * identity codes masked where it repeats the request: a Bundle's links (a search's `self` repeats its
 * parameters), the issues of an OperationOutcome but the guard's own refusals, and the same inside a
 * batch or transaction response's entries (their outcomes, the searchsets they answer). Stored
 * resources hold no code (the guard refused them), so nothing else is looked at.
 */
export function maskedAnswer(resource: Resource): Resource {
  if (resource.resourceType === 'OperationOutcome') {
    const oo = resource as OperationOutcome;
    const masked: OperationOutcome = {
      ...oo,
      issue: oo.issue.map((i) => (isGuardIssue(i) ? i : maskDeep(i))),
    };
    return masked;
  }
  if (resource.resourceType !== 'Bundle') return resource;
  const bundle = resource as Bundle;
  const masked: Bundle = { ...bundle };
  if (bundle.link !== undefined) masked.link = bundle.link.map((l) => ({ ...l, url: maskText(l.url) }));
  if (bundle.entry !== undefined && bundle.type !== 'searchset' && bundle.type !== 'history')
    masked.entry = bundle.entry.map((e) => {
      const entry = { ...e };
      if (e.resource !== undefined) entry.resource = maskedAnswer(e.resource);
      if (e.response?.outcome !== undefined)
        entry.response = { ...e.response, outcome: maskedAnswer(e.response.outcome) };
      return entry;
    });
  return masked;
}

/** Findings as warnings (rehearsal mode answers with them instead of refusing): the policy's downgrade. */
export function asWarnings(findings: readonly Finding[]): Finding[] {
  return downgradeForRehearsal(findings);
}
