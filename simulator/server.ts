/**
 * Starting and stopping the simulator: store, seed, HTTP listener, graceful shutdown.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createApp, type App } from './app.ts';
import { DEFAULT_CONFIG, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { isEmpty, seedWorld } from './registry/seed.ts';
import { openSqliteStore } from './store/sqlite/index.ts';
import { openPostgresStore } from './store/postgres/index.ts';
import { closeWorkerPools } from './xml/worker-pool.ts';
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
  const config: Config = { ...DEFAULT_CONFIG, ...overrides };
  const logger = options.logger ?? createLogger(config.logLevel);
  const store =
    options.store ??
    (config.store !== undefined ? await openPostgresStore(config.store) : openSqliteStore(config.dbFile));
  const app = createApp(config, store, logger);

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

  const server = createServer(app.express);
  server.keepAliveTimeout = 5_000;
  try {
    await listen(server, config.port, config.host);
  } catch (err) {
    if (!options.store) await store.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    {
      url,
      db: config.store !== undefined ? withoutPassword(config.store) : config.dbFile,
      mode: config.mode,
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
