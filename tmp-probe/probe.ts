import { startTestSimulator } from '/work/wt/robust/test/support/sim.ts';
import { ptaMessage, buildCda } from '/work/wt/robust/fixtures/cda/index.ts';
import { gzipSync } from 'node:zlib';
const s = await startTestSimulator();
const u = s.url;
async function go(name: string, path: string, init: RequestInit = {}) {
  const t = Date.now();
  const r = await fetch(u + path, init);
  const text = await r.text();
  console.log(name, r.status, Date.now() - t, 'ms', text.slice(0, 300).replace(/\s+/g, ' '));
}
const vals = Array.from({ length: 600 }, (_, i) => `v${i}`).join(',');
await go('search600', `/fhir/Patient?identifier=${vals}`);
await go('search600name', `/fhir/Patient?name=${vals}`);
await go('search600id', `/fhir/Patient?_id=${vals}`);
const ids = Array.from({ length: 130000 }, (_, i) => ({ system: 'urn:x', value: String(i) }));
await go('patient130k', '/fhir/Patient', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', identifier: ids }) });
for (const p of ['/registry/organisations/%zz', '/runs/%zz', '/archive/documents/%zz', '/fhir/Patient/%zz', '/viewer/documents/%zz', '/registry/test-persons/%zz'])
  await go('pct ' + p, p);
for (const enc of ['gzip', 'deflate', 'br']) {
  await go('enc archive ' + enc, '/archive/pta', { method: 'POST', headers: { 'content-type': 'application/xml', 'content-encoding': enc }, body: '<a/>' });
  await go('enc registry ' + enc, '/registry/organisations', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': enc }, body: '{}' });
  await go('enc runs ' + enc, '/runs', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': enc }, body: '{}' });
  await go('enc fhir ' + enc, '/fhir/Patient', { method: 'POST', headers: { 'content-type': 'application/fhir+json', 'content-encoding': enc }, body: '{}' });
}
await go('enc fhir good gzip', '/fhir/Patient', { method: 'POST', headers: { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' }, body: gzipSync('{"resourceType":"Patient"}') });
await go('passcode null', '/registry/archivists', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'abc.def', name: 'X', registerController: '1.2.246.10.3210987.19.0', passcode: null }) });
const cda = buildCda();
const many = cda.replace('</ClinicalDocument>', Array.from({ length: 130000 }, (_, i) => `<id root="1.2.3.${i}"/>`).join('') + '</ClinicalDocument>');
console.log('cda bytes', many.length);
await go('cda130k', '/archive/pta', { method: 'POST', headers: { 'content-type': 'application/xml', accept: 'application/json' }, body: many });
await s.close();
