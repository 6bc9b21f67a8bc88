/**
 * The reference EHR's one way to Kanta (the simulator). Locally that is plain fetch; against a shared
 * kantasim (HTTPS with TLS client authentication, docs/shared-mode.md) the EHR presents its
 * organisation's client certificate, as a Kanta-connected system presents its DVV service certificate,
 * and fetch cannot present one, so https addresses then go through `node:https`. Every request carries
 * an `X-Request-Id` (the Kanta FHIR HTTP header; mandatory in shared mode).
 *
 * The certificate is process-wide: one EHR process acts for one organisation (`npm run vendor-ehr --
 * --cert … --key … --ca …`).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { requestWithCertificate } from '../../runner/http.ts';

/** PEM texts of the EHR's client certificate, its key and the CA that issued Kanta's certificate. */
export interface KantaTls {
  cert: string;
  key: string;
  ca?: string;
}

/** What the EHR reads of Kanta's answer. */
export interface KantaResponse {
  status: number;
  text: string;
  location: string | undefined;
}

const TIMEOUT_MS = 30_000;
let agent: Agent | undefined;

/** Presents this client certificate to https addresses from now on (undefined: plain fetch again). */
export function useKantaTls(tls: KantaTls | undefined): void {
  agent?.destroy();
  agent = tls === undefined ? undefined : new Agent({ ...tls, keepAlive: true });
}

/** Reads `--cert`, `--key` and `--ca` files (paths) into a KantaTls. */
export function readKantaTls(files: { cert: string; key: string; ca?: string | undefined }): KantaTls {
  return {
    cert: readFileSync(files.cert, 'utf8'),
    key: readFileSync(files.key, 'utf8'),
    ...(files.ca !== undefined && { ca: readFileSync(files.ca, 'utf8') }),
  };
}

/** One request to Kanta; throws only when nothing came back (the hook answers 502 then). */
export async function kantaFetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<KantaResponse> {
  const headers = { 'X-Request-Id': randomUUID(), ...init.headers };
  if (agent !== undefined && url.startsWith('https:')) {
    const res = await requestWithCertificate(url, { ...init, headers, timeoutMs: TIMEOUT_MS }, agent);
    return { status: res.status, text: res.text, location: res.headers.location };
  }
  const res = await fetch(url, {
    method: init.method,
    headers,
    ...(init.body !== undefined && { body: init.body }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') ?? undefined };
}
