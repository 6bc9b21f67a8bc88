/**
 * A Kanta transaction's validation gives the same answer on the event loop and in a worker thread: the
 * worker parses the request's text again and answers with plain data, which the service pairs with the
 * resources it parsed itself.
 */
import type { Appointment, Bundle, BundleEntry } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  kantaAppointment,
  nullifyBundle,
  ORG_NOT_DEPLOYED,
  REAL_RANGE_HETU,
  replaceBundle,
  storeBundle,
} from '../../../fixtures/fhir/appointment.ts';
import { WorkerPool } from '../../workers/pool.ts';
import { kantaShape } from '../handlers/kanta-transaction.ts';
import {
  validateOperation,
  validateTransaction,
  validateTransactionText,
  type ValidationFindings,
} from './validation.ts';

const context = { allowRealIdentities: false, now: new Date('2026-10-01T12:00:00+03:00') };

const withAppointment = (b: Bundle, change: (a: Record<string, unknown>) => void): Bundle => {
  const copy = structuredClone(b);
  change(copy.entry?.[0]?.resource as unknown as Record<string, unknown>);
  return copy;
};

/** Valid and invalid transactions of every operation, refused at every layer. */
const CASES: [string, Bundle][] = [
  ['a valid store', storeBundle()],
  ['a valid replace', replaceBundle('a1', kantaAppointment({ status: 'cancelled' }), { ifMatch: 'W/"1"' })],
  ['a valid nullify', nullifyBundle('a1')],
  ['a real identity code', storeBundle(kantaAppointment({ hetu: REAL_RANGE_HETU }))],
  ['an organiser in the future', storeBundle(kantaAppointment(), { recorded: '2027-01-01T00:00:00+02:00' })],
  ['another organiser', storeBundle(kantaAppointment(), { organiser: ORG_NOT_DEPLOYED })],
  [
    'a wrong status code',
    withAppointment(storeBundle(), (a) => {
      a.status = 'maybe';
    }),
  ],
  [
    'a string where R4 has an object',
    withAppointment(storeBundle(), (a) => {
      a.priority = 'high';
    }),
  ],
  [
    'an element R4 does not know',
    withAppointment(storeBundle(), (a) => {
      a.colour = 'blue';
    }),
  ],
  [
    'no participant',
    withAppointment(storeBundle(), (a) => {
      delete a.participant;
    }),
  ],
];

const operationOf = (b: Bundle): ReturnType<typeof kantaShape> => kantaShape(b.entry ?? []);

let pool: WorkerPool;
beforeAll(async () => {
  pool = new WorkerPool({ module: new URL('./validation.ts', import.meta.url).href, size: 1 });
  await pool.warm();
});
afterAll(async () => {
  await pool.close();
});

describe('Kanta transaction validation in a worker thread', () => {
  it.each(CASES)('%s: the worker finds what the event loop finds', async (_name, bundle) => {
    const text = JSON.stringify(bundle);
    const here = validateOperation(bundle.entry ?? [], operationOf(bundle), context);
    const job = pool.tryRun<ValidationFindings>('validateTransactionText', [
      text,
      operationOf(bundle),
      context,
    ]);
    expect(job).toBeDefined();
    expect(await job).toEqual(here);
    expect(validateTransactionText(text, operationOf(bundle), context)).toEqual(here);
  });

  it('the cases cover refusals of both kinds and an accepted transaction', () => {
    const found = CASES.map(([, b]) => validateOperation(b.entry ?? [], operationOf(b), context));
    expect(found.some((f) => f.refuseWith === 400)).toBe(true);
    expect(found.some((f) => f.refuseWith === 422)).toBe(true);
    expect(found.some((f) => f.refuseWith === undefined && f.findings.length === 0)).toBe(true);
    expect(found.some((f) => f.findings.some((x) => x.guard === true))).toBe(true);
  });

  it('pairs what was found with the resources the caller parsed', async () => {
    const bundle = storeBundle();
    const entries: BundleEntry[] = JSON.parse(JSON.stringify(bundle.entry)) as BundleEntry[];
    const v = await validateTransaction(entries, operationOf(bundle), context, {
      text: JSON.stringify(bundle),
      workers: 0,
      concurrent: true,
    });
    expect(v.appointment).toBe(entries[0]?.resource as Appointment);
    expect(v.provenance).toBe(entries[1]?.resource);
    expect(v.patient).toBeDefined();
    const refused = withAppointment(bundle, (a) => {
      a.colour = 'blue';
    });
    const r = await validateTransaction(refused.entry ?? [], operationOf(refused), context, {
      text: undefined,
      workers: 1,
      concurrent: true,
    });
    expect(r.refuseWith).toBe(400);
    expect(r.appointmentReadable).toBe(false);
    expect(r.patient).toBeUndefined();
  });
});
