/**
 * The conformance matrix of the Kanta appointment API (docs/conformance.md), rendered from the rule
 * catalogue so it cannot drift from what kantasim enforces: per profile of the published guide, each
 * element rule kantasim checks with its code, severity, basis and source; the guide's elements kantasim
 * does not check and why; the interactions; the mapping onto Kanta's process-error codes; and one
 * complete store, replace and nullify Bundle as the fixture builders write them.
 *
 * `npm run docs:conformance` writes the page; test/catalogue/conformance.test.ts fails when the
 * committed page differs.
 */
import { CATALOGUE, type RuleEntry } from '../../common/rules/catalogue.ts';
import {
  kantaAppointment,
  nullifyBundle,
  replaceBundle,
  storeBundle,
} from '../../fixtures/fhir/appointment.ts';
import { KANTA_PROCESS_ERRORS, KANTA_PROCESS_ERROR_SYSTEM } from '../../simulator/fhir/outcomes.ts';

const GUIDE = 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4';

interface Section {
  title: string;
  /** Catalogue entries belong to the section when one of their source titles contains this. */
  match: string;
  /** Also entries whose code starts with one of these. */
  prefixes?: string[];
  notEnforced: [element: string, why: string][];
}

const SECTIONS: Section[] = [
  {
    title: 'AppointmentAppointment (fi.kela.kanta.pta.ajanvaraus.r4)',
    match: 'AppointmentAppointment',
    prefixes: ['KANTA-APPT-'],
    notEnforced: [
      [
        'Appointment.meta.security (codes of fipta-vs-visible)',
        'the value set content is not public; system, code and display are required (KANTA-APPT-016)',
      ],
      [
        'Appointment.cancelationReason (codes of fipta-vs-cancelationreason)',
        'the value set content is not public; the THL code system is checked by FI-SCHED-001',
      ],
      [
        'Appointment.serviceCategory.coding.system pattern urn:oid:1.2.246.537.6.126.2008 (0.1.0)',
        'that OID is the THL cancellation-reason code system, apparently a copy error in 0.1.0; Finnish Scheduling (urn:oid:1.2.246.537.6.50) is checked instead',
      ],
      [
        'participant slices, extensions, contained resources of the Appointment',
        'not in the public rendering of the profile',
      ],
    ],
  },
  {
    title: 'AppointmentProvenance (fi.kela.kanta.pta.ajanvaraus.r4)',
    match: 'AppointmentProvenance',
    notEnforced: [
      [
        'agent:Palvelunjarjestaja.who.identifier.value (binding fipta-vs-organization)',
        'the value set content is not public; the organiser is checked against the organisation register instead (KANTA-REG-*)',
      ],
      [
        'Provenance.signature cardinality, Bundle.signature',
        'not in the public rendering; a missing signature is a warning (KANTA-PROV-011), signatures are not verified',
      ],
      [
        'contained AppointmentPatient, AppointmentPractitioner, KantaDevice element rules',
        'their profiles are not public beyond KantaDevice meta.profile and identifier; only the resource types are checked',
      ],
    ],
  },
  {
    title: 'MitatointiProvenanceV2 (fi.kela.kanta.gen.r4)',
    match: 'MitatointiProvenanceV2',
    notEnforced: [['agent slices, signature, contained', 'not in the public rendering of the profile']],
  },
  {
    title: 'Search and history (PTA-Appointment-R4-CapabilityStatement)',
    match: 'Haku',
    prefixes: ['KANTA-SEARCH-'],
    notEnforced: [
      [
        'register-type-code, service-event, include-own',
        'their meaning is not public: refused as not simulated (KANTA-SEARCH-003), never ignored',
      ],
    ],
  },
  {
    title: 'Transactions (store, replace, nullify)',
    match: 'Tallennus',
    prefixes: ['KANTA-TX-', 'KANTA-REG-'],
    notEnforced: [],
  },
];

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function inSection(entry: RuleEntry, section: Section): boolean {
  return (
    entry.sources.some((s) => s.title.includes(section.match)) ||
    (section.prefixes ?? []).some((p) => entry.code.startsWith(p))
  );
}

/** Replaces the builders' running `urn:uuid:` numbers by their order in the text, so the page is stable. */
function stableUuids(json: string): string {
  const seen = new Map<string, string>();
  return json.replace(/urn:uuid:6f1c2a3e-0000-4000-8000-\d{12}/g, (m) => {
    if (!seen.has(m))
      seen.set(m, `urn:uuid:6f1c2a3e-0000-4000-8000-${String(seen.size + 1).padStart(12, '0')}`);
    return seen.get(m) ?? m;
  });
}

export function conformanceMarkdown(): string {
  const out: string[] = [];
  out.push('# Conformance matrix: the Kanta appointment API');
  out.push('');
  out.push(
    `Generated from the rule catalogue (\`common/rules/\`) by \`npm run docs:conformance\`; do not edit by hand. Source: Kanta PTA ajanvaraus R4 guide, ${GUIDE} (package fi.kela.kanta.pta.ajanvaraus.r4, newest public 1.0.0-rc2; the profile renderings that are public are partial), and the common Kanta profiles (fi.kela.kanta.gen.r4 1.0.0-rc5). "Basis" says whether the rule restates the published guide or is kantasim's choice where nothing is published. Severities are those of strict mode; rehearsal mode reports them as warnings.`,
  );
  for (const section of SECTIONS) {
    out.push('', `## ${section.title}`, '');
    out.push(
      '| element | enforced | code | severity | basis | source |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const e of CATALOGUE.filter((x) => x.channel === 'fhir' && inSection(x, section))) {
      out.push(
        `| ${cell(e.element === '' ? '(request)' : e.element)} | yes | [\`${e.code}\`](rules.md#${e.code.toLowerCase()}) | ${e.severity} | ${e.basis} | ${cell(e.sources.map((s) => s.title).join('; '))} |`,
      );
    }
    for (const [element, why] of section.notEnforced)
      out.push(`| ${cell(element)} | no | — | — | — | ${cell(why)} |`);
  }
  out.push('', '## Error answers: Kanta process-error codes', '');
  out.push(
    `Every error issue of an OperationOutcome carries, in \`issue.details.coding\`, kantasim's own code (system \`https://kantasim.fi/fhir/CodeSystem/finding\`) and a coding of Kanta's process-error code system \`${KANTA_PROCESS_ERROR_SYSTEM}\` (Kanta-palvelut – Prosessivirheet ja huomautukset). Only two of its codes are public; the mapping onto them is kantasim's choice (assumption) except where the published examples show it.`,
    '',
    '| refusal | Kanta code | display | basis |',
    '| --- | --- | --- | --- |',
    `| invalid content or parameters (every 4xx refusal not listed below) | \`${KANTA_PROCESS_ERRORS.integrity.code}\` | ${KANTA_PROCESS_ERRORS.integrity.display} | published for invalid messages and parameters; assumption for 404, 405, 409, 410, 412, 413, 415, 428 |`,
    `| the organisation is not a Kanta customer or has not deployed the appointment service (KANTA-REG-003, KANTA-REG-004) | \`${KANTA_PROCESS_ERRORS.access.code}\` | ${KANTA_PROCESS_ERRORS.access.display} | assumption (Kanta shows the code for a missing authorisation) |`,
    '| warnings and information | none | — | Kanta publishes process errors only |',
    '| 500, a failure of the simulator | none | — | no public code fits |',
    '',
    "Headers (Kanta FHIR HTTP header, Kanta common specifications): every response echoes the request's `X-Request-Id` (or the id kantasim gave a request without a usable one; events carry the same id) and adds an `X-Correlation-Id` of the server's own; the request log line carries both.",
  );
  out.push('', '## Example transactions', '');
  out.push(
    'Written by the fixture builders (`fixtures/fhir/appointment.ts`), which the reference vendor (`examples/vendor-ehr/`) uses; each passes every rule above.',
    '',
    'The replace and nullify examples name the stored appointment `Appointment/example-1` and its version `W/"1"`. Against a running kantasim, use the id the server gave the appointment when it was stored (the `response.location` of the Appointment entry in the store transaction\'s response, `Appointment/<id>/_history/<version>`) and its current version in `If-Match`.',
  );
  const stored = storeBundle(kantaAppointment());
  const replaced = replaceBundle(
    'example-1',
    kantaAppointment({ start: '2026-10-06T13:00:00+03:00', end: '2026-10-06T13:30:00+03:00' }),
    { ifMatch: 'W/"1"' },
  );
  const nullified = nullifyBundle('example-1');
  for (const [title, b] of [
    ['Store: POST Appointment + POST Provenance', stored],
    ['Replace: PUT Appointment/{id} (If-Match) + POST Provenance', replaced],
    ['Nullify: a new MitatointiProvenanceV2 Provenance + DELETE Appointment/{id}', nullified],
  ] as const) {
    out.push('', `### ${title}`, '', '```json', stableUuids(JSON.stringify(b, null, 2)), '```');
  }
  out.push('', ...CONFORMANCE_DATA);
  out.push('');
  return out.join('\n');
}

/** How to build the folder `npm run test:conformance` reads (test/conformance/data.ts checks it). */
const CONFORMANCE_DATA = [
  '## Conformance data',
  '',
  "`npm run test:conformance` checks kantasim against public material from outside the project, which is never copied into the repository. The tests read it from the folder `KANTASIM_CONFORMANCE_DIR` names (relative to the working directory); without the variable they look where the project's CI puts the folder, beside the checkout. A missing folder or file stops the suite with one message naming every missing path and what belongs there.",
  '',
  'Lay the folder out like this:',
  '',
  '| path | what it is | where it comes from |',
  '| --- | --- | --- |',
  "| `cda-schema/CDA_Fi.xsd` and the files it includes: `POCD_MT000040_Fi.xsd`, `hl7fi_extensions_cdar2header.xsd`, `POCD_MT000040.xsd`, `CDA.xsd`, `datatypes.xsd`, `datatypes-base.xsd`, `voc.xsd`, `NarrativeBlock.xsd`, `infrastructureRoot.xsd` | HL7 Finland's CDA R2 schema set: the HL7 CDA R2 schemas with the `urn:hl7finland` local-header extensions, `CDA_Fi.xsd` the entry point. Kanta's CDA documents validate against it. | HL7 Finland's CDA R2 specifications (https://www.hl7.fi); one public copy is in the Apache-2.0 repository https://github.com/tietolaurip/HUS-tietoallas-integration, `Healthweb/roles/healthweb/files/schemas/` |",
  '| `messages/RCMR_IN100002FI01.xml` | A real-format Kanta archiving message: HL7 V3 `RCMR_IN100002FI01` (reason `PP1`), the CDA document base64-encoded in a `multipart/related` part whose Content-ID is the document OID. The tests expect the HUS test message (document `1.2.246.537.10.15675350.10.1.11220.19098`) with every identity code in the test range (a temporary patient ID, checksum-valid test codes elsewhere): correct a real-range code before use. | the same repository, `Healthweb/src/test/resources/` |',
  '| `messages/RCMR_IN100002FI01.cda.xml` | The CDA document that message carries, decoded from its base64 part, byte for byte. | decode it from the message |',
  "| `fhir/finnish-scheduling-appointment.json` | HL7 Finland's Finnish Scheduling example Appointment, as published. Its patient code `010101-123N` is in the real-person range on purpose: kantasim must refuse it, and accept it with a test-range code in its place. | the HL7 FI Finnish Scheduling implementation guide, https://github.com/fhir-fi/finnish-scheduling, `input/examples/appointment.json` |",
  '',
  'Then run `KANTASIM_CONFORMANCE_DIR=/path/to/folder npm run test:conformance`.',
];
