/** Storage of recorded scenario runs; the records are in `domain/runs.ts`. */
import type { RunRecord, RunSummary } from '../domain/runs.ts';

export interface RunQuery {
  /** Only runs of this organisation. */
  organisation?: string;
  /** Only runs whose organisation is one of these (the viewer's scope); an empty list matches nothing. */
  organisations?: readonly string[];
  /** Only runs recorded at or after this ISO date-time. */
  since?: string;
  /** Newest first; default 100, at most MAX_RUN_PAGE. */
  limit?: number;
}

/** Hard ceiling on one page of runs. */
export const MAX_RUN_PAGE = 1000;

export interface RunRepository {
  /** Stores a new record; an id already present is an error (ids are generated, never reused). */
  add(record: RunRecord): Promise<void>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Summaries, newest recorded first. */
  list(query?: RunQuery): Promise<RunSummary[]>;
}
