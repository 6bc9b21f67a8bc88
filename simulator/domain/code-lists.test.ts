/**
 * The code-list data files: every file is well-formed, every code system kantasim names or the fixtures
 * write has a file, look-ups work with and without version suffix, displays fall back to Finnish with a
 * flag, and the group-to-category table agrees with the document-group list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OIDS } from '../../fixtures/cda/builder.ts';
import { CERTIFICATE_VIEW_CODES } from '../archive/service-needs.ts';
import {
  CODE_LIST_DIR,
  CODE_SYSTEM_KEYS,
  DOCUMENT_GROUP_CATEGORIES,
  baseOid,
  categoryOfGroup,
  categoryTableProblems,
  codeList,
  codeListFor,
  codeListProblems,
  displayIn,
  entryOf,
  standingOf,
  type CodeList,
} from './code-lists.ts';
import { CODE_SYSTEMS, displayOf } from './codes.ts';

const ROOT = join(CODE_LIST_DIR, '..', '..', '..');
const files = readdirSync(CODE_LIST_DIR).filter((f) => f.endsWith('.json'));
const read = (f: string): unknown => JSON.parse(readFileSync(join(CODE_LIST_DIR, f), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('code-list data files', () => {
  it.each(files)('%s is well-formed', (file) => {
    const raw = read(file);
    const problems =
      file === 'document-group-categories.json' ? categoryTableProblems(raw) : codeListProblems(raw);
    expect(problems).toEqual([]);
  });

  it('has one file for every code system kantasim names, and no stray key', () => {
    const keys = files
      .filter((f) => f !== 'document-group-categories.json')
      .map((f) => (read(f) as CodeList).key);
    expect([...keys].sort()).toEqual([...CODE_SYSTEM_KEYS].sort());
  });

  it('has a list for every code-system OID the fixtures write', () => {
    const missing = Object.entries(OIDS).filter(([, oid]) => codeListFor(oid) === undefined);
    expect(missing).toEqual([]);
  });

  // Not code systems the archive checks: THL Sosmeta content-specification ids (OID + version date,
  // hl7fi:contentSpecificationId) and the administrative sex code system the fixtures write but no rule reads.
  const NOT_CODE_LISTS = /^(1\.2\.246\.537\.6\.\d+\.\d+\.\d{4}\.\d+\.\d+|1\.2\.246\.537\.5\.1\.1997)$/;

  it('has a list for every Kanta code-system OID written in simulator or fixture code', () => {
    const literal = /['"`](1\.2\.246\.(?:537\.[56]|777\.5)\.[0-9]+(?:\.[0-9]+)*)['"`]/g;
    const unknown: string[] = [];
    for (const file of [...sourceFiles(join(ROOT, 'simulator')), ...sourceFiles(join(ROOT, 'fixtures'))])
      for (const m of readFileSync(file, 'utf8').matchAll(literal))
        if (m[1] !== undefined && codeListFor(m[1]) === undefined && !NOT_CODE_LISTS.test(m[1]))
          unknown.push(`${relative(ROOT, file)}: ${m[1]}`);
    expect(unknown).toEqual([]);
  });

  it('finds a list by OID with or without version suffix or urn:oid: prefix', () => {
    expect(codeListFor('1.2.246.537.6.1505')?.key).toBe('socialDocumentGroup');
    expect(codeListFor('1.2.246.537.6.1505.201601')?.key).toBe('socialDocumentGroup');
    expect(codeListFor('urn:oid:1.2.246.537.6.1221.201601')?.key).toBe('socialServiceTask');
    expect(codeListFor('1.2.246.537.6.1505.1.2023.6.1')).toBeUndefined(); // a Sosmeta schema id
    expect(baseOid('urn:oid:1.2.246.537.5.40150.2009')).toBe('1.2.246.537.5.40150');
    expect(codeListFor('1.2.3.4')).toBeUndefined();
  });

  it('gives displays in Swedish where published and falls back to Finnish with a flag', () => {
    expect(displayIn('1.2.246.537.6.1505.201601', '1', 'sv')).toEqual({
      text: 'Klientrelationshandling',
      lang: 'sv',
      fellBack: false,
    });
    expect(displayIn('1.2.246.537.6.1505.201601', '5', 'sv')).toEqual({
      text: 'Toisen tai myöhemmän vaiheen asiakasasiakirja',
      lang: 'fi',
      fellBack: true,
    });
    expect(displayIn('1.2.246.537.6.1221', '24')).toEqual({
      text: 'Lapsiperheiden palvelut',
      lang: 'fi',
      fellBack: false,
    });
    expect(displayIn('1.2.246.537.6.1221', '10')).toBeUndefined(); // listed, name not published
    expect(displayOf('1.2.246.537.6.1505', '1')).toBe('Asiakkuusasiakirja');
  });

  it('tells known, unconfirmed and impossible codes apart', () => {
    const group = codeList('socialDocumentGroup');
    expect(standingOf(group, '5').standing).toBe('known');
    expect(standingOf(group, '4').standing).toBe('unconfirmed'); // partial list, right form
    expect(standingOf(group, 'X9').standing).toBe('unknown'); // cannot be a group code
    const published = codeList('ajanvarauksenTila');
    expect(published.status).toBe('published');
    expect(standingOf(published, '11').standing).toBe('unknown');
  });

  it('replaces the old placeholders with the real social-welfare codes', () => {
    expect(entryOf(codeList('socialDocumentGroup'), '1')?.display?.fi).toBe('Asiakkuusasiakirja');
    expect(entryOf(codeList('socialServiceTask'), '01')).toBeUndefined();
    expect(CODE_SYSTEMS.socialServiceTask.codes['24']).toBe('Lapsiperheiden palvelut');
  });

  it('maps every listed document group to a category, and marks unlisted mappings as assumptions', () => {
    const group = codeList('socialDocumentGroup');
    expect(DOCUMENT_GROUP_CATEGORIES.codeSystem).toBe(group.oid);
    for (const c of group.codes) expect(categoryOfGroup(c.code), c.code).toBeDefined();
    for (const m of DOCUMENT_GROUP_CATEGORIES.mappings)
      if (entryOf(group, m.code) === undefined) expect(m.status, m.code).toBe('assumption');
    expect(categoryOfGroup('5')).toMatchObject({ category: 'phase2', status: 'published' });
    expect(categoryOfGroup('1')?.serviceTaskRequired).toBe(false);
  });

  it('keeps the certificate view code TOD in the views list, marked as an assumption', () => {
    const views = codeList('views');
    for (const code of CERTIFICATE_VIEW_CODES) expect(entryOf(views, code)?.assumption, code).toBe(true);
  });

  it('reports what is wrong with a malformed file', () => {
    const good = read('social-service-task.json') as Record<string, unknown>;
    expect(codeListProblems({ ...good, oid: '1.2.246.537.6.1221.x' })).toContain(
      'oid must be a dotted OID without version suffix',
    );
    expect(codeListProblems({ ...good, name: { sv: 'x' } })).toContain('name needs a Finnish name (fi)');
    expect(
      codeListProblems({
        ...good,
        codes: [
          { code: '24', display: { fi: 'a' } },
          { code: '24', display: { fi: 'b' } },
        ],
      }),
    ).toContain("codes[1]: code '24' is listed twice");
    expect(codeListProblems({ ...good, codes: [{ code: 'abc', display: { fi: 'a' } }] })).toContain(
      "codes[0]: code 'abc' does not match codePattern",
    );
    expect(codeListProblems({ ...good, codes: [{ code: '30' }] })).toContain(
      'codes[0]: a code without display needs a note saying why',
    );
    expect(
      categoryTableProblems({ ...DOCUMENT_GROUP_CATEGORIES, mappings: [{ code: '1', category: 'x' }] }),
    ).toEqual(expect.arrayContaining(['mappings[0].category must be one of old, phase1, phase2']));
  });
});
