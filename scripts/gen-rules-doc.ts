/**
 * Writes docs/rules.md from the catalogue of finding codes (`npm run docs:rules`). The page is
 * generated so it cannot drift from the catalogue; a test fails when the committed page differs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdown } from '../common/rules/render.ts';

const target = join(import.meta.dirname, '..', 'docs', 'rules.md');
writeFileSync(target, rulesMarkdown());
process.stdout.write(`wrote ${target}\n`);
