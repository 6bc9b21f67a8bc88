#!/usr/bin/env node
// The `kantasim` command. In the repository the TypeScript sources run through tsx's loader, so
// development needs no build step and never runs a stale build. The installed package ships no
// sources, only the JavaScript `npm run build` compiled into dist/, which runs on node alone (tsx is a
// development dependency). Sources win when both exist and tsx is installed.
import { existsSync } from 'node:fs';

const sources = new URL('../cli/index.ts', import.meta.url);
const compiled = new URL('../dist/cli/index.js', import.meta.url);

async function entry() {
  if (existsSync(sources)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return sources.href;
    } catch {
      // tsx not installed (production install of a checkout): fall through to the build.
    }
  }
  if (existsSync(compiled)) return compiled.href;
  console.error(
    'kantasim: neither the compiled command (dist/) nor the TypeScript sources with tsx were found; ' +
      'in a checkout run `npm ci` (and `npm run build` for dist/).',
  );
  process.exit(1);
}

const { main } = await import(await entry());
await main(process.argv);
