import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Finds or installs Chromium for test/browser/, or stops with what to run (test/setup/chromium.ts).
          globalSetup: ['test/setup/global-chromium.ts', 'test/setup/global-postgres.ts'],
          include: [
            'simulator/**/*.test.ts',
            'common/**/*.test.ts',
            'cli/**/*.test.ts',
            'runner/**/*.test.ts',
            'test/**/*.test.ts',
            'examples/**/*.test.ts',
          ],
          exclude: ['test/conformance/**', 'test/package/**', 'node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Slow (minutes): packs, installs the tarball from the registry and runs it. `npm run test:package`.
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 30 * 60_000,
          hookTimeout: 10 * 60_000,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
