/**
 * `node --import tsx scripts/bench/store-floor.ts [COUNT]`: the store's part of a Kanta store
 * transaction alone, in process, 16 at a time into a SQLite file (group commit as in the server): the
 * duplicate-identifier search, the organisation lookup, the Appointment and its Provenance with their
 * search rows, and the event. No HTTP, no validation. Prints the rate and the CPU time per transaction:
 * the least the store costs when nothing else runs between its statements (in the server the same
 * statements cost more, their caches shared with everything else).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Appointment, Provenance } from 'fhir/r4.js';
import { openSqliteStore } from '../../simulator/store/sqlite/index.ts';
import { extractIndex } from '../../simulator/fhir/search-params.ts';
import { newId } from '../../simulator/fhir/write.ts';
import { kantaStoreBundles } from './bodies.ts';
import { runConcurrent } from './harness.ts';

const count = Number(process.argv[2] ?? 6000);
const WARM = 2000;
const dir = mkdtempSync(join(tmpdir(), 'kantasim-store-floor-'));
const store = openSqliteStore(join(dir, 'floor.db'));
const transactions = kantaStoreBundles(WARM + count, 'store-floor', 'AJ-F').map((text) => {
  const bundle = JSON.parse(text) as { entry: { resource: Appointment | Provenance }[] };
  return bundle.entry.map((e) => e.resource) as [Appointment, Provenance];
});

const storeOne = (i: number): Promise<void> =>
  store.transaction(async (tx) => {
    const [a, p] = transactions[i] ?? [];
    if (a === undefined || p === undefined) throw new Error(`no transaction ${i}`);
    const appointment = { ...a, id: newId() };
    const provenance = {
      ...p,
      id: newId(),
      target: [{ reference: `Appointment/${appointment.id}/_history/1` }],
    };
    const ident = a.identifier?.[0];
    await tx.fhir.search({
      resourceType: 'Appointment',
      criteria: [
        {
          param: 'identifier',
          kind: 'token',
          values: [{ system: ident?.system ?? '', code: ident?.value ?? '' }],
        },
      ],
      count: 1,
      offset: 0,
    });
    await tx.registry.getOrganisation('1.2.246.10.1234567.10.1');
    await tx.fhir.create(appointment, { index: extractIndex(appointment) });
    await tx.fhir.create(provenance, { index: extractIndex(provenance) });
    await tx.events.append({
      channel: 'fhir',
      service: 'pta-appointment',
      kind: 'appointment.store',
      outcome: 'accepted',
      organisation: '1.2.246.10.1234567.10.1',
      patient: '010181-900C',
      resourceIds: [`Appointment/${appointment.id}/_history/1`, `Provenance/${provenance.id}/_history/1`],
      findings: [],
      summary: `Kanta store of Appointment/${appointment.id}`,
      requestId: 'store-floor',
    });
  });

try {
  await runConcurrent(WARM, 16, storeOne);
  const cpu0 = process.cpuUsage();
  const r = await runConcurrent(count, 16, (i) => storeOne(WARM + i));
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `store part of a Kanta transaction: ${r.opsPerSec.toFixed(0)}/s, CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(3)} ms per transaction (n ${count}, 16 at a time)`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
