/**
 * Server configuration: defaults, environment variables and command-line flags meet here once.
 */
import { isLang, type Lang } from '../common/i18n/index.ts';
import { modeNamed, type ValidationMode } from './domain/policy.ts';

export interface Config {
  port: number;
  host: string;
  /** SQLite file path, or `:memory:`. */
  dbFile: string;
  /**
   * The store, when not the SQLite file: a `postgres://user@host:port/database[?schema=name]` URL for a
   * shared PostgreSQL store (several instances on one database; docs/postgres.md).
   */
  store?: string;
  /** Seed the fixture world into an empty database on start. */
  seed: boolean;
  /**
   * Accept identity codes outside the test range. Off by default: a test harness must never become a
   * store of real people's data. Turning it on is logged loudly at start.
   */
  allowRealIdentities: boolean;
  /** Default validation mode; a request may choose another with `X-Kantasim-Mode`. */
  mode: ValidationMode;
  /** Directory of CDA XSD files for optional schema validation of archived documents. */
  cdaSchemaDir?: string;
  /** Largest request body accepted, in bytes (archive default 20 MB). */
  maxBodyBytes: number;
  logLevel: string;
  /**
   * Refuse a FHIR request without `X-Request-Id` (400 + OperationOutcome), as Kanta's FHIR HTTP header
   * specification makes the header required. Off by default so that existing local clients keep working:
   * a missing header is then answered with a warning. The Kanta-faithful TLS mode switches it on.
   */
  requireRequestId: boolean;
  /**
   * The language of finding messages (OperationOutcome diagnostics, acknowledgement texts) when the
   * request's Accept-Language names none of fi, sv, en. Finnish by default, as Kanta answers in Finnish.
   */
  defaultLanguage: Lang;
  /**
   * Shared mode: HTTPS with client certificates from this CA (see docs/shared-mode.md). Undefined is the
   * zero-configuration local mode: plain HTTP, open, one user.
   */
  tls?: TlsConfig;
  /** Require a bearer token signed by the CA (`kantasim ca token`); only with `tls`. */
  requireJwt: boolean;
  /**
   * Worker threads that share the validation of Kanta transactions and the reading of archive
   * submissions with the event loop when requests overlap (`--workers`, `KANTASIM_WORKERS`); 0 keeps that
   * work on the event loop (archive bodies of megabytes still go to a worker). Default: one fewer than
   * the cores, at most 2, for each (`defaultWorkers`).
   */
  workers?: number;
}

export interface TlsConfig {
  /** Directory of the local CA (`kantasim ca init`). */
  caDir: string;
  /** Server certificate and key (PEM files); issued from the CA at start when not given. */
  certFile?: string;
  keyFile?: string;
}

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: '127.0.0.1',
  dbFile: './data/kantasim.db',
  seed: true,
  allowRealIdentities: false,
  mode: 'strict',
  maxBodyBytes: 20 * 1024 * 1024,
  logLevel: 'info',
  requireRequestId: false,
  defaultLanguage: 'fi',
  requireJwt: false,
};

/** Reads `KANTASIM_*` variables; flags given on the command line override these later. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Config> {
  const partial: Partial<Config> = {};
  if (env.KANTASIM_PORT !== undefined) partial.port = parsePort(env.KANTASIM_PORT, 'KANTASIM_PORT');
  if (env.KANTASIM_HOST !== undefined) partial.host = env.KANTASIM_HOST;
  if (env.KANTASIM_DB !== undefined) partial.dbFile = env.KANTASIM_DB;
  if (env.KANTASIM_STORE !== undefined && env.KANTASIM_STORE !== '')
    partial.store = parseStore(env.KANTASIM_STORE, 'KANTASIM_STORE');
  if (env.KANTASIM_LOG_LEVEL !== undefined) partial.logLevel = env.KANTASIM_LOG_LEVEL;
  if (env.KANTASIM_MODE !== undefined) partial.mode = parseMode(env.KANTASIM_MODE);
  if (env.KANTASIM_LANG !== undefined) partial.defaultLanguage = parseLang(env.KANTASIM_LANG);
  if (env.KANTASIM_WORKERS !== undefined)
    partial.workers = parseWorkers(env.KANTASIM_WORKERS, 'KANTASIM_WORKERS');
  return partial;
}

/** A store location: a PostgreSQL URL (a SQLite file is given with --db). */
export function parseStore(value: string, what = '--store'): string {
  if (/^postgres(ql)?:\/\/[^/]/i.test(value)) return value;
  throw new Error(
    `${what} must be a PostgreSQL URL such as postgres://kantasim@db.example:5432/kantasim, not '${value.replace(/:[^:@/]*@/, ':***@')}' (a SQLite file is given with --db)`,
  );
}

export function parsePort(value: string, what = 'port'): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${what} must be a whole number from 0 to 65535, not '${value}'`);
  }
  return port;
}

/** A number of worker threads (`--workers`, `KANTASIM_WORKERS`): 0 to 16. */
export function parseWorkers(value: string, what = '--workers'): number {
  const n = Number(value);
  if (value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 16) return n;
  throw new Error(`${what} must be a whole number from 0 to 16, not '${value}'`);
}

/** The operator's default answer language (`--lang`, `KANTASIM_LANG`): fi, sv or en. */
export function parseLang(value: string): Lang {
  const lang = value.trim().toLowerCase();
  if (isLang(lang)) return lang;
  throw new Error(`language must be 'fi', 'sv' or 'en', not '${value}'`);
}

/** A mode from the environment or the command line, read as the mode header is (`modeNamed`). */
export function parseMode(value: string): ValidationMode {
  const mode = modeNamed(value);
  if (mode !== undefined) return mode;
  throw new Error(`mode must be 'strict' or 'rehearsal', not '${value}'`);
}
