/**
 * PostgreSQL implementation of the archive repository (same shape as `../sqlite/archive.ts`): the
 * filterable facts as columns, the record as JSON text, the XML as BYTEA exactly as received. The OID
 * is the primary key, so a document OID stays unique whichever instance stores it.
 */
import { Params, type Db } from './db.ts';
import { TEXT, type PgAreaMigrations } from './migrate.ts';
import {
  MAX_ARCHIVE_PAGE,
  type ArchivePage,
  type ArchiveQuery,
  type ArchiveRepository,
} from '../archive-types.ts';
import type { ArchivedDocument, NewArchivedDocument, Nullification } from '../../domain/cda.ts';

export const pgArchiveMigrations: PgAreaMigrations = {
  area: 'archive',
  migrations: [
    {
      version: 1,
      name: 'archived CDA documents',
      sql: `
        CREATE TABLE archive_documents (
          seq BIGSERIAL UNIQUE,
          oid ${TEXT} PRIMARY KEY,
          repository ${TEXT} NOT NULL,
          set_id ${TEXT} NOT NULL,
          version_number INTEGER NOT NULL,
          status ${TEXT} NOT NULL,
          valid INTEGER NOT NULL,
          patient ${TEXT},
          document_type ${TEXT},
          effective_at ${TEXT},
          custodian ${TEXT},
          json TEXT NOT NULL,
          xml BYTEA NOT NULL
        );
        CREATE INDEX archive_set ON archive_documents (set_id, version_number);
        CREATE INDEX archive_patient ON archive_documents (patient, effective_at);
        CREATE INDEX archive_type ON archive_documents (document_type, effective_at);
        CREATE INDEX archive_effective ON archive_documents (effective_at);
        CREATE INDEX archive_custodian ON archive_documents (custodian, effective_at);
      `,
    },
    {
      // The listing indexes of the SQLite store (sqlite/archive.ts, migration 2), in the listing's
      // order (newest effective time first, missing ones last, then OID), so a page is read in order.
      version: 2,
      name: 'listing indexes in sort order',
      sql: `
        DROP INDEX archive_patient;
        DROP INDEX archive_type;
        DROP INDEX archive_effective;
        DROP INDEX archive_custodian;
        CREATE INDEX archive_patient_listing
          ON archive_documents (patient, effective_at DESC NULLS LAST, oid, status, valid);
        CREATE INDEX archive_type_listing
          ON archive_documents (document_type, effective_at DESC NULLS LAST, oid, status, valid);
        CREATE INDEX archive_effective_listing
          ON archive_documents (effective_at DESC NULLS LAST, oid, status, valid);
        CREATE INDEX archive_custodian_listing
          ON archive_documents (custodian, effective_at DESC NULLS LAST, oid, status, valid);
        CREATE INDEX archive_repository_listing
          ON archive_documents (repository, effective_at DESC NULLS LAST, oid, status, valid);
        CREATE INDEX archive_set_listing
          ON archive_documents (set_id, effective_at DESC NULLS LAST, oid, status, valid);
      `,
    },
  ],
};

const toDocument = (row: { json: string }): ArchivedDocument => JSON.parse(row.json) as ArchivedDocument;

export function pgArchive(db: Db): ArchiveRepository {
  const rewrite = (oid: string, change: (doc: ArchivedDocument) => ArchivedDocument) =>
    db.transaction(async (): Promise<ArchivedDocument | undefined> => {
      const row = await db.one<{ json: string }>(
        'SELECT json FROM archive_documents WHERE oid = $1 FOR UPDATE',
        [oid],
      );
      if (!row) return undefined;
      const doc = change(toDocument(row));
      await db.query('UPDATE archive_documents SET status = $1, json = $2 WHERE oid = $3', [
        doc.status,
        JSON.stringify(doc),
        oid,
      ]);
      return doc;
    });

  return {
    insert: async (doc: NewArchivedDocument) => {
      const { xml, ...record } = doc;
      await db.query(
        `INSERT INTO archive_documents
           (oid, repository, set_id, version_number, status, valid, patient, document_type, effective_at,
            custodian, json, xml)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          record.oid,
          record.repository,
          record.setId,
          record.versionNumber,
          record.status,
          record.valid ? 1 : 0,
          record.patient ?? null,
          record.documentType ?? null,
          record.effectiveAt ?? null,
          record.custodian ?? null,
          JSON.stringify(record),
          Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength),
        ],
      );
    },
    get: async (oid: string) => {
      const row = await db.one<{ json: string }>('SELECT json FROM archive_documents WHERE oid = $1', [oid]);
      return row ? toDocument(row) : undefined;
    },
    getXml: async (oid: string) => {
      const row = await db.one<{ xml: Buffer }>('SELECT xml FROM archive_documents WHERE oid = $1', [oid]);
      return row ? new Uint8Array(row.xml) : undefined;
    },
    versions: async (setId: string) =>
      (
        await db.query<{ json: string }>(
          'SELECT json FROM archive_documents WHERE set_id = $1 ORDER BY version_number, seq',
          [setId],
        )
      ).map(toDocument),
    latestOfSet: async (setId: string) => {
      const row = await db.one<{ json: string }>(
        `SELECT json FROM archive_documents WHERE set_id = $1 AND valid = 1
         ORDER BY version_number DESC, seq DESC LIMIT 1`,
        [setId],
      );
      return row ? toDocument(row) : undefined;
    },
    markReplaced: async (oid: string, byOid: string) => {
      await rewrite(oid, (doc) => ({ ...doc, status: 'replaced', replacedBy: byOid }));
    },
    nullify: (oid: string, nullification: Nullification) =>
      rewrite(oid, (doc) => ({ ...doc, status: 'nullified', nullification })),
    search: async (query: ArchiveQuery): Promise<ArchivePage> => {
      const q = new Params();
      const where: string[] = [];
      const eq = (column: string, value: string | undefined): void => {
        if (value !== undefined) where.push(`${column} = ${q.p(value)}`);
      };
      eq('patient', query.patient);
      eq('repository', query.repository);
      eq('set_id', query.setId);
      eq('document_type', query.type);
      eq('custodian', query.custodian);
      // The shared-mode tenant filter: without it one organisation's listing would show every tenant's
      // documents. Bound parameters, one per custodian; an empty scope matches nothing.
      if (query.custodians !== undefined)
        where.push(
          query.custodians.length === 0
            ? 'FALSE'
            : `custodian IN (${query.custodians.map((c) => q.p(c)).join(', ')})`,
        );
      if (query.from !== undefined) where.push(`effective_at >= ${q.p(query.from)}`);
      // `2017-09` as an upper bound means "up to the end of September 2017".
      if (query.to !== undefined) where.push(`effective_at <= ${q.p(`${query.to}\uffff`)}`);
      if (query.statuses !== undefined) {
        where.push(
          query.statuses.length === 0
            ? 'FALSE'
            : `status IN (${query.statuses.map((s) => q.p(s)).join(', ')})`,
        );
      } else {
        const statuses = ["'current'"];
        if (query.includeReplaced === true) statuses.push("'replaced'");
        if (query.includeNullified === true) statuses.push("'nullified'");
        where.push(`status IN (${statuses.join(', ')})`);
      }
      if (query.submitter !== undefined) {
        const s = q.p(query.submitter);
        where.push(`(json::jsonb ->> 'organisation' = ${s}
          OR json::jsonb #>> '{message,representedOrganisation}' = ${s}
          OR json::jsonb #>> '{header,encounter,responsibleOrganisation}' = ${s}
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                       CASE WHEN jsonb_typeof(json::jsonb #> '{header,authors}') = 'array'
                            THEN json::jsonb #> '{header,authors}' ELSE '[]'::jsonb END) a
                     WHERE a ->> 'organisation' = ${s}))`);
      }
      if (query.includeInvalid === false) where.push('valid = 1');
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), MAX_ARCHIVE_PAGE);
      const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
      const clause = `WHERE ${where.join(' AND ')}`;
      const total =
        (await db.one<{ n: number }>(`SELECT COUNT(*)::int AS n FROM archive_documents ${clause}`, q.values))
          ?.n ?? 0;
      const page = new Params();
      page.values.push(...q.values);
      const documents = (
        await db.query<{ json: string }>(
          `SELECT json FROM archive_documents ${clause}
           ORDER BY effective_at DESC NULLS LAST, oid LIMIT ${page.p(limit)} OFFSET ${page.p(offset)}`,
          page.values,
        )
      ).map(toDocument);
      return { total, offset, limit, documents };
    },
    count: async () =>
      (await db.one<{ n: number }>('SELECT COUNT(*)::int AS n FROM archive_documents'))?.n ?? 0,
  };
}
