import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under runner/ except tests. */
function sources(dir = 'runner'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the runner is a client of the simulator (design principle 3)', () => {
  it('imports nothing from simulator/ but types', () => {
    const offending = sources().flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /from '(\.\.\/)+simulator\//.test(line) && !/^import type /.test(line))
        .map((line) => `${file}: ${line}`),
    );
    expect(offending).toEqual([]);
  });
});
