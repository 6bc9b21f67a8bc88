/**
 * `POST [base]/` with a Bundle: a Kanta appointment transaction (kanta-transaction.ts), a transaction
 * of scheduling resources (all or nothing, `urn:uuid:` references resolved), or a batch (each entry on
 * its own).
 *
 * Entries run in the order given (the simulator does not reorder DELETE, POST, PUT, GET as R4 suggests;
 * send them in the order they should apply). Codes FHIR-BUNDLE-0xx.
 *
 * See: https://hl7.org/fhir/R4/http.html#transaction
 */
import type { Lang } from '../../../common/i18n/index.ts';
import type { Bundle, BundleEntry, BundleEntryResponse, OperationOutcome, Resource } from 'fhir/r4.js';
import type { FhirContext, FhirMethod, FhirRequest, Handler, HandlerResult } from '../context.ts';
import {
  allOk,
  badRequest,
  FhirError,
  isSuccess,
  statusOf,
  toOperationOutcome,
  type Outcome,
} from '../outcomes.ts';
import { checkResourceType } from '../validation/structure.ts';
import { newId, recordEvent } from '../write.ts';
import { isKantaTransaction, kantaTransaction } from './kanta-transaction.ts';
import { summarise } from '../../../common/i18n/event-summary.ts';

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE'];

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  428: 'Precondition Required',
};

const bad = (message: string, path: string): never => {
  throw new FhirError(badRequest('FHIR-BUNDLE-001', message, path));
};

const ENTRY_BASE = 'http://entry/';

/**
 * An entry's URL resolves against the base to a path of this server (`//host/…` would name another)
 * and its path percent-decodes (`%zz` does not), so `entryRequest` can read it.
 */
function entryUrlParses(url: string): boolean {
  try {
    const parsed = new URL(url, ENTRY_BASE);
    if (parsed.origin !== new URL(ENTRY_BASE).origin) return false;
    decodeURIComponent(parsed.pathname);
    return true;
  } catch {
    return false;
  }
}

/** Checks the Bundle's shell (the resources inside are validated by the interactions they go to). */
function checkEntries(bundle: Record<string, unknown>): BundleEntry[] {
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries)) return bad('Bundle.entry must be an array', 'Bundle.entry');
  (entries as unknown[]).forEach((e, i) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e))
      bad(`entry ${i} must be an object`, `Bundle.entry[${i}]`);
    const entry = e as Record<string, unknown>;
    const request = entry.request as Record<string, unknown> | undefined;
    if (request === undefined || typeof request !== 'object')
      bad(`entry ${i} needs request { method, url }`, `Bundle.entry[${i}].request`);
    if (typeof request?.method !== 'string' || !METHODS.includes(request.method)) {
      bad(`entry ${i}: request.method must be GET, POST, PUT or DELETE`, `Bundle.entry[${i}].request.method`);
    }
    if (typeof request?.url !== 'string' || request.url === '' || /^https?:/.test(request.url)) {
      bad(
        `entry ${i}: request.url must be a relative URL such as 'Patient' or 'Slot/123'`,
        `Bundle.entry[${i}].request.url`,
      );
    }
    if (typeof request?.url === 'string' && !entryUrlParses(request.url)) {
      bad(
        `entry ${i}: request.url is not a well-formed relative URL; write '%' as %25 and other reserved characters as %XX, and do not start it with '//'`,
        `Bundle.entry[${i}].request.url`,
      );
    }
    for (const h of ['ifMatch', 'ifNoneExist'] as const) {
      if (request?.[h] !== undefined && typeof request[h] !== 'string')
        bad(`entry ${i}: request.${h} must be a string`, `Bundle.entry[${i}].request.${h}`);
    }
    if (entry.fullUrl !== undefined && typeof entry.fullUrl !== 'string')
      bad(`entry ${i}: fullUrl must be a string`, `Bundle.entry[${i}].fullUrl`);
    if (
      entry.resource !== undefined &&
      (entry.resource === null || typeof entry.resource !== 'object' || Array.isArray(entry.resource))
    ) {
      bad(`entry ${i}: resource must be a JSON object`, `Bundle.entry[${i}].resource`);
    }
  });
  return entries as BundleEntry[];
}

/** The sub-request an entry makes (its URL checked by `checkEntries`). */
function entryRequest(req: FhirRequest, entry: BundleEntry, assignedId?: string): FhirRequest {
  const request = entry.request ?? { method: 'GET', url: '' };
  const url = new URL(request.url, ENTRY_BASE);
  const params = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) params.set(k, [...(params.get(k) ?? []), v]);
  const sub: FhirRequest = {
    method: request.method as FhirMethod,
    path: { url: decodeURIComponent(url.pathname.slice(1)) },
    params,
    paramsFromBody: false,
    queryKeys: [...params.keys()],
    mode: req.mode,
    requestId: req.requestId,
    baseUrl: req.baseUrl,
  };
  if (req.caller !== undefined) sub.caller = req.caller;
  if (entry.resource !== undefined) sub.body = entry.resource;
  if (request.ifMatch !== undefined) sub.ifMatch = request.ifMatch;
  if (request.ifNoneExist !== undefined) sub.ifNoneExist = request.ifNoneExist;
  if (assignedId !== undefined) sub.assignedId = assignedId;
  return sub;
}

function responseOf(result: HandlerResult, lang: Lang | undefined): BundleEntryResponse {
  const [outcome, resource, meta] = result;
  const status = statusOf(outcome);
  const r: BundleEntryResponse = { status: `${status} ${STATUS_TEXT[status] ?? ''}`.trim() };
  if (meta?.location !== undefined) r.location = meta.location;
  if (meta?.etag !== undefined) r.etag = meta.etag;
  if (!isSuccess(outcome) || outcome.findings.length > 0 || resource === undefined) {
    const oo: OperationOutcome = toOperationOutcome(outcome, lang);
    r.outcome = oo;
  }
  return r;
}

async function runEntry(req: FhirRequest, ctx: FhirContext, sub: FhirRequest): Promise<HandlerResult> {
  if (sub.path.url === '' && sub.method === 'POST') {
    return [badRequest('FHIR-BUNDLE-002', 'a Bundle entry cannot POST another Bundle to the base', '')];
  }
  try {
    return await ctx.dispatch(sub);
  } catch (err) {
    if (err instanceof FhirError) return [err.outcome];
    throw err;
  }
}

async function batch(req: FhirRequest, ctx: FhirContext, entries: BundleEntry[]): Promise<HandlerResult> {
  const out: BundleEntry[] = [];
  for (const entry of entries) {
    const result = await runEntry(req, ctx, entryRequest(req, entry));
    const e: BundleEntry = { response: responseOf(result, req.lang) };
    if (result[1] !== undefined) e.resource = result[1];
    out.push(e);
  }
  const bundle: Bundle = { resourceType: 'Bundle', type: 'batch-response', entry: out };
  return [allOk(), bundle];
}

/** Replaces every `reference` equal to a key of `map` in a resource (deep), returning a copy. */
function resolveReferences(node: unknown, map: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((v) => resolveReferences(v, map));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    out[k] =
      k === 'reference' && typeof v === 'string' && map.has(v) ? map.get(v) : resolveReferences(v, map);
  }
  return out;
}

class TransactionAbort extends Error {
  constructor(
    readonly outcome: Outcome,
    readonly index: number,
  ) {
    super(`entry ${index} failed`);
  }
}

async function transaction(
  req: FhirRequest,
  ctx: FhirContext,
  entries: BundleEntry[],
): Promise<HandlerResult> {
  // Ids for the new resources, so references to their fullUrls can be rewritten before anything runs.
  const ids = new Map<number, string>();
  const refs = new Map<string, string>();
  entries.forEach((e, i) => {
    if (e.request?.method === 'POST' && e.resource !== undefined) {
      const id = newId();
      ids.set(i, id);
      if (e.fullUrl !== undefined) refs.set(e.fullUrl, `${e.resource.resourceType}/${id}`);
    }
  });
  const resolved = entries.map((e) =>
    e.resource === undefined ? e : { ...e, resource: resolveReferences(e.resource, refs) as Resource },
  );
  try {
    const out = await ctx.store.transaction(async () => {
      const answers: BundleEntry[] = [];
      for (const [i, entry] of resolved.entries()) {
        const result = await runEntry(req, ctx, entryRequest(req, entry, ids.get(i)));
        if (!isSuccess(result[0])) throw new TransactionAbort(result[0], i);
        answers.push({ response: responseOf(result, req.lang) });
      }
      return answers;
    });
    const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry: out };
    return [allOk(), bundle];
  } catch (err) {
    if (!(err instanceof TransactionAbort)) throw err;
    // The entry travels as data, so the message is rendered in the reader's language around it.
    const findings = err.outcome.findings.map((f) => ({ ...f, entry: err.index }));
    await recordEvent(ctx, req, {
      kind: 'bundle.transaction',
      outcome: 'refused',
      resourceIds: [],
      findings,
      ...summarise('fhir.transactionRefused', { entry: String(err.index) }),
      status: statusOf(err.outcome),
    });
    return [{ kind: err.outcome.kind, findings }];
  }
}

export const bundleHandler: Handler = async (req, ctx) => {
  const typed = checkResourceType(req.body, { expectedType: 'Bundle', supported: (t) => t === 'Bundle' });
  if ('findings' in typed) return [{ kind: 'bad-request', findings: typed.findings }];
  const bundle = typed.resource;
  const entries = checkEntries(bundle);
  switch (bundle.type) {
    case 'transaction':
      return isKantaTransaction(entries)
        ? kantaTransaction(req, ctx, bundle as unknown as Bundle)
        : transaction(req, ctx, entries);
    case 'batch':
      return batch(req, ctx, entries);
    default:
      return [
        badRequest(
          'FHIR-BUNDLE-003',
          `POST a Bundle of type 'transaction' or 'batch' to the base, not '${String(bundle.type)}'`,
          'Bundle.type',
        ),
      ];
  }
};
