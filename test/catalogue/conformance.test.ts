/**
 * docs/conformance.md is generated from the catalogue and the fixture builders; this fails when the
 * committed page differs from what `npm run docs:conformance` would write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceMarkdown } from '../../scripts/conformance/render.ts';

describe('docs/conformance.md', () => {
  it('is the generated page (run npm run docs:conformance after changing the rules or fixtures)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'conformance.md'), 'utf8');
    expect(committed).toBe(conformanceMarkdown());
  });

  it('lists the guide rules with their codes and the three example transactions', () => {
    const page = conformanceMarkdown();
    for (const code of ['KANTA-APPT-015', 'KANTA-PROV-006', 'KANTA-PROV-015', 'KANTA-SEARCH-008'])
      expect(page).toContain(`\`${code}\``);
    expect(page).toContain('4Y00007');
    expect(page.match(/```json/g)).toHaveLength(3);
  });
});
