/**
 * Test data for the archivist viewer, put in through the real HTTP APIs: the archive (CDA documents in V3
 * messages, a replacement, a nullification) and FHIR (Kanta appointment transactions). Includes hostile narrative: every payload would set `window.__pwned`, open a dialog or
 * request `/xss-probe` if the viewer ever let it run or load.
 */
import type { Bundle, Provenance } from 'fhir/r4.js';
import { buildCda, buildMessage, LUMME, socialFrame, TEST_HETU, WORLD } from '../../fixtures/cda/index.ts';
import {
  kantaAppointment,
  nullifyBundle,
  replaceBundle,
  storeBundle,
  TILA_URL,
} from '../../fixtures/fhir/appointment.ts';

export const PERSON = TEST_HETU.patient;
export const OTHER_PERSON = TEST_HETU.other;

export const ARCHIVISTS = {
  kuusijarvi: 'arkistonhoitaja.kuusijarvi',
  kielo: 'arkistonhoitaja.kielo',
  lumme: 'arkistonhoitaja.lumme',
} as const;

const FILLER = '<text>Kontrollikäynti, ei huomautettavaa.</text>';

/** Replaces the first section's narrative of a fixture CDA with `narrative` (a `<text>` element). */
export function withNarrative(cda: string, narrative: string): string {
  if (!cda.includes(FILLER)) throw new Error('fixture CDA narrative not found; the builder changed');
  return cda.replace(FILLER, narrative);
}

export const NARRATIVE_V1 = `<text>
  <paragraph><caption>Tulosyy</caption>Potilas tulee kontrollikäynnille verenpaineen vuoksi.</paragraph>
  <paragraph>Verenpaine <content styleCode="Bold">142/88</content> mmHg, syke 72/min.</paragraph>
  <list listType="ordered"><caption>Suunnitelma</caption>
    <item>Jatketaan nykyistä lääkitystä.</item>
    <item>Kotimittaukset kahden viikon ajan.</item>
  </list>
  <table><caption>Mittaukset</caption>
    <thead><tr><th>Mittaus</th><th>Arvo</th></tr></thead>
    <tbody><tr><td>Paino</td><td>82 kg</td></tr><tr><td>Pituus</td><td>178 cm</td></tr></tbody>
  </table>
  <paragraph>Lisätietoa: <linkHtml href="https://www.kanta.fi/">Kanta.fi</linkHtml>, H<sub>2</sub>O, m<sup>2</sup><br/>uusi rivi.</paragraph>
</text>`;

export const NARRATIVE_V2 = `<text>
  <paragraph><caption>Tulosyy</caption>Potilas tulee kontrollikäynnille verenpaineen vuoksi.</paragraph>
  <paragraph>Verenpaine <content styleCode="Bold">128/82</content> mmHg, syke 68/min.</paragraph>
  <list listType="ordered"><caption>Suunnitelma</caption>
    <item>Jatketaan nykyistä lääkitystä.</item>
    <item>Seuraava kontrolli puolen vuoden kuluttua.</item>
  </list>
</text>`;

/** Every line here would run script, open a dialog or load /xss-probe if the viewer were unsafe. */
export const HOSTILE_NARRATIVE = `<text>
  <paragraph>Turvallinen kappale ennen hyökkäystä.</paragraph>
  <script>window.__pwned = 'cda-script'; alert('cda-script'); fetch('/xss-probe?cda-script');</script>
  <paragraph><content styleCode="Bold" onmouseover="window.__pwned='cda-onmouseover'" onclick="alert(1)">Vie hiiri tähän</content></paragraph>
  <paragraph><linkHtml href="javascript:window.__pwned='cda-js-link';alert('cda-js-link')">Klikkaa javascript-linkkiä</linkHtml></paragraph>
  <paragraph><linkHtml href=" JaVaScRiPt:alert('mixed-case')">Toinen linkki</linkHtml></paragraph>
  <paragraph>&lt;img src="/xss-probe?escaped-text" onerror="alert('escaped')"&gt;</paragraph>
  <img xmlns="http://www.w3.org/1999/xhtml" src="/xss-probe?cda-xhtml-img" onerror="window.__pwned='cda-img'"/>
  <iframe src="/xss-probe?cda-iframe"></iframe>
  <paragraph><![CDATA[<script>window.__pwned='cda-cdata'</script>]]></paragraph>
  <renderMultiMedia referencedObject="x&quot; onerror=&quot;alert(5)"/>
</text>`;

export const HOSTILE_TITLE = `<script>window.__pwned='title'</script> Lähete <img src=/xss-probe?title>`;

export const HOSTILE_DIV = `<div xmlns="http://www.w3.org/1999/xhtml"><p>Ajanvaraus <b>vastaanotolle</b>.</p><script>window.__pwned='fhir-script';alert('fhir-script')</script><p><a href="javascript:window.__pwned='fhir-js-link'" onclick="alert('fhir-onclick')">Peru aika</a></p><img src="/xss-probe?fhir-img" onerror="window.__pwned='fhir-img'"/><p onmouseover="alert('fhir-p')">Ohje <a href="https://www.kanta.fi/ajanvaraus">kanta.fi</a></p><object data="/xss-probe?fhir-object"></object></div>`;

async function post(base: string, path: string, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
    body,
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

async function archivePta(
  base: string,
  cda: string,
  interaction: 'RCMR_IN100002FI01' | 'RCMR_IN100016FI01' = 'RCMR_IN100002FI01',
): Promise<void> {
  const { status, json } = await post(
    base,
    '/archive/pta',
    buildMessage(cda, { repository: 'pta', interaction }),
  );
  if (status >= 300) throw new Error(`archive refused the fixture (${status}): ${JSON.stringify(json)}`);
}

export interface Seeded {
  /** Kuusijärvi register: a document with two versions (v1 replaced by v2). */
  visitV1: string;
  visitV2: string;
  /** A document with hostile narrative and title. */
  hostile: string;
  /** A nullified document. */
  nullified: string;
  /** Stored in rehearsal mode despite an error: invalid, with findings. */
  invalid: string;
  /** A social-welfare document in the Lumme register. */
  social: string;
  /** Appointment of PERSON at a Kuusijärvi unit: v1 proposed, v2 booked; hostile narrative. */
  appointment: string;
  /** An appointment of PERSON that was nullified (delete marker). */
  nullifiedAppointment: string;
}

let counter = 0;

/** Seeds documents for the fixture world's Kuusijärvi and Lumme registers, and one appointment. */
export async function seedViewerData(base: string): Promise<Seeded> {
  counter += 1;
  const root = `${WORLD.pta.documentRoot}.${process.pid}${counter}`;
  const visitV1 = `${root}.1`;
  const visitV2 = `${root}.2`;
  await archivePta(
    base,
    withNarrative(
      buildCda({
        oid: visitV1,
        setId: visitV1,
        title: 'Verenpaineen kontrollikäynti',
        effectiveTime: '20260910091500',
      }),
      NARRATIVE_V1,
    ),
  );
  await archivePta(
    base,
    withNarrative(
      buildCda({
        oid: visitV2,
        setId: visitV1,
        versionNumber: 2,
        replaces: { oid: visitV1, setId: visitV1, versionNumber: 1 },
        title: 'Verenpaineen kontrollikäynti (korjattu)',
        effectiveTime: '20260910093000',
      }),
      NARRATIVE_V2,
    ),
    'RCMR_IN100016FI01',
  );
  const hostile = `${root}.3`;
  await archivePta(
    base,
    withNarrative(
      buildCda({ oid: hostile, setId: hostile, title: HOSTILE_TITLE, effectiveTime: '20260912120000' }),
      HOSTILE_NARRATIVE,
    ),
  );
  const nullified = `${root}.4`;
  await archivePta(
    base,
    buildCda({
      oid: nullified,
      setId: nullified,
      title: 'Virheellinen merkintä',
      effectiveTime: '20260901080000',
    }),
  );
  const res = await fetch(`${base}/archive/documents/${nullified}/nullify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason: 'Väärä potilas', by: 'Aino Arkisto' }),
  });
  if (res.status >= 300) throw new Error(`nullify failed: ${res.status} ${await res.text()}`);

  // Stored in rehearsal mode despite an error ("tag instead of reject"): shown invalid, with findings.
  const invalid = `${root}.5`;
  const invalidCda = buildCda({
    oid: invalid,
    setId: invalid,
    title: 'Harjoituslähetys',
    effectiveTime: '20260905100000',
    // A content error rehearsal may store (a real-range code would be refused in every mode).
    confidentiality: null,
  });
  const rehearsal = await fetch(`${base}/archive/pta`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/xml',
      Accept: 'application/json',
      'X-Kantasim-Mode': 'rehearsal',
    },
    body: buildMessage(invalidCda, { repository: 'pta' }),
  });
  if (rehearsal.status >= 300)
    throw new Error(`rehearsal store failed: ${rehearsal.status} ${await rehearsal.text()}`);

  // The social-welfare archive's own frame (RCMR_IN200002FI01). The document inside keeps kantasim's
  // earlier layout with the register controller (…19.0) as custodian: the fixture world's Lumme archivist
  // acts for that register controller, and the viewer shows an archivist the documents it keeps.
  const social = `${WORLD.social.documentRoot}.${process.pid}${counter}.1`;
  const socialCda = buildCda({
    repository: 'social',
    oid: social,
    setId: social,
    patient: { root: '1.2.246.21', extension: OTHER_PERSON, given: 'Toinen', family: 'Asiakas' },
  });
  const socialAck = await post(
    base,
    '/archive/social',
    socialFrame(socialCda, 'client', LUMME, {
      sender: WORLD.social.deviceRoot,
      senderExtension: WORLD.social.connectionPoint,
    }),
  );
  if (socialAck.status >= 300) throw new Error(`social archive refused: ${JSON.stringify(socialAck.json)}`);

  const appointments = await seedAppointments(base, `${process.pid}-${counter}`);
  return {
    visitV1,
    visitV2,
    hostile,
    nullified,
    invalid,
    social,
    appointment: appointments.booked,
    nullifiedAppointment: appointments.nullified,
  };
}

const PROVENANCE_DIV = `<div xmlns="http://www.w3.org/1999/xhtml"><p>Tallennus</p><script>window.__pwned='provenance'</script></div>`;

/**
 * Hostile narrative breaks FHIR's txt-1, so strict mode refuses it; those fixtures go in as a vendor's
 * rehearsal would send them (stored, tagged invalid), which is exactly what the viewer must show safely.
 */
async function fhirTransaction(
  base: string,
  bundle: Bundle,
  mode: 'strict' | 'rehearsal' = 'strict',
): Promise<Bundle> {
  const res = await fetch(`${base}/fhir`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/fhir+json',
      Accept: 'application/fhir+json',
      'X-Kantasim-Mode': mode,
    },
    body: JSON.stringify(bundle),
  });
  const body = (await res.json()) as Bundle;
  if (res.status >= 300) throw new Error(`FHIR refused the fixture (${res.status}): ${JSON.stringify(body)}`);
  return body;
}

/** Gives the Provenance entry of a Kanta bundle a narrative (hostile, to test the viewer). */
function withProvenanceText(bundle: Bundle): Bundle {
  for (const entry of bundle.entry ?? [])
    if (entry.resource?.resourceType === 'Provenance')
      (entry.resource as Provenance).text = { status: 'generated', div: PROVENANCE_DIV };
  return bundle;
}

/**
 * Through the real FHIR API (Kanta appointment transactions): an appointment of PERSON at a Kuusijärvi
 * unit stored as proposed and replaced as booked, with hostile narrative and text fields; and a second
 * one that is nullified. Returns the ids.
 */
export async function seedAppointments(
  base: string,
  tag: string,
): Promise<{ booked: string; nullified: string }> {
  const appointment = kantaAppointment({ hetu: PERSON, status: 'proposed', identifier: `AJ-${tag}-1` });
  appointment.description = 'Lääkärin vastaanotto <img src=/xss-probe?description>';
  appointment.comment = "<script>window.__pwned='fhir-comment'</script>";
  appointment.text = { status: 'generated', div: HOSTILE_DIV };
  const stored = await fhirTransaction(
    base,
    withProvenanceText(storeBundle(appointment, { recorded: '2026-09-20T08:00:00+03:00' })),
    'rehearsal',
  );
  const booked = /^Appointment\/([^/]+)/.exec(stored.entry?.[0]?.response?.location ?? '')?.[1];
  if (booked === undefined) throw new Error('no Appointment id in the transaction response');
  await fhirTransaction(
    base,
    withProvenanceText(
      replaceBundle(
        booked,
        {
          ...appointment,
          status: 'booked',
          _status: {
            extension: [{ url: TILA_URL, valueCoding: { system: 'urn:oid:1.2.246.537.6.881', code: '3' } }],
          },
        },
        { ifMatch: 'W/"1"', recorded: '2026-09-21T10:00:00+03:00' },
      ),
    ),
    'rehearsal',
  );
  const second = kantaAppointment({
    hetu: PERSON,
    identifier: `AJ-${tag}-2`,
    start: '2026-11-02T13:00:00+02:00',
    end: '2026-11-02T13:20:00+02:00',
  });
  second.description = 'Laboratorio';
  const secondStored = await fhirTransaction(
    base,
    storeBundle(second, { recorded: '2026-09-22T09:00:00+03:00' }),
  );
  const nullified = /^Appointment\/([^/]+)/.exec(secondStored.entry?.[0]?.response?.location ?? '')?.[1];
  if (nullified === undefined) throw new Error('no Appointment id in the transaction response');
  await fhirTransaction(base, nullifyBundle(nullified, { recorded: '2026-09-23T09:00:00+03:00' }));
  return { booked, nullified };
}
