/**
 * Test helpers for the runner: a tiny system under test whose automation hook writes to the
 * simulator's /registry API (so event waiting works without /fhir or /archive), and `kantasim run`
 * called in-process with its output captured.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runCommand, type RunIo } from '../../cli/run.ts';

export interface FakeSut {
  url: string;
  /** The source system's own values, by organisation OID (what `GET /source/organisations/:oid` tells). */
  sourceNames: Map<string, string>;
  /** Hook calls received, for assertions. */
  calls: string[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += (chunk as Buffer).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Starts the fake vendor system on a free loopback port. */
export async function startFakeSut(simUrl: string): Promise<FakeSut> {
  const sourceNames = new Map<string, string>();
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    void (async () => {
      const url = req.url ?? '/';
      calls.push(`${req.method ?? ''} ${url}`);
      if (req.method === 'POST' && url === '/hook/register-organisation') {
        const body = await readJson(req);
        const oid = String(body.oid);
        const name = String(body.name);
        sourceNames.set(oid, sourceNames.get(oid) ?? name);
        const sim = await fetch(`${simUrl}/registry/organisations/${oid}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ oid, name, kind: 'organisation', public: false }),
        });
        reply(sim.ok ? 200 : 502, { done: sim.ok, oid, simulatorStatus: sim.status });
        return;
      }
      const source = /^\/source\/organisations\/([0-9.]+)$/.exec(url);
      if (req.method === 'GET' && source) {
        const name = sourceNames.get(source[1] ?? '');
        if (name === undefined) reply(404, { error: { code: 'not-found', message: 'no such organisation' } });
        else reply(200, { oid: source[1], name });
        return;
      }
      if (req.method === 'POST' && url === '/hook/idle') {
        reply(200, { done: true });
        return;
      }
      if (req.method === 'POST' && url === '/hook/broken') {
        reply(500, { error: { code: 'internal', message: 'database down' } });
        return;
      }
      reply(404, { error: { code: 'not-found', message: `no hook ${url}` } });
    })().catch((e: unknown) => {
      reply(500, { error: { code: 'internal', message: String(e) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sourceNames,
    calls,
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

const made: string[] = [];
// Every test file importing this module removes the folders it made once its tests are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder for scenario files and reports, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kantasim-runner-'));
  made.push(dir);
  return dir;
}

/** Writes a scenario file into `dir` and returns its path. */
export function writeScenario(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, 'utf8');
  return file;
}

export interface CliRun {
  out: string;
  err: string;
  exitCode: number;
}

/** The commands report through process.exitCode (read through a function so TypeScript does not narrow it). */
function readExitCode(): number {
  const code: unknown = process.exitCode;
  return typeof code === 'number' ? code : Number(code ?? 0);
}

/** Runs `kantasim run …args` in-process. */
export async function kantasimRun(
  args: string[],
  io: RunIo & { onOut?: (s: string) => void } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  process.exitCode = undefined;
  const { onOut, ...rest } = io;
  const cmd = runCommand({
    out: (s) => {
      out += s;
      onOut?.(s);
    },
    err: (s) => (err += s),
    pollMs: 20,
    ...rest,
  }).exitOverride();
  await cmd.parseAsync(args, { from: 'user' });
  const exitCode = readExitCode();
  process.exitCode = undefined;
  return { out, err, exitCode };
}
