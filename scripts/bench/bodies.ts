/**
 * Request bodies the HTTP benchmarks send, built the same way in the benchmark's process and in the
 * load client's (`load-client.ts`), so only a function name and its arguments cross between them.
 */
import { ptaMessage } from '../../fixtures/cda/index.ts';
import { kantaAppointment, storeBundle } from '../../fixtures/fhir/appointment.ts';
import { generateTestHetus } from '../../simulator/domain/hetu.ts';

/** `count` RCMR_IN100002FI01 messages, each with a document padded to about `documentBytes`. */
export function ptaMessages(count: number, documentBytes: number): string[] {
  return Array.from({ length: count }, () => ptaMessage({ padToBytes: documentBytes - 3000 }).message);
}

/** `count` Kanta store transactions (Appointment + Provenance), a test person each, from `seed`. */
export function kantaStoreBundles(count: number, seed: string, identifierPrefix: string): string[] {
  return generateTestHetus(count, { seed }).map((x, i) =>
    JSON.stringify(storeBundle(kantaAppointment({ hetu: x.code, identifier: `${identifierPrefix}-${i}` }))),
  );
}

/** One store transaction, sent again and again to warm a server up (the same appointment each time). */
export function kantaWarmBundle(): string[] {
  return [JSON.stringify(storeBundle(kantaAppointment({ hetu: '010181-900C' })))];
}
