/**
 * `kantasim run <files|dirs…>`: runs deployment-test scenarios against a simulator (and a system under
 * test), prints progress and a summary, writes JUnit / JSON / HTML reports.
 *
 * After the run it is recorded in the simulator (`POST {sim}/runs`, one record a scenario) and the
 * viewer link of each recorded scenario run is printed, unless `--no-record`; a failure to record is a
 * warning on stderr and never changes the exit code.
 *
 * With no `--sim` (and no KANTASIM_URL) the command starts a simulator of its own for the run: the real
 * server (simulator/server.ts) on a free loopback port with an in-memory SQLite store seeded with the
 * fixture world, so CI needs one command. The runner stays its HTTP client; the simulator stops when the
 * run ends, so the run is not recorded in it and the reports carry the evidence instead of links.
 *
 * `--sim-port N` fixes that simulator's port (default: a free one), so a system under test can be
 * configured beforehand to send to it. When the system under test's hook names the simulator it sends
 * to (`GET /hook` → `simulator`, as examples/vendor-ehr does) and that is certainly another one than the
 * run uses, the run stops before the first step (exit 2) saying both URLs (runner/sut-sim.ts).
 *
 * Exit codes (EXIT_CODES, also in `run --help`): 0 every selected check passed; 1 a check failed or could
 * not be evaluated; 2 a usage or environment error: the scenarios could not be loaded, a scenario needs
 * `--sut` and none was given (with `--manual`: saying why manual mode does not replace it), the system
 * under test sends to another simulator, or the simulator or the system under test could not be reached. An
 * unreachable system under test is one line saying so, never a stack trace.
 *
 * Language: `--lang fi|sv|en`, by default the environment's locale (common/i18n `fromEnvironment`). It
 * sets the HTML report's language, this command's output (common/i18n/locales/<lang>/cli.json, help
 * texts included where commander allows: they are built before the arguments are parsed, so they follow
 * `--lang` found in argv, else the locale) and the `Accept-Language` of every request the runner sends,
 * so findings come back in that language. JUnit, JSON and CSV stay language-neutral.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { format, fromEnvironment, isLang, LANGS, type Lang } from '../common/i18n/index.ts';
import { runScenarios } from '../runner/engine.ts';
import { setRunLanguage } from '../runner/wording.ts';
import {
  readClientTls,
  useOperatorCertificate,
  send,
  setRequestLanguage,
  SimulatorClient,
  TransportError,
  useClientCertificate,
} from '../runner/http.ts';
import {
  collectScenarioFiles,
  formatProblem,
  loadScenarioFile,
  ScenarioLoadError,
  type LoadedScenario,
  type LoadProblem,
} from '../runner/load.ts';
import { terminalReporter } from '../runner/progress.ts';
import { linePrompter } from '../runner/prompt.ts';
import { recordRun } from '../runner/record.ts';
import { csvReport } from '../runner/report/csv.ts';
import { htmlReport } from '../runner/report/html.ts';
import { jsonReport } from '../runner/report/json.ts';
import { junitXml } from '../runner/report/junit.ts';
import type { Level } from '../runner/types.ts';
import { scenariosNeedingSut, type SutNeed } from '../runner/needs.ts';
import { differentSimulators, sutSimulator } from '../runner/sut-sim.ts';
import { createLogger } from '../simulator/logger.ts';
import { startServer, type RunningServer } from '../simulator/server.ts';

/** The exit codes of `kantasim run`; what each means is `exit.<code>` in cli.json, printed by `run --help`. */
export const EXIT_CODE_VALUES: readonly number[] = [0, 1, 2];

/** What each exit code means, in a language. */
export function exitCodes(lang: Lang = 'en'): [number, string][] {
  return EXIT_CODE_VALUES.map((code) => [code, format(lang, 'cli', `exit.${code}`)]);
}

/** What each exit code of `kantasim run` means (English); printed by `run --help` in the user's language. */
export const EXIT_CODES: readonly [number, string][] = exitCodes('en');

/** The language `--lang` names in an argument list, for help texts built before parsing. */
export function langFromArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const value =
      a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (isLang(value)) return value;
  }
  return undefined;
}

export interface RunIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
  /** Where manual-mode answers come from (stdin by default). */
  input?: Readable;
  colour?: boolean;
  /** Poll interval for the event log, for tests. */
  pollMs?: number;
  /** Language of the help texts (default: `--lang` in process.argv, else the locale). */
  helpLang?: Lang;
}

interface RunCliOptions {
  sim?: string;
  cert?: string;
  key?: string;
  ca?: string;
  operatorCert?: string;
  operatorKey?: string;
  token?: string;
  operatorToken?: string;
  sut?: string;
  level: Level;
  timeout: number;
  junit?: string;
  json?: string;
  report?: string;
  csv?: string;
  manual?: boolean;
  /** False with --no-record. */
  record: boolean;
  var: Record<string, string>;
  lang?: Lang;
  simPort?: number;
}

function parsers(lang: Lang): {
  timeout: (value: string) => number;
  variable: (value: string, previous: Record<string, string>) => Record<string, string>;
  port: (value: string) => number;
  lang: (value: string) => Lang;
} {
  const m = (key: string): string => format(lang, 'cli', key);
  return {
    timeout(value) {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new InvalidArgumentError(m('invalid.timeout'));
      return n;
    },
    variable(value, previous) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
      if (!match) throw new InvalidArgumentError(m('invalid.var'));
      return { ...previous, [match[1] ?? '']: match[2] ?? '' };
    },
    port(value) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(m('invalid.port'));
      return n;
    },
    lang(value) {
      if (!isLang(value)) throw new InvalidArgumentError(m('invalid.lang'));
      return value;
    },
  };
}

function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
}

/**
 * Reads a bearer token (`kantasim ca token`) from a file, or from standard input for `-`. A JSON Web
 * Token is three base64url parts; anything else is refused before a request is sent.
 */
async function readToken(spec: string | undefined, input: Readable | undefined): Promise<string | undefined> {
  if (spec === undefined) return undefined;
  let text: string;
  if (spec === '-') {
    text = '';
    for await (const chunk of input ?? process.stdin)
      text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  } else {
    try {
      text = readFileSync(spec, 'utf8');
    } catch (e) {
      throw new Error(`${spec}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const token = text.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
    throw new Error(
      `${spec === '-' ? 'standard input' : spec}: not a JSON Web Token (three base64url parts)`,
    );
  return token;
}

export function runCommand(io: RunIo = {}): Command {
  const out = io.out ?? ((s: string): void => void process.stdout.write(s));
  const err = io.err ?? ((s: string): void => void process.stderr.write(s));
  const helpLang = io.helpLang ?? langFromArgv(process.argv) ?? fromEnvironment();
  const h = (key: string): string => format(helpLang, 'cli', key);
  const parse = parsers(helpLang);
  return new Command('run')
    .description(h('run.description'))
    .argument('<paths...>', h('run.arg.paths'))
    .option('--sim <url>', h('run.opt.sim'))
    .option('--sim-port <port>', h('run.opt.simPort'), parse.port)
    .option('--sut <url>', h('run.opt.sut'))
    .option('--cert <file>', h('run.opt.cert'))
    .option('--key <file>', h('run.opt.key'))
    .option('--ca <file>', h('run.opt.ca'))
    .option('--operator-cert <file>', h('run.opt.operatorCert'))
    .option('--operator-key <file>', h('run.opt.operatorKey'))
    .option('--token <file>', h('run.opt.token'))
    .option('--operator-token <file>', h('run.opt.operatorToken'))
    .addOption(
      new Option('--level <level>', h('run.opt.level')).choices(['shall', 'should']).default('should'),
    )
    .option('--timeout <seconds>', h('run.opt.timeout'), parse.timeout, 30)
    .option('--junit <file>', h('run.opt.junit'))
    .option('--json <file>', h('run.opt.json'))
    .option('--report <file>', h('run.opt.report'))
    .option('--csv <file>', h('run.opt.csv'))
    .option('--manual', h('run.opt.manual'))
    .option('--no-record', h('run.opt.noRecord'))
    .addOption(
      new Option('--var <name=value>', h('run.opt.var')).argParser(parse.variable).default({}, 'none'),
    )
    .addOption(new Option('--lang <lang>', h('run.opt.lang')).choices([...LANGS]))
    .addHelpText(
      'after',
      `\n${h('run.exitCodes')}\n${exitCodes(helpLang)
        .map(([code, what]) => `  ${code}  ${what}`)
        .join('\n')}\n`,
    )
    .action(async (paths: string[], opts: RunCliOptions) => {
      const lang: Lang = opts.lang ?? fromEnvironment();
      const m = (key: string, args?: Record<string, string | number>): string =>
        format(lang, 'cli', key, args);
      setRequestLanguage(lang);
      setRunLanguage(lang);
      if ((opts.cert === undefined) !== (opts.key === undefined)) {
        err(`${m('run.certWithKey')}\n`);
        process.exitCode = 2;
        return;
      }
      if ((opts.operatorCert === undefined) !== (opts.operatorKey === undefined)) {
        err(`${m('run.certWithKey')}\n`);
        process.exitCode = 2;
        return;
      }
      if (
        (opts.token !== undefined && opts.cert === undefined) ||
        (opts.operatorToken !== undefined && opts.operatorCert === undefined)
      ) {
        err(`${m('run.tokenWithCert')}\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.token === '-' && opts.operatorToken === '-') {
        err(`${m('run.tokenStdinOnce')}\n`);
        process.exitCode = 2;
        return;
      }
      let token: string | undefined;
      let operatorToken: string | undefined;
      try {
        token = await readToken(opts.token, io.input);
        operatorToken = await readToken(opts.operatorToken, io.input);
      } catch (e) {
        err(`${m('run.tokenUnreadable', { reason: (e as Error).message })}\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.cert !== undefined && opts.key !== undefined)
        useClientCertificate({
          ...readClientTls({ cert: opts.cert, key: opts.key, ...(opts.ca !== undefined && { ca: opts.ca }) }),
          ...(token !== undefined && { token }),
        });
      useOperatorCertificate(
        opts.operatorCert !== undefined && opts.operatorKey !== undefined
          ? {
              ...readClientTls({
                cert: opts.operatorCert,
                key: opts.operatorKey,
                ...(opts.ca !== undefined && { ca: opts.ca }),
              }),
              ...(operatorToken !== undefined && { token: operatorToken }),
            }
          : undefined,
      );
      const simGiven = (opts.sim ?? process.env.KANTASIM_URL)?.replace(/\/+$/, '');
      const sutEnv = opts.sut ?? process.env.KANTASIM_SUT_URL;
      const sut = sutEnv?.replace(/\/+$/, '');
      if (simGiven !== undefined && opts.simPort !== undefined) {
        err(`${m('error.simPortWithSim', { sim: simGiven })}\n`);
        process.exitCode = 2;
        return;
      }

      // Load everything first: a typo in the fifth file should not surface after four have run.
      const loaded: LoadedScenario[] = [];
      const problems: LoadProblem[] = [];
      try {
        for (const file of collectScenarioFiles(paths)) {
          try {
            loaded.push(loadScenarioFile(file, Object.keys(opts.var)));
          } catch (e) {
            if (e instanceof ScenarioLoadError) problems.push(...e.problems);
            else throw e;
          }
        }
      } catch (e) {
        if (e instanceof ScenarioLoadError) problems.push(...e.problems);
        else throw e;
      }
      if (problems.length > 0) {
        err(`${m('error.problems', { count: problems.length })}\n`);
        for (const p of problems) err(`  ${formatProblem(p)}\n`);
        process.exitCode = 2;
        return;
      }
      if (loaded.length === 0) {
        err(`${m('error.noFiles', { paths: paths.join(', ') })}\n`);
        process.exitCode = 2;
        return;
      }
      const ids = new Map<string, string>();
      for (const l of loaded) {
        const other = ids.get(l.scenario.id);
        if (other !== undefined) {
          err(`${m('error.duplicateId', { id: l.scenario.id, first: other, second: l.file })}\n`);
          process.exitCode = 2;
          return;
        }
        ids.set(l.scenario.id, l.file);
      }

      const needing = scenariosNeedingSut(loaded, opts.manual === true);
      if (sut === undefined && needing.length > 0) {
        const list = (needs: readonly SutNeed[]): { list: string; count: number } => ({
          list: needs.map((n) => `${n.file} (${n.where})`).join(', '),
          count: needs.length,
        });
        if (opts.manual === true) {
          // --manual was given: say why it is not enough (source values read from the hook, or a
          // step only the hook can do).
          const reads = needing.filter((n) => n.why === 'reads');
          const hookOnly = needing.filter((n) => n.why === 'hook');
          if (reads.length > 0) err(`${m('error.needsSutReads', list(reads))}\n`);
          if (hookOnly.length > 0) err(`${m('error.needsSutHookOnly', list(hookOnly))}\n`);
        } else err(`${m('error.needsSut', list(needing))}\n`);
        process.exitCode = 2;
        return;
      }
      if (sut !== undefined && needing.length > 0) {
        // Any HTTP answer means something listens there; only a failed connection stops the run.
        try {
          await send(sut, { method: 'GET', path: '/' }, 10_000, 'the system under test');
        } catch (e) {
          err(
            `${m('error.sutUnreachable', { reason: e instanceof TransportError ? e.message : String(e) })}\n`,
          );
          process.exitCode = 2;
          return;
        }
      }

      let embedded: RunningServer | undefined;
      let sim: string;
      if (simGiven !== undefined) {
        sim = simGiven;
        try {
          await new SimulatorClient(sim, 10_000).getJson('/healthz');
        } catch (e) {
          err(
            `${m('error.simUnreachable', { reason: e instanceof TransportError ? e.message : String(e) })}\n`,
          );
          process.exitCode = 2;
          return;
        }
      } else {
        try {
          embedded = await startServer(
            { port: opts.simPort ?? 0, host: '127.0.0.1', dbFile: ':memory:', seed: true, mode: 'strict' },
            { logger: createLogger('warn', process.stderr) },
          );
        } catch (e) {
          err(`${m('error.simStart', { reason: (e as Error).message })}\n`);
          process.exitCode = 2;
          return;
        }
        sim = embedded.url;
        out(`${m('run.embedded', { url: sim })}\n`);
      }
      if (sut !== undefined && needing.length > 0) {
        const sutSim = await sutSimulator(sut);
        if (sutSim !== undefined && differentSimulators(sutSim, sim)) {
          err(
            `${m('error.sutOtherSim', {
              sutSim,
              sut,
              sim,
              embedded: embedded === undefined ? '' : m('error.sutOtherSimEmbedded'),
            })}\n`,
          );
          process.exitCode = 2;
          await embedded?.close();
          return;
        }
      }
      try {
        await runAndReport({ sim, embedded: embedded !== undefined, sut, loaded, opts, io, out, err, lang });
      } finally {
        await embedded?.close();
      }
    });
}

interface RunContext {
  sim: string;
  /** The simulator was started for this run and stops with it. */
  embedded: boolean;
  sut: string | undefined;
  loaded: LoadedScenario[];
  opts: RunCliOptions;
  io: RunIo;
  out: (s: string) => void;
  err: (s: string) => void;
  lang: Lang;
}

/** Runs the loaded scenarios, records the run, writes the reports and sets the exit code. */
async function runAndReport(ctx: RunContext): Promise<void> {
  const { sim, embedded, sut, loaded, opts, io, out, err, lang } = ctx;
  const m = (key: string, args?: Record<string, string | number>): string => format(lang, 'cli', key, args);

  const prompter = opts.manual === true ? linePrompter(io.input ?? process.stdin, out) : undefined;
  let run;
  try {
    run = await runScenarios(loaded, {
      sim,
      ...(sut !== undefined && { sut }),
      level: opts.level,
      timeoutSeconds: opts.timeout,
      manual: opts.manual === true,
      vars: opts.var,
      ...(prompter !== undefined && { prompter }),
      listener: terminalReporter(out, {
        colour: io.colour ?? (io.out === undefined && process.stdout.isTTY),
        descriptions: opts.manual === true,
        lang,
      }),
      ...(io.pollMs !== undefined && { pollMs: io.pollMs }),
    });
  } finally {
    prompter?.close();
  }

  const recordedLinks = new Map<string, string>();
  if (embedded) {
    // The simulator stops with the run: a recorded run or a viewer link would outlive nothing.
    if (opts.record) out(`${m('run.notRecorded')}\n`);
  } else if (opts.record) {
    // A run that cannot be recorded still has its verdict: warn, never change the exit code.
    const recorded = await recordRun(sim, run);
    if (recorded.ok)
      for (const r of recorded.runs) {
        recordedLinks.set(r.scenarioId, r.viewer);
        out(`${m('run.recorded', { scenario: r.scenarioId, verdict: r.verdict, url: r.viewer })}\n`);
      }
    else err(`${m('warning.notRecorded', { reason: recorded.message })}\n`);
  }

  const reports: [string | undefined, () => string, string][] = [
    [opts.junit, () => junitXml(run), m('what.junit')],
    [opts.json, () => jsonReport(run), m('what.json')],
    [
      opts.report,
      () => htmlReport(run, { recorded: recordedLinks, simulatorLinks: embedded ? 'gone' : 'live', lang }),
      m('what.html'),
    ],
    [opts.csv, () => csvReport(run), m('what.csv')],
  ];
  for (const [file, make, what] of reports) {
    if (file === undefined) continue;
    try {
      writeFile(file, make());
      out(`${m('run.wrote', { what, file })}\n`);
    } catch (e) {
      err(`${m('error.write', { what, file, reason: (e as Error).message })}\n`);
      process.exitCode = 2;
      return;
    }
  }
  process.exitCode = run.passed ? 0 : 1;
}
