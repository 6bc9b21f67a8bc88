/**
 * The counter tables behind exact totals (fhir migration 3, archive migration 4) are filled from the
 * rows a database already has when it is upgraded, and kept by triggers afterwards.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { archiveMigrations } from './archive.ts';
import { fhirMigrations } from './fhir.ts';
import { migrate } from './migrate.ts';

const before = (area: typeof fhirMigrations, version: number): typeof fhirMigrations => ({
  area: area.area,
  migrations: area.migrations.slice(0, version),
});

describe('counters on upgrade', () => {
  it('fills the FHIR and archive counters from existing rows, then keeps them', () => {
    const db = new Database(':memory:');
    migrate(db, [before(fhirMigrations, 2), before(archiveMigrations, 3)]);
    const version = db.prepare(
      `INSERT INTO fhir_versions (type, id, version, last_updated, lu_ms, deleted, invalid, json)
       VALUES (?, ?, ?, '2025-01-01T00:00:00Z', 0, ?, 0, '{}')`,
    );
    const current = db.prepare(
      'INSERT INTO fhir_current (type, id, version, deleted, lu_ms) VALUES (?, ?, ?, ?, 0)',
    );
    for (let n = 0; n < 5; n++) {
      version.run('Slot', `s${n}`, 1, 0);
      current.run('Slot', `s${n}`, 1, 0);
    }
    version.run('Slot', 's0', 2, 1);
    db.prepare("UPDATE fhir_current SET version = 2, deleted = 1 WHERE id = 's0'").run();
    const doc = db.prepare(
      `INSERT INTO archive_documents (oid, repository, set_id, version_number, status, valid, patient,
         document_type, effective_at, custodian, json, xml)
       VALUES (?, 'pta', ?, 1, ?, 1, 'p', ?, ?, ?, '{}', x'00')`,
    );
    doc.run('d1', 'd1', 'current', '1', '2025-03-05T10:00:00', 'c1');
    doc.run('d2', 'd2', 'current', '1', '2025-03-06T10:00:00', 'c2');
    doc.run('d3', 'd3', 'replaced', null, null, null);

    migrate(db, [fhirMigrations, archiveMigrations]);
    expect(db.prepare('SELECT type, live, deleted, versions FROM fhir_counts').all()).toEqual([
      { type: 'Slot', live: 4, deleted: 1, versions: 6 },
    ]);
    const counts = (): unknown[] =>
      db
        .prepare(
          'SELECT document_type, custodian, day, status, n FROM archive_counts WHERE n > 0 ORDER BY 1, 2, 3, 4',
        )
        .all();
    expect(counts()).toEqual([
      { document_type: '', custodian: '', day: '', status: 'replaced', n: 1 },
      { document_type: '1', custodian: 'c1', day: '2025-03-05', status: 'current', n: 1 },
      { document_type: '1', custodian: 'c2', day: '2025-03-06', status: 'current', n: 1 },
    ]);

    // Kept by the triggers from here on: a change of status or day moves the count.
    db.prepare(
      "UPDATE archive_documents SET status = 'nullified', effective_at = '2025-04-01' WHERE oid = 'd1'",
    ).run();
    db.prepare("DELETE FROM archive_documents WHERE oid = 'd2'").run();
    expect(counts()).toEqual([
      { document_type: '', custodian: '', day: '', status: 'replaced', n: 1 },
      { document_type: '1', custodian: 'c1', day: '2025-04-01', status: 'nullified', n: 1 },
    ]);
    version.run('Slot', 's0', 3, 0);
    db.prepare("UPDATE fhir_current SET version = 3, deleted = 0 WHERE id = 's0'").run();
    db.prepare("DELETE FROM fhir_current WHERE id = 's4'").run();
    expect(db.prepare('SELECT live, deleted, versions FROM fhir_counts').get()).toEqual({
      live: 4,
      deleted: 0,
      versions: 7,
    });
    db.close();
  });
});
