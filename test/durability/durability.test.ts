/**
 * Crash durability in `npm test`: a short run of the same check `npm run durability` makes (3 kill -9
 * cycles against a real `kantasim serve` process on one SQLite file), and a self-test that damages the
 * store on purpose between the last kill and the restart, so a check that stopped looking would fail.
 * The long run (`npm run durability -- --long`, 30 kills) is the release bar.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { durable, runDurability } from '../../scripts/durability/durability.ts';

describe('crash durability (kill -9 of a real server process)', () => {
  it('loses no acknowledged submission and leaves nothing half-written over 3 kills', async () => {
    const report = await runDurability({ seed: 20260915, kills: 3, killAfterMs: [200, 1200] });
    expect(report.problems).toEqual([]);
    expect(report.refused).toEqual([]);
    expect(report.kills).toBe(3);
    const a = report.acknowledged;
    expect(a.appointmentStores).toBeGreaterThan(0);
    expect(a.documents).toBeGreaterThan(0);
    expect(durable(report)).toBe(true);
    // A safety net, not a speed assertion: four process starts on a busy machine take minutes.
  }, 300_000);

  it('notices a Provenance, an archiving event and a replaced mark gone missing', async () => {
    const report = await runDurability({
      seed: 7,
      kills: 1,
      killAfterMs: [1500, 1600],
      beforeFinalRestart: (file) => {
        const db = new Database(file);
        try {
          db.exec(`
            DELETE FROM fhir_index WHERE type = 'Provenance';
            DELETE FROM fhir_current WHERE type = 'Provenance';
            DELETE FROM fhir_versions WHERE type = 'Provenance';
            DELETE FROM events WHERE seq = (SELECT MIN(seq) FROM events WHERE kind = 'document.archive');
            UPDATE archive_documents
               SET status = 'current', json = json_remove(json_set(json, '$.status', 'current'), '$.replacedBy')
             WHERE status = 'replaced';
          `);
        } finally {
          db.close();
        }
      },
    });
    const text = report.problems.join('\n');
    expect(text).toMatch(/half-written: Appointment\/\S+ version 1 has no Provenance/);
    expect(text).toMatch(/half-written: document \S+ has no archiving event/);
    expect(text).toMatch(/half-written: \S+ replaces \S+, which is current/);
    expect(durable(report)).toBe(false);
  }, 180_000);
});
