/**
 * The conformance suite's data check (test/conformance/data.ts): a folder that is absent, or lacks
 * files, is reported path by path with what belongs there, never as the ENOENT of a first read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_FILES, missingConformanceData } from '../conformance/data.ts';

describe('conformance data check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kantasim-conformance-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the folder itself when it does not exist', () => {
    const absent = join(dir, 'absent');
    expect(missingConformanceData(absent)).toEqual([`${absent} (the conformance folder itself)`]);
  });

  it('names each missing file with what it is, and nothing once all are there', () => {
    mkdirSync(join(dir, 'fhir'));
    writeFileSync(join(dir, 'fhir', 'finnish-scheduling-appointment.json'), '{}');
    const missing = missingConformanceData(dir);
    expect(missing).toHaveLength(Object.keys(CONFORMANCE_FILES).length - 1);
    expect(missing).toContain(
      `${join(dir, 'messages/RCMR_IN100002FI01.xml')} (${CONFORMANCE_FILES['messages/RCMR_IN100002FI01.xml']})`,
    );
    expect(missing.join('\n')).not.toContain('finnish-scheduling');
    for (const file of Object.keys(CONFORMANCE_FILES)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), '');
    }
    expect(missingConformanceData(dir)).toEqual([]);
  });
});
