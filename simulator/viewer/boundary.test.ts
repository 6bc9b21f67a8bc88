/**
 * The viewer's one door to the store: outside tests, only reader.ts (the scoped reader) and routes.tsx
 * (which hands the Store to it) may import anything under `store/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('viewer boundary', () => {
  it('reads the store only through the scoped reader', () => {
    const importing = sources(ROOT)
      .filter((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          // Type-only imports of the state repositories (sessions, rate limits) hold no archive data.
          .some(
            (line) => /from '(\.\.\/)+store\//.test(line) && !/^import type .*state-types\.ts'/.test(line),
          ),
      )
      .map((f) => f.slice(ROOT.length))
      .sort();
    expect(importing).toEqual(['reader.ts', 'routes.tsx']);
  });
});
