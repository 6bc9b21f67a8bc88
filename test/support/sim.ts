/**
 * Starts a real simulator on a loopback port with an in-memory SQLite store, seeded with the fixture
 * world, for integration tests. `json()` sends a request and parses the answer.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../simulator/logger.ts';
import { startServer, type RunningServer } from '../../simulator/server.ts';
import type { Config } from '../../simulator/config.ts';

/**
 * Tests read finding messages for their content, so the test simulator answers in English unless a
 * request's Accept-Language asks otherwise (the operator's default, Finnish, is tested on its own).
 */
export async function startTestSimulator(overrides: Partial<Config> = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    dbFile: ':memory:',
    logLevel: 'silent',
    defaultLanguage: 'en',
    ...overrides,
  });
}

/**
 * A simulator on a loopback port with an in-memory store (unless `config` says otherwise) whose log
 * lines, at `level`, are pushed to `lines` as written (JSON, after the logger's masking).
 */
export async function startLoggedServer(
  config: Partial<Config>,
  level: string,
  lines: string[],
): Promise<RunningServer> {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done): void {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return startServer({ port: 0, dbFile: ':memory:', ...config }, { logger: createLogger(level, sink) });
}

/** Signs `archivist` (no passcode) in to the viewer at `base`; the session cookie, or throws. */
export async function viewerCookie(base: string, archivist: string): Promise<string> {
  const res = await fetch(`${base}/viewer/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({ archivist, passcode: '' }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`signing ${archivist} in answered ${res.status}, not 303`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function json<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const allHeaders: Record<string, string> = { Accept: 'application/json', ...headers };
  const init: RequestInit = { method, headers: allHeaders };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    allHeaders['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON; tests look at the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}
