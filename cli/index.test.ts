import { describe, expect, it } from 'vitest';
import { buildProgram } from './index.ts';

const ALL = ['serve', 'hetu', 'readiness', 'run', 'rules', 'ca'];

describe('buildProgram', () => {
  it('loads only the subcommand that runs', async () => {
    expect((await buildProgram('serve')).commands.map((c) => c.name())).toEqual(['serve']);
    expect((await buildProgram('run')).commands.map((c) => c.name())).toEqual(['run']);
  });

  it('loads every subcommand, in help order, for the help and for an unknown name', async () => {
    for (const only of [undefined, 'help', 'nosuch', 'constructor']) {
      expect((await buildProgram(only)).commands.map((c) => c.name())).toEqual(ALL);
    }
  });
});
