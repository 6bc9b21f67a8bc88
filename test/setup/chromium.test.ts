/**
 * The browser provisioning decisions (chromium.ts) against a fake machine: found, installed as root
 * with apt-get, or one message with the exact command, never an exception. Nothing is installed or
 * removed on the real machine.
 */
import { describe, expect, it } from 'vitest';
import { APT_COMMANDS, provisionChromium, runNeedsBrowser, type ChromiumProbe } from './chromium.ts';

function machine(opts: {
  files?: string[];
  env?: Record<string, string>;
  root?: boolean;
  apt?: boolean;
  failAt?: number;
  installs?: string;
}): { probe: ChromiumProbe; ran: string[]; logs: string[] } {
  const files = new Set(opts.files ?? []);
  const ran: string[] = [];
  const logs: string[] = [];
  const probe: ChromiumProbe = {
    env: opts.env ?? {},
    exists: (p) => files.has(p),
    isRoot: () => opts.root ?? false,
    hasAptGet: () => opts.apt ?? false,
    run: (command) => {
      ran.push(command.join(' '));
      if (opts.failAt === ran.length - 1) return 100;
      if (command.includes('install') && opts.installs) files.add(opts.installs);
      return 0;
    },
    log: (m) => logs.push(m),
  };
  return { probe, ran, logs };
}

describe('provisionChromium', () => {
  it('uses CHROMIUM_PATH when it names a file', () => {
    const { probe, ran } = machine({
      env: { CHROMIUM_PATH: '/opt/chrome' },
      files: ['/opt/chrome'],
      root: true,
      apt: true,
    });
    expect(provisionChromium(probe)).toEqual({ ok: true, path: '/opt/chrome', installed: false });
    expect(ran).toEqual([]);
  });

  it('names a CHROMIUM_PATH that points nowhere instead of installing something else', () => {
    const { probe, ran } = machine({ env: { CHROMIUM_PATH: '/nope/chrome' }, root: true, apt: true });
    const out = provisionChromium(probe);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toContain('CHROMIUM_PATH is /nope/chrome, but there is no file there');
    expect(ran).toEqual([]);
  });

  it("finds Debian's /usr/bin/chromium without installing", () => {
    const { probe, ran } = machine({ files: ['/usr/bin/chromium'], root: true, apt: true });
    expect(provisionChromium(probe)).toEqual({ ok: true, path: '/usr/bin/chromium', installed: false });
    expect(ran).toEqual([]);
  });

  it('installs the chromium package as root with apt-get, saying so', () => {
    const { probe, ran, logs } = machine({ root: true, apt: true, installs: '/usr/bin/chromium' });
    expect(provisionChromium(probe)).toEqual({ ok: true, path: '/usr/bin/chromium', installed: true });
    expect(ran).toEqual(APT_COMMANDS.map((c) => c.join(' ')));
    expect(ran).toEqual(['apt-get update', 'apt-get install -y chromium']);
    expect(logs[0]).toContain("Installing Debian's chromium package");
  });

  it('reports a failed apt-get step with the command to run by hand', () => {
    const { probe, ran } = machine({ root: true, apt: true, failAt: 1 });
    const out = provisionChromium(probe);
    expect(out).toEqual({
      ok: false,
      message: expect.stringContaining('`apt-get install -y chromium` failed (exit 100)'),
    });
    if (!out.ok) expect(out.message).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(ran).toHaveLength(2);
  });

  it('says exactly what to run when not root, and installs nothing', () => {
    const { probe, ran } = machine({ root: false, apt: true });
    const out = provisionChromium(probe);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message).toContain('needs root');
      expect(out.message).toContain('`sudo apt-get update && sudo apt-get install -y chromium`');
      expect(out.message).toContain('CHROMIUM_PATH');
      expect(out.message).toContain('/usr/bin/chromium');
    }
    expect(ran).toEqual([]);
  });

  it('says exactly what to do on a machine without apt-get', () => {
    const { probe, ran } = machine({ root: true, apt: false });
    const out = provisionChromium(probe);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toContain('no apt-get');
    expect(ran).toEqual([]);
  });

  it('fails clearly when the package installed but no executable appeared', () => {
    const { probe } = machine({ root: true, apt: true });
    const out = provisionChromium(probe);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toContain('no executable appeared');
  });
});

describe('runNeedsBrowser', () => {
  const root = '/repo';
  const browser = ['/repo/test/browser/viewer.test.ts', '/repo/test/browser/runs.test.ts'];
  it('is needed when every file runs', () => {
    expect(runNeedsBrowser(undefined, browser, root)).toBe(true);
    expect(runNeedsBrowser([], browser, root)).toBe(true);
  });
  it('is needed when a filter selects a browser test or a folder holding one', () => {
    expect(runNeedsBrowser(['test/browser/viewer'], browser, root)).toBe(true);
    expect(runNeedsBrowser(['test/'], browser, root)).toBe(true);
    expect(runNeedsBrowser(['/repo/test'], browser, root)).toBe(true);
    expect(runNeedsBrowser(['runs.test'], browser, root)).toBe(true);
  });
  it('is not needed when the filters select only other files', () => {
    expect(runNeedsBrowser(['simulator/archive/'], browser, root)).toBe(false);
    expect(runNeedsBrowser(['test/setup/chromium.test.ts'], browser, root)).toBe(false);
  });
});
