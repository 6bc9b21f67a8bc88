/**
 * Search: request parameters → a store query, and store results → a searchset Bundle with paging links
 * and `_include`d resources.
 *
 * Unknown parameters are refused (400) rather than silently ignored, so a vendor learns at once that a
 * parameter does nothing here (FHIR allows either; `Prefer: handling=strict` is the behaviour chosen).
 *
 * See: https://hl7.org/fhir/R4/search.html
 */
import type { Bundle, BundleEntry, BundleLink } from 'fhir/r4.js';
import {
  MAX_FHIR_PAGE,
  type SearchCriterion,
  type SearchQuery,
  type SortKey,
  type TotalMode,
} from '../store/fhir-types.ts';
import type { StoredResource } from '../domain/fhir.ts';
import type { StoreSession } from '../store/types.ts';
import { MAX_SEARCH_PARAMETERS, MAX_SEARCH_VALUES_PER_PARAMETER } from '../http/limits.ts';
import { parseDateSearch } from './dates.ts';
import { badRequest, FhirError } from './outcomes.ts';
import { normaliseReference, paramOf, paramsOf, referencesOf, type SearchParamDef } from './search-params.ts';

export const DEFAULT_PAGE = 20;

/** Result parameters this endpoint understands; `_format` is accepted for JSON only. */
const CONTROL = new Set(['_count', '_offset', '_sort', '_include', '_format', '_total']);

export interface ParsedSearch {
  query: SearchQuery;
  includes: SearchParamDef[];
}

const fail = (code: string, message: string, path: string): never => {
  throw new FhirError(badRequest(code, message, path));
};

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value))
    fail('FHIR-SEARCH-003', `${name} must be a whole number, not '${value}'`, name);
  return Math.min(Math.max(Number(value), min), max);
}

/** `_total`: how hard to count (docs/fhir.md#totals). */
function totalMode(value: string): TotalMode {
  if (value !== 'none' && value !== 'estimate' && value !== 'accurate')
    fail('FHIR-SEARCH-014', `_total must be none, estimate or accurate, not '${value}'`, '_total');
  return value as TotalMode;
}

function splitValues(raw: string, name: string): string[] {
  // Commas separate alternatives; `\,` is a literal comma.
  const values = raw.split(/(?<!\\),/).map((v) => v.replace(/\\,/g, ','));
  if (values.length > MAX_SEARCH_VALUES_PER_PARAMETER)
    fail(
      'FHIR-LIMIT-002',
      `parameter '${name}' has ${values.length} comma-separated values; at most ${MAX_SEARCH_VALUES_PER_PARAMETER} are accepted in one parameter, so split the search`,
      name,
    );
  return values;
}

function tokenValue(param: string, value: string): { system?: string; code: string } {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value };
  const system = value.slice(0, bar);
  const code = value.slice(bar + 1);
  if (code === '')
    fail(
      'FHIR-SEARCH-004',
      `${param}: give a code after '|' ('system|code'); searching a whole system is not supported`,
      param,
    );
  return { system, code };
}

function criterionFor(type: string, name: string, rawValues: string[]): SearchCriterion[] {
  const [base, modifier] = name.startsWith('patient:')
    ? [name, undefined]
    : (name.split(':') as [string, string | undefined]);
  if (base === '_id') {
    return [{ param: '_id', kind: 'id', values: rawValues.flatMap((raw) => splitValues(raw, name)) }];
  }
  if (base === '_lastUpdated') {
    return rawValues.map((raw) => {
      const parsed =
        parseDateSearch(raw) ??
        fail('FHIR-SEARCH-005', `_lastUpdated '${raw}' is not a FHIR date (e.g. ge2026-10-01)`, name);
      return { param: '_lastUpdated', kind: 'lastUpdated', ...parsed };
    });
  }
  const def =
    paramOf(type, base) ??
    fail(
      'FHIR-SEARCH-001',
      `${type} has no search parameter '${base}'; supported: ${['_id', '_lastUpdated', ...paramsOf(type).map((d) => d.name)].join(', ')}`,
      name,
    );
  const allowedModifiers: Record<string, string[]> = {
    token: ['not'],
    string: ['exact'],
    reference: [],
    date: [],
  };
  if (
    modifier !== undefined &&
    !(allowedModifiers[def.kind] ?? []).includes(modifier) &&
    !(def.kind === 'reference' && /^[A-Z]/.test(modifier))
  ) {
    fail(
      'FHIR-SEARCH-002',
      `modifier ':${modifier}' is not supported on ${def.kind} parameter '${base}'`,
      name,
    );
  }
  return rawValues.map((raw): SearchCriterion => {
    const values = splitValues(raw, name).filter((v) => v !== '');
    if (values.length === 0) fail('FHIR-SEARCH-006', `parameter '${name}' has no value`, name);
    switch (def.kind) {
      case 'token':
        return {
          param: def.name,
          kind: 'token',
          values: values.map((v) => tokenValue(name, v)),
          ...(modifier === 'not' && { not: true }),
        };
      case 'string':
        return { param: def.name, kind: 'string', values, ...(modifier === 'exact' && { exact: true }) };
      case 'reference': {
        const targets = def.targets ?? [];
        return {
          param: def.name,
          kind: 'reference',
          values: values.map((v) => {
            if (v.includes('/')) return normaliseReference(v);
            const target = modifier ?? (targets.length === 1 ? targets[0] : undefined);
            return target === undefined
              ? fail(
                  'FHIR-SEARCH-007',
                  `'${name}=${v}': say which type, e.g. '${name}=${targets[0] ?? 'Type'}/${v}'`,
                  name,
                )
              : `${target}/${v}`;
          }),
        };
      }
      case 'date': {
        if (values.length > 1)
          fail(
            'FHIR-SEARCH-008',
            `date parameter '${name}' takes one value; repeat the parameter for a range`,
            name,
          );
        const parsed =
          parseDateSearch(values[0] ?? '') ??
          fail(
            'FHIR-SEARCH-005',
            `'${values[0] ?? ''}' is not a FHIR date for '${name}' (e.g. ge2026-10-01 or 2026-10-01T08:00:00Z)`,
            name,
          );
        return { param: def.name, kind: 'date', ...parsed };
      }
    }
  });
}

function sortKeys(type: string, raw: string): SortKey[] {
  return raw.split(',').map((item) => {
    const descending = item.startsWith('-');
    const param = descending ? item.slice(1) : item;
    const ok = param === '_lastUpdated' || param === '_id' || paramOf(type, param)?.kind === 'date';
    if (!ok) {
      const dates = paramsOf(type)
        .filter((d) => d.kind === 'date')
        .map((d) => d.name);
      fail(
        'FHIR-SEARCH-009',
        `_sort on '${param}' is not supported; sort on _lastUpdated, _id${dates.length > 0 ? `, ${dates.join(', ')}` : ''}`,
        '_sort',
      );
    }
    return { param, descending };
  });
}

function includesFor(type: string, raws: string[]): SearchParamDef[] {
  return raws
    .flatMap((raw) => splitValues(raw, '_include'))
    .map((raw) => {
      const [source, name, target] = raw.split(':');
      if (source !== type || name === undefined) {
        fail('FHIR-SEARCH-010', `_include '${raw}' must be '${type}:<reference parameter>'`, '_include');
      }
      const def = paramOf(type, name ?? '');
      if (def?.kind !== 'reference')
        fail(
          'FHIR-SEARCH-011',
          `_include '${raw}': '${name ?? ''}' is not a reference parameter of ${type}`,
          '_include',
        );
      if (target !== undefined && !(def?.targets ?? []).includes(target)) {
        fail(
          'FHIR-SEARCH-012',
          `_include '${raw}': ${type}.${name ?? ''} does not refer to ${target}`,
          '_include',
        );
      }
      return def as SearchParamDef;
    });
}

/** Parses search parameters for a type. Throws a FhirError (400) that says what to change. */
export function parseSearch(type: string, params: Map<string, string[]>): ParsedSearch {
  const criteria: SearchCriterion[] = [];
  let count = DEFAULT_PAGE;
  let offset = 0;
  let sort: SortKey[] | undefined;
  let includes: SearchParamDef[] = [];
  let total: TotalMode | undefined;
  let given = 0;
  for (const values of params.values()) given += values.length;
  if (given > MAX_SEARCH_PARAMETERS)
    fail(
      'FHIR-LIMIT-003',
      `the search has ${given} parameters; at most ${MAX_SEARCH_PARAMETERS} are accepted (repetitions counted), so narrow it down`,
      '',
    );
  for (const [name, values] of params) {
    const last = values[values.length - 1] ?? '';
    if (CONTROL.has(name)) {
      if (name === '_count') count = integer(name, last, 0, MAX_FHIR_PAGE);
      else if (name === '_offset') offset = integer(name, last, 0, 1_000_000_000);
      else if (name === '_sort') sort = sortKeys(type, last);
      else if (name === '_include') includes = includesFor(type, values);
      else if (name === '_total') total = totalMode(last);
      else if (name === '_format' && !/json/.test(last)) {
        throw new FhirError({
          kind: 'not-acceptable',
          findings: [
            {
              code: 'FHIR-HTTP-406',
              severity: 'error',
              path: '_format',
              message: `only JSON is served; use _format=json or Accept: application/fhir+json, not '${last}'`,
            },
          ],
        });
      }
      continue;
    }
    if (name.startsWith('_') && name !== '_id' && name !== '_lastUpdated') {
      fail(
        'FHIR-SEARCH-013',
        `result parameter '${name}' is not supported; supported: _count, _offset, _sort, _include, _id, _lastUpdated`,
        name,
      );
    }
    criteria.push(...criterionFor(type, name, values));
  }
  const query: SearchQuery = { resourceType: type, criteria, count, offset };
  if (sort !== undefined) query.sort = sort;
  if (total !== undefined) query.total = total;
  return { query, includes };
}

function entryOf(baseUrl: string, stored: StoredResource, mode: 'match' | 'include'): BundleEntry {
  return {
    fullUrl: `${baseUrl}/${stored.resourceType}/${stored.id}`,
    resource: stored.resource,
    search: { mode },
  };
}

/**
 * Runs a parsed search and builds the searchset. `linkFor(offset)` makes the URL of the page starting
 * at `offset` (a plain GET URL, or a `_page` cursor for POST searches).
 */
export async function runSearch(
  session: StoreSession,
  parsed: ParsedSearch,
  baseUrl: string,
  linkFor: (offset: number) => string,
): Promise<Bundle> {
  const { query } = parsed;
  const result = await session.fhir.search(query);
  const exact = result.exact !== false;
  const entry = result.matches.map((m) => entryOf(baseUrl, m, 'match'));
  const seen = new Set(result.matches.map((m) => `${m.resourceType}/${m.id}`));
  for (const def of parsed.includes) {
    for (const m of result.matches) {
      if (!m.resource) continue;
      for (const ref of referencesOf(m.resource, def)) {
        if (seen.has(ref)) continue;
        const [t, id] = ref.split('/');
        if (t === undefined || id === undefined) continue;
        const target = await session.fhir.read(t, id);
        if (target && !target.deleted) {
          seen.add(ref);
          entry.push(entryOf(baseUrl, target, 'include'));
        }
      }
    }
  }
  const link: BundleLink[] = [{ relation: 'self', url: linkFor(query.offset) }];
  if (query.count > 0) {
    link.push({ relation: 'first', url: linkFor(0) });
    if (query.offset + query.count < result.total)
      link.push({ relation: 'next', url: linkFor(query.offset + query.count) });
    if (query.offset > 0)
      link.push({ relation: 'previous', url: linkFor(Math.max(0, query.offset - query.count)) });
    // Past EXACT_TOTAL_LIMIT matches the total is a lower bound (docs/fhir.md#totals): no last page.
    if (exact) {
      const lastOffset = result.total === 0 ? 0 : Math.floor((result.total - 1) / query.count) * query.count;
      link.push({ relation: 'last', url: linkFor(lastOffset) });
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(exact && { total: result.total }),
    link,
    entry,
  };
}

/** A GET URL that repeats `params` with another `_offset`. */
export function queryLink(
  baseUrl: string,
  path: string,
  params: Map<string, string[]>,
  offset: number,
): string {
  const qs = new URLSearchParams();
  for (const [name, values] of params) if (name !== '_offset') for (const v of values) qs.append(name, v);
  qs.set('_offset', String(offset));
  return `${baseUrl}/${path}?${qs.toString()}`;
}

/** One history entry; a deletion has no resource. See: https://hl7.org/fhir/R4/http.html#history */
export function historyEntry(baseUrl: string, v: StoredResource): BundleEntry {
  const url = `${v.resourceType}/${v.id}`;
  const entry: BundleEntry = {
    fullUrl: `${baseUrl}/${url}`,
    request: {
      method: v.deleted ? 'DELETE' : v.versionId === 1 ? 'POST' : 'PUT',
      url: v.versionId === 1 && !v.deleted ? v.resourceType : url,
    },
    response: {
      status: v.deleted ? '204' : v.versionId === 1 ? '201' : '200',
      etag: `W/"${v.versionId}"`,
      lastModified: v.lastUpdated,
    },
  };
  if (v.resource) entry.resource = v.resource;
  return entry;
}
