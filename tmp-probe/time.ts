import { buildCda } from '../fixtures/cda/index.ts';
import { parseXml } from '../simulator/archive/xml.ts';
import { parseOrdered } from '../simulator/xml/ordered.ts';
const cda = buildCda();
console.log('base len', cda.length);
for (const n of [10000, 50000, 130000]) {
  const many = cda.replace('</ClinicalDocument>', Array.from({ length: n }, (_, i) => `<id root="1.2.246.21" extension="131052-308T"/>`).join('') + '</ClinicalDocument>');
  let t = performance.now();
  const r = parseOrdered(many, 1e9);
  const a = performance.now() - t; t = performance.now();
  parseXml(many, '/', 1e9);
  console.log(n, many.length, r.ok, a.toFixed(0), (performance.now() - t).toFixed(0));
}
