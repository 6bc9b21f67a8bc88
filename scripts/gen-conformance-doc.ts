/**
 * Writes docs/conformance.md, the conformance matrix of the Kanta appointment API, from the rule
 * catalogue and the fixture builders (`npm run docs:conformance`). A test fails when the committed page
 * differs, so the matrix cannot drift from what kantasim enforces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceMarkdown } from './conformance/render.ts';

const target = join(import.meta.dirname, '..', 'docs', 'conformance.md');
writeFileSync(target, conformanceMarkdown());
process.stdout.write(`wrote ${target}\n`);
