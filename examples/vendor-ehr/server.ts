/**
 * The reference vendor system: a small EHR whose automation hook books appointments and archives
 * documents in Kanta (the simulator) over HTTP, the way a certified system does, and tells what it holds
 * (`GET /hook/source/…`) so a deployment-test scenario can compare Kanta with the source.
 *
 * Hook answers: Kanta's status when Kanta answered (2xx stored; 4xx refused, with `error.code` = the
 * first finding code and `error.message` = every error finding), 400 for a bad hook call, 404 for an
 * unknown record, 502 when Kanta cannot be reached. The body always carries `kanta` (status, accepted,
 * findings) and the source record.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ORG_READY, UNIT_READY } from '../../fixtures/fhir/appointment.ts';
import { WORLD } from '../../fixtures/cda/index.ts';
import { FAULTS, type Fault } from './faults.ts';
import { archive, DOCUMENT_GROUP_CODES, defaultTitle, socialCustodian } from './kanta-archive.ts';
import { hl7Helsinki, hl7WithOffset } from './hl7-time.ts';
import { summarise, type KantaAnswer } from './kanta-answer.ts';
import {
  nullifyAppointment,
  replaceAppointment,
  storeAppointment,
  tilaFor,
  updateAppointment,
} from './kanta-fhir.ts';
import { useKantaTls, type KantaTls } from './kanta-http.ts';
import { SourceSystem, type DocumentKind, type SourceAppointment, type SourceDocument } from './source.ts';

export interface VendorEhrOptions {
  /** The simulator's base URL (Kanta). */
  sim: string;
  fault?: Fault;
  /** The organisation's client certificate for a shared (TLS) kantasim (docs/shared-mode.md). */
  tls?: KantaTls;
  port?: number;
  host?: string;
}

export interface RunningVendorEhr {
  url: string;
  fault: Fault | undefined;
  source: SourceSystem;
  close(): Promise<void>;
}

/** A hook call the EHR cannot act on (400). */
class HookError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

function text(body: Body, name: string, fallback?: string): string {
  const v = body[name];
  if (typeof v === 'string' && v !== '') return v;
  if (fallback !== undefined) return fallback;
  throw new HookError(400, 'HOOK-FIELD', `give '${name}' (a string) in the JSON body`);
}

/** An HL7 TS from the body, with its offset (a TS without one is Helsinki local time); `fallback` when absent. */
function hl7Time(body: Body, name: string, fallback: string): string {
  const given = text(body, name, fallback);
  const ts = hl7WithOffset(given);
  if (ts === undefined)
    throw new HookError(
      400,
      'HOOK-FIELD',
      `'${name}' must be an HL7 TS (YYYYMMDDHHMMSS, optionally with +0200/+0300), not '${given}'`,
    );
  return ts;
}

/** The hook's answer from Kanta's: Kanta's status, and an `error` naming the findings when refused. */
function answer(res: Response, kanta: KantaAnswer, record: Record<string, unknown>): void {
  const status = kanta.status === 0 ? 502 : kanta.status;
  if (kanta.accepted) {
    res.status(status).json({ ...record, kanta });
    return;
  }
  const first =
    kanta.findings.find((f) => f.severity === 'error' || f.severity === 'fatal') ?? kanta.findings[0];
  res
    .status(status >= 400 ? status : 502)
    .json({ error: { code: first?.code ?? 'KANTA-REFUSED', message: summarise(kanta) }, ...record, kanta });
}

/** Adds 30 minutes to an ISO date-time (the EHR's default visit length). */
function plus30(start: string): string {
  const t = Date.parse(start);
  if (Number.isNaN(t))
    throw new HookError(400, 'HOOK-FIELD', `'start' must be an ISO date-time, not '${start}'`);
  return new Date(t + 30 * 60_000).toISOString();
}

/** Builds the express app of the hook. */
export function vendorEhrApp(sim: string, fault: Fault | undefined, source: SourceSystem): express.Express {
  const app = express();
  app.use(express.json());
  const route =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      fn(req, res).catch(next);
    };

  const appointment = (id: string): SourceAppointment => {
    const a = source.appointments.get(id);
    if (!a) throw new HookError(404, 'HOOK-NOT-FOUND', `this system has no appointment ${id}`);
    return a;
  };
  const document = (oid: string): SourceDocument => {
    const d = source.documents.get(oid);
    if (!d) throw new HookError(404, 'HOOK-NOT-FOUND', `this system has no document ${oid}`);
    return d;
  };

  app.get('/hook', (_req, res) => {
    res.json({
      system: 'kantasim reference EHR (examples/vendor-ehr)',
      simulator: sim,
      fault: fault ?? null,
      faultMeaning: fault === undefined ? null : FAULTS[fault],
      faults: FAULTS,
    });
  });

  // ------------------------------------------------------------------ appointments (Kanta FHIR API)
  app.post(
    '/hook/appointments',
    route(async (req, res) => {
      const body = (req.body ?? {}) as Body;
      const start = text(body, 'start');
      const status = 'booked' as const;
      const draft: SourceAppointment = {
        id: '',
        identifier: text(body, 'identifier', `AJ-${source.unique()}`),
        patient: text(body, 'patient'),
        start,
        end: text(body, 'end', plus30(start)),
        status,
        tila: tilaFor(status, undefined),
        version: 0,
        firstVersion: 0,
        organiser: ORG_READY,
        unit: text(body, 'unit', UNIT_READY),
        nullified: false,
      };
      const kanta = await storeAppointment(sim, draft, fault);
      if (kanta.accepted && kanta.id !== undefined) {
        draft.id = kanta.id;
        draft.version = kanta.version ?? 1;
        draft.firstVersion = draft.version;
        source.appointments.set(draft.id, draft);
      }
      answer(res, kanta, { appointment: draft });
    }),
  );

  /** Applies a change to a copy, sends it, and keeps it only when Kanta accepted it. */
  const change = (
    op: (a: SourceAppointment) => Promise<KantaAnswer & { version?: number }>,
    edit: (a: SourceAppointment, body: Body) => void,
  ) =>
    route(async (req, res) => {
      const current = appointment(String(req.params.id));
      const next: SourceAppointment = { ...current };
      edit(next, (req.body ?? {}) as Body);
      const kanta = await op(next);
      if (kanta.accepted) {
        if (kanta.version !== undefined) next.version = kanta.version;
        source.appointments.set(next.id, next);
      }
      answer(res, kanta, { appointment: kanta.accepted ? next : current });
    });

  app.post(
    '/hook/appointments/:id/reschedule',
    change(
      (a) => replaceAppointment(sim, a, fault),
      (a, body) => {
        a.start = text(body, 'start');
        a.end = text(body, 'end', plus30(a.start));
      },
    ),
  );
  app.post(
    '/hook/appointments/:id/cancel',
    change(
      (a) => replaceAppointment(sim, a, fault),
      (a) => {
        a.status = 'cancelled';
        a.tila = tilaFor('cancelled', undefined);
      },
    ),
  );
  app.post(
    '/hook/appointments/:id/nullify',
    change(
      (a) => nullifyAppointment(sim, a, fault),
      (a) => {
        a.nullified = true;
      },
    ),
  );
  app.post(
    '/hook/appointments/:id/update',
    route(async (req, res) => {
      const body = (req.body ?? {}) as Body;
      const current = appointment(String(req.params.id));
      const next: SourceAppointment = { ...current, comment: text(body, 'comment') };
      const kanta = await updateAppointment(sim, next, fault, body.omitIfMatch === true);
      if (kanta.accepted) {
        if (kanta.version !== undefined) next.version = kanta.version;
        source.appointments.set(next.id, next);
      }
      answer(res, kanta, { appointment: kanta.accepted ? next : current });
    }),
  );
  app.get('/hook/source/appointments/:id', (req, res) => {
    res.json(appointment(req.params.id));
  });

  // ------------------------------------------------------------------ documents (Kanta archive)
  const newDocument = (kind: DocumentKind, body: Body): SourceDocument => {
    const repository = kind === 'social' ? 'social' : 'pta';
    const w = WORLD[repository];
    const oid = `${w.documentRoot}.${source.unique()}`;
    const d: SourceDocument = {
      oid,
      setId: oid,
      versionNumber: 1,
      kind,
      repository,
      patient: text(body, 'patient'),
      title: text(body, 'title', defaultTitle(kind)),
      effectiveTime: hl7Time(body, 'effectiveTime', kind === 'old-data' ? '20050310120000' : hl7Helsinki()),
      // A PTA document names the register controller; a social-welfare one in Kanta's format the
      // organisation (or its unit).
      custodian: repository === 'social' ? socialCustodian() : w.registerController,
      organisation: w.organisation,
    };
    if (kind === 'social') {
      const group = text(body, 'documentGroup', 'phase1');
      const code = DOCUMENT_GROUP_CODES[group] ?? group;
      d.documentGroup =
        Object.keys(DOCUMENT_GROUP_CODES).find((k) => DOCUMENT_GROUP_CODES[k] === code) ?? group;
      d.documentGroupCode = code;
      d.serviceTask = text(body, 'serviceTask', '24');
    }
    return d;
  };
  const archiveNew = (kind: DocumentKind) =>
    route(async (req, res) => {
      const d = newDocument(kind, (req.body ?? {}) as Body);
      const kanta = await archive(sim, d, fault);
      if (kanta.accepted) source.documents.set(d.oid, d);
      answer(res, kanta, { document: d });
    });
  app.post('/hook/documents/visit-note', archiveNew('visit-note'));
  app.post('/hook/documents/imaging', archiveNew('imaging'));
  app.post('/hook/documents/certificate', archiveNew('certificate'));
  app.post('/hook/documents/old-data', archiveNew('old-data'));
  app.post('/hook/documents/social', archiveNew('social'));

  app.post(
    '/hook/documents/:oid/replace',
    route(async (req, res) => {
      const body = (req.body ?? {}) as Body;
      const previous = document(String(req.params.oid));
      if (previous.replacedBy !== undefined)
        throw new HookError(
          409,
          'HOOK-REPLACED',
          `${previous.oid} was already replaced by ${previous.replacedBy}`,
        );
      const w = WORLD[previous.repository];
      const oid = `${w.documentRoot}.${source.unique()}`;
      // `versionNumber` in the body is a rehearsal switch: claim that version instead of the next one.
      const claimed =
        typeof body.versionNumber === 'number' ? body.versionNumber : previous.versionNumber + 1;
      const next: SourceDocument = {
        ...previous,
        oid,
        versionNumber: claimed,
        title: text(body, 'title', previous.title),
        effectiveTime: hl7Time(body, 'effectiveTime', hl7Helsinki()),
        replaces: previous.oid,
      };
      delete next.replacedBy;
      const kanta = await archive(sim, next, fault);
      if (kanta.accepted) {
        source.documents.set(oid, next);
        previous.replacedBy = oid;
      }
      answer(res, kanta, { document: next });
    }),
  );
  app.get('/hook/source/documents/:oid', (req, res) => {
    res.json(document(req.params.oid));
  });

  app.use((req: Request, res: Response) => {
    res.status(404).json({
      error: { code: 'HOOK-NOT-FOUND', message: `no hook ${req.method} ${req.path}; see GET /hook` },
    });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HookError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    const message = err instanceof Error ? err.message : String(err);
    const status = err instanceof SyntaxError ? 400 : 502;
    res.status(status).json({
      error: {
        code: status === 400 ? 'HOOK-JSON' : 'KANTA-UNREACHABLE',
        message: `${message}${cause ? ` (${cause})` : ''}`,
      },
    });
  });
  return app;
}

/** Starts the reference EHR; `port: 0` picks a free port. */
export async function startVendorEhr(options: VendorEhrOptions): Promise<RunningVendorEhr> {
  const source = new SourceSystem();
  const sim = options.sim.replace(/\/+$/, '');
  useKantaTls(options.tls);
  const server: Server = createServer(vendorEhrApp(sim, options.fault, source));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    fault: options.fault,
    source,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
