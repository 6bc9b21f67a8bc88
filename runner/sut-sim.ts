/**
 * Which simulator the system under test sends to. A hook like examples/vendor-ehr's answers `GET /hook`
 * with `{ simulator: URL, … }`; when that names another simulator than the run uses, every expected
 * submission would go elsewhere and each step would time out with "received none". `kantasim run`
 * asks first and stops with a set-up error instead (exit 2).
 *
 * Two URLs name the same simulator when scheme, port and path agree and the hosts do: loopback names
 * (`localhost`, `127.0.0.1`, `::1`) count as one host. Hosts that differ otherwise (`kantasim` inside a
 * container network, `localhost` for the runner) may be one machine under two names, so they are not
 * called different; only a certain difference stops the run.
 */
import { send } from './http.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True when the two URLs certainly name different simulators. */
export function differentSimulators(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  if (x === undefined || y === undefined) return false;
  const hostX = LOOPBACK.has(x.hostname) ? 'loopback' : x.hostname.toLowerCase();
  const hostY = LOOPBACK.has(y.hostname) ? 'loopback' : y.hostname.toLowerCase();
  if (hostX !== hostY) return false;
  const path = (u: URL): string => u.pathname.replace(/\/+$/, '');
  return x.protocol !== y.protocol || x.port !== y.port || path(x) !== path(y);
}

/**
 * The simulator URL the system under test says it sends to (`GET {sut}/hook`, field `simulator`), or
 * undefined when its hook says none (another hook shape, an error, no answer).
 */
export async function sutSimulator(sut: string, timeoutMs = 10_000): Promise<string | undefined> {
  try {
    const res = await send(sut, { method: 'GET', path: '/hook' }, timeoutMs, 'the system under test');
    if (res.status < 200 || res.status >= 300) return undefined;
    const body = res.body as { simulator?: unknown } | null;
    return typeof body === 'object' && body !== null && typeof body.simulator === 'string'
      ? body.simulator
      : undefined;
  } catch {
    return undefined;
  }
}
