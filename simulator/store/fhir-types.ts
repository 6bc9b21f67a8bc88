/**
 * The FHIR resource repository: versioned resources, the current pointer, history, deletion markers
 * and a search index, behind one interface (`FhirRepository`, reached as `session.fhir`).
 *
 * How the data is shaped (read this if you build against it, e.g. the viewer):
 *
 * - Every write makes a new **version** (`versionId` 1, 2, 3…, per resource). A delete makes a version
 *   too, with `deleted: true` and no resource body; read answers "gone" for it, history still lists it.
 *   Versions are never changed or removed.
 * - The **current pointer** says which version a resource is at. Search sees only current versions that
 *   are not deleted. `read` returns the current version (also when deleted, so the caller can say 410).
 * - The **search index** holds rows extracted by the FHIR layer (`simulator/fhir/search-params.ts`) at
 *   write time; the store never parses resource JSON to search. Index rows belong to the current version
 *   only and are replaced on every write; a delete keeps the rows of the last live version (search skips
 *   deleted resources unless `includeDeleted`).
 * - The stored `resource` always has `id`, `meta.versionId` and `meta.lastUpdated` set by the store.
 *
 * Kanta appointments (PTA ajanvaraus, docs/kanta.md#kanta-appointment-api; Kanta PTA ajanvaraus guide, https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4):
 * - An appointment is a stored `Appointment`; each store / replace / nullification also stores a
 *   `Provenance` whose `target` is `Appointment/{id}/_history/{version}` (so the Provenance of every
 *   version stays findable). Index param `target` on Provenance holds `Appointment/{id}` (no version).
 * - Nullification (mitätöinti) = a delete marker version of the Appointment plus a new Provenance.
 * - Submissions that rehearsal mode stored although invalid carry `meta.tag`
 *   `{ system: KANTASIM_TAG_SYSTEM, code: 'invalid' }`; `StoredResource.invalid` mirrors it.
 * - Index params the viewer may search on for appointments (token values are `{system, code}`):
 *   `patient:identifier` (system `urn:oid:1.2.246.21`, code = identity code), `service-organiser`
 *   (code = OID), `identifier`, `status`, `date` (date), `recorded` (date, from the Provenance).
 *
 * Events (in the event log, `SubmissionEvent` in `types.ts`) for FHIR submissions:
 * - `channel: 'fhir'`; `service: 'pta-appointment'` for the Kanta appointment API, none for the other
 *   scheduling resources; `kind` one of `appointment.store`, `appointment.replace`, `appointment.update`,
 *   `appointment.nullify`, `appointment.create` (plain create), `appointment.validate`,
 *   `resource.create`, `resource.update`, `resource.delete`, `resource.validate` ($validate, outcome
 *   `info`), `bundle.transaction` (a refused scheduling transaction), `request.refused` (refused before
 *   any handler, e.g. 415); `outcome` accepted / accepted-with-warnings / refused;
 *   `organisation` = service organiser OID (Provenance agent role 10) when known; `patient` = identity
 *   code; `resourceIds` = `Type/id/_history/v` of what was written (or referred to when refused);
 *   `details` = `{ mode: 'strict' | 'rehearsal', invalidStored: boolean, status: <HTTP status> }`.
 */
import type { Resource } from 'fhir/r4.js';
import type { StoredResource } from '../domain/fhir.ts';

// ---------------------------------------------------------------- search index

/**
 * One index row, extracted by the FHIR layer. `token`: system (may be empty) and code; `string`: the
 * value normalised (lower case, accents kept); `reference`: `Type/id` (or an absolute URL); `date`: the
 * period covered, as epoch milliseconds, inclusive `low`, exclusive `high`.
 */
export type IndexEntry =
  | { param: string; kind: 'token'; system: string; code: string }
  | { param: string; kind: 'string'; value: string }
  | { param: string; kind: 'reference'; value: string }
  | { param: string; kind: 'date'; low: number; high: number };

/** Comparison prefixes of date search. See: https://hl7.org/fhir/R4/search.html#prefix */
export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

/**
 * One search criterion. Criteria are ANDed; the values inside one criterion are ORed (FHIR's `,`).
 * `token` with `system: undefined` matches any system; `system: ''` matches codes without a system.
 * `string` matches from the start of the normalised value, `exact` matches the whole value.
 */
export type SearchCriterion =
  | { param: string; kind: 'token'; values: { system?: string; code: string }[]; not?: boolean }
  | { param: string; kind: 'string'; values: string[]; exact?: boolean }
  | { param: string; kind: 'reference'; values: string[] }
  | { param: string; kind: 'date'; prefix: DatePrefix; low: number; high: number }
  | { param: '_id'; kind: 'id'; values: string[] }
  | { param: '_lastUpdated'; kind: 'lastUpdated'; prefix: DatePrefix; low: number; high: number };

export interface SortKey {
  /** `_lastUpdated`, `_id` or a date index param (sorted by the earliest `low`). */
  param: string;
  descending: boolean;
}

export interface SearchQuery {
  resourceType: string;
  criteria: SearchCriterion[];
  sort?: SortKey[];
  /** Page size; the store caps it at `MAX_FHIR_PAGE`. Zero counts only. */
  count: number;
  offset: number;
  /**
   * Also match resources whose current version is a delete marker (their index rows of the last live
   * version are kept for this): used by Kanta's appointment `_history`, which finds nullified ones too.
   */
  includeDeleted?: boolean;
  /** Match only resources whose current version is a delete marker (e.g. nullified appointments). */
  onlyDeleted?: boolean;
  /** FHIR `_total`: how hard to count the matches (see `SearchResult.exact`); default `estimate`. */
  total?: TotalMode;
}

/**
 * FHIR `_total` (https://hl7.org/fhir/R4/search.html#total). `accurate` counts every match, at a cost in
 * proportion to the matches; `estimate` (the default) counts exactly up to `EXACT_TOTAL_LIMIT` matches
 * and beyond says only that there are more; `none` does not count.
 */
export type TotalMode = 'none' | 'estimate' | 'accurate';

/** Matches a search or history counts exactly without `_total=accurate`. */
export const EXACT_TOTAL_LIMIT = 1000;

/**
 * A total known only as a lower bound (`exact: false`): past the matches up to the end of this page
 * (`seen`) when another page follows, and past EXACT_TOTAL_LIMIT when an estimate counted that many.
 */
export function lowerBoundTotal(
  seen: number,
  more: boolean,
  overLimit: boolean,
): { total: number; exact: false } {
  return { total: Math.max(seen + (more ? 1 : 0), overLimit ? EXACT_TOTAL_LIMIT + 1 : 0), exact: false };
}

export interface SearchResult {
  /** Current versions of the matches on this page, in order. */
  matches: StoredResource[];
  /**
   * Matches over all pages, or, when `exact` is false, a lower bound: more than the matches up to the
   * end of this page whenever another page follows.
   */
  total: number;
  /** False when `total` is a lower bound only; absent means exact. */
  exact?: boolean;
}

export interface HistoryResult {
  versions: StoredResource[];
  /** As `SearchResult.total`. */
  total: number;
  exact?: boolean;
}

export interface HistoryQuery {
  resourceType?: string;
  id?: string;
  /** Only versions written at or after this ISO instant. */
  since?: string;
  count: number;
  offset: number;
  /** As `SearchQuery.total`. */
  total?: TotalMode;
}

/** Hard ceiling on one page of search or history results. */
export const MAX_FHIR_PAGE = 1000;

// ---------------------------------------------------------------- the repository

export interface WriteOptions {
  /** Index rows for the new current version (replace the previous ones). */
  index: IndexEntry[];
  /** ISO instant to stamp; defaults to now. Tests and imports use it. */
  lastUpdated?: string;
}

/** Thrown by `update` and `delete` when `ifMatch` does not equal the current version. */
export class VersionConflictError extends Error {
  constructor(
    readonly resourceType: string,
    readonly id: string,
    readonly expected: number,
    readonly current: number | undefined,
  ) {
    super(
      `${resourceType}/${id} is at version ${current ?? 'none'}, not ${expected}; read it again and retry`,
    );
    this.name = 'VersionConflictError';
  }
}

/** Thrown by `create` when the id is already taken (by any version, deleted ones included). */
export class ResourceExistsError extends Error {
  constructor(
    readonly resourceType: string,
    readonly id: string,
  ) {
    super(`${resourceType}/${id} already exists; update it instead, or create without an id`);
    this.name = 'ResourceExistsError';
  }
}

export interface FhirRepository {
  /**
   * Stores a new resource as version 1 under `resource.id` (which the caller sets; a server-assigned id
   * is the FHIR layer's choice). Fails if the id is taken, even by a deleted resource.
   */
  create<R extends Resource>(resource: R & { id: string }, options: WriteOptions): Promise<StoredResource<R>>;
  /**
   * Writes a new version (or version 1 if the resource does not exist: update-as-create). With
   * `ifMatch`, throws VersionConflictError unless the current version is exactly that one.
   */
  update<R extends Resource>(
    resource: R & { id: string },
    options: WriteOptions & { ifMatch?: number },
  ): Promise<StoredResource<R>>;
  /** Writes a delete marker. Returns it, or undefined when there was nothing to delete. */
  delete(
    resourceType: string,
    id: string,
    options?: { ifMatch?: number; lastUpdated?: string },
  ): Promise<StoredResource | undefined>;
  /** The current version (possibly a delete marker), or undefined if the resource never existed. */
  read(resourceType: string, id: string): Promise<StoredResource | undefined>;
  vread(resourceType: string, id: string, versionId: number): Promise<StoredResource | undefined>;
  /** Versions, newest first, of one resource, one type, or everything. */
  history(query: HistoryQuery): Promise<HistoryResult>;
  search(query: SearchQuery): Promise<SearchResult>;
}
