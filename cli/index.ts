/**
 * The `kantasim` command. Each subcommand lives in its own module, imported only when it runs (or when
 * the whole program is needed, for `kantasim --help`): `kantasim serve` does not load the scenario
 * runner, its reports or the rule catalogue's rendering, and so starts sooner.
 */
import { Command } from 'commander';
import { VERSION } from '../simulator/app.ts';

/** The subcommands in the order the help lists them, each loaded on demand. */
const SUBCOMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import('./serve.ts')).serveCommand(),
  hetu: async () => (await import('./hetu.ts')).hetuCommand(),
  readiness: async () => (await import('./readiness.ts')).readinessCommand(),
  run: async () => (await import('./run.ts')).runCommand(),
  rules: async () => (await import('./rules.ts')).rulesCommand(),
  ca: async () => (await import('./ca.ts')).caCommand(),
};

/**
 * The program. With `only` naming a subcommand, just that one is loaded and added; otherwise (no name,
 * `help`, an unknown name) all of them, so the help and the unknown-command message list every one.
 */
export async function buildProgram(only?: string): Promise<Command> {
  const all = Object.entries(SUBCOMMANDS);
  const one = all.filter(([name]) => name === only);
  const chosen = one.length > 0 ? one : all;
  const program = new Command('kantasim')
    .description(
      'A local, scriptable Kanta: archive, appointment booking, registries, deployment-test scenarios',
    )
    .version(VERSION)
    .showHelpAfterError();
  const commands = await Promise.all(chosen.map(([, load]) => load()));
  for (const command of commands) program.addCommand(command);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    // The program itself takes no option with a value, so the first argument that is not an option
    // names the subcommand.
    const first = argv.slice(2).find((arg) => !arg.startsWith('-'));
    await (await buildProgram(first)).parseAsync(argv);
  } catch (e) {
    process.stderr.write(`kantasim: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
