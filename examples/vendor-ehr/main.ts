/**
 * `npm run vendor-ehr -- --port N --sim URL [--fault NAME]`: starts the reference vendor system.
 */
import { parseArgs } from 'node:util';
import { FAULTS, parseFault } from './faults.ts';
import { startVendorEhr } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    sim: { type: 'string', default: process.env.KANTASIM_URL ?? 'http://localhost:8080' },
    fault: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    `usage: npm run vendor-ehr -- [--port 8090] [--host 127.0.0.1] [--sim http://localhost:8080] [--fault NAME]\n\nfaults:\n${Object.entries(
      FAULTS,
    )
      .map(([k, v]) => `  ${k.padEnd(24)} ${v}`)
      .join('\n')}\n`,
  );
} else {
  try {
    const fault = parseFault(values.fault);
    const ehr = await startVendorEhr({
      sim: values.sim,
      port: Number(values.port),
      host: values.host,
      ...(fault && { fault }),
    });
    process.stdout.write(
      `vendor-ehr listening on ${ehr.url} (simulator ${values.sim}${fault ? `, fault ${fault}` : ''})\n`,
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
