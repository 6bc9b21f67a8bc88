/**
 * `npm run bench [-- --quick] [-- --only NAME] [-- --scale 1m]`: runs every suite in scripts/bench/*.bench.ts, prints a
 * table per suite with ratios against the suite's baseline, and writes bench-results/<timestamp>.json
 * with the machine it ran on.
 *
 * Each suite runs in a process of its own (this script again, with `--suite-file`), so one suite's heap,
 * JIT state and memory never reach another's figures: an RSS measured by a suite is its own.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem, platform, release, arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Harness, type BenchSuite, type Measurement } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const scaleIndex = args.indexOf('--scale');
const scale = scaleIndex >= 0 ? parseScale(args[scaleIndex + 1]) : undefined;
const suiteFileIndex = args.indexOf('--suite-file');
const suiteFile = suiteFileIndex >= 0 ? args[suiteFileIndex + 1] : undefined;

/** `1m`, `100k`, `250000` → a count. */
function parseScale(text: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text ?? '');
  if (!match) throw new Error(`--scale is a count such as 1m, 100k or 250000, not '${text ?? ''}'`);
  const unit = match[2]?.toLowerCase();
  return Math.round(Number(match[1]) * (unit === 'm' ? 1e6 : unit === 'k' ? 1e3 : 1));
}

function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  };
}

function fmt(n: number | undefined, digits = 0): string {
  if (n === undefined || Number.isNaN(n)) return '';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Ratios below 0.1 keep two significant digits, so a small ratio never reads as 0.00×. */
function fmtRatio(r: number): string {
  return r < 0.1 ? r.toPrecision(2) : fmt(r, 2);
}

function table(measurements: Measurement[]): string {
  const base = measurements.find((m) => m.baseline);
  // The baseline heads the table, wherever the suite measured it (some measure it before and after).
  const ordered = base === undefined ? measurements : [base, ...measurements.filter((m) => m !== base)];
  const rows = ordered.map((m) => {
    let ratio = '';
    if (base && m !== base) {
      if (m.opsPerSec !== undefined && base.opsPerSec !== undefined)
        ratio = `${fmtRatio(m.opsPerSec / base.opsPerSec)}× baseline ops/s`;
      else if (m.p50Ms !== undefined && base.p50Ms !== undefined)
        ratio = `${fmtRatio(m.p50Ms / base.p50Ms)}× baseline p50`;
    } else if (m === base) ratio = 'baseline';
    return [m.name, fmt(m.opsPerSec), fmt(m.p50Ms, 3), fmt(m.p99Ms, 3), fmt(m.n), ratio, m.note ?? ''];
  });
  const header = ['measurement', 'ops/s', 'p50 ms', 'p99 ms', 'n', 'ratio', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i >= 5 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

interface SuiteResult {
  suite: string;
  description: string;
  measurements: Measurement[];
}

async function loadSuite(file: string): Promise<BenchSuite> {
  return ((await import(pathToFileURL(join(here, file)).href)) as { suite: BenchSuite }).suite;
}

/** Child mode: runs one suite and sends its measurements to the parent. */
async function runHere(file: string): Promise<void> {
  const suite = await loadSuite(file);
  const harness = new Harness({
    quick,
    ...(scale !== undefined && { scale }),
    progress: (msg) => process.stderr.write(`   … ${msg}\n`),
  });
  await suite.run(harness);
  const result: SuiteResult = {
    suite: suite.name,
    description: suite.description,
    measurements: harness.measurements,
  };
  await new Promise<void>((resolve, reject) => {
    process.send?.(result, (err: Error | null) => {
      if (err) reject(err);
      else resolve();
    });
  });
}

/** Runs one suite in a fresh process (same Node flags, same arguments) and returns its measurements. */
function runInChild(file: string): Promise<SuiteResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [...args, '--suite-file', file], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: SuiteResult | undefined;
    child.on('message', (message) => {
      result = message as SuiteResult;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`bench suite ${file} ended with ${signal ?? `exit code ${String(code)}`}`));
    });
  });
}

if (suiteFile !== undefined) {
  await runHere(suiteFile);
  process.exit(0);
}

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const results: SuiteResult[] = [];
const m = machine();
process.stdout.write(
  `kantasim benchmarks${quick ? ' (quick)' : ''} on ${String(m.cpu)}, ${String(m.cores)} cores, ${String(m.memoryGiB)} GiB, Node ${process.version}\n`,
);
for (const file of files) {
  const suite = await loadSuite(file);
  if (only !== undefined && !suite.name.includes(only)) continue;
  process.stdout.write(`\n== ${suite.name}: ${suite.description}\n`);
  const result = await runInChild(file);
  process.stdout.write(`${table(result.measurements)}\n`);
  results.push(result);
}
const outDir = join(here, '..', '..', 'bench-results');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  outFile,
  `${JSON.stringify({ at: new Date().toISOString(), quick, scale, machine: m, results }, null, 2)}\n`,
);
process.stdout.write(`\nwrote ${outFile}\n`);
