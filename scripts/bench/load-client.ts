/**
 * The load generator of the HTTP benchmarks, in a process of its own: vendors' systems send from their
 * own processes, so the client's work (undici's fetch, its web streams, building requests) must not run
 * on the event loop of the server it measures. A client in the server's process adds its CPU time to
 * every request's wait and makes the server look slower than a vendor would see it.
 *
 * The parent (`runLoad`) forks this module with tsx's loader and sends what to send: a URL, headers,
 * the status expected, how many requests at which concurrency after a warm-up, and where the bodies come
 * from (a module's exported function and its arguments, so no megabytes travel through the IPC channel).
 * The child warms up, measures and answers with every request's latency and the rate.
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { runConcurrent, warmUp } from './harness.ts';

export interface LoadPlan {
  url: string;
  headers: Record<string, string>;
  /** The status every answer must have (the run fails otherwise). */
  status: number;
  count: number;
  concurrency: number;
  warmUpMs: number;
  /** Bodies: `fn(...args)` exported by `module` (a file URL) returns `count` request bodies. */
  bodies: { module: string; fn: string; args: unknown[] };
  /**
   * Bodies of the warm-up (its requests are not measured): each sent once, and the warm-up ends early
   * when they run out, or sent again and again when `repeat` (an idempotent request).
   */
  warmBodies: { module: string; fn: string; args: unknown[]; repeat?: boolean };
}

export interface LoadResult {
  latenciesMs: number[];
  opsPerSec: number;
}

type Message =
  | { ok: true; result: LoadResult }
  | { ok: false; error: string }
  | { progress: number }
  | { measuring: true };

export interface LoadHooks {
  /** Shows how many measured requests have been answered. */
  bar?: { tick(done: number): void; stop(): void };
  /** Called when the warm-up is over and the measured requests start (a profiler starts here). */
  onMeasuring?: () => void;
}

/** Runs `plan` from a child process. */
export function runLoad(plan: LoadPlan, hooks: LoadHooks = {}): Promise<LoadResult> {
  const { bar, onMeasuring } = hooks;
  return new Promise<LoadResult>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    let barShown = bar !== undefined;
    const stopBar = (): void => {
      if (barShown) bar?.stop();
      barShown = false;
    };
    child.on('message', (msg: Message) => {
      if ('progress' in msg) {
        bar?.tick(msg.progress);
        return;
      }
      if ('measuring' in msg) {
        onMeasuring?.();
        return;
      }
      settled = true;
      stopBar();
      child.kill();
      if (msg.ok) resolve(msg.result);
      else reject(new Error(`load client: ${msg.error}`));
    });
    child.on('exit', (code) => {
      stopBar();
      if (!settled) reject(new Error(`load client stopped with exit code ${code ?? 'null'}`));
    });
    child.send(plan);
  });
}

async function bodiesOf(spec: LoadPlan['bodies']): Promise<string[]> {
  const mod = (await import(spec.module)) as Record<string, (...args: unknown[]) => string[]>;
  const fn = mod[spec.fn];
  if (typeof fn !== 'function') throw new Error(`${spec.module} exports no function ${spec.fn}`);
  return fn(...spec.args);
}

async function child(plan: LoadPlan): Promise<LoadResult> {
  // Bodies as bytes up front and node:http over kept-alive connections: the client does as little per
  // request as it can (undici's fetch costs several times as much CPU per request).
  const bytes = (texts: string[]): Buffer[] => texts.map((t) => Buffer.from(t, 'utf8'));
  const bodies = bytes(await bodiesOf(plan.bodies));
  const warm = bytes(await bodiesOf(plan.warmBodies));
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const url = new URL(plan.url);
  const send = (body: Buffer | undefined): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent, headers: { ...plan.headers, 'content-length': String(body?.length ?? 0) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode === plan.status) resolve();
            else {
              const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
              reject(new Error(`${plan.url} answered ${res.statusCode ?? '?'}, not ${plan.status}: ${text}`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await warmUp(
    plan.warmUpMs,
    plan.concurrency,
    (i) => send(warm[i % warm.length]),
    plan.warmBodies.repeat === true ? Infinity : warm.length,
  );
  process.send?.({ measuring: true } satisfies Message);
  let done = 0;
  return runConcurrent(plan.count, plan.concurrency, async (i) => {
    await send(bodies[i]);
    if (++done % 100 === 0) process.send?.({ progress: done } satisfies Message);
  });
}

if (process.send !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (plan: LoadPlan) => {
    child(plan).then(
      (result) => process.send?.({ ok: true, result } satisfies Message),
      (err: unknown) =>
        process.send?.({
          ok: false,
          error: err instanceof Error ? err.message : String(err),
        } satisfies Message),
    );
  });
}
