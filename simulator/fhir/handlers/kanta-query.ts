/**
 * Kanta appointment queries: `POST [base]/Appointment/_search` and `POST [base]/Appointment/_history`,
 * parameters in a form-encoded body only, the patient's identity code mandatory
 * (docs/kanta.md#search-and-history). Paging links are `_page` cursors, because the parameters must not travel in URLs.
 *
 * Codes KANTA-SEARCH-0xx.
 */
import type { Bundle, BundleLink } from 'fhir/r4.js';
import { MAX_FHIR_PAGE } from '../../store/fhir-types.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import type { FhirContext, FhirRequest, Handler, HandlerResult } from '../context.ts';
import { allOk, badRequest, FhirError } from '../outcomes.ts';
import { DEFAULT_PAGE, historyEntry, parseSearch, runSearch } from '../search.ts';

const SOURCE_NOTE = 'Kanta takes appointment search parameters in the POST body only';

/** Parameters of Kanta's CapabilityStatement that kantasim serves. */
const SERVED = new Set([
  'patient:identifier',
  'identifier',
  'date',
  'recorded',
  'service-organiser',
  'appointment-service-provider',
  'appointment-service-provider-unit',
  'producing-service-provider-unit',
  'status',
  '_count',
  '_offset',
  '_sort',
]);
/** Parameters Kanta lists whose semantics are not public; refused with a clear message. */
const NOT_SIMULATED = new Set(['register-type-code', 'service-event', 'include-own']);
const OID_PARAMS = [
  'service-organiser',
  'appointment-service-provider',
  'appointment-service-provider-unit',
  'producing-service-provider-unit',
];

function bodyOnly(req: FhirRequest, what: string): void {
  if (req.queryKeys.length > 0) {
    throw new FhirError(
      badRequest(
        'KANTA-SEARCH-001',
        `${what} takes its parameters in the form-encoded body only (${SOURCE_NOTE}); move ${req.queryKeys.map((k) => `'${k}'`).join(', ')} from the URL into the body`,
        req.queryKeys[0] ?? '',
      ),
    );
  }
}

function cursorLink(
  req: FhirRequest,
  ctx: FhirContext,
  kind: 'search' | 'history',
  params: Map<string, string[]>,
  offset: number,
): string {
  const kept = new Map(params);
  kept.set('_offset', [String(offset)]);
  return `${req.baseUrl}/_page/${ctx.cursors.put({ kind, resourceType: 'Appointment', params: [...kept] })}`;
}

function checkKantaParams(params: Map<string, string[]>, required: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, values] of params) {
    if (NOT_SIMULATED.has(name)) {
      throw new FhirError(
        badRequest(
          'KANTA-SEARCH-003',
          `'${name}' is a Kanta parameter whose meaning is not public; kantasim does not simulate it (see docs/fhir.md)`,
          name,
        ),
      );
    }
    if (!SERVED.has(name) && !required.includes(name)) {
      throw new FhirError(
        badRequest(
          'KANTA-SEARCH-004',
          `'${name}' is not an appointment search parameter; use ${[...SERVED].join(', ')}`,
          name,
        ),
      );
    }
    out.set(name, OID_PARAMS.includes(name) ? values.map((v) => v.replace(/^urn:oid:/, '')) : values);
  }
  return out;
}

/** Runs a Kanta appointment search from already-checked parameters (first page or a `_page` cursor). */
export async function kantaSearchFrom(
  req: FhirRequest,
  ctx: FhirContext,
  params: Map<string, string[]>,
): Promise<HandlerResult> {
  const checked = checkKantaParams(params, []);
  const patient = checked.get('patient:identifier') ?? [];
  if (patient.length !== 1) {
    throw new FhirError(
      badRequest(
        'KANTA-SEARCH-002',
        patient.length === 0
          ? "the patient is mandatory: add 'patient:identifier=urn:oid:1.2.246.21|<identity code>' to the body"
          : 'give patient:identifier once: an appointment search is for one patient',
        'patient:identifier',
      ),
    );
  }
  if (checked.has('producing-service-provider-unit') && !checked.has('appointment-service-provider')) {
    throw new FhirError(
      badRequest(
        'KANTA-SEARCH-008',
        "producing-service-provider-unit is given together with appointment-service-provider (the guide's CapabilityStatement); add 'appointment-service-provider=urn:oid:<provider OID>' to the body",
        'producing-service-provider-unit',
      ),
    );
  }
  const parsed = parseSearch('Appointment', checked);
  const bundle = await runSearch(ctx.store, parsed, req.baseUrl, (offset) =>
    cursorLink(req, ctx, 'search', checked, offset),
  );
  // The links' tokens are stored before the client can follow them (see paging.ts).
  await ctx.cursors.flush();
  return [allOk(), bundle];
}

export const kantaSearch: Handler = (req, ctx) => {
  bodyOnly(req, 'Appointment/_search');
  return kantaSearchFrom(req, ctx, req.params);
};

/** Versions of the appointments of one patient or with one identifier, nullified ones included. */
export async function kantaHistoryFrom(
  req: FhirRequest,
  ctx: FhirContext,
  params: Map<string, string[]>,
): Promise<HandlerResult> {
  const criteria = new Map<string, string[]>();
  let count = DEFAULT_PAGE;
  let offset = 0;
  for (const [name, values] of params) {
    const last = values[values.length - 1] ?? '';
    if (name === 'patient' || name === 'patient:identifier') criteria.set('patient:identifier', values);
    else if (name === 'identifier') criteria.set('identifier', values);
    else if (name === '_count' || name === '_offset') {
      if (!/^\d{1,9}$/.test(last))
        throw new FhirError(
          badRequest('FHIR-SEARCH-003', `${name} must be a whole number, not '${last}'`, name),
        );
      if (name === '_count') count = Math.min(Number(last), MAX_FHIR_PAGE);
      else offset = Number(last);
    } else {
      throw new FhirError(
        badRequest(
          'KANTA-SEARCH-005',
          `Appointment/_history takes identifier or patient (and _count, _offset), not '${name}'`,
          name,
        ),
      );
    }
  }
  if (criteria.size === 0) {
    throw new FhirError(
      badRequest(
        'KANTA-SEARCH-006',
        "give 'identifier' or 'patient' (identity code) in the body of Appointment/_history",
        '',
      ),
    );
  }
  const parsed = parseSearch('Appointment', criteria);
  const matches = await ctx.store.fhir.search({
    ...parsed.query,
    count: MAX_FHIR_PAGE,
    offset: 0,
    includeDeleted: true,
  });
  const versions: StoredResource[] = [];
  for (const m of matches.matches) {
    versions.push(
      ...(
        await ctx.store.fhir.history({
          resourceType: 'Appointment',
          id: m.id,
          count: MAX_FHIR_PAGE,
          offset: 0,
        })
      ).versions,
    );
  }
  versions.sort((a, b) =>
    a.lastUpdated < b.lastUpdated ? 1 : a.lastUpdated > b.lastUpdated ? -1 : b.versionId - a.versionId,
  );
  const pageOf = versions.slice(offset, offset + count);
  const all = new Map(params);
  const link: BundleLink[] = [{ relation: 'self', url: cursorLink(req, ctx, 'history', all, offset) }];
  if (offset + count < versions.length)
    link.push({ relation: 'next', url: cursorLink(req, ctx, 'history', all, offset + count) });
  if (offset > 0)
    link.push({
      relation: 'previous',
      url: cursorLink(req, ctx, 'history', all, Math.max(0, offset - count)),
    });
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    link,
    entry: pageOf.map((v) => historyEntry(req.baseUrl, v)),
  };
  await ctx.cursors.flush();
  return [allOk(), bundle];
}

export const kantaHistory: Handler = (req, ctx) => {
  bodyOnly(req, 'Appointment/_history');
  return kantaHistoryFrom(req, ctx, req.params);
};

/** GET search on appointments: Kanta has none; say how to search instead. */
export const appointmentGetSearch: Handler = () =>
  Promise.resolve([
    {
      kind: 'method-not-allowed',
      findings: [
        {
          code: 'KANTA-SEARCH-007',
          severity: 'error',
          path: '',
          message: `search appointments with POST /fhir/Appointment/_search and a form-encoded body (${SOURCE_NOTE}), e.g. patient:identifier=urn:oid:1.2.246.21|010181-900C`,
        },
      ],
    },
  ]);
