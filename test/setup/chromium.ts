/**
 * Finds the Chromium the viewer's browser tests drive (test/browser/), and provisions it on a fresh
 * machine: Debian's `chromium` package through apt-get when running as root, otherwise one message that
 * says exactly what to run. `npm test` therefore never fails on a missing browser with a stack trace and
 * never skips the browser tests silently. The machine is reached only through the injected probe, so the
 * decisions are unit-tested without uninstalling anything (chromium.test.ts); global-chromium.ts wires
 * in the real one.
 */
import { isAbsolute, relative, resolve } from 'node:path';

/** Where a Chromium is looked for when CHROMIUM_PATH is not set, in order. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
];

/** The commands that install Debian's Chromium, as run (and as told to a non-root user). */
export const APT_COMMANDS: readonly (readonly string[])[] = [
  ['apt-get', 'update'],
  ['apt-get', 'install', '-y', 'chromium'],
];

export interface ChromiumProbe {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  isRoot(): boolean;
  hasAptGet(): boolean;
  /** Runs a command with its output shown to the user; returns its exit status. */
  run(command: readonly string[]): number;
  log(message: string): void;
}

export type ChromiumOutcome = { ok: true; path: string; installed: boolean } | { ok: false; message: string };

function find(probe: ChromiumProbe): string | undefined {
  return CHROMIUM_CANDIDATES.find((p) => probe.exists(p));
}

const shell = (commands: readonly (readonly string[])[], sudo: boolean): string =>
  commands.map((c) => (sudo ? `sudo ${c.join(' ')}` : c.join(' '))).join(' && ');

/** Finds Chromium, installing Debian's package when that is possible; never throws. */
export function provisionChromium(probe: ChromiumProbe): ChromiumOutcome {
  const configured = probe.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (probe.exists(configured)) return { ok: true, path: configured, installed: false };
    return {
      ok: false,
      message:
        `CHROMIUM_PATH is ${configured}, but there is no file there. ` +
        'Point CHROMIUM_PATH at a Chromium or Chrome executable, or unset it to use /usr/bin/chromium.',
    };
  }
  const found = find(probe);
  if (found !== undefined) return { ok: true, path: found, installed: false };

  const instructions =
    `Install Debian's Chromium with \`${shell(APT_COMMANDS, true)}\` ` +
    '(or set CHROMIUM_PATH to a Chromium or Chrome executable), then run `npm test` again.';
  const none = `The viewer's browser tests need Chromium and none was found (looked at ${CHROMIUM_CANDIDATES.join(', ')}).`;
  if (!probe.hasAptGet())
    return { ok: false, message: `${none} This machine has no apt-get. ${instructions}` };
  if (!probe.isRoot()) return { ok: false, message: `${none} Installing it needs root. ${instructions}` };

  probe.log(`${none} Installing Debian's chromium package: ${shell(APT_COMMANDS, false)}`);
  for (const command of APT_COMMANDS) {
    const status = probe.run(command);
    if (status !== 0)
      return {
        ok: false,
        message: `\`${command.join(' ')}\` failed (exit ${status}) while installing Chromium for the browser tests. ${instructions}`,
      };
  }
  const installed = find(probe);
  if (installed === undefined)
    return {
      ok: false,
      message: `apt-get installed chromium, but no executable appeared at ${CHROMIUM_CANDIDATES.join(', ')}. Set CHROMIUM_PATH to it and run \`npm test\` again.`,
    };
  probe.log(`Chromium installed at ${installed}.`);
  return { ok: true, path: installed, installed: true };
}

/**
 * Whether a vitest run selecting `filters` (its command-line file filters, substring matches on paths;
 * none: every file) includes any of `browserFiles` (absolute paths), so a run of other files does not
 * install a browser it will not use.
 */
export function runNeedsBrowser(
  filters: readonly string[] | undefined,
  browserFiles: readonly string[],
  root: string,
): boolean {
  if (filters === undefined || filters.length === 0) return true;
  return filters.some((filter) =>
    browserFiles.some((file) => {
      if (file.includes(filter) || relative(root, file).includes(filter)) return true;
      const dir = isAbsolute(filter) ? filter : resolve(root, filter);
      const rel = relative(dir, file);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    }),
  );
}
