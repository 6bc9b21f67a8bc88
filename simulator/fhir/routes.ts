/**
 * The route table of the FHIR endpoint: one line per route, first match wins. The CapabilityStatement
 * (`GET /fhir/metadata`) is generated from this table, so what it lists is what answers.
 *
 * `types` restricts a `:type` route to those resource types; `body` says how the body is read.
 */
import type { FhirMethod, Handler } from './context.ts';
import { capabilityStatement } from './handlers/capabilities.ts';
import { bundleHandler } from './handlers/bundle.ts';
import {
  createResource,
  deleteResource,
  readResource,
  updateResource,
  updateWith,
  vreadResource,
} from './handlers/crud.ts';
import { appointmentGetSearch, kantaHistory, kantaSearch } from './handlers/kanta-query.ts';
import { instanceHistory, page, searchType, systemHistory, typeHistory } from './handlers/query.ts';
import { validateOperation } from './handlers/validate.ts';
import { allOk, methodNotAllowed } from './outcomes.ts';
import { SCHEDULING_TYPES, SUPPORTED_TYPES } from './search-params.ts';

/** FHIR interaction codes, as the CapabilityStatement names them. */
export type Interaction =
  | 'capabilities'
  | 'transaction'
  | 'read'
  | 'vread'
  | 'update'
  | 'delete'
  | 'create'
  | 'search-type'
  | 'history-instance'
  | 'history-type'
  | 'history-system'
  | 'operation'
  | 'page'
  | 'refusal';

export interface Route {
  method: FhirMethod;
  /** Segments after `/fhir/`; `:name` binds a parameter. */
  path: string;
  interaction: Interaction;
  handler: Handler;
  types?: readonly string[];
  body: 'none' | 'json' | 'form';
  /** For the CapabilityStatement's documentation. */
  doc: string;
}

const SCHEDULING: readonly string[] = SCHEDULING_TYPES;
const CREATABLE: readonly string[] = [...SCHEDULING_TYPES, 'Appointment'];
/** Provenance is searchable (by target) so tools such as the viewer find an appointment's Provenances. */
const SEARCHABLE: readonly string[] = [...SCHEDULING_TYPES, 'Provenance'];
const ALL = SUPPORTED_TYPES;

/** Generated from ROUTES at request time, so it can never disagree with the table. */
const capabilities: Handler = (req, ctx) =>
  Promise.resolve([allOk(), capabilityStatement(ROUTES, req.baseUrl, ctx.version)]);
const kantaUpdate: Handler = (req, ctx) => updateWith(req, ctx, true);
const requireIfMatch: Handler = (req, ctx) =>
  req.ifMatch === undefined
    ? Promise.resolve([
        {
          kind: 'precondition-required',
          findings: [
            {
              code: 'KANTA-APPT-020',
              severity: 'error',
              path: 'If-Match',
              message:
                'updating an appointment needs If-Match with the version you changed, e.g. If-Match: W/"1" (Kanta makes it mandatory); read the appointment to get its ETag',
            },
          ],
        },
      ])
    : kantaUpdate(req, ctx);
const nullifyInstead: Handler = () =>
  Promise.resolve([
    methodNotAllowed(
      'appointments are not deleted directly: nullify with a transaction Bundle of a new Provenance and DELETE Appointment/<id> (POST /fhir)',
    ),
  ]);

const r = (
  method: FhirMethod,
  path: string,
  interaction: Interaction,
  handler: Handler,
  body: Route['body'],
  doc: string,
  types?: readonly string[],
): Route =>
  types === undefined
    ? { method, path, interaction, handler, body, doc }
    : { method, path, interaction, handler, body, doc, types };

export const ROUTES: readonly Route[] = [
  r('GET', 'metadata', 'capabilities', capabilities, 'none', 'CapabilityStatement generated from this table'),
  r(
    'POST',
    '',
    'transaction',
    bundleHandler,
    'json',
    'Kanta appointment transaction; scheduling transaction or batch',
  ),
  r('GET', '_history', 'history-system', systemHistory, 'none', 'history of everything'),
  r('GET', '_page/:token', 'page', page, 'none', 'next pages of POST searches'),
  r(
    'POST',
    'Appointment/_search',
    'search-type',
    kantaSearch,
    'form',
    'Kanta appointment search, body parameters only',
  ),
  r(
    'POST',
    'Appointment/_history',
    'history-type',
    kantaHistory,
    'form',
    'Kanta appointment history, body parameters only',
  ),
  r('GET', 'Appointment', 'refusal', appointmentGetSearch, 'none', 'refused: Kanta searches by POST'),
  r('PUT', 'Appointment/:id', 'update', requireIfMatch, 'json', 'update an appointment, If-Match mandatory'),
  r('DELETE', 'Appointment/:id', 'refusal', nullifyInstead, 'none', 'refused: nullify by transaction'),
  r('POST', ':type/$validate', 'operation', validateOperation, 'json', '$validate', ALL),
  r('POST', ':type/_search', 'search-type', searchType, 'form', 'search with body parameters', SEARCHABLE),
  r('GET', ':type/_history', 'history-type', typeHistory, 'none', 'type history', ALL),
  r('GET', ':type/:id/_history/:vid', 'vread', vreadResource, 'none', 'read a version', ALL),
  r('GET', ':type/:id/_history', 'history-instance', instanceHistory, 'none', 'history of a resource', ALL),
  r('GET', ':type/:id', 'read', readResource, 'none', 'read', ALL),
  r('GET', ':type', 'search-type', searchType, 'none', 'search', SEARCHABLE),
  r(
    'POST',
    ':type',
    'create',
    createResource,
    'json',
    'create, If-None-Exist for conditional create',
    CREATABLE,
  ),
  r('PUT', ':type/:id', 'update', updateResource, 'json', 'update, If-Match checked when sent', SCHEDULING),
  r('DELETE', ':type/:id', 'delete', deleteResource, 'none', 'delete', SCHEDULING),
];

export type RouteMatch =
  | { kind: 'match'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: FhirMethod[] }
  | { kind: 'unsupported-type'; type: string }
  | { kind: 'none' };

function matchPath(route: Route, segments: readonly string[]): Record<string, string> | undefined {
  const pattern = route.path === '' ? [] : route.path.split('/');
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const seg = segments[i] ?? '';
    if (part.startsWith(':')) {
      if (seg === '') return undefined;
      params[part.slice(1)] = seg;
    } else if (part !== seg) return undefined;
  }
  // Literal type routes (`Appointment/:id`) bind the type too, so handlers read it one way.
  const first = pattern[0] ?? '';
  if (params.type === undefined && /^[A-Z]/.test(first)) params.type = first;
  return params;
}

/** Finds the route for a method and path (segments after `/fhir/`). */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  const first = segments[0] ?? '';
  if (/^[A-Z][A-Za-z]+$/.test(first) && !SUPPORTED_TYPES.includes(first))
    return { kind: 'unsupported-type', type: first };
  let pathKnown = false;
  const allowed = new Set<FhirMethod>();
  for (const route of ROUTES) {
    const params = matchPath(route, segments);
    if (!params) continue;
    pathKnown = true;
    if (params.type !== undefined && route.types !== undefined && !route.types.includes(params.type))
      continue;
    if (route.method === method) return { kind: 'match', route, params };
    allowed.add(route.method);
  }
  if (pathKnown) return { kind: 'wrong-method', allowed: [...allowed] };
  return { kind: 'none' };
}
