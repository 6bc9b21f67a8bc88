/**
 * The server log: JSON lines (pino) on stdout.
 *
 * Every line passes the identity guard's mask on its way to the stream (`hooks.streamWrite`), in every
 * mode: request URLs, messages and error details may carry an identity code a client sent, and a log
 * is the last place a real person's code should survive. Masking the finished line covers every field
 * and every future log call at one choke point.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskText } from './domain/identity-guard.ts';

export type { Logger };

/** JSON logs on stdout (or `destination`), real-range identity codes masked; `level: 'silent'` for tests. */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'kantasim' }, hooks: { streamWrite: maskText } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
