/**
 * Three `kantasim serve --store postgres://…` processes on one PostgreSQL (the throwaway cluster of
 * test/setup/global-postgres.ts) behave as one simulator:
 *
 * - 200 Kanta appointment transactions spread over the three, one instance killed with `kill -9` during
 *   the run (a client whose instance died retries at the next one, as behind a load balancer); every
 *   transaction that was acknowledged is then found through the surviving instances;
 * - 20 parallel conditional creates (If-None-Exist) through two instances create exactly one resource;
 * - one instance's event log shows the writes made through all three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from 'fhir/r4.js';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { generateTestHetus } from '../../simulator/domain/hetu.ts';
import { startSimProcess, type SimProcess } from '../support/process.ts';
import { freshSchemaUrl } from '../setup/postgres-store.ts';

const FHIR = 'application/fhir+json';
let instances: SimProcess[] = [];
/** The appointments the first test had acknowledged, with the instance that answered. */
const acknowledged: { instance: number; location: string }[] = [];

beforeAll(async () => {
  const store = freshSchemaUrl('multi');
  // The first one migrates and seeds the empty schema; the others find it ready.
  const first = await startSimProcess(':memory:', ['--store', store]);
  // One at a time: each start compiles the FHIR validators, CPU-bound on a small CI machine.
  const second = await startSimProcess(':memory:', ['--store', store, '--no-seed']);
  const third = await startSimProcess(':memory:', ['--store', store, '--no-seed']);
  instances = [first, second, third];
}, 240_000);

afterAll(async () => {
  await Promise.all(instances.map((p) => p.stop().catch(() => undefined)));
});

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/fhir/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': FHIR, Accept: FHIR, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('three instances on one PostgreSQL', () => {
  it('loses no acknowledged transaction when one instance is killed with kill -9 mid-run', async () => {
    const hetus = generateTestHetus(200, { seed: 'pg-multi' }).map((h) => h.code);
    const alive = new Set([0, 1, 2]);
    let sent = 0;
    const victim = instances[2];
    const one = async (i: number): Promise<void> => {
      let target = i % 3;
      for (let attempt = 0; attempt < 3; attempt++) {
        if (!alive.has(target)) target = (target + 1) % 3;
        if (!alive.has(target)) target = (target + 1) % 3;
        try {
          const res = await post(
            instances[target]?.url ?? '',
            '',
            storeBundle(kantaAppointment({ hetu: hetus[i] ?? '', identifier: `AJ-PG-${i}` })),
          );
          expect(res.status).toBe(200);
          const entry = (res.body as unknown as Bundle).entry ?? [];
          const location = entry[0]?.response?.location ?? '';
          acknowledged.push({ instance: target, location });
          return;
        } catch (err) {
          // The connection to a killed instance fails: the client tries the next one.
          if (alive.has(target)) throw err;
        }
      }
    };
    const workers = Array.from({ length: 8 }, async () => {
      while (sent < 200) {
        const i = sent++;
        if (i === 70 && victim) {
          alive.delete(2);
          void victim.kill9();
        }
        await one(i);
      }
    });
    await Promise.all(workers);
    expect(acknowledged.length).toBe(200);
    expect(new Set(acknowledged.map((a) => a.instance)).size).toBe(3);

    // Every acknowledged appointment, through each survivor.
    for (const [n, a] of acknowledged.entries()) {
      const path = a.location.replace(/\/_history\/\d+$/, '');
      const res = await fetch(`${instances[n % 2]?.url ?? ''}/fhir/${path}`, { headers: { Accept: FHIR } });
      expect(res.status, path).toBe(200);
    }
  }, 180_000);

  it('creates exactly one resource from 20 parallel conditional creates through two instances', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          instances[i % 2]?.url ?? '',
          'Practitioner',
          { resourceType: 'Practitioner', name: [{ family: 'Rinnakkainen' }] },
          { 'If-None-Exist': 'name=Rinnakkainen' },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    const found = await fetch(`${instances[1]?.url ?? ''}/fhir/Practitioner?name=Rinnakkainen`, {
      headers: { Accept: FHIR },
    });
    expect(((await found.json()) as Bundle).total).toBe(1);
  }, 60_000);

  it("shows in one instance's event log the writes made through all three", async () => {
    const res = await fetch(`${instances[0]?.url ?? ''}/events?channel=fhir&limit=1000`);
    const log = (await res.json()) as { events: { kind: string; resourceIds?: string[] }[] };
    const written = log.events.filter((e) => e.kind === 'appointment.store');
    // The 200 acknowledged transactions, made through instances 0, 1 and 2 (until it was killed), each
    // with its event. A transaction the killed instance committed but could not answer was sent again
    // to another one: at most the 8 in flight at the kill are there twice.
    const logged = new Set(
      written.flatMap((e) => (e.resourceIds ?? []).map((r) => r.replace(/\/_history\/\d+$/, ''))),
    );
    expect(acknowledged).toHaveLength(200);
    for (const a of acknowledged)
      expect(logged.has(a.location.replace(/\/_history\/\d+$/, '')), a.location).toBe(true);
    expect(written.length).toBeGreaterThanOrEqual(200);
    expect(written.length).toBeLessThanOrEqual(208);
  }, 60_000);
});
