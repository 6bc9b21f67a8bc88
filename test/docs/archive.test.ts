/**
 * docs/archive.md says what the archive does: the constants and files it names exist in the code, and
 * its choices match the rules they describe (old patient data is flagged in the metadata, not dated;
 * the social-welfare codes are read from their elements).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const page = readFileSync(join(ROOT, 'docs', 'archive.md'), 'utf8');
const flat = (text: string): string => text.replace(/\s+/g, ' ');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
const code = ['simulator', 'cli']
  .flatMap(sources)
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('\n');

/** The text of one `## `/`### ` section, up to the next heading of any level. */
function section(title: string): string {
  const start = page.indexOf(`${title}\n`);
  if (start < 0) throw new Error(`no section ${title}`);
  const rest = page.slice(start + title.length + 1);
  const next = rest.search(/^#{2,3} /m);
  return next < 0 ? rest : rest.slice(0, next);
}

describe('docs/archive.md', () => {
  it('names only constants and files that exist', () => {
    const constants = [...new Set([...page.matchAll(/`([A-Z]+(?:_[A-Z]+)+)`/g)].map((m) => m[1] ?? ''))];
    expect(constants.length).toBeGreaterThan(1);
    expect(constants.filter((c) => !new RegExp(`\\b${c}\\b`).test(code))).toEqual([]);
    const paths = [...new Set([...page.matchAll(/`(simulator\/[^`\s]*)`/g)].map((m) => m[1] ?? ''))];
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('gives old patient data no date in its choices: the metadata flag decides', () => {
    const choices = flat(section('### Choices where Kanta is not public'));
    expect(choices).not.toMatch(/pta-old-data[^.]*(before|after|until) \d{4}/);
    expect(choices).toMatch(/pta-old-data` for a document whose metadata flags it as old patient data/);
    expect(choices).toContain('`OLD_DATA_FLAG`');
  });

  it("names hl7fi:typeCode only as kantasim's earlier social-welfare format", () => {
    const paragraphs = page.split(/\n\s*\n|\n- /).filter((p) => p.includes('hl7fi:typeCode'));
    expect(paragraphs.map(flat).filter((p) => !/earlier (social-welfare )?format/.test(p))).toEqual([]);
  });
});
