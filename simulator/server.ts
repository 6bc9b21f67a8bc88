/**
 * Starting and stopping the simulator: store, seed, HTTP listener, graceful shutdown.
 *
 * With `tls` (shared mode, docs/shared-mode.md) the listener is HTTPS: it asks every client for a
 * certificate and trusts only the local CA, but lets the handshake finish without one so that the gate
 * (`http/tls-auth.ts`) answers with a clear 401 and `/healthz` stays reachable. In that mode the
 * fixture world is seeded only when asked (`seed: true`) and `X-Request-Id` is required by default.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createApp, type App } from './app.ts';
import type { CdaSchema } from './archive/schema.ts';
import { issueServerCertificate, readCaCertificate } from './http/tls-ca.ts';
import { DEFAULT_CONFIG, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { isEmpty, seedWorld } from './registry/seed.ts';
import { openSqliteStore } from './store/sqlite/index.ts';
import { closeWorkerPools } from './workers/pool.ts';
import type { Store } from './store/types.ts';

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  app: App;
  store: Store;
  /** Stops accepting connections, lets in-flight requests finish, then closes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Use this store instead of opening `config.dbFile`. */
  store?: Store;
}

export async function startServer(
  overrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const shared = overrides.tls !== undefined;
  const config: Config = {
    ...DEFAULT_CONFIG,
    ...(shared && { seed: false, requireRequestId: true }),
    ...overrides,
  };
  const logger = options.logger ?? createLogger(config.logLevel);
  const store =
    options.store ??
    (config.store !== undefined
      ? // pg is loaded only for a shared PostgreSQL store.
        await (await import('./store/postgres/index.ts')).openPostgresStore(config.store)
      : openSqliteStore(config.dbFile));
  let app: App;
  try {
    // The CDA schema validator (libxml2's WebAssembly) is loaded only with --cda-schema.
    let cdaSchema: CdaSchema | undefined;
    if (config.cdaSchemaDir !== undefined) {
      const { loadCdaSchema, logSchemaChoice } = await import('./archive/schema.ts');
      cdaSchema = loadCdaSchema(config.cdaSchemaDir);
      logSchemaChoice(cdaSchema, config.cdaSchemaDir, logger);
    }
    app = createApp(config, store, logger, { ...(cdaSchema !== undefined && { cdaSchema }) });
  } catch (err) {
    if (!options.store) await store.close();
    throw err;
  }

  if (config.allowRealIdentities) {
    logger.warn(
      '!!! --allow-real-identities is ON: identity codes outside the test range (900–999) are accepted. ' +
        "This simulator must never hold real people's data. Turn it off unless you know exactly why it is on. !!!",
    );
  }
  if (config.seed && (await isEmpty(store))) {
    const seeded = await seedWorld(app.context.registry);
    logger.info(seeded, 'seeded the fixture world into an empty database');
  }

  const server = config.tls ? await httpsServer(config.tls, app) : createServer(app.express);
  server.keepAliveTimeout = 5_000;
  try {
    await listen(server, config.port, config.host);
  } catch (err) {
    if (!options.store) await store.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `${config.tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    {
      url,
      db: config.store !== undefined ? withoutPassword(config.store) : config.dbFile,
      mode: config.mode,
      ...(config.tls && { shared: true, ca: config.tls.caDir }),
    },
    'kantasim listening',
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve, reject) => {
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
      });
      app.closeStreams();
      server.closeIdleConnections();
      await closed;
      await closeWorkerPools();
      await store.close();
      logger.info('kantasim stopped');
    })();
    return closing;
  };
  return { url, port, app, store, close };
}

async function httpsServer(tls: NonNullable<Config['tls']>, app: App): Promise<Server> {
  const ca = readCaCertificate(tls.caDir);
  let cert: string;
  let key: string;
  if (tls.certFile !== undefined || tls.keyFile !== undefined) {
    if (tls.certFile === undefined || tls.keyFile === undefined)
      throw new Error('give both --cert and --key, or neither (kantasim then issues its own from the CA)');
    cert = readFileSync(tls.certFile, 'utf8');
    key = readFileSync(tls.keyFile, 'utf8');
  } else {
    ({ cert, key } = await issueServerCertificate(tls.caDir));
  }
  return createHttpsServer(
    { cert, key, ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
    app.express,
  );
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A store URL fit for a log line: a password in it becomes `***`. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable store URL)';
  }
}
