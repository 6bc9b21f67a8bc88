#!/usr/bin/env node
// The `kantasim` command. In the repository it runs the TypeScript sources, so development needs no
// build step and never runs a stale build: bin/source-cache.js bundles them with esbuild into a cache
// that is checked against every source file on each start and rebuilt when one changed, and node runs
// that plain JavaScript (KANTASIM_SOURCE_CACHE=0, or no esbuild, runs the sources through tsx's loader
// instead). The installed package ships no sources, only the JavaScript `npm run build` compiled into
// dist/, which runs on node alone (esbuild and tsx are development dependencies). Sources win when both
// exist and the development dependencies are installed.
import { existsSync } from 'node:fs';

const sources = new URL('../cli/index.ts', import.meta.url);
const compiled = new URL('../dist/cli/index.js', import.meta.url);

async function fromSources() {
  if (process.env.KANTASIM_SOURCE_CACHE !== '0') {
    const { ROOT, compiledEntry } = await import('./source-cache.js');
    const entry = await compiledEntry(ROOT, 'cli/index.ts').catch(() => undefined);
    if (entry !== undefined) return entry;
    // esbuild missing, or the sources do not build: tsx runs them and reports the error in place.
  }
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return sources.href;
  } catch {
    return undefined; // tsx not installed (production install of a checkout): fall through to the build.
  }
}

async function entry() {
  if (existsSync(sources)) {
    const entry = await fromSources();
    if (entry !== undefined) return entry;
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
