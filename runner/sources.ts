/**
 * Where a check or a save reads its document: the step's response, a variable, a document fetched from
 * the simulator (`get`) or from the system under test (`sut`, e.g. the source-system values), or a
 * literal value.
 */
import {
  errorSummary,
  joinUrl,
  send,
  TransportError,
  type HttpResponse,
  type SimulatorClient,
} from './http.ts';
import { lookup, parsePath } from './paths.ts';
import { select, describeSelector } from './selectors.ts';
import { render, renderText, TemplateError, type Vars } from './template.ts';
import type { Evidence, Query, Source } from './types.ts';

export interface SourceContext {
  sim: SimulatorClient;
  sut?: string;
  vars: Vars;
  response?: HttpResponse;
  timeoutMs: number;
}

export interface Document {
  doc: unknown;
  /** What was read, e.g. "GET http://…/registry/readiness/1.2.3". */
  description: string;
  evidence: Evidence[];
}

async function fetchDoc(
  base: string,
  path: string,
  headers: Record<string, string>,
  who: string,
  timeoutMs: number,
): Promise<Document> {
  const res = await send(base, { method: 'GET', path, headers }, timeoutMs, who);
  if (res.status < 200 || res.status > 299)
    throw new TransportError(
      `expected HTTP 2xx from GET ${res.url}, received ${res.status}: ${errorSummary(res)}`,
    );
  return {
    doc: res.body,
    description: `GET ${res.url}`,
    evidence: [{ label: 'fetched', value: res.url, href: joinUrl(base, path) }],
  };
}

/** Reads the document a query's `in` names. */
export async function readSource(
  source: Source | undefined,
  ctx: SourceContext,
  where: string,
): Promise<Document> {
  if (source === undefined || source === 'response') {
    if (!ctx.response)
      throw new TemplateError(
        `${where}: this step made no call, so there is no response to read; use in: {get: /path}, in: {sut: /path} or in: <variable>`,
        where,
      );
    return {
      doc: ctx.response.body,
      description: `the answer to ${ctx.response.method} ${ctx.response.url}`,
      evidence: [],
    };
  }
  if (typeof source === 'string') {
    const name = renderText(source, ctx.vars, `${where}.in`);
    const segments = parsePath(name);
    const root = segments[0];
    if (typeof root !== 'string' || !Object.hasOwn(ctx.vars, root))
      throw new TemplateError(
        `${where}.in: unknown variable '${String(root)}'; known: ${Object.keys(ctx.vars).sort().join(', ')}`,
        where,
      );
    const found = lookup(ctx.vars, segments);
    if (!found.found)
      throw new TemplateError(
        `${where}.in: '${found.at}' has no such field; it has: ${found.available.join(', ') || 'nothing'}`,
        where,
      );
    return { doc: found.value, description: `variable ${name}`, evidence: [] };
  }
  if ('get' in source) {
    const path = renderText(source.get, ctx.vars, `${where}.in.get`);
    const headers = (render(source.headers ?? {}, ctx.vars, `${where}.in.headers`) ?? {}) as Record<
      string,
      string
    >;
    return fetchDoc(ctx.sim.baseUrl, path, headers, 'the simulator', ctx.timeoutMs);
  }
  if ('sut' in source) {
    if (ctx.sut === undefined)
      throw new TransportError(`${where}: reads ${source.sut} from the system under test; give --sut URL`);
    const path = renderText(source.sut, ctx.vars, `${where}.in.sut`);
    const headers = (render(source.headers ?? {}, ctx.vars, `${where}.in.headers`) ?? {}) as Record<
      string,
      string
    >;
    return fetchDoc(ctx.sut, path, headers, 'the system under test', ctx.timeoutMs);
  }
  return {
    doc: render(source.value, ctx.vars, `${where}.in.value`),
    description: 'the given value',
    evidence: [],
  };
}

/** Reads the document and applies the selector; returns the values and what was read. */
export async function evaluateQuery(
  query: Query,
  ctx: SourceContext,
  where: string,
): Promise<{
  values: unknown[];
  what: string;
  evidence: Evidence[];
  selector: { path?: string; fhirpath?: string; xpath?: string };
  document?: string;
}> {
  const document = await readSource(query.in, ctx, where);
  const selector = {
    ...(query.path !== undefined && { path: renderText(query.path, ctx.vars, `${where}.path`) }),
    ...(query.fhirpath !== undefined && {
      fhirpath: renderText(query.fhirpath, ctx.vars, `${where}.fhirpath`),
    }),
    ...(query.xpath !== undefined && { xpath: renderText(query.xpath, ctx.vars, `${where}.xpath`) }),
  };
  const values = select(document.doc, selector);
  // Fetched documents are evidence (with their URL); the step's own answer or a variable is not news.
  const oid = archivedDocumentOid(query.in, ctx, where);
  return {
    values,
    what: describeSelector(selector),
    evidence: document.evidence,
    selector,
    ...(oid !== undefined && { document: oid }),
  };
}

const ARCHIVE_DOCUMENT =
  /^\/archive\/documents\/(?:urn:oid:|urn%3Aoid%3A)?([0-2](?:\.(?:0|[1-9][0-9]*))+)(?:[/?#]|$)/i;

/**
 * The OID of the archived document a query reads, when it reads one from the simulator
 * (`in: { get: /archive/documents/{oid}…}`): recorded with the check so the viewer can offer the check's
 * expected values on that document's compare page.
 */
function archivedDocumentOid(
  source: Source | undefined,
  ctx: SourceContext,
  where: string,
): string | undefined {
  if (typeof source !== 'object' || !('get' in source)) return undefined;
  const path = renderText(source.get, ctx.vars, `${where}.in.get`);
  return ARCHIVE_DOCUMENT.exec(path)?.[1];
}
