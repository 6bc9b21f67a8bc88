/**
 * `kantasim serve`: runs the simulator until SIGINT, SIGTERM or SIGHUP, then shuts down gracefully
 * (in-flight requests finish, the database is closed cleanly) and exits.
 *
 * It exits however it was started (a terminal, `npx kantasim serve`, an npm script, a CI service or
 * `docker stop`): a client that keeps a request open cannot hold the shutdown past SHUTDOWN_GRACE_MS,
 * a second signal exits at once, and the process exits explicitly once the store is closed, so nothing
 * left on the event loop (a keep-alive socket, a worker) keeps it running.
 */
import { Command, Option } from 'commander';
import {
  DEFAULT_CONFIG,
  configFromEnv,
  parseLang,
  parseWorkers,
  parseMode,
  parsePort,
  parseStore,
  type Config,
} from '../simulator/config.ts';
import { DEFAULT_CA_DIR } from '../simulator/http/tls-ca.ts';
import { startServer } from '../simulator/server.ts';

/** How long in-flight requests get to finish after the first signal. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** The signals that stop the simulator. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
  store?: string;
  seed?: boolean;
  tls?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  requireJwt?: boolean;
  allowRealIdentities?: boolean;
  rehearsal?: boolean;
  mode?: string;
  cdaSchema?: string;
  logLevel?: string;
  lang?: string;
  workers?: string;
}

export function serveCommand(): Command {
  return (
    new Command('serve')
      .description('start the Kanta simulator (FHIR, archive, registries, event log, viewer) on one port')
      .option('-p, --port <n>', `port to listen on (env KANTASIM_PORT; default ${DEFAULT_CONFIG.port})`)
      .option('--host <addr>', `address to bind (env KANTASIM_HOST; default ${DEFAULT_CONFIG.host})`)
      .option('--db <file>', `SQLite file, or :memory: (env KANTASIM_DB; default ${DEFAULT_CONFIG.dbFile})`)
      .option(
        '--store <url>',
        'shared PostgreSQL store, postgres://user@host:port/database[?schema=name], for several instances behind a load balancer (env KANTASIM_STORE; default: the SQLite file of --db)',
      )
      .option('--seed', 'seed the fixture world into an empty database (the default, except with --tls)')
      .option('--no-seed', 'do not seed the fixture world into an empty database')
      .option(
        '--tls',
        'shared mode: HTTPS with client certificates from the CA of --ca (see docs/shared-mode.md)',
      )
      .option('--ca <dir>', `with --tls: the CA directory (kantasim ca init; default ${DEFAULT_CA_DIR})`)
      .option('--cert <file>', 'with --tls: server certificate (PEM); issued from the CA when not given')
      .option('--key <file>', 'with --tls: private key of --cert (PEM)')
      .option('--require-jwt', 'with --tls: require a bearer token from kantasim ca token on every request')
      // One way to choose the mode: --mode. --rehearsal stays accepted for older scripts, out of the help.
      .addOption(new Option('--rehearsal', 'the same as --mode rehearsal').hideHelp())
      .addOption(
        new Option(
          '--mode <mode>',
          'validation mode: strict refuses invalid submissions; rehearsal stores them tagged invalid and answers with warnings (env KANTASIM_MODE; default strict)',
        ).choices(['strict', 'rehearsal']),
      )
      .option(
        '--cda-schema <dir>',
        'validate archived CDA documents against the XSD set in this directory: CDA_Fi.xsd (or CDA.xsd) for the Patient Data Repository, CDA_Fi_sos.xsd for social welfare',
      )
      .option(
        '--allow-real-identities',
        'DANGER: accept identity codes outside the test range; logged loudly. Never use with real data.',
      )
      .option('--log-level <level>', 'pino log level (env KANTASIM_LOG_LEVEL; default info)')
      .option(
        '--lang <fi|sv|en>',
        'language of finding messages when a request has no matching Accept-Language (env KANTASIM_LANG; default fi)',
      )
      .option(
        '--workers <n>',
        'worker threads that share validating Kanta transactions and reading archive submissions when requests overlap, 0 for none (env KANTASIM_WORKERS; default: one fewer than the cores for each, at most 2)',
      )
      .action(async (opts: ServeOptions) => {
        const config: Partial<Config> = { ...configFromEnv() };
        if (opts.port !== undefined) config.port = parsePort(opts.port, '--port');
        if (opts.host !== undefined) config.host = opts.host;
        if (opts.db !== undefined) config.dbFile = opts.db;
        if (opts.store !== undefined) config.store = parseStore(opts.store);
        if (opts.tls === true) {
          config.tls = {
            caDir: opts.ca ?? DEFAULT_CA_DIR,
            ...(opts.cert !== undefined && { certFile: opts.cert }),
            ...(opts.key !== undefined && { keyFile: opts.key }),
          };
          config.requireRequestId = true;
          if (opts.requireJwt === true) config.requireJwt = true;
        } else if (opts.ca !== undefined || opts.cert !== undefined || opts.requireJwt === true) {
          throw new Error('--ca, --cert, --key and --require-jwt belong to shared mode: add --tls');
        }
        // Shared mode seeds the fixture world only when asked: other vendors' data must be chosen.
        config.seed = opts.seed ?? opts.tls !== true;
        if (opts.mode !== undefined) config.mode = parseMode(opts.mode);
        if (opts.rehearsal === true) config.mode = 'rehearsal';
        if (opts.cdaSchema !== undefined) config.cdaSchemaDir = opts.cdaSchema;
        if (opts.allowRealIdentities === true) config.allowRealIdentities = true;
        if (opts.logLevel !== undefined) config.logLevel = opts.logLevel;
        if (opts.lang !== undefined) config.defaultLanguage = parseLang(opts.lang);
        if (opts.workers !== undefined) config.workers = parseWorkers(opts.workers, '--workers');

        const server = await startServer(config);
        let stopping = false;
        const stop = (signal: NodeJS.Signals): void => {
          if (stopping) {
            process.stderr.write(`kantasim: ${signal} received again, exiting now\n`);
            process.exit(1);
          }
          stopping = true;
          process.stderr.write(`kantasim: ${signal} received, finishing in-flight requests…\n`);
          const force = setTimeout(() => {
            process.stderr.write(
              `kantasim: requests still open after ${SHUTDOWN_GRACE_MS / 1000} s, exiting without them\n`,
            );
            process.exit(1);
          }, SHUTDOWN_GRACE_MS);
          force.unref();
          server.close().then(
            () => process.exit(0),
            (err: unknown) => {
              process.stderr.write(`kantasim: shutdown failed: ${String(err)}\n`);
              process.exit(1);
            },
          );
        };
        for (const signal of STOP_SIGNALS) process.on(signal, stop);
      })
  );
}
