/**
 * The submission log's records: every accepted or refused submission (and other notable acts) as an
 * event, and the viewer's access log (who looked at whose data). Plain data; the store keeps them
 * (`store/types.ts` EventRepository, AccessLogRepository) and `events/` announces them.
 */
import type { SummaryWording } from '../../common/i18n/event-summary.ts';
import type { Finding } from './findings.ts';

/**
 * What happened, one name per act. FHIR: the Kanta appointment API (`appointment.store|replace|update|
 * nullify`), plain scheduling writes (`appointment.create|update|delete`, `resource.create|update|delete`),
 * `$validate` (`*.validate`), a refused scheduling transaction, a request refused before any handler.
 * Archive: a document archived, replaced, resubmitted unchanged, nullified or refused. Registry: each
 * register's writes. Runner: a recorded scenario run.
 */
export type EventKind =
  | 'appointment.store'
  | 'appointment.replace'
  | 'appointment.update'
  | 'appointment.nullify'
  | 'appointment.create'
  | 'appointment.delete'
  | 'appointment.validate'
  | 'resource.create'
  | 'resource.update'
  | 'resource.delete'
  | 'resource.validate'
  | 'bundle.transaction'
  | 'request.refused'
  | 'document.archive'
  | 'document.replace'
  | 'document.duplicate'
  | 'document.nullify'
  | 'document.refused'
  | 'organisation.register'
  | 'organisation.update'
  | 'system.register'
  | 'customer.register'
  | 'customer.update'
  | 'test-persons.add'
  | 'test-persons.issue'
  | 'archivist.register'
  | 'archivist.update'
  | 'run.recorded';

export type EventChannel = 'fhir' | 'archive' | 'registry' | 'runner';
export type EventOutcome = 'accepted' | 'accepted-with-warnings' | 'refused' | 'info';

/** One submission (or other notable act) in the event log. */
export interface SubmissionEvent {
  seq: number;
  /** ISO date-time with milliseconds. */
  at: string;
  channel: EventChannel;
  /** Kanta service concerned, e.g. `pta-appointment`, `pta`, `social-welfare`. */
  service?: string;
  /** What happened, e.g. `appointment.store`, `document.archive`, `document.replace`. */
  kind: EventKind;
  outcome: EventOutcome;
  /** Submitting or owning organisation OID. */
  organisation?: string;
  /**
   * Shared (TLS) mode: the organisation whose certificate made the request (absent in local mode and
   * for the operator). It makes the event the caller's when the submission names no organisation of
   * its own or was refused (`eventOwner`).
   */
  caller?: string;
  /** Patient identity code (test range) or temporary ID. */
  patient?: string;
  /** Ids of what was stored or referred to: `Appointment/123/_history/2`, document OIDs. */
  resourceIds: string[];
  findings: Finding[];
  /** One line for humans, in English (the JSON API's; readers render `wording` in their language). */
  summary: string;
  /**
   * The summary as data, for readers in Finnish and Swedish (`common/i18n/event-summary.ts`); absent in
   * events recorded before summaries were data, whose `summary` is then shown as it is.
   */
  wording?: SummaryWording;
  /** Correlates with the HTTP request log. */
  requestId?: string;
  /** Extra facts the channel wants to keep (mode, interaction id, version). */
  details?: Record<string, unknown>;
}

export type NewEvent = Omit<SubmissionEvent, 'seq' | 'at'> & { at?: string };

/**
 * The organisation an event belongs to when access is scoped (the event rule of
 * simulator/access/scope.ts, and the store's indexed `owner` column that filters by it). A refused
 * request is the caller's: it sees every refusal its own requests caused, including one refused before
 * the record's organisation was read (an update without If-Match) or one naming another organisation
 * (which that organisation does not see). An accepted submission is the organisation it names, else
 * the caller's. Without a caller (local mode, the operator) it is the named organisation.
 */
export function eventOwner(event: {
  organisation?: string | undefined;
  caller?: string | undefined;
  outcome?: EventOutcome | undefined;
}): string | undefined {
  return event.outcome === 'refused'
    ? (event.caller ?? event.organisation)
    : (event.organisation ?? event.caller);
}

/** What an archivist looked at in the viewer. */
export type AccessAction =
  'find' | 'person' | 'document' | 'document-xml' | 'document-diff' | 'appointment' | 'compare' | 'run';

/** One view of a person's data by an archivist (the viewer's access log, katselmointiloki). */
export interface AccessLogEntry {
  seq: number;
  /** ISO date-time with milliseconds. */
  at: string;
  archivist: string;
  archivistName: string;
  /** The register controller the archivist acted for. */
  registerController: string;
  action: AccessAction;
  /** Identity code of the person whose data was shown. */
  patient?: string;
  /** What was shown: a document OID, `Appointment/{id}`, a search's query string. */
  target?: string;
  requestId?: string;
}

export type NewAccessLogEntry = Omit<AccessLogEntry, 'seq' | 'at'> & { at?: string };
