/**
 * Writes docs/walkthrough.md, the vendor walkthrough, from the fixture builders
 * (`npm run docs:walkthrough`). A test fails when the committed page differs, and replays its calls
 * against a fresh simulator, so the examples cannot drift from what kantasim accepts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkthroughMarkdown } from './walkthrough/render.ts';

const target = join(import.meta.dirname, '..', 'docs', 'walkthrough.md');
writeFileSync(target, walkthroughMarkdown());
process.stdout.write(`wrote ${target}\n`);
