/**
 * SQLite implementation of the archive repository.
 *
 * One row per document: the filterable facts as columns (indexed for the query API), the full record as
 * JSON, and the XML bytes as a BLOB exactly as received. Listings never read the BLOB.
 */
import type Database from 'better-sqlite3';
import type { AreaMigrations } from './migrate.ts';
import type { Gate } from './gate.ts';
import {
  MAX_ARCHIVE_PAGE,
  type ArchivePage,
  type ArchiveQuery,
  type ArchiveRepository,
} from '../archive-types.ts';
import type { ArchivedDocument, NewArchivedDocument, Nullification } from '../../domain/cda.ts';

export const archiveMigrations: AreaMigrations = {
  area: 'archive',
  migrations: [
    {
      version: 1,
      name: 'archived CDA documents',
      up: `
        CREATE TABLE archive_documents (
          oid TEXT PRIMARY KEY,
          repository TEXT NOT NULL,
          set_id TEXT NOT NULL,
          version_number INTEGER NOT NULL,
          status TEXT NOT NULL,
          valid INTEGER NOT NULL,
          patient TEXT,
          document_type TEXT,
          effective_at TEXT,
          custodian TEXT,
          json TEXT NOT NULL,
          xml BLOB NOT NULL
        );
        CREATE INDEX archive_set ON archive_documents (set_id, version_number);
        CREATE INDEX archive_patient ON archive_documents (patient, effective_at);
        CREATE INDEX archive_type ON archive_documents (document_type, effective_at);
        CREATE INDEX archive_effective ON archive_documents (effective_at);
        CREATE INDEX archive_custodian ON archive_documents (custodian, effective_at);
      `,
    },
  ],
};

interface Row {
  json: string;
  status: string;
}

function toDocument(row: Row): ArchivedDocument {
  return JSON.parse(row.json) as ArchivedDocument;
}

/** `2017-09` as an upper bound means "up to the end of September 2017": pad with the highest char. */
function upperBound(prefix: string): string {
  return `${prefix}\uffff`;
}

export function sqliteArchive(db: Database.Database, gate: Gate): ArchiveRepository {
  const insert = db.prepare(
    `INSERT INTO archive_documents
       (oid, repository, set_id, version_number, status, valid, patient, document_type, effective_at,
        custodian, json, xml)
     VALUES (@oid, @repository, @setId, @versionNumber, @status, @valid, @patient, @documentType,
        @effectiveAt, @custodian, @json, @xml)`,
  );
  const byOid = db.prepare<[string], Row>('SELECT json, status FROM archive_documents WHERE oid = ?');
  const xmlOf = db.prepare<[string], { xml: Buffer }>('SELECT xml FROM archive_documents WHERE oid = ?');
  const bySet = db.prepare<[string], Row>(
    'SELECT json, status FROM archive_documents WHERE set_id = ? ORDER BY version_number, rowid',
  );
  const latest = db.prepare<[string], Row>(
    `SELECT json, status FROM archive_documents WHERE set_id = ? AND valid = 1
     ORDER BY version_number DESC, rowid DESC LIMIT 1`,
  );
  const update = db.prepare<[string, string, string]>(
    'UPDATE archive_documents SET status = ?, json = ? WHERE oid = ?',
  );
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM archive_documents');

  const rewrite = (
    oid: string,
    change: (doc: ArchivedDocument) => ArchivedDocument,
  ): ArchivedDocument | undefined => {
    const row = byOid.get(oid);
    if (!row) return undefined;
    const doc = change(toDocument(row));
    update.run(doc.status, JSON.stringify(doc), oid);
    return doc;
  };

  return {
    insert: (doc: NewArchivedDocument) =>
      gate.run(() => {
        const { xml, ...record } = doc;
        insert.run({
          oid: record.oid,
          repository: record.repository,
          setId: record.setId,
          versionNumber: record.versionNumber,
          status: record.status,
          valid: record.valid ? 1 : 0,
          patient: record.patient ?? null,
          documentType: record.documentType ?? null,
          effectiveAt: record.effectiveAt ?? null,
          custodian: record.custodian ?? null,
          json: JSON.stringify(record),
          xml: Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength),
        });
      }),
    get: (oid: string) =>
      gate.run(() => {
        const row = byOid.get(oid);
        return row ? toDocument(row) : undefined;
      }),
    getXml: (oid: string) =>
      gate.run(() => {
        const row = xmlOf.get(oid);
        return row ? new Uint8Array(row.xml) : undefined;
      }),
    versions: (setId: string) => gate.run(() => bySet.all(setId).map(toDocument)),
    latestOfSet: (setId: string) =>
      gate.run(() => {
        const row = latest.get(setId);
        return row ? toDocument(row) : undefined;
      }),
    markReplaced: (oid: string, byOidValue: string) =>
      gate.run(() => {
        rewrite(oid, (doc) => ({ ...doc, status: 'replaced', replacedBy: byOidValue }));
      }),
    nullify: (oid: string, nullification: Nullification) =>
      gate.run(() => rewrite(oid, (doc) => ({ ...doc, status: 'nullified', nullification }))),
    search: (query: ArchiveQuery) =>
      gate.run((): ArchivePage => {
        const where: string[] = [];
        const params: Record<string, string | number> = {};
        const eq = (column: string, key: string, value: string | undefined): void => {
          if (value === undefined) return;
          where.push(`${column} = @${key}`);
          params[key] = value;
        };
        eq('patient', 'patient', query.patient);
        eq('repository', 'repository', query.repository);
        eq('set_id', 'setId', query.setId);
        eq('document_type', 'type', query.type);
        eq('custodian', 'custodian', query.custodian);
        if (query.custodians !== undefined) {
          // Bound parameters, one per custodian: the list comes from the caller's scope.
          const names = query.custodians.map((custodian, i) => {
            params[`custodian${i}`] = custodian;
            return `@custodian${i}`;
          });
          where.push(names.length === 0 ? '0' : `custodian IN (${names.join(', ')})`);
        }
        if (query.from !== undefined) {
          where.push('effective_at >= @from');
          params.from = query.from;
        }
        if (query.to !== undefined) {
          where.push('effective_at <= @to');
          params.to = upperBound(query.to);
        }
        if (query.statuses !== undefined) {
          // Bound parameters, one per status: the list comes from the caller.
          const names = query.statuses.map((status, i) => {
            params[`status${i}`] = status;
            return `@status${i}`;
          });
          where.push(names.length === 0 ? '0' : `status IN (${names.join(', ')})`);
        } else {
          const statuses = ["'current'"];
          if (query.includeReplaced === true) statuses.push("'replaced'");
          if (query.includeNullified === true) statuses.push("'nullified'");
          where.push(`status IN (${statuses.join(', ')})`);
        }
        if (query.submitter !== undefined) {
          // The submitting organisations live in the record's JSON; read them there rather than
          // fetching rows to filter in JavaScript, so paging and totals stay right.
          where.push(`(json_extract(json, '$.organisation') = @submitter
            OR json_extract(json, '$.message.representedOrganisation') = @submitter
            OR json_extract(json, '$.header.encounter.responsibleOrganisation') = @submitter
            OR EXISTS (SELECT 1 FROM json_each(archive_documents.json, '$.header.authors') a
                       WHERE json_extract(a.value, '$.organisation') = @submitter))`);
          params.submitter = query.submitter;
        }
        if (query.includeInvalid === false) where.push('valid = 1');
        const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), MAX_ARCHIVE_PAGE);
        const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
        const clause = `WHERE ${where.join(' AND ')}`;
        const total =
          db
            .prepare<Record<string, string | number>, { n: number }>(
              `SELECT COUNT(*) AS n FROM archive_documents ${clause}`,
            )
            .get(params)?.n ?? 0;
        const documents = db
          .prepare<Record<string, string | number>, Row>(
            `SELECT json, status FROM archive_documents ${clause}
             ORDER BY effective_at DESC, oid LIMIT @limit OFFSET @offset`,
          )
          .all({ ...params, limit, offset })
          .map(toDocument);
        return { total, offset, limit, documents };
      }),
    count: () => gate.run(() => countAll.get()?.n ?? 0),
  };
}
