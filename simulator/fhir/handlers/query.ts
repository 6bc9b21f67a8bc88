/**
 * Read-only queries over many resources: type search (GET and POST `_search`), history (instance,
 * type, system), and the `_page` cursor that continues a body-parameter search.
 *
 * See: https://hl7.org/fhir/R4/http.html#search, https://hl7.org/fhir/R4/http.html#history
 */
import type { Bundle } from 'fhir/r4.js';
import { MAX_FHIR_PAGE, type HistoryQuery } from '../../store/fhir-types.ts';
import type { FhirContext, FhirRequest, Handler, HandlerResult } from '../context.ts';
import { allOk, badRequest, FhirError, notFound } from '../outcomes.ts';
import { dateRange } from '../dates.ts';
import { DEFAULT_PAGE, historyEntry, parseSearch, queryLink, runSearch } from '../search.ts';
import { requireId } from '../write.ts';
import { kantaHistoryFrom, kantaSearchFrom } from './kanta-query.ts';

export const searchType: Handler = async (req, ctx) => {
  const type = req.path.type ?? '';
  const parsed = parseSearch(type, req.params);
  const bundle = await runSearch(ctx.store, parsed, req.baseUrl, (offset) =>
    queryLink(req.baseUrl, type, req.params, offset),
  );
  return [allOk(), bundle];
};

function historyParams(params: Map<string, string[]>): { count: number; offset: number; since?: string } {
  const out: { count: number; offset: number; since?: string } = { count: DEFAULT_PAGE, offset: 0 };
  for (const [name, values] of params) {
    const value = values[values.length - 1] ?? '';
    if (name === '_count' || name === '_offset') {
      if (!/^\d{1,9}$/.test(value))
        throw new FhirError(
          badRequest('FHIR-SEARCH-003', `${name} must be a whole number, not '${value}'`, name),
        );
      if (name === '_count') out.count = Math.min(Number(value), MAX_FHIR_PAGE);
      else out.offset = Number(value);
    } else if (name === '_since') {
      const range = dateRange(value);
      if (!range)
        throw new FhirError(
          badRequest(
            'FHIR-SEARCH-005',
            `_since '${value}' is not a FHIR instant (e.g. 2026-10-01T00:00:00Z)`,
            name,
          ),
        );
      out.since = new Date(range.low).toISOString();
    } else if (name !== '_format') {
      throw new FhirError(
        badRequest('FHIR-SEARCH-013', `history takes _count, _offset and _since, not '${name}'`, name),
      );
    }
  }
  return out;
}

async function history(
  req: FhirRequest,
  ctx: FhirContext,
  scope: { resourceType?: string; id?: string },
  path: string,
): Promise<HandlerResult> {
  const p = historyParams(req.params);
  const query: HistoryQuery = {
    ...scope,
    count: p.count,
    offset: p.offset,
    ...(p.since !== undefined && { since: p.since }),
  };
  const result = await ctx.store.fhir.history(query);
  if (scope.id !== undefined && result.total === 0)
    return [notFound(`${scope.resourceType ?? ''}/${scope.id} does not exist`)];
  const link = [{ relation: 'self', url: queryLink(req.baseUrl, path, req.params, p.offset) }];
  if (p.offset + p.count < result.total)
    link.push({ relation: 'next', url: queryLink(req.baseUrl, path, req.params, p.offset + p.count) });
  if (p.offset > 0)
    link.push({
      relation: 'previous',
      url: queryLink(req.baseUrl, path, req.params, Math.max(0, p.offset - p.count)),
    });
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'history',
    // Past EXACT_TOTAL_LIMIT versions since an instant the total is a lower bound: left out.
    ...(result.exact !== false && { total: result.total }),
    link,
    entry: result.versions.map((v) => historyEntry(req.baseUrl, v)),
  };
  return [allOk(), bundle];
}

export const instanceHistory: Handler = (req, ctx) => {
  const type = req.path.type ?? '';
  const id = requireId(req.path.id ?? '');
  return history(req, ctx, { resourceType: type, id }, `${type}/${id}/_history`);
};

export const typeHistory: Handler = (req, ctx) => {
  const type = req.path.type ?? '';
  return history(req, ctx, { resourceType: type }, `${type}/_history`);
};

export const systemHistory: Handler = (req, ctx) => history(req, ctx, {}, '_history');

/** Continues a body-parameter search (`[base]/_page/<token>`); see paging.ts. */
export const page: Handler = async (req, ctx) => {
  const state = await ctx.cursors.get(req.path.token ?? '');
  if (!state) {
    return [
      notFound(
        'this paging link has expired or the server restarted; repeat the POST search to get fresh links',
      ),
    ];
  }
  const params = new Map(state.params);
  return state.kind === 'search' ? kantaSearchFrom(req, ctx, params) : kantaHistoryFrom(req, ctx, params);
};
