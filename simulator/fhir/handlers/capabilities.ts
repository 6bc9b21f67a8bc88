/**
 * The CapabilityStatement, generated from the route table and the search-parameter table, never
 * written by hand.
 *
 * See: https://hl7.org/fhir/R4/capabilitystatement.html
 */
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceInteraction,
} from 'fhir/r4.js';
import type { Route } from '../routes.ts';
import { paramsOf, SUPPORTED_TYPES } from '../search-params.ts';
import { KANTA_APPOINTMENT_PROFILE, KANTA_PROVENANCE_PROFILE } from '../validation/kanta-profiles.ts';
import { VALIDATE_OPERATION } from './validate.ts';

type TypeInteraction = CapabilityStatementRestResourceInteraction['code'];

const TYPE_LEVEL: readonly string[] = [
  'read',
  'vread',
  'update',
  'delete',
  'create',
  'search-type',
  'history-instance',
  'history-type',
];

function routesFor(routes: readonly Route[], type: string): Route[] {
  return routes.filter((r) => {
    const first = r.path.split('/')[0] ?? '';
    if (first === type) return true;
    return first === ':type' && (r.types === undefined || r.types.includes(type));
  });
}

function resourceEntry(routes: readonly Route[], type: string): CapabilityStatementRestResource {
  const own = routesFor(routes, type);
  // A literal route for the type (e.g. `DELETE Appointment/:id` that refuses) shadows the generic one.
  const shadowed = (route: Route): boolean =>
    route.path.startsWith(':type') &&
    own.some((o) => o.method === route.method && o.path === route.path.replace(':type', type));
  const codes = new Set<TypeInteraction>();
  for (const route of own) {
    if (shadowed(route) || !TYPE_LEVEL.includes(route.interaction)) continue;
    codes.add(route.interaction as TypeInteraction);
  }
  const entry: CapabilityStatementRestResource = {
    type: type as CapabilityStatementRestResource['type'],
    interaction: [...codes].map((code) => ({
      code,
      documentation: own.find((r) => r.interaction === code)?.doc ?? '',
    })),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: type !== 'Appointment',
    conditionalCreate: codes.has('create'),
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    searchParam: codes.has('search-type')
      ? [
          { name: '_id', type: 'token' },
          { name: '_lastUpdated', type: 'date' },
          ...paramsOf(type).map((p) => ({ name: p.name, type: p.kind, documentation: p.expression })),
        ]
      : [],
    operation: own.some((r) => r.interaction === 'operation')
      ? [{ name: 'validate', definition: VALIDATE_OPERATION.url ?? '' }]
      : [],
  };
  const includes = paramsOf(type)
    .filter((p) => p.kind === 'reference')
    .map((p) => `${type}:${p.name}`);
  if (codes.has('search-type') && includes.length > 0) entry.searchInclude = includes;
  if (type === 'Appointment') entry.supportedProfile = [KANTA_APPOINTMENT_PROFILE];
  if (type === 'Provenance') entry.supportedProfile = [KANTA_PROVENANCE_PROFILE];
  return entry;
}

export function capabilityStatement(
  routes: readonly Route[],
  baseUrl: string,
  version: string,
): CapabilityStatement {
  const system = routes.filter((r) => !r.path.startsWith(':') && !/^[A-Z]/.test(r.path));
  const systemCodes = new Set(system.map((r) => r.interaction));
  const interaction: { code: 'transaction' | 'batch' | 'history-system' }[] = [];
  if (systemCodes.has('transaction')) interaction.push({ code: 'transaction' }, { code: 'batch' });
  if (systemCodes.has('history-system')) interaction.push({ code: 'history-system' });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString().slice(0, 10),
    publisher: 'kantasim',
    kind: 'instance',
    software: { name: 'kantasim', version },
    implementation: {
      description: 'kantasim: a local simulator of the Kanta appointment FHIR API',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'See docs/fhir.md. Appointment search and history take form-encoded body parameters only.',
        resource: SUPPORTED_TYPES.map((t) => resourceEntry(routes, t)),
        interaction,
      },
    ],
  };
}
