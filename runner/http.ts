/**
 * The runner's only way to the simulator and the system under test: plain HTTP with fetch.
 * (Design principle 3: the runner is a client, so scenarios run against any simulator on any host.)
 *
 * Against a shared kantasim (HTTPS with client certificates, docs/shared-mode.md) fetch cannot present a
 * certificate, so with a client certificate configured (`useClientCertificate`, from `kantasim run
 * --cert --key --ca`) https addresses go through `node:https` instead, and every request carries an
 * `X-Request-Id` (mandatory there, as in Kanta).
 */
import { randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import type { SubmissionEvent } from '../simulator/domain/events.ts';

/** PEM texts of a client certificate, its key and the CA that issued the server's certificate. */
export interface ClientTls {
  cert: string;
  key: string;
  ca?: string;
  /**
   * A bearer token for a kantasim served with `--require-jwt` (`kantasim ca token --org OID`), sent as
   * `Authorization: Bearer …` with every request this certificate makes.
   */
  token?: string;
}

/** A client certificate in use: the agent that presents it, who it names, and its token. */
interface Presenter {
  agent: Agent;
  /** "organisation 1.2.246.… (Name)" or "kantasim operator", as a refusal's explanation names it. */
  who: string;
  token?: string;
  /** The operator certificate (`--operator-cert`), whose token is `--operator-token`. */
  operator?: boolean;
}

/**
 * Whom a certificate names, read from its subject as kantasim's CA writes it (docs/shared-mode.md): an
 * organisation by the OID in `serialNumber` and its name in `O`; otherwise by its common name (the
 * operator certificate's is "kantasim operator").
 */
export function certificateHolder(certPem: string): string {
  let subject: string;
  try {
    subject = new X509Certificate(certPem).subject;
  } catch {
    return 'a certificate that could not be read';
  }
  const field = (name: string): string | undefined =>
    subject
      .split('\n')
      .find((line) => line.startsWith(`${name}=`))
      ?.slice(name.length + 1);
  const oid = field('serialNumber');
  const name = field('O') ?? field('CN');
  if (oid !== undefined && /^[0-9]+(\.[0-9]+)+$/.test(oid))
    return `organisation ${oid}${name === undefined ? '' : ` (${name})`}`;
  return field('CN') ?? 'a certificate naming no organisation';
}

function presenter(tls: ClientTls | undefined): Presenter | undefined {
  if (tls === undefined) return undefined;
  const { token, ...pem } = tls;
  return {
    agent: new Agent({ ...pem, keepAlive: true }),
    who: certificateHolder(tls.cert),
    ...(token !== undefined && { token }),
  };
}

let client: Presenter | undefined;

/** Presents this client certificate to https addresses from now on (undefined: back to plain fetch). */
export function useClientCertificate(tls: ClientTls | undefined): void {
  client?.agent.destroy();
  client = presenter(tls);
}

let operator: Presenter | undefined;

/**
 * Sends registry writes (any method but GET/HEAD under `/registry`) with the operator certificate
 * (`kantasim run --operator-cert --operator-key`): in shared mode only the operator may change the
 * registry (docs/shared-mode.md), and a scenario's setup (test persons, customers, organisations) and
 * its registration steps are the operator's part, while everything else goes with the organisation's.
 */
export function useOperatorCertificate(tls: ClientTls | undefined): void {
  operator?.agent.destroy();
  const p = presenter(tls);
  operator = p === undefined ? undefined : { ...p, operator: true };
}

function presenterFor(method: string, path: string): Presenter | undefined {
  const write = method !== 'GET' && method !== 'HEAD';
  if (operator !== undefined && write && /^\/?registry(\/|$|\?)/.test(path)) return operator;
  return client;
}

/** Reads `--cert`, `--key` and `--ca` files into a ClientTls. */
export function readClientTls(files: { cert: string; key: string; ca?: string }): ClientTls {
  return {
    cert: readFileSync(files.cert, 'utf8'),
    key: readFileSync(files.key, 'utf8'),
    ...(files.ca !== undefined && { ca: readFileSync(files.ca, 'utf8') }),
  };
}

/**
 * One request over node:https with a client certificate; answers the way fetch's Response is read here.
 * A kept-alive socket the server closed meanwhile resets the request (ECONNRESET on a reused socket):
 * that one is sent again once on a fresh socket, as Node's documentation of `request.reusedSocket`
 * recommends; fetch does the same internally.
 */
export async function requestWithCertificate(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
  agent: Agent,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  try {
    return await requestOnce(url, init, agent);
  } catch (e) {
    if ((e as { staleSocket?: boolean }).staleSocket === true) return requestOnce(url, init, agent);
    throw e;
  }
}

function requestOnce(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
  agent: Agent,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method, headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(init.timeoutMs, () => {
      req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      reject(req.reusedSocket && err.code === 'ECONNRESET' ? Object.assign(err, { staleSocket: true }) : err);
    });
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

export interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export interface HttpResponse {
  url: string;
  method: string;
  status: number;
  headers: Record<string, string>;
  contentType: string;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  text: string;
  /** Sent with a client certificate: whom it names, and whether a bearer token went too. */
  sentAs?: { who: string; token: boolean; operator?: boolean };
}

/** The other end could not be reached or did not answer in time. */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

function isJson(contentType: string): boolean {
  return /[/+]json\b/i.test(contentType);
}

/**
 * The reader's language, sent as `Accept-Language` on every request the runner makes (unless a
 * scenario's request sets its own), so the simulator's findings come back in the report's language.
 * Process-wide because one `kantasim run` has one language; `kantasim run --lang` sets it.
 */
let requestLanguage: string | undefined;

export function setRequestLanguage(lang: string | undefined): void {
  requestLanguage = lang;
}

/** Sends one request; never throws for an HTTP error status, only when nothing came back. */
export async function send(
  base: string,
  req: HttpRequest,
  timeoutMs: number,
  who: string,
): Promise<HttpResponse> {
  const url = joinUrl(base, req.path);
  const given = Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === 'accept-language');
  const headers: Record<string, string> = {
    Accept: 'application/json, */*;q=0.5',
    ...(requestLanguage !== undefined && !given && { 'Accept-Language': requestLanguage }),
    ...req.headers,
  };
  let body: string | undefined;
  if (req.body !== undefined && req.body !== null) {
    if (typeof req.body === 'string') body = req.body;
    else {
      body = JSON.stringify(req.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['Content-Type'] = 'application/json';
    }
  }
  const cert = presenterFor(req.method.toUpperCase(), req.path);
  if (cert !== undefined && url.startsWith('https:')) {
    const agent = cert.agent;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'x-request-id'))
      headers['X-Request-Id'] = randomUUID();
    const tokenGiven = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization');
    if (cert.token !== undefined && !tokenGiven) headers.Authorization = `Bearer ${cert.token}`;
    let answer: Awaited<ReturnType<typeof requestWithCertificate>>;
    try {
      answer = await requestWithCertificate(
        url,
        { method: req.method, headers, ...(body !== undefined && { body }), timeoutMs },
        agent,
      );
    } catch (e) {
      const err = e as Error & { code?: string };
      const reason =
        err.name === 'TimeoutError'
          ? `no answer within ${formatSeconds(timeoutMs)}`
          : (err.code ?? err.message);
      throw new TransportError(`cannot reach ${who} at ${url}: ${reason}`);
    }
    const contentType = answer.headers['content-type'] ?? '';
    let parsed: unknown = answer.text;
    if (isJson(contentType) && answer.text !== '') {
      try {
        parsed = JSON.parse(answer.text) as unknown;
      } catch {
        parsed = answer.text;
      }
    }
    return {
      url,
      method: req.method,
      status: answer.status,
      headers: answer.headers,
      contentType,
      body: parsed,
      text: answer.text,
      sentAs: {
        who: cert.who,
        token: tokenGiven || cert.token !== undefined,
        ...(cert.operator === true && { operator: true }),
      },
    };
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: req.method,
      headers,
      ...(body !== undefined && { body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason =
      err.name === 'TimeoutError'
        ? `no answer within ${formatSeconds(timeoutMs)}`
        : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new TransportError(`cannot reach ${who} at ${url}: ${reason}`);
  }
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: unknown = text;
  if (isJson(contentType) && text !== '') {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = text;
    }
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    responseHeaders[key] = value;
  });
  return {
    url,
    method: req.method,
    status: response.status,
    headers: responseHeaders,
    contentType,
    body: parsed,
    text,
  };
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number(s.toFixed(s < 1 ? 2 : 1))} s`;
}

/**
 * The short reason an error answer gives: the JSON API's error.message, an OperationOutcome's text, or
 * the text. A 401 or 403 of a shared kantasim also says whom the certificate named (and, for a 401
 * without a body, what the bearer token has to do with it), so a refused step tells why.
 */
export function errorSummary(res: HttpResponse): string {
  const refused = (res.status === 401 || res.status === 403) && res.sentAs !== undefined;
  const reason = answerText(res, refused);
  if (!refused || res.sentAs === undefined) return reason;
  const as = `sent as ${res.sentAs.who} with its certificate${res.sentAs.token ? ' and bearer token' : ''}`;
  if (reason !== '') return `${reason} (${as})`;
  if (res.status === 401)
    return res.sentAs.token
      ? `the bearer token was refused: expired, not signed by this kantasim's CA, or not for the certificate's organisation (${as}); make a new one with kantasim ca token`
      : res.sentAs.operator === true
        ? `no bearer token: this kantasim wants one (serve --require-jwt) (${as}); give kantasim run --operator-token FILE from kantasim ca token --admin`
        : `no bearer token: this kantasim wants one (serve --require-jwt) (${as}); give kantasim run --token FILE from kantasim ca token --org OID`;
  return `refused without a reason (${as})`;
}

/** The answer's own reason; `withCode` puts an OperationOutcome's first code in front of its text. */
function answerText(res: HttpResponse, withCode: boolean): string {
  const body = res.body as
    | {
        error?: { message?: string; code?: string };
        issue?: {
          diagnostics?: string;
          details?: { text?: string; coding?: { code?: string }[] };
        }[];
      }
    | undefined;
  if (typeof body === 'object') {
    if (body.error?.message !== undefined) return `${body.error.code ?? 'error'}: ${body.error.message}`;
    const issue = body.issue?.[0];
    if (issue) {
      const text = issue.diagnostics ?? issue.details?.text ?? JSON.stringify(issue);
      const code = issue.details?.coding?.[0]?.code;
      return !withCode || code === undefined || text.includes(code) ? text : `${code}: ${text}`;
    }
  }
  return res.text.length > 300 ? `${res.text.slice(0, 300)}…` : res.text;
}

export interface EventFilter {
  channel?: string;
  service?: string;
  kind?: string;
  organisation?: string;
  patient?: string;
  outcome?: string;
}

/** The simulator's API as the runner uses it. */
export class SimulatorClient {
  constructor(
    readonly baseUrl: string,
    private readonly requestTimeoutMs = 30_000,
  ) {}

  send(req: HttpRequest, timeoutMs = this.requestTimeoutMs): Promise<HttpResponse> {
    return send(this.baseUrl, req, timeoutMs, 'the simulator');
  }

  async getJson<T>(path: string): Promise<T> {
    const res = await this.send({ method: 'GET', path });
    if (res.status < 200 || res.status > 299)
      throw new TransportError(`GET ${path} answered ${res.status}: ${errorSummary(res)}`);
    return res.body as T;
  }

  /** Events after `since` that pass the server-side filters (one page). */
  async events(
    since: number,
    filter: EventFilter = {},
    limit = 500,
  ): Promise<{ events: SubmissionEvent[]; lastSeq: number }> {
    const params = new URLSearchParams({ since: String(since), limit: String(limit) });
    for (const [k, v] of Object.entries(filter)) if (typeof v === 'string') params.set(k, v);
    return this.getJson(`/events?${params.toString()}`);
  }

  /**
   * The newest sequence number, read by paging forward from `from`. The runner keeps the cursor, so after
   * the first call each step costs one short request.
   */
  async lastSeq(from = 0): Promise<number> {
    let cursor = from;
    for (;;) {
      const page = await this.events(cursor, {}, 1000);
      cursor = Math.max(cursor, page.lastSeq);
      if (page.events.length < 1000) return cursor;
    }
  }
}
