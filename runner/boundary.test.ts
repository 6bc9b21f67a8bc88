import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts/.tsx file under `dir` except tests. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Lines of the files under `dir` whose import specifier matches `pattern`. */
function importsMatching(
  dir: string,
  pattern: RegExp,
  keep: (line: string) => boolean = () => true,
): string[] {
  return sources(dir).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^(import|export) .* from '/.test(line) && pattern.test(line) && keep(line))
      .map((line) => `${file}: ${line}`),
  );
}

describe('the runner is a client of the simulator (design principle 3)', () => {
  it('imports nothing from simulator/ but types', () => {
    expect(
      importsMatching('runner', /from '(\.\.\/)+simulator\//, (line) => !/^import type /.test(line)),
    ).toEqual([]);
  });

  it('takes its types only from simulator/domain/', () => {
    expect(importsMatching('runner', /from '(\.\.\/)+simulator\/(?!domain\/)/)).toEqual([]);
  });
});

describe('layers (docs/architecture.md)', () => {
  it('the domain imports nothing from the edges', () => {
    expect(
      importsMatching(
        'simulator/domain',
        /from '\.\.\/(store|fhir|archive|registry|viewer|events|runs|http|xml)\//,
      ),
    ).toEqual([]);
  });

  it('the pure rule modules import nothing from store/', () => {
    const rules = [
      ...importsMatching('simulator/archive/rules', /from '(\.\.\/)+store\//),
      ...importsMatching('simulator/fhir/validation', /from '(\.\.\/)+store\//),
    ];
    expect(rules).toEqual([]);
  });
});

describe('common/ is a leaf both sides may import at run time', () => {
  it('imports nothing from simulator/, runner/ or cli/', () => {
    // The catalogue of finding codes lives in common/ because the runner's report reads it at run time,
    // and the runner may import only types from simulator/. That holds only while common/ stays a leaf.
    expect(importsMatching('common', /from '(\.\.\/)+(simulator|runner|cli)\//)).toEqual([]);
  });
});
