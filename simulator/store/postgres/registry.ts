/**
 * PostgreSQL implementation of the registry repository (same tables as `../sqlite/registry.ts`).
 *
 * Issuing test persons picks the oldest unissued codes with `FOR UPDATE SKIP LOCKED` and marks them in
 * the same statement, so two instances issuing at once never hand out one code twice, even outside the
 * store's write lock.
 */
import { Params, type Db } from './db.ts';
import { TEXT, type PgAreaMigrations } from './migrate.ts';
import type { RegistryRepository } from '../types.ts';
import type {
  Archivist,
  CertifiedSystem,
  Customer,
  Organisation,
  TestPerson,
  TestPersonIssue,
} from '../../domain/registry.ts';
import type { Service } from '../../domain/codes.ts';

export const pgRegistryMigrations: PgAreaMigrations = {
  area: 'registry',
  migrations: [
    {
      version: 1,
      name: 'organisations, systems, customers, test persons',
      sql: `
        CREATE TABLE organisations (oid ${TEXT} PRIMARY KEY, kind ${TEXT} NOT NULL, part_of ${TEXT}, json TEXT NOT NULL);
        CREATE INDEX organisations_part_of ON organisations (part_of);
        CREATE TABLE certified_systems (id ${TEXT} PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE customers (org_oid ${TEXT} PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE test_persons (
          hetu ${TEXT} PRIMARY KEY,
          pool_seq BIGINT NOT NULL,
          birth_date TEXT NOT NULL,
          sex TEXT NOT NULL,
          name TEXT,
          vendor ${TEXT},
          customer ${TEXT},
          service TEXT,
          issued_at TEXT
        );
        CREATE INDEX test_persons_unissued ON test_persons (pool_seq) WHERE issued_at IS NULL;
        CREATE INDEX test_persons_customer ON test_persons (customer);
        CREATE INDEX test_persons_vendor ON test_persons (vendor);
      `,
    },
    {
      version: 2,
      name: 'archivist accounts (viewer sign-in)',
      sql: `
        CREATE TABLE archivists (id ${TEXT} PRIMARY KEY, register_controller ${TEXT} NOT NULL, json TEXT NOT NULL);
        CREATE INDEX archivists_register_controller ON archivists (register_controller);
      `,
    },
  ],
};

interface PersonRow {
  [key: string]: unknown;
  hetu: string;
  pool_seq: number;
  birth_date: string;
  sex: string;
  name: string | null;
  vendor: string | null;
  customer: string | null;
  service: string | null;
  issued_at: string | null;
}

function toPerson(row: PersonRow): TestPerson {
  const person: TestPerson = {
    hetu: row.hetu,
    birthDate: row.birth_date,
    sex: row.sex === 'male' ? 'male' : 'female',
  };
  if (row.name !== null) person.name = row.name;
  if (row.vendor !== null && row.customer !== null && row.service !== null && row.issued_at !== null) {
    person.issue = {
      vendor: row.vendor,
      customer: row.customer,
      service: row.service as Service,
      issuedAt: row.issued_at,
    };
  }
  return person;
}

type JsonRow = { json: string };

export function pgRegistry(db: Db): RegistryRepository {
  const json = async <T>(sql: string, params: unknown[] = []): Promise<T | undefined> => {
    const row = await db.one<JsonRow>(sql, params);
    return row === undefined ? undefined : (JSON.parse(row.json) as T);
  };
  const jsons = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query<JsonRow>(sql, params)).map((r) => JSON.parse(r.json) as T);

  return {
    putOrganisation: async (org) => {
      await db.query(
        `INSERT INTO organisations (oid, kind, part_of, json) VALUES ($1, $2, $3, $4)
         ON CONFLICT (oid) DO UPDATE SET kind = excluded.kind, part_of = excluded.part_of, json = excluded.json`,
        [org.oid, org.kind, org.partOf ?? null, JSON.stringify(org)],
      );
    },
    getOrganisation: (oid) => json<Organisation>('SELECT json FROM organisations WHERE oid = $1', [oid]),
    listOrganisations: (filter = {}) => {
      const q = new Params();
      const where: string[] = [];
      if (filter.kind !== undefined) where.push(`kind = ${q.p(filter.kind)}`);
      if (filter.partOf !== undefined) where.push(`part_of = ${q.p(filter.partOf)}`);
      return jsons<Organisation>(
        `SELECT json FROM organisations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY oid`,
        q.values,
      );
    },

    putSystem: async (system) => {
      await db.query(
        'INSERT INTO certified_systems (id, json) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET json = excluded.json',
        [system.id, JSON.stringify(system)],
      );
    },
    getSystem: (id) => json<CertifiedSystem>('SELECT json FROM certified_systems WHERE id = $1', [id]),
    listSystems: () => jsons<CertifiedSystem>('SELECT json FROM certified_systems ORDER BY id'),

    putCustomer: async (customer) => {
      await db.query(
        'INSERT INTO customers (org_oid, json) VALUES ($1, $2) ON CONFLICT (org_oid) DO UPDATE SET json = excluded.json',
        [customer.orgOid, JSON.stringify(customer)],
      );
    },
    getCustomer: (orgOid) => json<Customer>('SELECT json FROM customers WHERE org_oid = $1', [orgOid]),
    listCustomers: () => jsons<Customer>('SELECT json FROM customers ORDER BY org_oid'),

    // Under the write lock: the pool order (pool_seq) continues from the highest one.
    addTestPersons: (persons) =>
      db.transaction(async () => {
        let seq =
          (await db.one<{ seq: number | null }>('SELECT MAX(pool_seq) AS seq FROM test_persons'))?.seq ?? 0;
        let added = 0;
        for (const p of persons) {
          seq += 1;
          const rows = await db.query(
            `INSERT INTO test_persons (hetu, pool_seq, birth_date, sex, name) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (hetu) DO NOTHING RETURNING hetu`,
            [p.hetu, seq, p.birthDate, p.sex, p.name ?? null],
          );
          added += rows.length;
        }
        return added;
      }),
    getTestPerson: async (hetu) => {
      const row = await db.one<PersonRow>('SELECT * FROM test_persons WHERE hetu = $1', [hetu]);
      return row === undefined ? undefined : toPerson(row);
    },
    listTestPersons: async (filter = {}) => {
      const q = new Params();
      const where: string[] = [];
      if (filter.customer !== undefined) where.push(`customer = ${q.p(filter.customer)}`);
      if (filter.vendor !== undefined) where.push(`vendor = ${q.p(filter.vendor)}`);
      if (filter.issued !== undefined)
        where.push(filter.issued ? 'issued_at IS NOT NULL' : 'issued_at IS NULL');
      const rows = await db.query<PersonRow>(
        `SELECT * FROM test_persons ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY pool_seq`,
        q.values,
      );
      return rows.map(toPerson);
    },
    issueTestPersons: async (count: number, issue: TestPersonIssue) => {
      const rows = await db.query<PersonRow>(
        `UPDATE test_persons SET vendor = $2, customer = $3, service = $4, issued_at = $5
         WHERE hetu IN (SELECT hetu FROM test_persons WHERE issued_at IS NULL
                        ORDER BY pool_seq LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [Math.max(0, Math.trunc(count)), issue.vendor, issue.customer, issue.service, issue.issuedAt],
      );
      return rows.sort((a, b) => a.pool_seq - b.pool_seq).map(toPerson);
    },
    countUnissued: async () =>
      (await db.one<{ n: number }>('SELECT COUNT(*)::int AS n FROM test_persons WHERE issued_at IS NULL'))
        ?.n ?? 0,

    putArchivist: async (archivist) => {
      await db.query(
        `INSERT INTO archivists (id, register_controller, json) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET register_controller = excluded.register_controller, json = excluded.json`,
        [archivist.id, archivist.registerController, JSON.stringify(archivist)],
      );
    },
    getArchivist: (id) => json<Archivist>('SELECT json FROM archivists WHERE id = $1', [id]),
    listArchivists: (filter = {}) =>
      filter.registerController === undefined
        ? jsons<Archivist>('SELECT json FROM archivists ORDER BY id')
        : jsons<Archivist>('SELECT json FROM archivists WHERE register_controller = $1 ORDER BY id', [
            filter.registerController,
          ]),
  };
}
