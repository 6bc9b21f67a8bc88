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
  EXACT_TOTAL_LIMIT,
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

/** The counter key of a document row (`NEW` or `OLD` in a trigger); see migration 4. */
function countKey(row: string): string {
  return `${row}.repository, COALESCE(${row}.document_type, ''), COALESCE(${row}.custodian, ''),
    COALESCE(substr(${row}.effective_at, 1, 10), ''), ${row}.status, ${row}.valid`;
}
function countUp(row: string): string {
  return `INSERT INTO archive_counts (repository, document_type, custodian, day, status, valid, n)
    VALUES (${countKey(row)}, 1)
    ON CONFLICT (repository, document_type, custodian, day, status, valid) DO UPDATE SET n = n + 1;`;
}
function countDown(row: string): string {
  return `UPDATE archive_counts SET n = n - 1
    WHERE (repository, document_type, custodian, day, status, valid) = (${countKey(row)});`;
}

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
    {
      // Totals by custodian or by a range of days (one month, say) counted every matching index entry,
      // in proportion to the archive. The counters gain the custodian and the day of `effective_at`,
      // so a listing filtered by any of repository, type, custodian, whole days, status and validity
      // sums counter rows instead (one per combination present, not one per document).
      version: 4,
      name: 'counts by custodian and day too',
      up: `
        DROP TRIGGER archive_counts_insert;
        DROP TRIGGER archive_counts_delete;
        DROP TRIGGER archive_counts_update;
        DROP TABLE archive_counts;
        CREATE TABLE archive_counts (
          repository TEXT NOT NULL,
          document_type TEXT NOT NULL,
          custodian TEXT NOT NULL,
          day TEXT NOT NULL,
          status TEXT NOT NULL,
          valid INTEGER NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (repository, document_type, custodian, day, status, valid)
        ) WITHOUT ROWID;
        INSERT INTO archive_counts (repository, document_type, custodian, day, status, valid, n)
          SELECT repository, COALESCE(document_type, ''), COALESCE(custodian, ''),
            COALESCE(substr(effective_at, 1, 10), ''), status, valid, COUNT(*)
          FROM archive_documents GROUP BY 1, 2, 3, 4, 5, 6;
        CREATE TRIGGER archive_counts_insert AFTER INSERT ON archive_documents BEGIN
          ${countUp('NEW')}
        END;
        CREATE TRIGGER archive_counts_delete AFTER DELETE ON archive_documents BEGIN
          ${countDown('OLD')}
        END;
        CREATE TRIGGER archive_counts_update
          AFTER UPDATE OF repository, document_type, custodian, effective_at, status, valid
          ON archive_documents BEGIN
          ${countDown('OLD')}
          ${countUp('NEW')}
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

/** A date bound of whole days (a year, a month or a day), which the day counters can answer. */
const WHOLE_DAYS = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Whether the counter table (migration 4) has the total: filters by repository, type, custodian, whole
 * days, status and validity only. The counters key a missing type or custodian as '', which must not
 * match a query for ''.
 */
function countable(query: ArchiveQuery): boolean {
  return (
    query.patient === undefined &&
    query.setId === undefined &&
    query.submitter === undefined &&
    query.type !== '' &&
    query.custodian !== '' &&
    query.custodians?.includes('') !== true &&
    (query.from === undefined || WHOLE_DAYS.test(query.from)) &&
    (query.to === undefined || WHOLE_DAYS.test(query.to))
  );
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
        let custodiansAt = -1;
        let custodianNames: string[] = [];
        if (query.custodians !== undefined) {
          // Bound parameters, one per custodian: the list comes from the caller's scope.
          const names = query.custodians.map((custodian, i) => {
            params[`custodian${i}`] = custodian;
            return `@custodian${i}`;
          });
          custodiansAt = where.length;
          custodianNames = names;
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
        if (query.includeInvalid === false) where.push('valid = 1');
        // The same filters over the counter table, whose day is the first ten characters of
        // `effective_at` (so whole-day bounds select the same documents); no day, no date bounds.
        const counts = where.map((w) => w.replace(/\beffective_at\b/g, 'day'));
        if (query.from !== undefined || query.to !== undefined) counts.push("day <> ''");
        const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), MAX_ARCHIVE_PAGE);
        const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
        // Without statistics the planner may prefer a broad index in page order over a patient's or a
        // set's few documents (and sort them): name the selective one.
        const from =
          query.patient !== undefined
            ? 'INDEXED BY archive_patient_listing'
            : query.setId !== undefined
              ? 'INDEXED BY archive_set_listing'
              : '';
        const clause = (submitter: string): string =>
          `WHERE ${[...where, ...(query.submitter === undefined ? [] : [submitter])].join(' AND ')}`;
        if (query.submitter !== undefined) params.submitter = query.submitter;
        // The submitting organisations, kept from the record's JSON by triggers (migration 3): as a
        // list of candidates when they are few, else checked per document while walking in page order.
        const among = 'oid IN (SELECT oid FROM archive_submitters WHERE organisation = @submitter)';
        const each =
          'EXISTS (SELECT 1 FROM archive_submitters s WHERE s.organisation = @submitter AND s.oid = archive_documents.oid)';
        const pageOf = (filter: string, extra: number): ArchivedDocument[] => {
          // Several custodians: one arm per custodian, each in index order, merged (a sort of the
          // matches of an IN list would cost in proportion to the archive).
          const arms =
            custodianNames.length > 1 && query.patient === undefined && query.setId === undefined
              ? custodianNames.map((name) => {
                  const own = [...where];
                  own[custodiansAt] = `custodian = ${name}`;
                  if (query.submitter !== undefined) own.push(filter);
                  return `SELECT json, status, effective_at, oid FROM archive_documents WHERE ${own.join(' AND ')}`;
                })
              : [`SELECT json, status, effective_at, oid FROM archive_documents ${from} ${clause(filter)}`];
          return prepared<Row>(
            `${arms.join(' UNION ALL ')} ORDER BY effective_at DESC, oid LIMIT @limit OFFSET @offset`,
          )
            .all({ ...params, limit: limit + extra, offset })
            .map(toDocument);
        };
        let total: number;
        let filter = among;
        if (query.patient !== undefined || query.setId !== undefined) {
          // One patient's or one set's documents: counted from the index, few by nature; a submitter
          // is checked per document (a list of a busy submitter's documents would be long).
          filter = each;
          total =
            prepared<{ n: number }>(
              `SELECT COUNT(*) AS n FROM archive_documents ${from} ${clause(each)}`,
            ).get(params)?.n ?? 0;
        } else if (countable(query)) {
          total =
            prepared<{ n: number }>(
              `SELECT COALESCE(SUM(n), 0) AS n FROM archive_counts WHERE ${counts.join(' AND ')}`,
            ).get(params)?.n ?? 0;
        } else {
          // A submitter, or bounds finer than a day: counted up to EXACT_TOTAL_LIMIT, beyond which the
          // total is a lower bound (docs/archive.md#totals). A submitter of few documents gives the
          // candidates; one of many is checked per document, walking in page order.
          const few =
            query.submitter === undefined ||
            (prepared<{ n: number }>(
              'SELECT COUNT(*) AS n FROM (SELECT 1 FROM archive_submitters WHERE organisation = @submitter LIMIT @cap)',
            ).get({ submitter: query.submitter, cap: EXACT_TOTAL_LIMIT + 1 })?.n ?? 0) <= EXACT_TOTAL_LIMIT;
          filter = few ? among : each;
          const n =
            prepared<{ n: number }>(
              `SELECT COUNT(*) AS n FROM (SELECT 1 FROM archive_documents ${clause(filter)} LIMIT @cap)`,
            ).get({ ...params, cap: EXACT_TOTAL_LIMIT + 1 })?.n ?? 0;
          if (n > EXACT_TOTAL_LIMIT) {
            const found = pageOf(filter, 1);
            const documents = found.slice(0, limit);
            const seen = offset + documents.length + (found.length > limit ? 1 : 0);
            return { total: Math.max(seen, EXACT_TOTAL_LIMIT + 1), exact: false, offset, limit, documents };
          }
          total = n;
        }
        return { total, offset, limit, documents: total === 0 ? [] : pageOf(filter, 0) };
      }),
    count: () => gate.run(() => countAll.get()?.n ?? 0),
  };
}
