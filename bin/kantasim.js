#!/usr/bin/env node
// The `kantasim` command. Sources are TypeScript run through tsx's loader, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/index.ts');
await main(process.argv);
