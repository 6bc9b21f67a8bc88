import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { CommanderError } from 'commander';
import { hetuCommand } from './hetu.ts';
import type { HetuCheckEntry } from './hetu.ts';
import { validateTestHetu } from '../simulator/domain/hetu.ts';
import type { Hetu } from '../simulator/domain/hetu.ts';

interface Run {
  out: string;
  err: string;
  lines: string[];
  exitCode: number;
}

/** Runs `hetu …` in-process and returns what it printed and the exit code it set. */
async function run(...args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const cmd = hetuCommand({ out: (s) => (out += s), err: (s) => (err += s) }).exitOverride();
  await cmd.parseAsync(args, { from: 'user' });
  const code = process.exitCode;
  return { out, err, lines: out.split('\n').filter((l) => l !== ''), exitCode: Number(code ?? 0) };
}

describe('kantasim hetu', () => {
  // The command reports failure through process.exitCode; keep one test's code from leaking into the next.
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  describe('check', () => {
    it('prints ok with range, birth date and sex for a test code and exits 0', async () => {
      const r = await run('check', '010181-900C', '020516C903K');
      expect(r.lines).toEqual([
        '010181-900C  ok  test-range, born 1981-01-01, female',
        '020516C903K  ok  test-range, born 2016-05-02, male',
      ]);
      expect(r.exitCode).toBe(0);
    });

    it('prints INVALID with the reason and exits 1 when any code is invalid', async () => {
      const r = await run('check', '010181-900C', '010190-999K');
      expect(r.lines).toEqual([
        '010181-900C  ok  test-range, born 1981-01-01, female',
        "010190-999K  INVALID  check character is 'K' but should be 'W'",
      ]);
      expect(r.exitCode).toBe(1);
    });

    it('refuses a real-person-range code and exits 1', async () => {
      const r = await run('check', '131052-308T');
      expect(r.lines).toHaveLength(1);
      expect(r.lines[0]).toMatch(/^131052-308T {2}INVALID {2}.*only Kela-issued 900-series test codes/);
      expect(r.exitCode).toBe(1);
    });

    it('accepts a real-person-range code with --allow-real but still warns about it', async () => {
      const r = await run('check', '--allow-real', '131052-308T');
      expect(r.lines).toHaveLength(1);
      expect(r.lines[0]).toMatch(
        /^131052-308T {2}ok {2}real-person-range, born 1952-10-13, female {2}\(warning:/,
      );
      expect(r.exitCode).toBe(0);
    });

    it('still refuses a bad checksum with --allow-real', async () => {
      const r = await run('check', '--allow-real', '010190-999X');
      expect(r.lines[0]).toContain('INVALID');
      expect(r.exitCode).toBe(1);
    });

    it('prints a JSON array with --json', async () => {
      const r = await run('check', '--json', '010181-900C', '0101', '131052-308T');
      const entries = JSON.parse(r.out) as HetuCheckEntry[];
      expect(entries).toHaveLength(3);
      expect(entries[0]).toMatchObject({
        code: '010181-900C',
        ok: true,
        hetu: { range: 'test', sex: 'female' },
      });
      expect(entries[1]).toMatchObject({ code: '0101', ok: false, problem: { reason: 'format' } });
      expect(entries[2]).toMatchObject({ ok: false, problem: { reason: 'real-person-range' } });
      expect(r.exitCode).toBe(1);
    });

    it('refuses to run without a code', async () => {
      await expect(run('check')).rejects.toBeInstanceOf(CommanderError);
    });
  });

  describe('generate', () => {
    it('prints one valid test code per line', async () => {
      const r = await run('generate', '--count', '25', '--seed', 's1');
      expect(r.lines).toHaveLength(25);
      expect(new Set(r.lines).size).toBe(25);
      for (const code of r.lines) expect(validateTestHetu(code).ok).toBe(true);
      expect(r.exitCode).toBe(0);
    });

    it('prints one code by default', async () => {
      const r = await run('generate');
      expect(r.lines).toHaveLength(1);
      expect(validateTestHetu(r.lines[0]!).ok).toBe(true);
    });

    it('repeats the same codes for the same seed', async () => {
      const a = await run('generate', '--count', '10', '--seed', '42');
      const b = await run('generate', '--count', '10', '--seed', '42');
      expect(b.lines).toEqual(a.lines);
    });

    it('respects --born, --sex and --style and prints JSON with --json', async () => {
      const r = await run(
        'generate',
        '--count',
        '5',
        '--born',
        '1994-05-01',
        '--sex',
        'male',
        '--style',
        'new',
        '--json',
      );
      const hetus = JSON.parse(r.out) as Hetu[];
      expect(hetus).toHaveLength(5);
      for (const h of hetus) {
        expect(h).toMatchObject({ birthDate: '1994-05-01', sex: 'male', range: 'test' });
        expect('YXWVU').toContain(h.centurySign);
      }
    });

    it.each([
      [['--count', '0'], '--count must be a whole number from 1 to 100000'],
      [['--count', '100001'], '--count must be a whole number'],
      [['--count', '2.5'], '--count must be a whole number'],
      [['--count', 'many'], '--count must be a whole number'],
      [['--born', '2001-02-29'], "--born: birth date '2001-02-29' does not exist"],
      [['--born', '1.5.1994'], 'YYYY-MM-DD'],
      [['--sex', 'other'], '--sex must be female or male'],
      [['--style', 'newest'], '--style must be one of old, new, mixed'],
    ])('refuses %j with a clear message and exit code 2', async (args, message) => {
      const r = await run('generate', ...args);
      expect(r.out).toBe('');
      expect(r.err).toContain(message);
      expect(r.exitCode).toBe(2);
    });

    it('exits 2 without printing codes when the requested combination runs out', async () => {
      const r = await run(
        'generate',
        '--count',
        '51',
        '--born',
        '1981-01-01',
        '--sex',
        'female',
        '--style',
        'old',
      );
      expect(r.out).toBe('');
      expect(r.err).toContain('no unused test identity codes left for born 1981-01-01, female');
      expect(r.exitCode).toBe(2);
    });
  });
});
