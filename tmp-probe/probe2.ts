import { startTestSimulator } from '../test/support/sim.ts';
import { buildCda, ptaMessage } from '../fixtures/cda/index.ts';
const s = await startTestSimulator({ logLevel: 'error' });
const u = s.url;
async function go(name: string, path: string, init: RequestInit = {}) {
  const t = Date.now();
  const r = await fetch(u + path, init);
  const text = await r.text();
  console.log(name, r.status, Date.now() - t, 'ms', text.slice(0, 200).replace(/\s+/g, ' '));
}
const vals = Array.from({ length: 600 }, (_, i) => `v${i}`).join(',');
await go('search600', `/fhir/Patient?identifier=${vals}`);
const ids = Array.from({ length: 130000 }, (_, i) => ({ system: 'urn:x', value: String(i) }));
await go('patient130k', '/fhir/Patient', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', identifier: ids }) });
await go('passcode null', '/registry/archivists', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'abc.def', name: 'X', registerController: '1.2.246.10.3210987.19.0', passcode: null }) });
const cda = buildCda();
const many = cda.replace('</ClinicalDocument>', Array.from({ length: 130000 }, (_, i) => `<id root="1.2.246.21" extension="131052-308T"/>`).join('') + '</ClinicalDocument>');
await go('cda130k', '/archive/pta', { method: 'POST', headers: { 'content-type': 'application/xml', accept: 'application/json' }, body: many });
const msg = ptaMessage(many);
await go('msg130k', '/archive/pta', { method: 'POST', headers: { 'content-type': 'application/xml', accept: 'application/json' }, body: msg });
await s.close();
