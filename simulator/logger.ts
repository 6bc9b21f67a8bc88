import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout (pino); `level: 'silent'` for tests. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { service: 'kantasim' } });
}
