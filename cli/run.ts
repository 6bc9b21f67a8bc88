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
 * Exit codes (EXIT_CODES, also in `run --help`): 0 every selected check passed; 1 a check failed or could
 * not be evaluated; 2 a usage or environment error: the scenarios could not be loaded, a scenario needs
 * `--sut` and none was given, or the simulator or the system under test could not be reached.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runScenarios } from '../runner/engine.ts';
import {
  readClientTls,
  send,
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
import { scenariosNeedingSut } from '../runner/needs.ts';
import { createLogger } from '../simulator/logger.ts';
import { startServer, type RunningServer } from '../simulator/server.ts';

/** What each exit code of `kantasim run` means; printed by `run --help`. */
export const EXIT_CODES: readonly [number, string][] = [
  [0, 'every selected check passed'],
  [1, 'a check failed or could not be evaluated'],
  [
    2,
    'usage or environment error: a scenario could not be loaded, a scenario needs --sut and none was given, or the simulator or the system under test could not be reached',
  ],
];

export interface RunIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
  /** Where manual-mode answers come from (stdin by default). */
  input?: Readable;
  colour?: boolean;
  /** Poll interval for the event log, for tests. */
  pollMs?: number;
}

interface RunCliOptions {
  sim?: string;
  cert?: string;
  key?: string;
  ca?: string;
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
}

function parseTimeout(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600)
    throw new InvalidArgumentError('give seconds, a number above 0 and at most 3600 (e.g. 30 or 0.5)');
  return n;
}

function parseVar(value: string, previous: Record<string, string>): Record<string, string> {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
  if (!m) throw new InvalidArgumentError('give name=value, e.g. --var org=1.2.246.10.3210987.10.0');
  return { ...previous, [m[1] ?? '']: m[2] ?? '' };
}

function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
}

export function runCommand(io: RunIo = {}): Command {
  const out = io.out ?? ((s: string): void => void process.stdout.write(s));
  const err = io.err ?? ((s: string): void => void process.stderr.write(s));
  return new Command('run')
    .description('run deployment-test scenarios (YAML) against the simulator and a system under test')
    .argument('<paths...>', 'scenario files or folders (searched for *.yaml)')
    .option(
      '--sim <url>',
      'simulator base URL (env KANTASIM_URL); without it the run starts an in-memory simulator of its own',
    )
    .option('--sut <url>', "the system under test's automation hook base URL (env KANTASIM_SUT_URL)")
    .option('--cert <file>', 'client certificate (PEM) for a shared kantasim (serve --tls); with --key')
    .option('--key <file>', 'private key (PEM) of --cert')
    .option('--ca <file>', "the CA certificate that issued the shared kantasim's server certificate")
    .addOption(
      new Option('--level <level>', 'which checks to run: shall = SHALL only; should = SHALL and SHOULD')
        .choices(['shall', 'should'])
        .default('should'),
    )
    .option('--timeout <seconds>', "default seconds to wait for a step's submissions", parseTimeout, 30)
    .option('--junit <file>', 'write JUnit XML (for CI)')
    .option('--json <file>', 'write the run as JSON')
    .option('--report <file>', 'write the HTML deployment-test report')
    .option('--csv <file>', 'write one row a check as CSV (for spreadsheets)')
    .option('--manual', 'show instructions for people and wait for them to be done')
    .option('--no-record', 'do not record the run in the simulator (POST /runs) for the viewer')
    .addOption(
      new Option('--var <name=value>', "set a scenario variable (repeatable); overrides the scenario's vars")
        .argParser(parseVar)
        .default({}, 'none'),
    )
    .addHelpText(
      'after',
      `\nExit codes:\n${EXIT_CODES.map(([code, what]) => `  ${code}  ${what}`).join('\n')}\n`,
    )
    .action(async (paths: string[], opts: RunCliOptions) => {
      if ((opts.cert === undefined) !== (opts.key === undefined)) {
        err('kantasim run: give --cert and --key together\n');
        process.exitCode = 2;
        return;
      }
      if (opts.cert !== undefined && opts.key !== undefined)
        useClientCertificate(
          readClientTls({ cert: opts.cert, key: opts.key, ...(opts.ca !== undefined && { ca: opts.ca }) }),
        );
      const simGiven = (opts.sim ?? process.env.KANTASIM_URL)?.replace(/\/+$/, '');
      const sutEnv = opts.sut ?? process.env.KANTASIM_SUT_URL;
      const sut = sutEnv?.replace(/\/+$/, '');

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
        err(
          `kantasim run: the scenarios have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n`,
        );
        for (const p of problems) err(`  ${formatProblem(p)}\n`);
        process.exitCode = 2;
        return;
      }
      if (loaded.length === 0) {
        err(`kantasim run: no scenario files (*.yaml) in ${paths.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const ids = new Map<string, string>();
      for (const l of loaded) {
        const other = ids.get(l.scenario.id);
        if (other !== undefined) {
          err(
            `kantasim run: scenario id '${l.scenario.id}' is used by both ${other} and ${l.file}; ids must be unique\n`,
          );
          process.exitCode = 2;
          return;
        }
        ids.set(l.scenario.id, l.file);
      }

      const needing = scenariosNeedingSut(loaded, opts.manual === true);
      if (sut === undefined && needing.length > 0) {
        err(
          `kantasim run: ${needing.map((n) => `${n.file} (${n.where})`).join(', ')} ${needing.length === 1 ? 'calls' : 'call'} the system under test, received no --sut URL; give --sut URL (env KANTASIM_SUT_URL), or run with --manual and do the steps by hand\n`,
        );
        process.exitCode = 2;
        return;
      }
      if (sut !== undefined && needing.length > 0) {
        // Any HTTP answer means something listens there; only a failed connection stops the run.
        try {
          await send(sut, { method: 'GET', path: '/' }, 10_000, 'the system under test');
        } catch (e) {
          err(
            `kantasim run: ${e instanceof TransportError ? e.message : String(e)}; start it, or give the right --sut URL\n`,
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
            `kantasim run: ${e instanceof TransportError ? e.message : String(e)}; start it with 'kantasim serve' or leave out --sim to run against a simulator started for the run\n`,
          );
          process.exitCode = 2;
          return;
        }
      } else {
        try {
          embedded = await startServer(
            { port: 0, host: '127.0.0.1', dbFile: ':memory:', seed: true, mode: 'strict' },
            { logger: createLogger('warn', process.stderr) },
          );
        } catch (e) {
          err(`kantasim run: cannot start a simulator for the run: ${(e as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
        sim = embedded.url;
        out(`Simulator for this run: ${sim} (in memory; it stops when the run ends)\n`);
      }
      try {
        await runAndReport({ sim, embedded: embedded !== undefined, sut, loaded, opts, io, out, err });
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
}

/** Runs the loaded scenarios, records the run, writes the reports and sets the exit code. */
async function runAndReport(ctx: RunContext): Promise<void> {
  const { sim, embedded, sut, loaded, opts, io, out, err } = ctx;

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
      }),
      ...(io.pollMs !== undefined && { pollMs: io.pollMs }),
    });
  } finally {
    prompter?.close();
  }

  const recordedLinks = new Map<string, string>();
  if (embedded) {
    // The simulator stops with the run: a recorded run or a viewer link would outlive nothing.
    if (opts.record)
      out('Not recorded: the simulator for this run stops when it ends; the reports keep the evidence.\n');
  } else if (opts.record) {
    // A run that cannot be recorded still has its verdict: warn, never change the exit code.
    const recorded = await recordRun(sim, run);
    if (recorded.ok)
      for (const r of recorded.runs) {
        recordedLinks.set(r.scenarioId, r.viewer);
        out(`Recorded ${r.scenarioId} (${r.verdict}): ${r.viewer}\n`);
      }
    else err(`kantasim run: warning: the run was not recorded in the simulator: ${recorded.message}\n`);
  }

  const reports: [string | undefined, () => string, string][] = [
    [opts.junit, () => junitXml(run), 'JUnit XML'],
    [opts.json, () => jsonReport(run), 'JSON'],
    [
      opts.report,
      () => htmlReport(run, { recorded: recordedLinks, simulatorLinks: embedded ? 'gone' : 'live' }),
      'HTML report',
    ],
    [opts.csv, () => csvReport(run), 'CSV'],
  ];
  for (const [file, make, what] of reports) {
    if (file === undefined) continue;
    try {
      writeFile(file, make());
      out(`${what}: ${file}\n`);
    } catch (e) {
      err(`kantasim run: cannot write ${what} to ${file}: ${(e as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
  }
  process.exitCode = run.passed ? 0 : 1;
}
