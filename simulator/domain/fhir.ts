/**
 * FHIR records kantasim keeps: one stored version of a resource, and the tag that marks a submission
 * rehearsal mode stored although invalid. How versions, history and the index behave is described in
 * `store/fhir-types.ts`.
 */
import type { Resource } from 'fhir/r4.js';

/** `meta.tag` system kantasim uses to mark resources that rehearsal mode stored although invalid. */
export const KANTASIM_TAG_SYSTEM = 'https://kantasim.fi/fhir/CodeSystem/kantasim-tag';
/** The `meta.tag` code that marks an invalid submission stored in rehearsal mode. */
export const INVALID_TAG_CODE = 'invalid';

/** One version of one resource. */
export interface StoredResource<R extends Resource = Resource> {
  resourceType: string;
  id: string;
  /** 1, 2, 3… per resource. */
  versionId: number;
  /** ISO date-time with milliseconds, set by the store. */
  lastUpdated: string;
  /** True for a delete marker; `resource` is then undefined. */
  deleted: boolean;
  resource?: R;
  /** True when the stored resource carries the invalid tag (rehearsal mode). */
  invalid: boolean;
}
