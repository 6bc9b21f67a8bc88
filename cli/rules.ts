/**
 * `kantasim rules [--channel fhir|archive|registry] [--json]`: the catalogue of finding codes, so a
 * vendor can look up what a code means, where it comes from and whether it is published Kanta/HL7
 * behaviour or a kantasim assumption. The same catalogue generates docs/rules.md.
 *
 * Exit codes: 0 success; 2 bad options (commander reports them).
 */
import { Command, Option } from 'commander';
import { RULE_CHANNELS, ruleJson, rulesOf, type RuleChannel } from '../common/rules/catalogue.ts';
import { rulesTable } from '../common/rules/render.ts';

/** Where output goes; each call receives a chunk that ends with a newline. */
export interface RulesCommandIo {
  out?: (s: string) => void;
}

export function rulesCommand(io: RulesCommandIo = {}): Command {
  const out = io.out ?? ((s: string) => process.stdout.write(s));
  return new Command('rules')
    .description('list the finding codes: channel, severity, message, public source, published or assumption')
    .addOption(new Option('--channel <channel>', 'only one channel').choices(RULE_CHANNELS))
    .option('--json', 'print a JSON array of entries (each with code, source and the structured sources)')
    .action((opts: { channel?: RuleChannel; json?: boolean }) => {
      const entries = rulesOf(opts.channel);
      out(opts.json === true ? `${JSON.stringify(entries.map(ruleJson), null, 2)}\n` : rulesTable(entries));
    });
}
