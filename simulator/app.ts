/**
 * Composition root: config → store → services → routers. Nothing else wires modules together.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { ArchiveIntake } from './archive/intake.ts';
import { archiveRoutes } from './archive/routes.ts';
import type { CdaSchema } from './archive/schema.ts';
import type { Config } from './config.ts';
import { maskText } from './domain/identity-guard.ts';
import { EventLog } from './events/log.ts';
import { eventRoutes } from './events/routes.ts';
import { fhirRouter } from './fhir/router.ts';
import { jsonErrorHandler } from './http/errors.ts';
import { sharedGate } from './http/tls-auth.ts';
import { readCaCertificate, tokenVerifier } from './http/tls-ca.ts';
import type { Logger } from './logger.ts';
import { registryRoutes } from './registry/routes.ts';
import { RegistryService } from './registry/service.ts';
import { runRoutes } from './runs/routes.ts';
import { rulesRoutes } from './rules/routes.ts';
import type { Store } from './store/types.ts';
import { VERSION } from './version.ts';
import type { ViewerRoutes } from './viewer/routes.tsx';
import { StoreSessions } from './viewer/session.ts';
import { StoreSignInThrottle } from './viewer/sign-in-throttle.ts';

export { VERSION } from './version.ts';

export interface AppContext {
  config: Config;
  store: Store;
  logger: Logger;
  events: EventLog;
  registry: RegistryService;
}

export interface App {
  express: Express;
  context: AppContext;
  /** Ends long-lived responses (event streams) so the HTTP server can close. */
  closeStreams(): void;
}

/** A token verifier made on first use (importing the CA key is asynchronous; createApp is not). */
function lazyVerifier(caPem: string): (token: string) => Promise<{ sub?: string | undefined }> {
  let verifier: ReturnType<typeof tokenVerifier> | undefined;
  return async (token) => {
    verifier ??= tokenVerifier(caPem);
    return (await verifier)(token);
  };
}

/** What startServer loads only when the configuration asks for it, so that a plain start does not. */
export interface AppFeatures {
  /** The CDA XSD set of `config.cdaSchemaDir` (archive/schema.ts, which loads libxml2's WebAssembly). */
  cdaSchema?: CdaSchema;
}

/**
 * The request's X-Request-Id when it is usable as an id (letters, digits, `.`, `_`, `-`; at most 64
 * characters, which holds a UUID and Kanta's OID-style ids), otherwise a new UUID.
 *
 * See: https://www.kanta.fi/en/system-developers/common-specifications
 */
function requestIdOf(header: string | undefined): string {
  return header !== undefined && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : randomUUID();
}

export function createApp(config: Config, store: Store, logger: Logger, features: AppFeatures = {}): App {
  if (config.cdaSchemaDir !== undefined && features.cdaSchema === undefined)
    throw new Error('createApp: config.cdaSchemaDir is set but its schema was not loaded');
  const events = new EventLog(store, { allowRealIdentities: config.allowRealIdentities });
  const registry = new RegistryService({ store, events, allowRealIdentities: config.allowRealIdentities });
  const context: AppContext = { config, store, logger, events, registry };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    // Kanta FHIR HTTP header (Kanta common specifications): X-Request-Id is unique per request and the
    // response echoes it; the response adds X-Correlation-Id. A request without a usable X-Request-Id
    // gets one minted here, so every answer names its request. Events carry the request id; the request
    // log line carries both, so either header a vendor kept finds the exchange.
    const requestId = requestIdOf(req.get('X-Request-Id'));
    const correlationId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('X-Correlation-Id', correlationId);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { requestId, correlationId, method: req.method, url: req.originalUrl, status: res.statusCode, ms },
        'request',
      );
    });
    next();
  });

  if (config.tls) {
    // Shared mode: every request but /healthz names its caller by certificate (docs/shared-mode.md).
    const verifyToken = config.requireJwt ? lazyVerifier(readCaCertificate(config.tls.caDir)) : undefined;
    app.use(
      sharedGate({
        registry: store.registry,
        requireRequestId: config.requireRequestId,
        defaultLanguage: config.defaultLanguage,
        ...(verifyToken && { verifyToken }),
      }),
    );
  }

  app.get('/healthz', async (_req, res) => {
    try {
      await store.ping();
      res.json({
        status: 'ok',
        version: VERSION,
        store: store.kind,
        uptimeSeconds: Math.round(process.uptime()),
      });
    } catch (err) {
      logger.error({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable', store: store.kind });
    }
  });

  app.get('/', (_req, res) => {
    res.json({
      name: 'kantasim',
      version: VERSION,
      endpoints: {
        health: '/healthz',
        registry: '/registry',
        events: '/events',
        eventStream: '/events/stream',
        archivePta: 'POST /archive/pta',
        archiveSocial: 'POST /archive/social',
        archiveDocuments: '/archive/documents',
        fhir: '/fhir',
        fhirMetadata: '/fhir/metadata',
        viewer: '/viewer',
        runs: '/runs',
      },
    });
  });

  app.use(
    '/registry',
    registryRoutes(registry, store, logger, { passcodeRequired: config.tls !== undefined }),
  );
  const archiveIntake = new ArchiveIntake({
    store,
    events,
    config,
    logger,
    ...(features.cdaSchema !== undefined && { schema: features.cdaSchema }),
  });
  app.use(
    '/archive',
    archiveRoutes({
      store,
      events,
      intake: archiveIntake,
      logger,
      defaultMode: config.mode,
      maxBodyBytes: config.maxBodyBytes,
      defaultLanguage: config.defaultLanguage,
      allowRealIdentities: config.allowRealIdentities,
    }),
  );
  app.use('/fhir', fhirRouter({ config, store, events, logger, version: VERSION }));
  const eventsApi = eventRoutes(store, events);
  app.use('/events', eventsApi.router, jsonErrorHandler(logger));
  app.use('/runs', runRoutes(store, events, logger, { allowRealIdentities: config.allowRealIdentities }));
  app.use('/rules', rulesRoutes());
  // Viewer sessions and sign-in failure counts in the store, in every mode: an instance keeps none of
  // them in memory, so instances on one store behave as one and a restart signs nobody out.
  // The viewer (server-side rendering, the XML reader for documents) is loaded on its first request.
  let viewer: ViewerRoutes | undefined;
  let loadingViewer: Promise<ViewerRoutes> | undefined;
  const loadViewer = (): Promise<ViewerRoutes> =>
    (loadingViewer ??= import('./viewer/routes.tsx').then(({ viewerRoutes }) => {
      viewer = viewerRoutes({
        store,
        events,
        logger,
        sessions: new StoreSessions(store.sessions),
        signInThrottle: new StoreSignInThrottle(store.rateLimits),
        shared: config.tls !== undefined,
        allowRealIdentities: config.allowRealIdentities,
      });
      return viewer;
    }));
  app.use('/viewer', (req, res, next) => {
    if (viewer !== undefined) {
      viewer.router(req, res, next);
      return;
    }
    loadViewer().then((v) => {
      v.router(req, res, next);
    }, next);
  });

  app.use((req, res) => {
    res
      .status(404)
      .json({ error: { code: 'not-found', message: maskText(`no endpoint ${req.method} ${req.path}`) } });
  });
  app.use(jsonErrorHandler(logger));

  return {
    express: app,
    context,
    closeStreams: () => {
      eventsApi.closeStreams();
      viewer?.closeStreams();
    },
  };
}
