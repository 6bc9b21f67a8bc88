/**
 * Sums a V8 `.cpuprofile` (from `node --cpu-prof`) by function and file and prints the top self times:
 * the first look at where a benchmark's CPU goes, without opening a profiler UI.
 *
 * `node --import tsx scripts/bench/cpuprofile-summary.ts FILE.cpuprofile [TOP]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '30'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: cpuprofile-summary.ts FILE.cpuprofile [TOP]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const frame = byId.get(id)?.callFrame;
  if (!frame) return;
  const url = frame.url
    .replace(/.*node_modules\//, '')
    .replace(/^file:\/\/.*?\/(simulator|common|scripts)\//, '$1/');
  const key = `${frame.functionName || '(anonymous)'} ${url}:${String(frame.lineNumber)}`;
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
});
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(
    `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`,
  );
console.log(`total ${(total / 1000).toFixed(0)} ms`);
