/** SQLite implementation of the registry repository. */
import type Database from 'better-sqlite3';
import type { AreaMigrations } from './migrate.ts';
import type { Gate } from './gate.ts';
import type { RegistryRepository } from '../types.ts';
import type {
  Archivist,
  CertifiedSystem,
  Customer,
  Organisation,
  OrganisationKind,
  TestPerson,
  TestPersonIssue,
} from '../../domain/registry.ts';
import type { Service } from '../../domain/codes.ts';

export const registryMigrations: AreaMigrations = {
  area: 'registry',
  migrations: [
    {
      version: 1,
      name: 'organisations, systems, customers, test persons',
      up: `
        CREATE TABLE organisations (
          oid TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          part_of TEXT,
          json TEXT NOT NULL
        );
        CREATE INDEX organisations_part_of ON organisations (part_of);
        CREATE TABLE certified_systems (id TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE customers (org_oid TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE test_persons (
          hetu TEXT PRIMARY KEY,
          pool_seq INTEGER NOT NULL,
          birth_date TEXT NOT NULL,
          sex TEXT NOT NULL,
          name TEXT,
          vendor TEXT,
          customer TEXT,
          service TEXT,
          issued_at TEXT
        );
        CREATE INDEX test_persons_unissued ON test_persons (issued_at, pool_seq);
        CREATE INDEX test_persons_customer ON test_persons (customer);
        CREATE INDEX test_persons_vendor ON test_persons (vendor);
      `,
    },
    {
      version: 2,
      name: 'archivist accounts (viewer sign-in)',
      up: `
        CREATE TABLE archivists (
          id TEXT PRIMARY KEY,
          register_controller TEXT NOT NULL,
          json TEXT NOT NULL
        );
        CREATE INDEX archivists_register_controller ON archivists (register_controller);
      `,
    },
  ],
};

interface PersonRow {
  hetu: string;
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

function parseRow(row: { json: string } | undefined): unknown {
  return row === undefined ? undefined : JSON.parse(row.json);
}

export function sqliteRegistry(db: Database.Database, gate: Gate): RegistryRepository {
  const s = {
    putOrg: db.prepare(
      `INSERT INTO organisations (oid, kind, part_of, json) VALUES (@oid, @kind, @partOf, @json)
       ON CONFLICT (oid) DO UPDATE SET kind = excluded.kind, part_of = excluded.part_of, json = excluded.json`,
    ),
    getOrg: db.prepare<[string], { json: string }>('SELECT json FROM organisations WHERE oid = ?'),
    putSystem: db.prepare(
      'INSERT INTO certified_systems (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json',
    ),
    getSystem: db.prepare<[string], { json: string }>('SELECT json FROM certified_systems WHERE id = ?'),
    listSystems: db.prepare<[], { json: string }>('SELECT json FROM certified_systems ORDER BY id'),
    putCustomer: db.prepare(
      'INSERT INTO customers (org_oid, json) VALUES (?, ?) ON CONFLICT (org_oid) DO UPDATE SET json = excluded.json',
    ),
    getCustomer: db.prepare<[string], { json: string }>('SELECT json FROM customers WHERE org_oid = ?'),
    listCustomers: db.prepare<[], { json: string }>('SELECT json FROM customers ORDER BY org_oid'),
    maxPoolSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(pool_seq) AS seq FROM test_persons'),
    addPerson: db.prepare(
      `INSERT INTO test_persons (hetu, pool_seq, birth_date, sex, name) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (hetu) DO NOTHING`,
    ),
    getPerson: db.prepare<[string], PersonRow>('SELECT * FROM test_persons WHERE hetu = ?'),
    unissued: db.prepare<[number], PersonRow>(
      'SELECT * FROM test_persons WHERE issued_at IS NULL ORDER BY pool_seq LIMIT ?',
    ),
    markIssued: db.prepare(
      'UPDATE test_persons SET vendor = ?, customer = ?, service = ?, issued_at = ? WHERE hetu = ? AND issued_at IS NULL',
    ),
    countUnissued: db.prepare<[], { n: number }>(
      'SELECT COUNT(*) AS n FROM test_persons WHERE issued_at IS NULL',
    ),
    putArchivist: db.prepare(
      `INSERT INTO archivists (id, register_controller, json) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET register_controller = excluded.register_controller, json = excluded.json`,
    ),
    getArchivist: db.prepare<[string], { json: string }>('SELECT json FROM archivists WHERE id = ?'),
    listArchivists: db.prepare<[], { json: string }>('SELECT json FROM archivists ORDER BY id'),
    listArchivistsOf: db.prepare<[string], { json: string }>(
      'SELECT json FROM archivists WHERE register_controller = ? ORDER BY id',
    ),
  };

  return {
    putOrganisation: (org) =>
      gate.run(() => {
        s.putOrg.run({ oid: org.oid, kind: org.kind, partOf: org.partOf ?? null, json: JSON.stringify(org) });
      }),
    getOrganisation: (oid) => gate.run(() => parseRow(s.getOrg.get(oid)) as Organisation | undefined),
    listOrganisations: (filter = {}) =>
      gate.run(() => {
        const where: string[] = [];
        const params: Record<string, string> = {};
        if (filter.kind !== undefined) {
          where.push('kind = @kind');
          params.kind = filter.kind satisfies OrganisationKind;
        }
        if (filter.partOf !== undefined) {
          where.push('part_of = @partOf');
          params.partOf = filter.partOf;
        }
        const sql = `SELECT json FROM organisations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY oid`;
        return db
          .prepare<Record<string, string>, { json: string }>(sql)
          .all(params)
          .map((row) => JSON.parse(row.json) as Organisation);
      }),

    putSystem: (system) =>
      gate.run(() => {
        s.putSystem.run(system.id, JSON.stringify(system));
      }),
    getSystem: (id) => gate.run(() => parseRow(s.getSystem.get(id)) as CertifiedSystem | undefined),
    listSystems: () =>
      gate.run(() => s.listSystems.all().map((row) => JSON.parse(row.json) as CertifiedSystem)),

    putCustomer: (customer) =>
      gate.run(() => {
        s.putCustomer.run(customer.orgOid, JSON.stringify(customer));
      }),
    getCustomer: (orgOid) => gate.run(() => parseRow(s.getCustomer.get(orgOid)) as Customer | undefined),
    listCustomers: () => gate.run(() => s.listCustomers.all().map((row) => JSON.parse(row.json) as Customer)),

    addTestPersons: (persons) =>
      gate.run(() =>
        db.transaction(() => {
          let seq = s.maxPoolSeq.get()?.seq ?? 0;
          let added = 0;
          for (const p of persons) {
            seq += 1;
            added += s.addPerson.run(p.hetu, seq, p.birthDate, p.sex, p.name ?? null).changes;
          }
          return added;
        })(),
      ),
    getTestPerson: (hetu) =>
      gate.run(() => {
        const row = s.getPerson.get(hetu);
        return row === undefined ? undefined : toPerson(row);
      }),
    listTestPersons: (filter = {}) =>
      gate.run(() => {
        const where: string[] = [];
        const params: Record<string, string> = {};
        if (filter.customer !== undefined) {
          where.push('customer = @customer');
          params.customer = filter.customer;
        }
        if (filter.vendor !== undefined) {
          where.push('vendor = @vendor');
          params.vendor = filter.vendor;
        }
        if (filter.issued !== undefined)
          where.push(filter.issued ? 'issued_at IS NOT NULL' : 'issued_at IS NULL');
        const sql = `SELECT * FROM test_persons ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY pool_seq`;
        return db.prepare<Record<string, string>, PersonRow>(sql).all(params).map(toPerson);
      }),
    issueTestPersons: (count: number, issue: TestPersonIssue) =>
      gate.run(() =>
        db.transaction(() => {
          const rows = s.unissued.all(count);
          for (const row of rows)
            s.markIssued.run(issue.vendor, issue.customer, issue.service, issue.issuedAt, row.hetu);
          return rows.map((row) => toPerson({ ...row, ...issueColumns(issue) }));
        })(),
      ),
    countUnissued: () => gate.run(() => s.countUnissued.get()?.n ?? 0),

    putArchivist: (archivist) =>
      gate.run(() => {
        s.putArchivist.run(archivist.id, archivist.registerController, JSON.stringify(archivist));
      }),
    getArchivist: (id) => gate.run(() => parseRow(s.getArchivist.get(id)) as Archivist | undefined),
    listArchivists: (filter = {}) =>
      gate.run(() =>
        (filter.registerController === undefined
          ? s.listArchivists.all()
          : s.listArchivistsOf.all(filter.registerController)
        ).map((row) => JSON.parse(row.json) as Archivist),
      ),
  };
}

function issueColumns(
  issue: TestPersonIssue,
): Pick<PersonRow, 'vendor' | 'customer' | 'service' | 'issued_at'> {
  return {
    vendor: issue.vendor,
    customer: issue.customer,
    service: issue.service,
    issued_at: issue.issuedAt,
  };
}
