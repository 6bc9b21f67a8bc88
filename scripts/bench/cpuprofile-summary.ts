/**
 * Sums a V8 `.cpuprofile` (from `node --cpu-prof`) by function and file and prints the top self times:
 * the first look at where a benchmark's CPU goes, without opening a profiler UI. With `--inclusive`,
 * each function counts the time of everything it called as well (a function on the stack twice counts
 * once), which shows what a whole step (validation, the store, the router) costs.
 *
 * `node --import tsx scripts/bench/cpuprofile-summary.ts FILE.cpuprofile [TOP] [--inclusive]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const inclusive = args.includes('--inclusive');
const [file, top = '30'] = args.filter((a) => a !== '--inclusive');
if (file === undefined) throw new Error('usage: cpuprofile-summary.ts FILE.cpuprofile [TOP] [--inclusive]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const keyOf = (frame: ProfileNode['callFrame']): string => {
  const url = frame.url
    .replace(/.*node_modules\//, '')
    .replace(/^file:\/\/.*?\/(simulator|common|scripts)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${url}:${String(frame.lineNumber)}`;
};
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const keys = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = inclusive ? parentOf.get(at) : undefined) {
    const frame = byId.get(at)?.callFrame;
    if (frame) keys.add(keyOf(frame));
  }
  for (const key of keys) self.set(key, (self.get(key) ?? 0) + dt);
});
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(
    `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`,
  );
console.log(`total ${(total / 1000).toFixed(0)} ms`);
