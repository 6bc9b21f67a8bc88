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
  message: string;
}

const STATUSES: readonly ArchivedDocumentStatus[] = ['current', 'replaced', 'nullified'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
    else problems.push({ field: 'patient', message: 'Give an identity code such as 010181-900C.' });
  }
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    if (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) criteria[name] = v;
    else problems.push({ field: name, message: 'Give a date as YYYY-MM-DD.' });
  }
  const repository = text('repository');
  if (repository !== undefined) {
    if ((ARCHIVE_REPOSITORIES as readonly string[]).includes(repository))
      criteria.repository = repository as ArchiveRepositoryKind;
    else problems.push({ field: 'repository', message: 'Choose PTA or social welfare.' });
  }
  const type = text('type');
  if (type !== undefined) {
    if (/^[A-Za-z0-9._-]{1,20}$/.test(type)) criteria.type = type;
    else problems.push({ field: 'type', message: 'Give a document type code such as 1 or 4.' });
  }
  const service = text('service');
  if (service !== undefined) {
    if ((SERVICES as readonly string[]).includes(service)) criteria.service = service as Service;
    else problems.push({ field: 'service', message: 'Choose a Kanta service from the list.' });
  }
  const status = text('status');
  if (status !== undefined) {
    if ((STATUSES as readonly string[]).includes(status)) criteria.status = status as ArchivedDocumentStatus;
    else problems.push({ field: 'status', message: 'Choose current, replaced or nullified.' });
  }
  const organisation = text('organisation');
  if (organisation !== undefined) {
    if (isOid(organisation)) criteria.organisation = organisation;
    else problems.push({ field: 'organisation', message: 'Give an organisation OID.' });
  }
  // The form was sent (even with every field empty: that lists the register's latest).
  return { criteria, problems, given: Object.keys(query).length > 0 };
}
