// The checkout's compile cache for bin/kantasim.js: the TypeScript sources of the command, bundled by
// esbuild (which tsx already brings) into plain JavaScript under node_modules/.cache/kantasim/, so that
// a start in a checkout runs on node alone instead of transpiling every module through tsx's loader
// thread on each start.
//
// It never runs stale code: the cache records every source file that went into the bundle with its
// size and modification time, and each start checks them all (a few hundred stats) before running the
// bundle; any difference (an edit, a deleted file, a new esbuild) rebuilds it first. A new source file
// can only be reached through an import added to a file that is already in the list, so it is caught too.
//
// Each module's `import.meta.url` is replaced by the URL of its source file, so everything the modules
// read next to themselves (`new URL('./locales/', import.meta.url)`, createRequire) resolves exactly as
// it does from the sources. Packages stay imports (node resolves them from the checkout's node_modules).
//
// Builds are written to a fresh directory and published by renaming a small manifest, so several
// processes starting at once (the tests spawn many) never see a half-written bundle; each uses the one
// it found, and directories that no manifest points to are removed once they are a day old.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Files outside the import graph that change what is built: esbuild's settings and this module. */
const CONFIG_FILES = ['tsconfig.json', 'package.json', 'bin/source-cache.js'];
/** Build directories no manifest points to are removed once they are this old. */
const STALE_BUILD_MS = 24 * 60 * 60 * 1000;

function stamp(file) {
  const s = statSync(file, { throwIfNoEntry: false });
  return s === undefined ? null : `${s.size}:${s.mtimeMs}`;
}

function cacheDir(root) {
  // node_modules may be shared between checkouts (a symlink), so each checkout gets its own directory.
  const id = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return join(root, 'node_modules', '.cache', 'kantasim', id);
}

function readManifest(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when every input (and config file) still has the size and mtime recorded at build time. */
function fresh(manifest, root, esbuildVersion) {
  if (manifest?.version !== 2 || manifest.esbuild !== esbuildVersion) return false;
  for (const [file, recorded] of Object.entries(manifest.inputs))
    if (stamp(join(root, file)) !== recorded) return false;
  return existsSync(join(manifest.dir, manifest.entry));
}

async function build(root, dir, entryRel) {
  const esbuild = await import('esbuild');
  // Each source's size and mtime as seen just before it was read, so an edit made during the build
  // leaves a stale stamp and the next start rebuilds.
  const seen = new Map();
  const urlPlugin = {
    name: 'kantasim-source-url',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
        seen.set(args.path, stamp(args.path));
        const text = readFileSync(args.path, 'utf8');
        const loader = args.path.endsWith('x') ? 'tsx' : 'ts';
        if (!text.includes('import.meta.url')) return { contents: text, loader };
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return { contents: text.replaceAll('import.meta.url', url), loader };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, entryRel)],
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    metafile: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [urlPlugin],
  });
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.startsWith('node_modules/') || input.includes(`${sep}node_modules${sep}`)) continue;
    const path = join(root, input);
    inputs[input] = seen.get(path) ?? stamp(path);
  }
  for (const f of CONFIG_FILES) inputs[f] = stamp(join(root, f));
  // Dynamically imported modules are entry points of their own chunks too: find the command's.
  const out = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === entryRel);
  if (out === undefined) throw new Error(`esbuild wrote no output for ${entryRel}`);
  return { inputs, entry: relative(dir, join(root, out[0])) };
}

function prune(base) {
  const names = readdirSync(base);
  const kept = new Set(names.filter((n) => n.endsWith('.json')).map((n) => readManifest(join(base, n))?.dir));
  for (const name of names) {
    if (!name.startsWith('build-')) continue;
    const path = join(base, name);
    if (kept.has(path)) continue;
    const s = statSync(path, { throwIfNoEntry: false });
    if (s !== undefined && Date.now() - s.mtimeMs > STALE_BUILD_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The file URL of plain JavaScript equivalent to `entryRel` (relative to the checkout root), built or
 * rebuilt first when any of its sources changed; undefined when esbuild is not installed.
 */
export async function compiledEntry(root, entryRel) {
  const require = createRequire(import.meta.url);
  let esbuildVersion;
  try {
    esbuildVersion = JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
  const base = cacheDir(root);
  const manifestFile = join(base, `${entryRel.replaceAll(/[\\/.]/g, '_')}.json`);
  let manifest = readManifest(manifestFile);
  if (!fresh(manifest, root, esbuildVersion)) {
    mkdirSync(base, { recursive: true });
    const dir = join(base, `build-${process.pid}-${Date.now().toString(36)}`);
    const { inputs, entry } = await build(root, dir, entryRel);
    manifest = { version: 2, esbuild: esbuildVersion, dir, entry, inputs };
    const tmp = `${manifestFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, manifestFile);
    prune(base);
  }
  return pathToFileURL(join(manifest.dir, manifest.entry)).href;
}

/** The checkout root of this bin/ directory. */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
