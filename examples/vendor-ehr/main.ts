/**
 * `npm run vendor-ehr -- --port N --sim URL [--fault NAME] [--cert FILE --key FILE [--ca FILE]]`:
 * starts the reference vendor system. Against a shared (TLS) kantasim it presents the organisation's
 * client certificate (`--cert`/`--key`, or KANTASIM_CERT/KANTASIM_KEY; `--ca`/KANTASIM_CA trusts the
 * simulator's CA), as a Kanta-connected system presents its service certificate.
 */
import { parseArgs } from 'node:util';
import { FAULTS, parseFault } from './faults.ts';
import { readKantaTls } from './kanta-http.ts';
import { startVendorEhr } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    sim: { type: 'string', default: process.env.KANTASIM_URL ?? 'http://localhost:8080' },
    fault: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    ca: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    `usage: npm run vendor-ehr -- [--port 8090] [--host 127.0.0.1] [--sim http://localhost:8080] [--fault NAME] [--cert FILE --key FILE [--ca FILE]]\n\nfaults:\n${Object.entries(
      FAULTS,
    )
      .map(([k, v]) => `  ${k.padEnd(24)} ${v}`)
      .join('\n')}\n`,
  );
} else {
  try {
    const fault = parseFault(values.fault);
    const cert = values.cert ?? process.env.KANTASIM_CERT;
    const key = values.key ?? process.env.KANTASIM_KEY;
    const ca = values.ca ?? process.env.KANTASIM_CA;
    if ((cert === undefined) !== (key === undefined))
      throw new Error('give --cert and --key together (the client certificate and its private key)');
    const tls = cert !== undefined && key !== undefined ? readKantaTls({ cert, key, ca }) : undefined;
    const ehr = await startVendorEhr({
      sim: values.sim,
      port: Number(values.port),
      host: values.host,
      ...(fault && { fault }),
      ...(tls && { tls }),
    });
    process.stdout.write(
      `vendor-ehr listening on ${ehr.url} (simulator ${values.sim}${fault ? `, fault ${fault}` : ''}${tls ? ', client certificate' : ''})\n`,
    );
    const stop = (): void => {
      void ehr.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    process.stderr.write(`vendor-ehr: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
