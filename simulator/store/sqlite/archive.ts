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

/** The submitting organisations of every row of `table`, as (o, oid). */
function submittersOf(table: string): string {
  return `SELECT json_extract(json, '$.organisation') AS o, oid FROM ${table}
    UNION ALL SELECT json_extract(json, '$.message.representedOrganisation'), oid FROM ${table}
    UNION ALL SELECT json_extract(json, '$.header.encounter.responsibleOrganisation'), oid FROM ${table}
    UNION ALL SELECT json_extract(a.value, '$.organisation'), d.oid
      FROM ${table} d, json_each(d.json, '$.header.authors') a`;
}

/** The same for the row a trigger fires on. */
const submittersOfNew = `SELECT json_extract(NEW.json, '$.organisation') AS o
    UNION ALL SELECT json_extract(NEW.json, '$.message.representedOrganisation')
    UNION ALL SELECT json_extract(NEW.json, '$.header.encounter.responsibleOrganisation')
    UNION ALL SELECT json_extract(a.value, '$.organisation') FROM json_each(NEW.json, '$.header.authors') a`;

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
    {
      // Listings sort by `effective_at DESC, oid` and filter by status and validity. Indexes in that
      // order, carrying status and validity, let SQLite walk the page in order (no sort of every match)
      // and count matches from the index alone (no table row per match). Totals of queries that filter
      // only by repository, type, status and validity come from a counter table kept by triggers, so
      // they do not grow with the archive.
      version: 2,
      name: 'listing indexes in sort order, counts by repository, type, status and validity',
      up: `
        DROP INDEX archive_patient;
        DROP INDEX archive_type;
        DROP INDEX archive_effective;
        DROP INDEX archive_custodian;
        CREATE INDEX archive_patient_listing
          ON archive_documents (patient, effective_at DESC, oid, status, valid, document_type, repository);
        CREATE INDEX archive_type_listing
          ON archive_documents (document_type, effective_at DESC, oid, status, valid, repository);
        CREATE INDEX archive_effective_listing
          ON archive_documents (effective_at DESC, oid, status, valid, repository);
        CREATE INDEX archive_custodian_listing
          ON archive_documents (custodian, effective_at DESC, oid, status, valid);
        CREATE INDEX archive_repository_listing
          ON archive_documents (repository, effective_at DESC, oid, status, valid);
        CREATE INDEX archive_set_listing ON archive_documents (set_id, effective_at DESC, oid, status, valid);
        CREATE TABLE archive_counts (
          repository TEXT NOT NULL,
          document_type TEXT NOT NULL,
          status TEXT NOT NULL,
          valid INTEGER NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (repository, document_type, status, valid)
        ) WITHOUT ROWID;
        INSERT INTO archive_counts (repository, document_type, status, valid, n)
          SELECT repository, COALESCE(document_type, ''), status, valid, COUNT(*)
          FROM archive_documents GROUP BY 1, 2, 3, 4;
        CREATE TRIGGER archive_counts_insert AFTER INSERT ON archive_documents BEGIN
          INSERT INTO archive_counts (repository, document_type, status, valid, n)
            VALUES (NEW.repository, COALESCE(NEW.document_type, ''), NEW.status, NEW.valid, 1)
            ON CONFLICT (repository, document_type, status, valid) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER archive_counts_delete AFTER DELETE ON archive_documents BEGIN
          UPDATE archive_counts SET n = n - 1
           WHERE repository = OLD.repository AND document_type = COALESCE(OLD.document_type, '')
             AND status = OLD.status AND valid = OLD.valid;
        END;
        CREATE TRIGGER archive_counts_update
          AFTER UPDATE OF repository, document_type, status, valid ON archive_documents BEGIN
          UPDATE archive_counts SET n = n - 1
           WHERE repository = OLD.repository AND document_type = COALESCE(OLD.document_type, '')
             AND status = OLD.status AND valid = OLD.valid;
          INSERT INTO archive_counts (repository, document_type, status, valid, n)
            VALUES (NEW.repository, COALESCE(NEW.document_type, ''), NEW.status, NEW.valid, 1)
            ON CONFLICT (repository, document_type, status, valid) DO UPDATE SET n = n + 1;
        END;
      `,
    },
    {
      // The organisations that took part in submitting a document (the submitter, the represented
      // organisation, the encounter's responsible organisation, the authors' organisations) sit in the
      // record's JSON. A side table kept by triggers lets a query by submitter search an index instead
      // of reading the JSON of every document.
      version: 3,
      name: 'submitting organisations of each document',
      up: `
        CREATE TABLE archive_submitters (
          organisation TEXT NOT NULL,
          oid TEXT NOT NULL,
          PRIMARY KEY (organisation, oid)
        ) WITHOUT ROWID;
        CREATE INDEX archive_submitters_oid ON archive_submitters (oid);
        INSERT OR IGNORE INTO archive_submitters (organisation, oid)
          SELECT o, oid FROM (${submittersOf('archive_documents')}) WHERE o IS NOT NULL;
        CREATE TRIGGER archive_submitters_insert AFTER INSERT ON archive_documents BEGIN
          INSERT OR IGNORE INTO archive_submitters (organisation, oid)
            SELECT o, NEW.oid FROM (${submittersOfNew}) WHERE o IS NOT NULL;
        END;
        CREATE TRIGGER archive_submitters_update AFTER UPDATE OF json, oid ON archive_documents BEGIN
          DELETE FROM archive_submitters WHERE oid = OLD.oid;
          INSERT OR IGNORE INTO archive_submitters (organisation, oid)
            SELECT o, NEW.oid FROM (${submittersOfNew}) WHERE o IS NOT NULL;
        END;
        CREATE TRIGGER archive_submitters_delete AFTER DELETE ON archive_documents BEGIN
          DELETE FROM archive_submitters WHERE oid = OLD.oid;
        END;
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
  const countAll = db.prepare<[], { n: number }>('SELECT COALESCE(SUM(n), 0) AS n FROM archive_counts');
  // Search statements differ only by which filters are present: prepare each shape once.
  const statements = new Map<string, Database.Statement<Record<string, string | number>>>();
  const prepared = <R>(sql: string): Database.Statement<Record<string, string | number>, R> => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size > 200) statements.clear();
      stmt = db.prepare<Record<string, string | number>>(sql);
      statements.set(sql, stmt);
    }
    return stmt as Database.Statement<Record<string, string | number>, R>;
  };

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
          // The submitting organisations, kept from the record's JSON by triggers (migration 3), so
          // paging and totals stay right without reading every document's JSON.
          where.push('oid IN (SELECT oid FROM archive_submitters WHERE organisation = @submitter)');
          params.submitter = query.submitter;
        }
        if (query.includeInvalid === false) where.push('valid = 1');
        const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), MAX_ARCHIVE_PAGE);
        const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
        const clause = `WHERE ${where.join(' AND ')}`;
        // Only repository, type, status and validity: the counter table has the total.
        const counted =
          query.patient === undefined &&
          query.setId === undefined &&
          query.custodian === undefined &&
          query.custodians === undefined &&
          query.from === undefined &&
          query.to === undefined &&
          query.submitter === undefined &&
          query.type !== ''; // the counters key a missing type as '', which must not match a query for ''
        const countSql = counted
          ? `SELECT COALESCE(SUM(n), 0) AS n FROM archive_counts ${clause}`
          : `SELECT COUNT(*) AS n FROM archive_documents ${clause}`;
        const total = prepared<{ n: number }>(countSql).get(params)?.n ?? 0;
        const documents = prepared<Row>(
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
