/**
 * `kantasim run` in Finnish, Swedish and English, with no `--sim` (a simulator is started for the run):
 * the HTML report is marked with its language and has no English label left, the console speaks the
 * language, `--sim-port` fixes the embedded simulator's port, an unreachable system under test is one
 * clear line with exit 2, and `run --help` lists the exit codes in the user's language.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, type Lang } from '../../common/i18n/index.ts';
import { runCommand } from '../../cli/run.ts';
import { kantasimRun, tempDir, writeScenario } from './runner-harness.ts';

/** A loopback port nothing listens on (port 1 is one fetch refuses to try). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

/** Text as a reader sees it: no tags, no style, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/**
 * The English labels left in a report's visible text (the report's labels, the outcome words, and the
 * runner's own step, check and evidence wording). A label without arguments is a text of its own
 * (a heading, a table header, a badge), so it counts when a whole line is that label; the literal parts
 * of a message with arguments count anywhere when they are two words or more. Scenario authors' text
 * and the events' summaries are not labels: a check titled "Test persons were issued" is not one.
 */
function englishLabelsIn(report: string, lang: Lang): string[] {
  // An event line (`#28 <time> customer.update info: <summary>`) quotes the simulator's stored summary.
  const text = report
    .split('\n')
    .filter((l) => !/^#\d+ /.test(l.trim()))
    .join('\n');
  const lines = new Set(
    text
      .split('\n')
      .map((l) => l.trim().replace(/:$/, ''))
      .filter((l) => l !== ''),
  );
  const left: string[] = [];
  for (const ns of ['report', 'outcomes', 'runner']) {
    const en = catalog('en', ns);
    const own = catalog(lang, ns);
    for (const [key, value] of Object.entries(en)) {
      if (own[key] === value) continue;
      const parts = value.split(/\{(?:[^{}]|\{[^{}]*\})*\}/);
      if (parts.length === 1) {
        if (lines.has(value.replace(/:$/, ''))) left.push(value);
        continue;
      }
      for (const raw of parts) {
        const part = raw.trim();
        if (part.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length >= 2 && text.includes(part))
          left.push(part);
      }
    }
  }
  return left;
}

describe('kantasim run --lang', () => {
  const dir = tempDir();

  for (const [lang, title] of [
    ['en', 'Deployment test'],
    ['fi', 'Käyttöönottokoe'],
    ['sv', 'Ibruktagningsprov'],
  ] as const) {
    it(`writes the readiness report in ${lang}, marked lang="${lang}"`, async () => {
      const report = join(dir, `readiness-${lang}.html`);
      const r = await kantasimRun(['scenarios/readiness', '--lang', lang, '--report', report]);
      expect(r.err).toBe('');
      expect(r.exitCode, r.out).toBe(0);
      const html = readFileSync(report, 'utf8');
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<h1>${title} — `);
      if (lang !== 'en') {
        const text = visibleText(html);
        expect(englishLabelsIn(text, lang)).toEqual([]);
        // The check itself finds what it looks for: the English report is full of them.
        const en = readFileSync(join(dir, 'readiness-en.html'), 'utf8');
        expect(englishLabelsIn(visibleText(en), lang).length).toBeGreaterThan(20);
      }
      if (lang === 'fi') {
        expect(r.out).toMatch(/LÄPÄISTY: kaikki \d+ valittua tarkistusta läpäisivät/);
        expect(r.out).toContain('Tämän ajon simulaattori: http://127.0.0.1:');
        expect(html).toMatch(/\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}/);
      }
      if (lang === 'sv') expect(r.out).toMatch(/GODKÄNT: alla \d+ valda kontroller godkändes/);
    });
  }

  it('words failed and skipped checks in fi and sv, with no English step text left', async () => {
    const file = writeScenario(
      dir,
      'fails.yaml',
      [
        'id: fails-in-words',
        'title: A scenario that fails',
        'description: Setup, a call answered 404, an automatic check and a step never reached.',
        'service: pta',
        'setup:',
        '  organisations:',
        '    - { oid: 1.2.246.10.7654321.10.0, name: Kokeiluasema Oy, kind: organisation, public: false }',
        'steps:',
        '  - id: missing',
        '    title: Read an organisation that is not there',
        '    do:',
        '      fixture: { path: /registry/organisations/1.2.246.10.7654320.10.0 }',
        '  - id: never',
        '    title: Never reached',
        '    expect:',
        '      events:',
        '        - { channel: registry, kind: organisation.update, count: 1 }',
        '      checks:',
        '        - { in: response, path: name, equals: Kokeiluasema Oy }',
        '',
      ].join('\n'),
    );
    const texts = new Map<Lang, string>();
    for (const lang of ['en', 'fi', 'sv'] as const) {
      const report = join(dir, `fails-${lang}.html`);
      const r = await kantasimRun([file, '--lang', lang, '--report', report]);
      expect(r.exitCode, r.out + r.err).toBe(1);
      texts.set(lang, visibleText(readFileSync(report, 'utf8')));
    }
    const en = texts.get('en') ?? '';
    for (const lang of ['fi', 'sv'] as const) {
      expect(englishLabelsIn(texts.get(lang) ?? '', lang)).toEqual([]);
      // English runner wording the English report has, and this one must not.
      for (const words of [
        'register organisation',
        'from GET',
        'not run: step missing failed',
        'expected HTTP 2xx',
      ])
        expect(en).toContain(words);
      for (const words of ['register organisation', 'from GET', 'not run:', 'expected ', 'received '])
        expect(texts.get(lang)).not.toContain(words);
    }
    expect(texts.get('fi')).toContain('organisaation 1.2.246.10.7654321.10.0 rekisteröinti');
    expect(texts.get('sv')).toContain('kördes inte: steget missing misslyckades');
  });

  it('starts the embedded simulator on --sim-port', async () => {
    const port = await freePort();
    const r = await kantasimRun([
      'scenarios/readiness/kuusijarvi-ready.yaml',
      '--lang',
      'en',
      '--sim-port',
      String(port),
    ]);
    expect(r.exitCode, r.err).toBe(0);
    expect(r.out).toContain(`Simulator for this run: http://127.0.0.1:${port} `);
  });

  it('refuses --sim-port with --sim, and a bad port, as usage errors', async () => {
    const r = await kantasimRun(['scenarios/readiness', '--sim', 'http://127.0.0.1:1', '--sim-port', '9000']);
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain('--sim-port is for the simulator started for the run');
  });

  it('reports an unreachable system under test in one line, exit 2, no stack trace', async () => {
    const file = writeScenario(
      dir,
      'needs-sut.yaml',
      [
        'id: needs-sut',
        'title: Calls the system under test',
        'description: One hook call.',
        'service: pta',
        'steps:',
        '  - id: call',
        '    title: Call the hook',
        '    do:',
        '      sut: { path: /hook/idle }',
        '',
      ].join('\n'),
    );
    for (const [lang, words] of [
      ['en', 'the system under test is unreachable'],
      ['fi', 'testattavaan järjestelmään ei saada yhteyttä'],
    ] as const) {
      const r = await kantasimRun([file, '--sut', `http://127.0.0.1:${await freePort()}`, '--lang', lang]);
      expect(r.exitCode).toBe(2);
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(words);
      expect(lines[0]).toMatch(/ECONNREFUSED/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('lists the exit codes in run --help, in the user’s language', () => {
    for (const [lang, heading, two] of [
      ['en', 'Exit codes:', 'usage or environment error'],
      ['fi', 'Paluukoodit:', 'käyttö- tai ympäristövirhe'],
      ['sv', 'Slutkoder:', 'användnings- eller miljöfel'],
    ] as const) {
      let help = '';
      const cmd = runCommand({ helpLang: lang })
        .exitOverride()
        .configureOutput({ writeOut: (s) => (help += s) });
      expect(() => cmd.parse(['--help'], { from: 'user' })).toThrow();
      expect(help).toContain(heading);
      expect(help).toMatch(new RegExp(`2 {2}${two}`));
      expect(help).toContain('--sim-port');
      expect(help).toContain('--lang');
    }
  });
});
