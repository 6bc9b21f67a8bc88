/**
 * Server configuration: defaults, environment variables and command-line flags meet here once.
 */
import { modeNamed, type ValidationMode } from './domain/policy.ts';

export interface Config {
  port: number;
  host: string;
  /** SQLite file path, or `:memory:`. */
  dbFile: string;
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
   * Shared mode: HTTPS with client certificates from this CA (see docs/shared-mode.md). Undefined is the
   * zero-configuration local mode: plain HTTP, open, one user.
   */
  tls?: TlsConfig;
  /** Refuse requests without `X-Request-Id` (Kanta FHIR HTTP header); on in TLS mode. */
  requireRequestId: boolean;
  /** Require a bearer token signed by the CA (`kantasim ca token`); only with `tls`. */
  requireJwt: boolean;
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
  requireJwt: false,
};

/** Reads `KANTASIM_*` variables; flags given on the command line override these later. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Config> {
  const partial: Partial<Config> = {};
  if (env.KANTASIM_PORT !== undefined) partial.port = parsePort(env.KANTASIM_PORT, 'KANTASIM_PORT');
  if (env.KANTASIM_HOST !== undefined) partial.host = env.KANTASIM_HOST;
  if (env.KANTASIM_DB !== undefined) partial.dbFile = env.KANTASIM_DB;
  if (env.KANTASIM_LOG_LEVEL !== undefined) partial.logLevel = env.KANTASIM_LOG_LEVEL;
  if (env.KANTASIM_MODE !== undefined) partial.mode = parseMode(env.KANTASIM_MODE);
  return partial;
}

export function parsePort(value: string, what = 'port'): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${what} must be a whole number from 0 to 65535, not '${value}'`);
  }
  return port;
}

/** A mode from the environment or the command line, read as the mode header is (`modeNamed`). */
export function parseMode(value: string): ValidationMode {
  const mode = modeNamed(value);
  if (mode !== undefined) return mode;
  throw new Error(`mode must be 'strict' or 'rehearsal', not '${value}'`);
}
