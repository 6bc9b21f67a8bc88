/**
 * The shapes every FHIR handler shares: the parsed request, the context it runs in, and its result.
 *
 * A handler is a small async function `(req, ctx) => [outcome, resource?, meta?]`. It never touches
 * express; `router.ts` parses the HTTP request into a `FhirRequest` and writes the result back.
 */
import type { Resource } from 'fhir/r4.js';
import type { Lang } from '../../common/i18n/index.ts';
import type { Config } from '../config.ts';
import type { ValidationMode } from '../domain/policy.ts';
import type { EventLog } from '../events/log.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import type { Outcome } from './outcomes.ts';
import type { PageCursors } from './paging.ts';

export type FhirMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface FhirRequest {
  method: FhirMethod;
  /** Path parameters of the matched route (`type`, `id`, `vid`, `token`). */
  path: Readonly<Record<string, string>>;
  /** Search or operation parameters: the URL query, or the form body of `_search` / `_history`. */
  params: Map<string, string[]>;
  /** Whether `params` came from a form-encoded body (POST `_search`) rather than the URL. */
  paramsFromBody: boolean;
  /** Parameters found in the URL query string (even when `params` came from the body). */
  queryKeys: string[];
  /** The parsed JSON body, when there is one. */
  body?: unknown;
  /** The body's JSON text the router parsed into `body` (a worker thread parses it again). */
  bodyText?: string;
  ifMatch?: string;
  ifNoneExist?: string;
  prefer?: string;
  mode: ValidationMode;
  /** The language finding messages are answered in (Accept-Language, else the operator's default). */
  lang?: Lang;
  requestId: string;
  /**
   * Shared (TLS) mode: the OID of the organisation whose certificate made the request, recorded on its
   * events (domain/events.ts `caller`). Absent in local mode and for the operator.
   */
  caller?: string;
  /** Absolute base of the FHIR endpoint, e.g. `http://127.0.0.1:8080/fhir`. */
  baseUrl: string;
  /** Set by a handler that recorded its own event, so the router does not record a generic one. */
  recorded?: boolean;
  /** Id a create must use (a transaction assigned it to resolve `urn:uuid:` references). */
  assignedId?: string;
}

export interface FhirContext {
  config: Config;
  store: Store;
  events: EventLog;
  logger: Logger;
  cursors: PageCursors;
  now: () => Date;
  /** kantasim's version, for the CapabilityStatement. */
  version: string;
  /** Runs a request against the route table (Bundle entries use it). */
  dispatch: (req: FhirRequest) => Promise<HandlerResult>;
}

export interface ResponseMeta {
  location?: string;
  etag?: string;
  lastModified?: string;
}

export type HandlerResult = [Outcome, Resource?, ResponseMeta?];

export type Handler = (req: FhirRequest, ctx: FhirContext) => Promise<HandlerResult>;
