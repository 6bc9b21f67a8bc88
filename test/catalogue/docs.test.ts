/**
 * docs/rules.md is generated from the catalogue; this fails when the committed page differs from what
 * `npm run docs:rules` would write. `kantasim rules` prints the same catalogue, as a table or as JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesCommand } from '../../cli/rules.ts';
import { CATALOGUE, ruleFor, rulePath } from '../../common/rules/catalogue.ts';
import { rulesMarkdown } from '../../common/rules/render.ts';

async function rules(args: string[]): Promise<string> {
  let out = '';
  await rulesCommand({ out: (s) => (out += s) })
    .exitOverride()
    .parseAsync(args, { from: 'user' });
  return out;
}

describe('docs/rules.md', () => {
  it('is the generated page (run npm run docs:rules after changing common/rules/)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(rulesMarkdown());
  });

  it('has an anchor for every entry', () => {
    const page = rulesMarkdown();
    for (const code of ['CDA-HDR-004', 'R4-INV-app-2', 'invalid-body'])
      expect(page).toContain(`id="${(rulePath(code) ?? '').split('#')[1] ?? ''}"`);
  });
});

describe('kantasim rules', () => {
  it('--json lists every entry, each with code and source', async () => {
    const entries = JSON.parse(await rules(['--json'])) as { code: string; source: string }[];
    expect(entries).toHaveLength(CATALOGUE.length);
    for (const e of entries) {
      expect(e.code).not.toBe('');
      expect(e.source).toMatch(/\S/);
    }
    expect(entries.map((e) => e.code)).toContain('KANTA-APPT-012');
  });

  it('--channel keeps one channel', async () => {
    const entries = JSON.parse(await rules(['--channel', 'archive', '--json'])) as { channel: string }[];
    expect(entries.length).toBeGreaterThan(50);
    expect(new Set(entries.map((e) => e.channel))).toEqual(new Set(['archive']));
  });

  it('prints a table for people', async () => {
    const table = await rules(['--channel', 'registry']);
    expect(table.split('\n')[0]).toMatch(/^CODE\s+CHANNEL\s+SEVERITY\s+BASIS\s+SOURCE$/);
    expect(table).toMatch(/^invalid-identity-code\s+registry\s+error\s+published\s+DVV/m);
  });

  it('refuses an unknown channel', async () => {
    await expect(rules(['--channel', 'hl7'])).rejects.toThrow(/invalid/);
  });

  it('resolves a family code to its entry', () => {
    expect(ruleFor('R4-INV-app-2')?.code).toBe('R4-INV-<key>');
    expect(ruleFor('NO-SUCH-001')).toBeUndefined();
  });
});
