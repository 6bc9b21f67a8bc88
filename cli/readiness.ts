/**
 * `kantasim readiness --org OID [--sim URL]`: the readiness checklist (docs/kanta.md#readiness) of an organisation, read from a
 * running simulator. Exit 0 when ready, 1 when not, 2 when the simulator could not answer.
 */
import { Command } from 'commander';
import type { Readiness } from '../simulator/registry/readiness.ts';

export interface CliIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
}

export const DEFAULT_SIM_URL = 'http://localhost:8080';

export function formatReadiness(r: Readiness): string {
  const lines = [
    `Readiness of ${r.name ?? r.organisation} (${r.organisation}) for a Kanta deployment test`,
    '',
  ];
  for (const item of r.items) {
    lines.push(`  ${(item.passed ? '[ok]' : '[MISSING]').padEnd(9)} ${item.title}`);
    lines.push(`          ${item.detail}`);
    if (!item.passed && item.action !== undefined) lines.push(`          → ${item.action}`);
  }
  const missing = r.items.filter((i) => !i.passed).length;
  lines.push(
    '',
    r.ready ? 'READY: every item passed.' : `NOT READY: ${missing} of ${r.items.length} items missing.`,
  );
  return `${lines.join('\n')}\n`;
}

export function readinessCommand(io: CliIo = {}): Command {
  const out = io.out ?? ((s: string): void => void process.stdout.write(s));
  const err = io.err ?? ((s: string): void => void process.stderr.write(s));
  return new Command('readiness')
    .description(
      "check an organisation's readiness for a deployment test (code server, system, connection, test IDs)",
    )
    .requiredOption('--org <oid>', 'organisation OID (required)')
    .option('--sim <url>', `simulator base URL (env KANTASIM_URL; default ${DEFAULT_SIM_URL})`)
    .option('--json', 'print the checklist as JSON')
    .action(async (opts: { org: string; sim?: string; json?: boolean }) => {
      const base = (opts.sim ?? process.env.KANTASIM_URL ?? DEFAULT_SIM_URL).replace(/\/+$/, '');
      let response: Response;
      try {
        response = await fetch(`${base}/registry/readiness/${encodeURIComponent(opts.org)}`, {
          headers: { Accept: 'application/json' },
        });
      } catch (e) {
        err(`kantasim readiness: cannot reach the simulator at ${base}: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const body = (await response.json().catch(() => undefined)) as
        Readiness | { error?: { message?: string } } | undefined;
      if (!response.ok || body === undefined || !('items' in body)) {
        const message = body && 'error' in body ? body.error?.message : undefined;
        err(`kantasim readiness: ${response.status} ${message ?? response.statusText}\n`);
        process.exitCode = 2;
        return;
      }
      out(opts.json === true ? `${JSON.stringify(body, null, 2)}\n` : formatReadiness(body));
      process.exitCode = body.ready ? 0 : 1;
    });
}
