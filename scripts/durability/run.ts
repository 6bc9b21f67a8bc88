/**
 * `npm run durability [-- --long] [--seed N] [--kills N]`: the crash-durability check against a real
 * simulator process (see durability.ts). The default run is 5 kill -9 cycles; `--long` is 30. Prints a
 * line per kill and a summary, and exits 1 when an acknowledged submission is lost, something is
 * half-written, or a writer's submission was refused.
 */
import { parseArgs } from 'node:util';
import { durable, runDurability } from './durability.ts';

const { values } = parseArgs({
  options: {
    long: { type: 'boolean', default: false },
    seed: { type: 'string' },
    kills: { type: 'string' },
    writers: { type: 'string' },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const kills = Number(values.kills ?? (values.long ? 30 : 5));
const writersPerKind = Number(values.writers ?? 2);
if (!Number.isInteger(seed) || !Number.isInteger(kills) || kills < 1 || !Number.isInteger(writersPerKind)) {
  process.stderr.write('--seed, --kills and --writers are whole numbers (kills at least 1)\n');
  process.exit(2);
}

process.stdout.write(
  `durability: ${String(kills)} kill -9 cycles, ${String(writersPerKind)} writers of each kind, seed ${String(seed)}\n`,
);
const report = await runDurability({
  seed,
  kills,
  writersPerKind,
  onProgress: (line) => process.stdout.write(`  ${line}\n`),
});
const a = report.acknowledged;
process.stdout.write(
  `seed ${String(seed)}: ${String(report.kills)} kills in ${(report.durationMs / 1000).toFixed(1)} s; acknowledged ${String(a.appointmentStores)} appointment stores, ${String(a.appointmentReplaces)} replaces, ${String(a.documents)} documents, ${String(a.documentReplaces)} document replacements; ${String(report.inFlightAtKill)} in flight at kills (${String(report.inFlightStored)} of them stored whole); ${String(report.refused.length)} refused; ${String(report.problems.length)} problems\n`,
);
for (const r of report.refused.slice(0, 10))
  process.stdout.write(`  refused ${String(r.status)}: ${r.detail}\n`);
for (const p of report.problems.slice(0, 30)) process.stdout.write(`  PROBLEM ${p}\n`);
process.exitCode = durable(report) ? 0 : 1;
