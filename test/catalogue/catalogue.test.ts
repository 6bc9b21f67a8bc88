/**
 * The catalogue of finding codes stays complete and honest:
 * - every code the source raises (a code literal, a code built from a template, a JSON API error code)
 *   is catalogued;
 * - every catalogued code is raised by at least one test (its code appears in a test file or in a
 *   scenario the scenario tests run), unless the entry says why no input can reach it;
 * - no code is catalogued twice, and every entry cites at least one public source.
 * The failure messages list exactly which codes are missing, so a new rule is one entry away from green.
 *
 * "Source" is every .ts/.tsx under simulator/, runner/ and cli/ that is not a test (a `.test.ts` file or
 * a module that imports vitest, such as the store contracts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, codesOf, familyPrefix, ruleFor } from '../../common/rules/catalogue.ts';
import { placeholdersOf } from '../../common/rules/messages.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(rel, pattern);
    return pattern.test(entry.name) ? [rel] : [];
  });
}

const read = (rel: string): string => readFileSync(join(ROOT, rel), 'utf8');

/** The text with its comments blanked (line numbers kept): a code named in a comment is not raised. */
function code(rel: string): string {
  const blank = (c: string): string => c.replace(/[^\n]/g, ' ');
  return read(rel)
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/^\s*\/\/.*$/gm, blank);
}
const isTest = (rel: string, text: string): boolean =>
  /\.test\.tsx?$/.test(rel) || rel.startsWith('test/') || /from 'vitest'/.test(text);

const SOURCES = ['simulator', 'runner', 'cli']
  .flatMap((d) => files(d, /\.tsx?$/))
  .filter((f) => !isTest(f, read(f)));
const TESTS = [
  ...['simulator', 'runner', 'cli', 'test', 'examples'].flatMap((d) => files(d, /\.tsx?$/)),
].filter((f) => isTest(f, read(f)) && f !== relative(ROOT, import.meta.filename));
// Scenario files declare the findings they expect (`findings: [CDA-REG-004]`); the scenario tests run them.
const SCENARIOS = files('scenarios', /\.ya?ml$/);

/** Code-shaped literals that are not finding codes. */
const NOT_CODES = new Set(['UTF-8', 'UTF-16', 'ISO-8859-1', 'V3-2006', 'P-256', 'SHA-256']);
/** A finding code: upper-case words joined by '-', ending in a number (`CDA-HDR-004`, `R4-INV-app-1`). */
const CODE = /^[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)*-[A-Za-z]*\d+$/;

interface Hit {
  code: string;
  where: string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Quoted code literals ('CDA-HDR-004', "…", `…` without placeholders). */
function literalCodes(): Hit[] {
  return SOURCES.flatMap((file) => {
    const text = code(file);
    return [...text.matchAll(/(['"`])([A-Z][A-Za-z0-9-]*)\1/g)].flatMap((m) => {
      const code = m[2] ?? '';
      return CODE.test(code) && !NOT_CODES.has(code) && !code.startsWith('X-')
        ? [{ code, where: `${file}:${lineOf(text, m.index)}` }]
        : [];
    });
  });
}

/** Codes built from templates (`${inv.release ?? 'R4'}-INV-${inv.key}`), as the regex of what they make. */
function templateCodes(): { skeleton: string; pattern: RegExp; where: string }[] {
  return SOURCES.flatMap((file) => {
    const text = code(file);
    return [...text.matchAll(/`([^`\n]*\$\{[^`\n]*)`/g)].flatMap((m) => {
      const body = m[1] ?? '';
      const skeleton = body.replace(/\$\{[^}]*\}/g, '\u00a7');
      const parts = skeleton.split('-');
      const looksLikeCode =
        parts.length >= 2 &&
        parts.every((p) => /^(\u00a7|[A-Za-z0-9]+)$/.test(p)) &&
        parts.some((p) => /^[A-Z]{2,}$/.test(p)) &&
        skeleton.includes('\u00a7');
      if (!looksLikeCode) return [];
      const pattern = new RegExp(`^${parts.map((p) => (p === '\u00a7' ? '.+' : p)).join('-')}$`);
      return [
        { skeleton: skeleton.replace(/\u00a7/g, '${…}'), pattern, where: `${file}:${lineOf(text, m.index)}` },
      ];
    });
  });
}

/** Error codes of the plain JSON APIs: badRequest('invalid-body', …), new ApiError(413, 'too-large', …), { error: { code: 'internal' } }. */
function apiCodes(): Hit[] {
  const patterns = [
    /\b(?:badRequest|conflict)\(\s*'([a-z][a-z-]*)'/g,
    /\bnew ApiError\(\s*\d+,\s*'([a-z][a-z-]*)'/g,
    /\berror:\s*\{\s*code:\s*'([a-z][a-z-]*)'/g,
  ];
  return SOURCES.flatMap((file) => {
    const text = code(file);
    return patterns.flatMap((p) =>
      [...text.matchAll(p)].map((m) => ({ code: m[1] ?? '', where: `${file}:${lineOf(text, m.index)}` })),
    );
  });
}

function listed(hits: Hit[]): string[] {
  const by = new Map<string, string[]>();
  for (const h of hits) by.set(h.code, [...(by.get(h.code) ?? []), h.where]);
  return [...by].map(([code, where]) => `${code} (${where.join(', ')})`).sort();
}

describe('the catalogue of finding codes', () => {
  it('has the codes the source raises (a scan that finds them)', () => {
    // Guards the scan itself: if these stop being found, the patterns above are broken, not the code.
    const found = new Set([...literalCodes(), ...apiCodes()].map((h) => h.code));
    for (const code of [
      'CDA-HDR-004',
      'KANTA-APPT-012',
      'FHIR-HTTP-404',
      'R4-INV-ref-1',
      'invalid-body',
      'internal',
    ])
      expect(found, code).toContain(code);
    expect(templateCodes().some((t) => t.pattern.test('R4-INV-app-1'))).toBe(true);
  });

  it('catalogues every code literal in the source', () => {
    const missing = literalCodes().filter((h) => ruleFor(h.code) === undefined);
    expect(listed(missing), 'codes raised in the source but not in common/rules/').toEqual([]);
  });

  it('catalogues every JSON API error code', () => {
    const missing = apiCodes().filter((h) => ruleFor(h.code) === undefined);
    expect(listed(missing), 'API error codes raised in the source but not in common/rules/').toEqual([]);
  });

  it('has a family entry for every code built from a template', () => {
    const all = CATALOGUE.flatMap(codesOf);
    const missing = templateCodes()
      .filter((t) => !all.some((c) => t.pattern.test(c)))
      .map((t) => `${t.skeleton} (${t.where})`);
    expect(missing, 'codes built from templates that match no catalogued code').toEqual([]);
  });

  it('lists every R4 invariant key of the invariant table in the R4-INV family', () => {
    // The invariant table (one row per key) is where the R4-INV-<key> codes come from.
    const table = read('simulator/fhir/validation/invariants.ts');
    const rows = [...table.matchAll(/key: '([^']+)'([^{}]*)\}/g)].map((m) => ({
      key: m[1] ?? '',
      release: /release: '(R\d)'/.exec(m[2] ?? '')?.[1] ?? 'R4',
    }));
    expect(rows.length).toBeGreaterThan(5);
    const missing = rows.map((r) => `${r.release}-INV-${r.key}`).filter((c) => ruleFor(c) === undefined);
    expect([...new Set(missing)], 'invariant codes not catalogued').toEqual([]);
  });

  it('has every catalogued code raised by at least one test', () => {
    const corpus = [...TESTS, ...SCENARIOS].map(read).join('\n');
    const untested = CATALOGUE.filter((e) => e.untestable === undefined)
      .flatMap(codesOf)
      .filter((code) =>
        /^[a-z]/.test(code)
          ? !corpus.includes(`'${code}'`) && !corpus.includes(`"${code}"`)
          : !new RegExp(
              `(^|[^A-Za-z0-9-])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9-])`,
            ).test(corpus),
      );
    expect(untested, 'catalogued codes that no test raises (add a test that expects each)').toEqual([]);
  });

  it('never catalogues a code twice', () => {
    const seen = new Map<string, number>();
    for (const code of CATALOGUE.flatMap(codesOf)) seen.set(code, (seen.get(code) ?? 0) + 1);
    expect(
      [...seen].filter(([, n]) => n > 1).map(([c]) => c),
      'codes in more than one entry',
    ).toEqual([]);
  });

  it('gives every entry a message and a public source', () => {
    const bad = CATALOGUE.filter(
      (e) =>
        e.messages.en.trim() === '' ||
        e.sources.length === 0 ||
        e.sources.some((s) => s.title.trim() === '' || s.url.trim() === ''),
    ).map((e) => e.code);
    expect(bad, 'entries without a message or a source').toEqual([]);
    const internal = CATALOGUE.filter((e) =>
      e.sources.some((s) => /domain\.md|\.\.\/shared|\bseed \d|\bissue \d/i.test(`${s.title} ${s.url}`)),
    ).map((e) => e.code);
    expect(internal, 'entries citing internal notes instead of public sources').toEqual([]);
  });

  it('gives a family its keys and a plain code none', () => {
    const bad = CATALOGUE.filter((e) =>
      familyPrefix(e) === undefined ? e.keys !== undefined : (e.keys ?? []).length === 0,
    ).map((e) => e.code);
    expect(bad).toEqual([]);
  });

  it('gives every entry its message in fi, sv and en with the same placeholders', () => {
    const missing = CATALOGUE.flatMap((e) =>
      (['fi', 'sv', 'en'] as const)
        .filter((lang) => typeof e.messages[lang] !== 'string' || e.messages[lang].trim() === '')
        .map((lang) => `${e.code} (${lang})`),
    );
    expect(missing, 'entries without a message in a language').toEqual([]);
    const differ = CATALOGUE.filter((e) =>
      [e.messages, ...(e.variants ?? [])].some((m) => {
        const en = placeholdersOf(m.en).sort().join(',');
        return placeholdersOf(m.fi).sort().join(',') !== en || placeholdersOf(m.sv).sort().join(',') !== en;
      }),
    ).map((e) => e.code);
    expect(differ, 'entries whose fi/sv/en templates have different placeholders').toEqual([]);
  });

  it('has Finnish and Swedish templates that are translations, not copies of the English', () => {
    // A template with words in it must differ from the English one (a bare `{a}: {b}` may not).
    const copied = CATALOGUE.filter(
      (e) =>
        /[a-z]{4}/.test(e.messages.en.replace(/\{[^}]*\}/g, '')) &&
        (e.messages.fi === e.messages.en || e.messages.sv === e.messages.en),
    ).map((e) => e.code);
    expect(copied).toEqual([]);
  });
});
