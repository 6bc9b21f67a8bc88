/**
 * Kanta transactions and archive submissions sent at the same time share their validation and reading
 * with a worker thread, and are answered exactly as a simulator that does all of it on the event loop
 * answers them.
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
import { ptaMessage, REAL_RANGE_HETU as REAL_CDA_HETU } from '../../fixtures/cda/index.ts';
import { warmReadingWorkers } from '../../simulator/archive/read.ts';
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

/**
 * Sends the same bodies, all at once, to the simulator with a worker and to the one without; checks the
 * worker took some of the work, the simulator without one started none, and the answers agree. Returns
 * the answers' HTTP statuses, sorted and distinct.
 */
async function sameAnswers<B>(
  bodies: B[],
  send: (server: RunningServer, body: B) => Promise<unknown>,
): Promise<number[]> {
  const tryRun = vi.spyOn(WorkerPool.prototype, 'tryRun');
  try {
    const withWorkers = await Promise.all(bodies.map((b) => send(shared, b)));
    const taken = tryRun.mock.results.filter((r) => r.type === 'return' && r.value !== undefined).length;
    expect(taken).toBeGreaterThan(0);
    tryRun.mockClear();
    const onEventLoop = await Promise.all(bodies.map((b) => send(alone, b)));
    expect(tryRun).not.toHaveBeenCalled();
    expect(withWorkers).toEqual(onEventLoop);
    return [...new Set(withWorkers.map((a) => (a as { status: number }).status))].sort();
  } finally {
    tryRun.mockRestore();
  }
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
    expect(await sameAnswers(bundles(), answer)).toEqual([200, 400, 422]);
  });
});

/** The acknowledgement without what differs between two stores (ids, times). */
async function archived(server: RunningServer, body: string): Promise<unknown> {
  const res = await fetch(`${server.url}/archive/pta`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml', accept: 'application/json', 'accept-language': 'en' },
  });
  const json = (await res.json()) as {
    acknowledgement: string;
    outcome: string;
    details: { code: string; severity: string; location: string; text: string }[];
  };
  return {
    status: res.status,
    acknowledgement: json.acknowledgement,
    outcome: json.outcome,
    details: json.details.map((f) => `${f.severity} ${f.code} ${f.location} ${f.text}`).sort(),
  };
}

describe('archive reading shared with a worker thread', () => {
  it('acknowledges concurrent submissions as reading on the event loop does, and uses the worker for some', async () => {
    await warmReadingWorkers(1);
    const sent = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0
        ? ptaMessage({ patient: { root: '1.2.246.21', extension: REAL_CDA_HETU } }).message
        : i % 3 === 1
          ? ptaMessage().message.slice(0, -40)
          : ptaMessage().message,
    );
    expect(await sameAnswers(sent, archived)).toEqual([201, 400, 422]);
  });
});
