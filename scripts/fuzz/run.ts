/**
 * `npm run fuzz [-- --long] [--seed N] [--count N] [--minutes N] [--url URL]`: starts the simulator as
 * a real process on a fresh SQLite file (or fuzzes `--url`), runs the seeded fuzz pass, prints
 * progress and a summary, and exits 1 on any 5xx, hang or unbounded RSS growth. The short pass is 400
 * inputs; `--long` is 20,000 inputs (or 20 minutes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimProcess, type SimProcess } from '../../test/support/process.ts';
import { passed, runFuzz } from './fuzz.ts';

const { values } = parseArgs({
  options: {
    long: { type: 'boolean', default: false },
    seed: { type: 'string' },
    count: { type: 'string' },
    minutes: { type: 'string' },
    url: { type: 'string' },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const count = Number(values.count ?? (values.long ? 20_000 : 400));
const minutes = Number(values.minutes ?? (values.long ? 20 : 2));

const dir = mkdtempSync(join(tmpdir(), 'kantasim-fuzz-'));
let sim: SimProcess | undefined;
try {
  sim = values.url === undefined ? await startSimProcess(join(dir, 'fuzz.db')) : undefined;
  const url = values.url ?? sim?.url ?? '';
  process.stdout.write(`fuzzing ${url} with seed ${seed}: up to ${count} inputs or ${minutes} min\n`);
  const began = Date.now();
  const report = await runFuzz({
    url,
    seed,
    count,
    timeLimitMs: minutes * 60_000,
    ...(sim ? { rss: sim.rss } : {}),
    onProgress: (n, rep) => {
      const rss = rep.rssEnd === undefined ? '' : `, rss ${Math.round(rep.rssEnd / 1048576)} MB`;
      process.stdout.write(
        `  ${n} inputs, ${rep.failures.length} failures${rss}, ${JSON.stringify(rep.statuses)}\n`,
      );
    },
  });
  const mb = (b: number | undefined): string => (b === undefined ? '?' : `${Math.round(b / 1048576)} MB`);
  const fives = report.failures.filter((f) => f.kind === '5xx').length;
  const hangs = report.failures.filter((f) => f.kind !== '5xx').length;
  process.stdout.write(
    `seed ${seed}: ${report.inputs} inputs, ${fives} 5xx, ${hangs} hangs or network failures, statuses ${JSON.stringify(report.statuses)}, rss ${mb(report.rssStart)} → ${mb(report.rssEnd)} (peak ${mb(report.rssPeak)}), ${((Date.now() - began) / 1000).toFixed(1)} s\n`,
  );
  for (const f of report.failures.slice(0, 20))
    process.stdout.write(`  #${f.n} ${f.kind} ${f.method} ${f.path} ${f.status ?? ''}: ${f.detail}\n`);
  process.exitCode = passed(report) ? 0 : 1;
} finally {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
}
