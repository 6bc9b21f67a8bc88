/**
 * What `kantasim serve` loads before it answers /healthz: the packages its modules import statically
 * (esbuild's import graph of the command's entry). The heavy, feature-only ones are loaded on first use
 * (dynamic import or require at the use site); a static import of one of them here would load it on
 * every start again.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Packages reachable through static imports from `entry`, and how many source modules. */
async function staticPackages(entry: string): Promise<{ packages: Set<string>; modules: number }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const seen = new Set([entry]);
  const queue = [entry];
  const packages = new Set<string>();
  for (let file = queue.shift(); file !== undefined; file = queue.shift())
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) {
        if (!imp.path.startsWith('node:'))
          packages.add(
            imp.path
              .split('/')
              .slice(0, imp.path.startsWith('@') ? 2 : 1)
              .join('/'),
          );
      } else if (!seen.has(imp.path)) {
        seen.add(imp.path);
        queue.push(imp.path);
      }
    }
  return { packages, modules: seen.size };
}

/** Loaded only by the feature that needs them. */
const ON_FIRST_USE = [
  'ajv', // FHIR structure (types without a precompiled validator), registry and run bodies
  'ajv-formats',
  'fhirpath', // FHIR invariants
  'pg', // --store postgres://…
  '@peculiar/x509', // shared mode, kantasim ca
  'jose',
  'reflect-metadata',
  'libxml2-wasm', // --cda-schema
  'preact-render-to-string', // the viewer
  '@xmldom/xmldom',
  'xpath',
  'yaml', // kantasim run
];

describe('start-up imports', () => {
  it('kantasim serve imports none of the feature-only packages statically', async () => {
    const { packages } = await staticPackages('cli/serve.ts');
    expect(packages).toContain('express'); // the graph is read at all
    expect(ON_FIRST_USE.filter((p) => packages.has(p))).toEqual([]);
  });

  it('the command loads only the subcommand it runs', async () => {
    const { packages, modules } = await staticPackages('cli/index.ts');
    expect([...packages]).toEqual(['commander']);
    expect(modules).toBeLessThan(5);
  });
});
