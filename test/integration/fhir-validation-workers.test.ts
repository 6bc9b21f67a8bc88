/**
 * Kanta transactions sent at the same time share their validation with a worker thread, and are
 * answered exactly as a simulator that validates every one on the event loop answers them.
 */
import type { Bundle, BundleEntry } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  kantaAppointment,
  ORG_NOT_DEPLOYED,
  REAL_RANGE_HETU,
  storeBundle,
  TEST_HETUS,
} from '../../fixtures/fhir/appointment.ts';
import { warmValidationWorkers } from '../../simulator/fhir/appointments/validation.ts';
import type { RunningServer } from '../../simulator/server.ts';
import { WorkerPool } from '../../simulator/workers/pool.ts';
import { startTestSimulator } from '../support/sim.ts';

let shared: RunningServer;
let alone: RunningServer;

beforeAll(async () => {
  shared = await startTestSimulator({ workers: 1 });
  alone = await startTestSimulator({ workers: 0 });
});
afterAll(async () => {
  await shared.close();
  await alone.close();
});

/** Valid and refused transactions, each answered with its own findings. */
function bundles(): Bundle[] {
  const out: Bundle[] = [];
  for (let i = 0; i < 16; i++) {
    const hetu = TEST_HETUS[i % TEST_HETUS.length] ?? '010181-900C';
    switch (i % 4) {
      case 0:
        out.push(storeBundle(kantaAppointment({ hetu, identifier: `AJ-W-${i}` })));
        break;
      case 1:
        out.push(storeBundle(kantaAppointment({ hetu: REAL_RANGE_HETU, identifier: `AJ-W-${i}` })));
        break;
      case 2:
        out.push(
          storeBundle(kantaAppointment({ hetu, identifier: `AJ-W-${i}` }), { organiser: ORG_NOT_DEPLOYED }),
        );
        break;
      default: {
        const b = storeBundle(kantaAppointment({ hetu, identifier: `AJ-W-${i}` }));
        (b.entry?.[0]?.resource as unknown as Record<string, unknown>).colour = 'blue';
        out.push(b);
      }
    }
  }
  return out;
}

/** The answer without what differs between two stores: ids, versions, times. */
async function answer(server: RunningServer, body: Bundle): Promise<unknown> {
  const res = await fetch(`${server.url}/fhir`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', 'Accept-Language': 'en' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { resourceType: string; entry?: BundleEntry[]; issue?: unknown[] };
  return {
    status: res.status,
    resourceType: json.resourceType,
    issue: json.issue,
    entries: json.entry?.map((e) => ({ status: e.response?.status, outcome: e.response?.outcome })),
  };
}

describe('validation shared with a worker thread', () => {
  it('validates transactions sent one at a time on the event loop, without starting a worker', async () => {
    const tryRun = vi.spyOn(WorkerPool.prototype, 'tryRun');
    try {
      for (const i of [1, 2, 3]) {
        const one = await answer(shared, storeBundle(kantaAppointment({ identifier: `AJ-W-lone-${i}` })));
        expect((one as { status: number }).status).toBe(200);
      }
      expect(tryRun).not.toHaveBeenCalled();
    } finally {
      tryRun.mockRestore();
    }
  });

  it('answers concurrent transactions as validation on the event loop does, and uses the worker for some', async () => {
    // The first concurrent transactions start the worker; once it has loaded, it takes validation.
    await warmValidationWorkers(1);
    const tryRun = vi.spyOn(WorkerPool.prototype, 'tryRun');
    try {
      const sent = bundles();
      const withWorkers = await Promise.all(sent.map((b) => answer(shared, b)));
      const taken = tryRun.mock.results.filter((r) => r.type === 'return' && r.value !== undefined).length;
      expect(taken).toBeGreaterThan(0);
      tryRun.mockClear();
      const onEventLoop = await Promise.all(sent.map((b) => answer(alone, b)));
      expect(tryRun).not.toHaveBeenCalled();
      expect(withWorkers).toEqual(onEventLoop);
      const statuses = new Set(withWorkers.map((a) => (a as { status: number }).status));
      expect([...statuses].sort()).toEqual([200, 400, 422]);
    } finally {
      tryRun.mockRestore();
    }
  });
});
