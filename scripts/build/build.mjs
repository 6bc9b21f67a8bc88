// `npm run build` (and `prepack`): compiles the TypeScript the command needs into dist/ with tsc
// (tsconfig.build.json rewrites the `.ts`/`.tsx` import specifiers to `.js`), then copies the data files
// the compiled modules read next to themselves, so every `new URL('./…', import.meta.url)` resolves from
// dist/ exactly as it does from the sources. Plain JavaScript so it runs with node alone, no loader.
// The repository itself never needs this: bin/kantasim.js runs the sources (through its compile cache,
// bin/source-cache.js) when they exist.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');

/** Files and directories read at run time by path, copied to the same place under dist/. */
export const DATA = [
  'fixtures/world.json',
  'simulator/domain/code-lists',
  'common/i18n/locales',
  'simulator/viewer/assets',
  'simulator/workers/shim.js',
  'runner/scenario.schema.json',
];

rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) {
  console.error(`build: tsc failed (exit ${built.status ?? built.signal})`);
  process.exit(1);
}

for (const item of DATA) {
  const from = join(root, item);
  if (!existsSync(from)) {
    console.error(`build: ${item} is missing`);
    process.exit(1);
  }
  mkdirSync(dirname(join(dist, item)), { recursive: true });
  cpSync(from, join(dist, item), { recursive: true });
}
// The precompiled R4 structure validators (ajv standalone code; several MB, so generated rather than
// committed): without them the installed server would compile the R4 schema with ajv on first use.
const gen = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    join(root, 'scripts', 'gen-r4-validators.ts'),
    '--out',
    join(dist, 'simulator', 'fhir', 'validation'),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (gen.status !== 0) {
  console.error(`build: generating the R4 structure validators failed (exit ${gen.status ?? gen.signal})`);
  process.exit(1);
}

console.log(`build: dist/ written (${DATA.length} data paths copied)`);
