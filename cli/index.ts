/**
 * The `kantasim` command. Each subcommand lives in its own module, loaded only when it is the one
 * asked for (`kantasim serve` does not load the scenario runner, `kantasim hetu` not the simulator);
 * help, an unknown command or none at all loads them all, so the help lists every command.
 */
import { Command } from 'commander';
import { VERSION } from '../simulator/version.ts';

/** Each subcommand, by name, in the order the help lists them. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.ts')).serveCommand(),
  hetu: async () => (await import('./hetu.ts')).hetuCommand(),
  readiness: async () => (await import('./readiness.ts')).readinessCommand(),
  run: async () => (await import('./run.ts')).runCommand(),
  rules: async () => (await import('./rules.ts')).rulesCommand(),
  ca: async () => (await import('./ca.ts')).caCommand(),
};

/** The subcommand `argv` (node, script, …args) names, when it names one; options come after it. */
function commandOf(argv: readonly string[]): string | undefined {
  const first = argv[2];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
}

/** The program; with `argv`, only the subcommand it names is loaded (all of them when it names none). */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const named = argv === undefined ? undefined : commandOf(argv);
  const program = new Command('kantasim')
    .description(
      'A local, scriptable Kanta: archive, appointment booking, registries, deployment-test scenarios',
    )
    .version(VERSION)
    .showHelpAfterError();
  const names = named === undefined ? Object.keys(COMMANDS) : [named];
  for (const command of await Promise.all(names.map(async (n) => COMMANDS[n]?.())))
    if (command !== undefined) program.addCommand(command);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (e) {
    process.stderr.write(`kantasim: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
