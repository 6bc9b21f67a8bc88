/**
 * The checkout's compile cache (bin/source-cache.js): a start runs plain JavaScript bundled from the
 * sources, and never a stale bundle. Runs on a small project of its own in a temporary directory, so
 * editing its sources cannot disturb the other tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without type declarations
import { compiledEntry } from '../../bin/source-cache.js';

const compile = compiledEntry as (root: string, entry: string) => Promise<string | undefined>;

const root = mkdtempSync(join(tmpdir(), 'kantasim-source-cache-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let tick = Date.now() / 1000 - 1000;
/** Writes a file with a modification time later than any before it (the cache compares mtimes). */
function write(rel: string, text: string): void {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  tick += 10;
  utimesSync(path, tick, tick);
}

/** Runs the compiled entry in a fresh node (no loader) and returns what it printed. */
function runEntry(url: string): string {
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(url)}); console.log(m.describe());`,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

describe('the source compile cache', () => {
  write('package.json', JSON.stringify({ name: 'cache-probe', type: 'module' }));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', strict: true } }));
  write('lib/data.txt', 'from the data file');
  write(
    'lib/dep.ts',
    [
      "import { readFileSync } from 'node:fs';",
      "export const data = (): string => readFileSync(new URL('./data.txt', import.meta.url), 'utf8');",
      'export const value: number = 1;',
    ].join('\n'),
  );
  write(
    'main.ts',
    [
      "import { data, value } from './lib/dep.ts';",
      'export function describe(): string {',
      '  return `${value} ${data()}`;',
      '}',
    ].join('\n'),
  );

  it('runs the sources as plain JavaScript, reading data files next to the sources', async () => {
    const url = await compile(root, 'main.ts');
    expect(url).toMatch(/node_modules\/\.cache\/kantasim\/.+\.js$/);
    expect(runEntry(url as string)).toBe('1 from the data file');
  });

  it('reuses the bundle while no source changed', async () => {
    const first = await compile(root, 'main.ts');
    expect(await compile(root, 'main.ts')).toBe(first);
  });

  it('runs an edit on the next start, also of a file only imported', async () => {
    const before = await compile(root, 'main.ts');
    write(
      'lib/dep.ts',
      [
        "import { readFileSync } from 'node:fs';",
        "export const data = (): string => readFileSync(new URL('./data.txt', import.meta.url), 'utf8');",
        'export const value: number = 2;',
      ].join('\n'),
    );
    const after = await compile(root, 'main.ts');
    expect(after).not.toBe(before);
    expect(runEntry(after as string)).toBe('2 from the data file');
  });

  it('picks up a new module imported by an edited file', async () => {
    write('lib/extra.ts', "export const extra = 'and a new module';");
    write(
      'main.ts',
      [
        "import { data, value } from './lib/dep.ts';",
        "import { extra } from './lib/extra.ts';",
        'export function describe(): string {',
        '  return `${value} ${data()} ${extra}`;',
        '}',
      ].join('\n'),
    );
    expect(runEntry((await compile(root, 'main.ts')) as string)).toBe(
      '2 from the data file and a new module',
    );
  });

  it('does not run a bundle whose source was deleted, and reports the broken import', async () => {
    rmSync(join(root, 'lib', 'extra.ts'));
    await expect(compile(root, 'main.ts')).rejects.toThrow(/extra/);
  });
});
