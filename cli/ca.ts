/**
 * `kantasim ca`: the local test CA of shared mode (docs/shared-mode.md). `init` creates it; `issue`
 * issues an organisation certificate shaped like a DVV service certificate for social and health-care
 * providers (`--org OID`) or the operator certificate (`--admin`); `token` signs a JSON Web Token for
 * `serve --require-jwt`. The certificates are test certificates: nothing outside this kantasim trusts
 * them, which is the point.
 */
import { Command } from 'commander';
import {
  DEFAULT_CA_DIR,
  initCa,
  issueOperatorCertificate,
  issueOrganisationCertificate,
  issueToken,
  OPERATOR_UNIT,
} from '../simulator/http/tls-ca.ts';
import { OPERATOR_SUBJECT } from '../simulator/http/tls-auth.ts';

interface IssueOptions {
  org?: string;
  admin?: boolean;
  name?: string;
  dir: string;
  json?: boolean;
  days?: string;
}

function days(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650) throw new Error(`--days must be 1–3650, not '${value}'`);
  return n;
}

export function caCommand(): Command {
  const ca = new Command('ca').description(
    'the local test CA of shared mode: organisation and operator certificates, tokens',
  );
  ca.command('init')
    .description('create a CA (certificate ca.crt, key ca.key) in a directory')
    .option('--dir <dir>', 'where to keep the CA', DEFAULT_CA_DIR)
    .action(async (opts: { dir: string }) => {
      const path = await initCa(opts.dir);
      process.stdout.write(`created the CA: ${path}\n`);
    });
  ca.command('issue')
    .description('issue an organisation certificate (--org OID) or the operator certificate (--admin)')
    .option('--org <oid>', "the organisation's OID (put in the subject serialNumber, as its identifier)")
    .option(
      '--admin',
      `the operator certificate (subject OU "${OPERATOR_UNIT}"): registry and archive operator`,
    )
    .option('--name <name>', "the organisation's name (subject O and CN)")
    .option('--days <n>', 'validity in days (default 365)')
    .option('--dir <dir>', 'the CA directory', DEFAULT_CA_DIR)
    .option('--json', 'print { "cert", "key", "ca" } paths as JSON')
    .action(async (opts: IssueOptions) => {
      if ((opts.org === undefined) === (opts.admin !== true))
        throw new Error('give exactly one of --org OID and --admin');
      const validity = days(opts.days);
      const files =
        opts.admin === true
          ? await issueOperatorCertificate(opts.dir, {
              ...(opts.name !== undefined && { name: opts.name }),
              ...(validity !== undefined && { days: validity }),
            })
          : await issueOrganisationCertificate(opts.dir, {
              org: opts.org ?? '',
              ...(opts.name !== undefined && { name: opts.name }),
              ...(validity !== undefined && { days: validity }),
            });
      if (opts.json === true) process.stdout.write(`${JSON.stringify(files)}\n`);
      else
        process.stdout.write(
          `certificate: ${files.cert}\nkey:         ${files.key}\nCA:          ${files.ca}\n`,
        );
    });
  ca.command('token')
    .description('sign a JSON Web Token for serve --require-jwt (subject: the organisation OID)')
    .option('--org <oid>', 'the organisation the token is for (must match its certificate)')
    .option('--admin', `a token for the operator (subject ${OPERATOR_SUBJECT})`)
    .option('--ttl <seconds>', 'lifetime in seconds (default 3600)')
    .option('--dir <dir>', 'the CA directory', DEFAULT_CA_DIR)
    .action(async (opts: { org?: string; admin?: boolean; ttl?: string; dir: string }) => {
      if ((opts.org === undefined) === (opts.admin !== true))
        throw new Error('give exactly one of --org OID and --admin');
      const ttl = opts.ttl === undefined ? undefined : Number(opts.ttl);
      if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1))
        throw new Error(`--ttl must be a whole number of seconds, not '${opts.ttl}'`);
      const token = await issueToken(opts.dir, {
        ...(opts.admin === true ? { subject: OPERATOR_SUBJECT } : { org: opts.org ?? '' }),
        ...(ttl !== undefined && { ttlSeconds: ttl }),
      });
      process.stdout.write(`${token}\n`);
    });
  return ca;
}
