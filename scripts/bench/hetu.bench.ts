import {
  createTestHetuGenerator,
  generateTestHetus,
  parseHetu,
  validateTestHetu,
} from '../../simulator/domain/hetu.ts';
import type { BenchSuite } from './harness.ts';

/** Identity-code validation: the full rules against a bare format regex over the same codes. */
export const suite: BenchSuite = {
  name: 'hetu',
  description: 'identity-code validation vs a format-only regex (baseline) on 10,000 generated codes',
  run(h) {
    const codes = generateTestHetus(10_000, { seed: 'bench', style: 'mixed' }).map((x) => x.code);
    const format = /^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]$/;
    h.progress('format regex (baseline)');
    h.throughput('format regex only', (i) => format.test(codes[i % codes.length] ?? ''), { baseline: true });
    h.progress('parseHetu');
    h.throughput('parseHetu (date, check character)', (i) => parseHetu(codes[i % codes.length] ?? '').ok);
    h.progress('validateTestHetu');
    h.throughput(
      'validateTestHetu (+ test range)',
      (i) => validateTestHetu(codes[i % codes.length] ?? '').ok,
    );
    h.progress('generator');
    let gen = createTestHetuGenerator({ seed: 'bench-gen', style: 'mixed' });
    h.throughput('generate one test code', (i) => {
      if (i % 5000 === 0) gen = createTestHetuGenerator({ seed: `bench-gen-${i}`, style: 'mixed' });
      return gen.next().code;
    });
    return Promise.resolve();
  },
};
