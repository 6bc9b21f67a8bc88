/**
 * The find form: its criteria and how the query string becomes them. Problems are shown beside the
 * fields, never thrown; the reader (`reader.ts`) turns valid criteria into store queries.
 */
import { SERVICES, type Service } from '../domain/codes.ts';
import { isOid } from '../domain/oid.ts';
import {
  ARCHIVE_REPOSITORIES,
  type ArchivedDocumentStatus,
  type ArchiveRepositoryKind,
} from '../domain/cda.ts';

/** Most rows one find shows; the page says when there were more. */
export const FIND_LIMIT = 200;

export interface FindCriteria {
  patient?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  repository?: ArchiveRepositoryKind;
  /** localHeader documentType code. */
  type?: string;
  service?: Service;
  status?: ArchivedDocumentStatus;
  /** Submitting organisation OID. */
  organisation?: string;
}

export interface CriteriaProblem {
  field: keyof FindCriteria;
  /** English text, for logs and API-like uses. */
  message: string;
  /** The viewer.json key of the same text, shown in the archivist's language. */
  key: string;
}

const STATUSES: readonly ArchivedDocumentStatus[] = ['current', 'replaced', 'nullified'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FINNISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * A date as the archivist types it, day first (`3.12.2026`, the form's own format in every language), or
 * as ISO `2026-12-03` (links and scripts): the ISO calendar date, or undefined when it is no real day.
 */
export function parseDayMonthYear(value: string): string | undefined {
  const fi = FINNISH_DATE.exec(value);
  const iso = ISO_DATE.exec(value);
  const parts = fi ? [fi[3], fi[2], fi[1]] : iso ? [iso[1], iso[2], iso[3]] : undefined;
  if (parts === undefined) return undefined;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An ISO date as the form shows it: `2026-12-03` → `3.12.2026`. */
export function dayMonthYear(iso: string | undefined): string {
  const m = iso === undefined ? null : ISO_DATE.exec(iso);
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : (iso ?? '');
}

/** Reads the find form's query parameters; problems are shown beside the fields, never thrown. */
export function parseCriteria(query: Record<string, unknown>): {
  criteria: FindCriteria;
  problems: CriteriaProblem[];
  given: boolean;
} {
  const criteria: FindCriteria = {};
  const problems: CriteriaProblem[] = [];
  const text = (name: string): string | undefined => {
    const v = query[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const patient = text('patient');
  if (patient !== undefined) {
    if (/^[0-9A-Za-z+\-.]{6,64}$/.test(patient)) criteria.patient = patient.toUpperCase();
    else
      problems.push({
        field: 'patient',
        message: 'Give an identity code such as 010181-900C.',
        key: 'find.problem.patient',
      });
  }
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    const day = parseDayMonthYear(v);
    if (day !== undefined) criteria[name] = day;
    else
      problems.push({
        field: name,
        message: 'Give a date as d.m.yyyy, e.g. 3.12.2026.',
        key: 'find.problem.date',
      });
  }
  const repository = text('repository');
  if (repository !== undefined) {
    if ((ARCHIVE_REPOSITORIES as readonly string[]).includes(repository))
      criteria.repository = repository as ArchiveRepositoryKind;
    else
      problems.push({
        field: 'repository',
        message: 'Choose PTA or social welfare.',
        key: 'find.problem.repository',
      });
  }
  const type = text('type');
  if (type !== undefined) {
    if (/^[A-Za-z0-9._-]{1,20}$/.test(type)) criteria.type = type;
    else
      problems.push({
        field: 'type',
        message: 'Give a document type code such as 1 or 4.',
        key: 'find.problem.type',
      });
  }
  const service = text('service');
  if (service !== undefined) {
    if ((SERVICES as readonly string[]).includes(service)) criteria.service = service as Service;
    else
      problems.push({
        field: 'service',
        message: 'Choose a Kanta service from the list.',
        key: 'find.problem.service',
      });
  }
  const status = text('status');
  if (status !== undefined) {
    if ((STATUSES as readonly string[]).includes(status)) criteria.status = status as ArchivedDocumentStatus;
    else
      problems.push({
        field: 'status',
        message: 'Choose current, replaced or nullified.',
        key: 'find.problem.status',
      });
  }
  const organisation = text('organisation');
  if (organisation !== undefined) {
    if (isOid(organisation)) criteria.organisation = organisation;
    else
      problems.push({
        field: 'organisation',
        message: 'Give an organisation OID.',
        key: 'find.problem.organisation',
      });
  }
  // The form was sent (even with every field empty: that lists the register's latest).
  return { criteria, problems, given: Object.keys(query).length > 0 };
}
