/**
 * The `kantasim` command. Each subcommand lives in its own module.
 */
import { Command } from 'commander';
import { VERSION } from '../simulator/app.ts';
import { caCommand } from './ca.ts';
import { hetuCommand } from './hetu.ts';
import { readinessCommand } from './readiness.ts';
import { rulesCommand } from './rules.ts';
import { runCommand } from './run.ts';
import { serveCommand } from './serve.ts';

export function buildProgram(): Command {
  return new Command('kantasim')
    .description(
      'A local, scriptable Kanta: archive, appointment booking, registries, deployment-test scenarios',
    )
    .version(VERSION)
    .showHelpAfterError()
    .addCommand(serveCommand())
    .addCommand(hetuCommand())
    .addCommand(readinessCommand())
    .addCommand(runCommand())
    .addCommand(rulesCommand())
    .addCommand(caCommand());
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    process.stderr.write(`kantasim: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
