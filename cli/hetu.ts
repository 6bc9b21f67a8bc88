/**
 * `kantasim hetu check|generate`: check identity codes against the Kanta test rules and generate
 * Kela-style 900-series test codes.
 *
 * Exit codes: 0 success; 1 a checked code is invalid or not a test code; 2 bad options.
 * The actions set `process.exitCode` and never call `process.exit()`, so the command can run
 * in-process (tests, a parent program) and output is flushed before the process ends.
 *
 * See: https://www.kanta.fi/en/system-developers/test-etiquette
 */
import { Command, Option } from 'commander';
import { birthDateProblem, createTestHetuGenerator, validateTestHetu } from '../simulator/domain/hetu.ts';
import type { Hetu, HetuProblem, HetuSpec, HetuStyle, Sex } from '../simulator/domain/hetu.ts';

/** Where output goes. Each call receives a chunk that ends with a newline. */
export interface HetuCommandIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
}

/** One entry of `hetu check --json`. `ok` is what decides the exit code. */
export interface HetuCheckEntry {
  code: string;
  ok: boolean;
  hetu?: Hetu;
  problem?: HetuProblem;
  warning?: string;
}

const MAX_COUNT = 100_000;
const STYLES: readonly HetuStyle[] = ['old', 'new', 'mixed'];
const SEXES: readonly Sex[] = ['female', 'male'];

const REAL_RANGE_WARNING =
  'warning: real-person-range code; Kanta test environments accept only Kela-issued 900-series test codes';

/**
 * Commander applies `exitOverride` only to subcommands created after it is called. This subclass also
 * passes it to existing subcommands, so `hetuCommand().exitOverride()` turns usage errors in
 * `hetu check`/`hetu generate` into exceptions instead of `process.exit()`.
 */
class HetuRootCommand extends Command {
  override exitOverride(callback?: Parameters<Command['exitOverride']>[0]): this {
    super.exitOverride(callback);
    for (const sub of this.commands) sub.exitOverride(callback);
    return this;
  }
}

function checkEntry(code: string, allowReal: boolean): HetuCheckEntry {
  const result = validateTestHetu(code, { allowReal });
  if (!result.ok) return { code, ok: false, problem: result.problem };
  const entry: HetuCheckEntry = { code, ok: true, hetu: result.hetu };
  if (result.hetu.range === 'person') entry.warning = REAL_RANGE_WARNING;
  return entry;
}

function checkLine(entry: HetuCheckEntry): string {
  if (!entry.hetu) return `${entry.code}  INVALID  ${entry.problem?.message ?? 'invalid'}`;
  const range = entry.hetu.range === 'test' ? 'test-range' : 'real-person-range';
  const line = `${entry.code}  ok  ${range}, born ${entry.hetu.birthDate}, ${entry.hetu.sex}`;
  return entry.warning === undefined ? line : `${line}  (${entry.warning})`;
}

interface GenerateOptions {
  count: string;
  born?: string;
  sex?: string;
  seed?: string;
  style: string;
  json?: boolean;
}

type ParsedGenerate =
  | { ok: true; count: number; spec: HetuSpec; style: HetuStyle; seed?: string }
  | { ok: false; message: string };

function parseGenerateOptions(opts: GenerateOptions): ParsedGenerate {
  const count = /^\d+$/.test(opts.count) ? Number(opts.count) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT) {
    return {
      ok: false,
      message: `--count must be a whole number from 1 to ${MAX_COUNT}, got '${opts.count}'`,
    };
  }
  const style = STYLES.find((s) => s === opts.style);
  if (!style) {
    return { ok: false, message: `--style must be one of ${STYLES.join(', ')}, got '${opts.style}'` };
  }
  const spec: HetuSpec = {};
  if (opts.born !== undefined) {
    const problem = birthDateProblem(opts.born);
    if (problem !== null) return { ok: false, message: `--born: ${problem}` };
    spec.born = opts.born;
  }
  if (opts.sex !== undefined) {
    const sex = SEXES.find((s) => s === opts.sex);
    if (!sex) return { ok: false, message: `--sex must be female or male, got '${opts.sex}'` };
    spec.sex = sex;
  }
  return opts.seed === undefined
    ? { ok: true, count, spec, style }
    : { ok: true, count, spec, style, seed: opts.seed };
}

/**
 * Builds the `hetu` command with its `check` and `generate` subcommands. Pass `io` to capture output
 * (tests); by default it writes to stdout and stderr.
 */
export function hetuCommand(io: HetuCommandIo = {}): Command {
  const out =
    io.out ??
    ((s: string): void => {
      process.stdout.write(s);
    });
  const err =
    io.err ??
    ((s: string): void => {
      process.stderr.write(s);
    });

  // Configured before the subcommands exist so they inherit it (commander copies settings on creation).
  const hetu = new HetuRootCommand('hetu')
    .description('check and generate Finnish personal identity codes (HETU) for Kanta testing')
    .configureOutput({ writeOut: out, writeErr: err });

  hetu
    .command('check')
    .description('check identity codes: valid, and in the Kela 900-series test range')
    .argument('<code...>', 'identity codes (11 characters, e.g. 010181-900C)')
    .option(
      '--allow-real-identities',
      'accept real-person-range codes (002–899), printing a warning (the same name as serve uses)',
    )
    // The old name, kept for scripts that use it, out of the help.
    .addOption(new Option('--allow-real').hideHelp())
    .option('--json', 'print a JSON array instead of one line per code')
    .action(
      (codes: string[], opts: { allowReal?: boolean; allowRealIdentities?: boolean; json?: boolean }) => {
        const entries = codes.map((code) =>
          checkEntry(code, opts.allowReal === true || opts.allowRealIdentities === true),
        );
        if (opts.json === true) out(`${JSON.stringify(entries, null, 2)}\n`);
        else out(entries.map((e) => `${checkLine(e)}\n`).join(''));
        if (entries.some((e) => !e.ok)) process.exitCode = 1;
      },
    );

  hetu
    .command('generate')
    .description('generate unique 900-series test identity codes')
    .addOption(new Option('--count <n>', `how many codes, 1–${MAX_COUNT}`).default('1'))
    .addOption(new Option('--born <date>', 'birth date YYYY-MM-DD (default: random 1900–2022)'))
    .addOption(new Option('--sex <sex>', 'female or male (default: random)'))
    .addOption(new Option('--seed <seed>', 'seed for a repeatable sequence (default: random)'))
    .addOption(
      new Option('--style <style>', 'century signs: old (+ - A), new (2023: Y–U, B–F) or mixed').default(
        'mixed',
      ),
    )
    .option('--json', 'print a JSON array of parsed codes instead of one code per line')
    .action((opts: GenerateOptions) => {
      const parsed = parseGenerateOptions(opts);
      if (!parsed.ok) {
        err(`error: ${parsed.message}\n`);
        process.exitCode = 2;
        return;
      }
      const generator = createTestHetuGenerator(
        parsed.seed === undefined ? { style: parsed.style } : { style: parsed.style, seed: parsed.seed },
      );
      const hetus: Hetu[] = [];
      try {
        // Generate everything before printing, so running out of codes prints nothing half-done.
        for (let i = 0; i < parsed.count; i++) hetus.push(generator.next(parsed.spec));
      } catch (e) {
        err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.json === true) out(`${JSON.stringify(hetus, null, 2)}\n`);
      else out(hetus.map((h) => `${h.code}\n`).join(''));
    });

  return hetu;
}
