import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeFhirContract } from '../fhir.contract.ts';
import { openSqliteStore } from './index.ts';

describeFhirContract('SQLite :memory:', () => Promise.resolve(openSqliteStore(':memory:')));

const dir = mkdtempSync(join(tmpdir(), 'kantasim-fhir-store-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
describeFhirContract('SQLite file', () => Promise.resolve(openSqliteStore(join(dir, `fhir-${++n}.db`))));
