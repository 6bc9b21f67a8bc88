/**
 * The calls of the vendor walkthrough (docs/walkthrough.md), in the order a new client makes them
 * against an empty simulator: register the organisations, the certified system and the customers with
 * their connection points, then one Kanta appointment transaction, one Patient Data Repository message
 * (RCMR_IN100002FI01) and one social-welfare Client Data Repository message (RCMR_IN200002FI01).
 *
 * Every body comes from the fixture builders (fixtures/fhir/appointment.ts, fixtures/cda/builder.ts,
 * fixtures/cda/social.ts) with fixed identifiers, dates and test-range identity codes, so the page is
 * the same on every run and test/docs/walkthrough.test.ts can replay exactly these calls and check that
 * the simulator accepts them as the page says.
 */
import type { Bundle } from 'fhir/r4.js';
import { buildCda, buildMessage, WORLD } from '../../fixtures/cda/builder.ts';
import { kantaSocialMessage, SOCIAL_ORGANISATIONS } from '../../fixtures/cda/social.ts';
import {
  kantaAppointment,
  kantaProvenance,
  ORG_READY,
  ORG_READY_NAME,
  TEST_HETUS,
  UNIT_READY,
} from '../../fixtures/fhir/appointment.ts';

export type StepKind = 'registry' | 'fhir' | 'archive';

export interface WalkthroughStep {
  /** Anchor and stable name of the step. */
  id: string;
  kind: StepKind;
  title: string;
  /** What the step is for, in a sentence or two (Markdown). */
  intro: string;
  method: 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  /** The body exactly as sent. */
  body: string;
  language: 'json' | 'xml';
  /** The HTTP status the simulator answers. */
  status: number;
  /** What else the answer says (Markdown). */
  answer: string;
  /** Inner documents to show beside the body (the CDA document a message carries). */
  attachments?: { title: string; language: 'xml'; text: string }[];
}

/** Fixed identifiers, so the page is the same on every run. */
export const FIXED = {
  requestId: 'walkthrough-0001',
  appointmentUrl: 'urn:uuid:6f1c2a3e-0000-4000-8000-00000000a001',
  provenanceUrl: 'urn:uuid:6f1c2a3e-0000-4000-8000-00000000a002',
  ptaDocument: `${WORLD.pta.documentRoot}.1`,
  ptaMessageId: `${WORLD.pta.deviceRoot}.1`,
  socialDocument: '1.2.246.10.2765432.95.2026.1',
  socialMessageId: '1',
  announcedAt: '2026-06-01',
} as const;

/**
 * XML indented for reading: a line break and indentation only between a closing (or empty) tag and the
 * next tag, i.e. in element-only content, so no text content changes. The serialised builders' output
 * escapes every `<` in text, so each literal `<` is markup.
 */
export function indentXml(xml: string): string {
  const tokens = xml.match(/<[^>]+>|[^<]+/g) ?? [];
  let depth = 0;
  let out = '';
  let previousClosed = false;
  for (const token of tokens) {
    const closing = token.startsWith('</');
    const opening = token.startsWith('<') && !closing && !token.startsWith('<?');
    const empty = opening && token.endsWith('/>');
    if (closing) depth -= 1;
    if (
      token.startsWith('<') &&
      !token.startsWith('<?') &&
      (previousClosed || (opening && out.endsWith('>')))
    )
      out += `\n${'  '.repeat(Math.max(depth, 0))}`;
    out += token;
    if (opening && !empty) depth += 1;
    previousClosed = closing || empty || token.startsWith('<?');
  }
  return `${out}\n`;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

function registry(
  id: string,
  title: string,
  intro: string,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  status: number,
  answer: string,
): WalkthroughStep {
  return {
    id,
    kind: 'registry',
    title,
    intro,
    method,
    path,
    headers: JSON_HEADERS,
    body: json(body),
    language: 'json',
    status,
    answer,
  };
}

/** The appointment store transaction: the fixture Appointment and Provenance with fixed full URLs. */
export function appointmentBundle(): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: FIXED.appointmentUrl,
        resource: kantaAppointment({ hetu: TEST_HETUS[0], identifier: 'AJ-0001' }),
        request: { method: 'POST', url: 'Appointment' },
      },
      {
        fullUrl: FIXED.provenanceUrl,
        resource: kantaProvenance({ target: FIXED.appointmentUrl }),
        request: { method: 'POST', url: 'Provenance' },
      },
    ],
  };
}

/** The Patient Data Repository document and its RCMR_IN100002FI01 message. */
export function ptaExample(): { cda: string; message: string } {
  const cda = buildCda({ repository: 'pta', oid: FIXED.ptaDocument });
  return { cda, message: buildMessage(cda, { repository: 'pta', messageId: FIXED.ptaMessageId }) };
}

/** The social-welfare client document and its RCMR_IN200002FI01 message. */
export function socialExample(): { cda: string; message: string } {
  const built = kantaSocialMessage(
    'client',
    { documentOid: FIXED.socialDocument, setId: FIXED.socialDocument },
    { messageId: FIXED.socialMessageId },
  );
  return { cda: built.cda, message: built.message };
}

const pohjola = SOCIAL_ORGANISATIONS.pohjola;
const SOCIAL_SYSTEM = 'asiakastieto-sosiaali360';

/** The walkthrough's calls, in order. */
export function walkthroughSteps(): WalkthroughStep[] {
  const pta = ptaExample();
  const social = socialExample();
  const created = 'Status `201 Created`; the answer is the stored entry as JSON.';
  return [
    registry(
      'register-organisation',
      'The service provider',
      `The organisation (service provider) as the national code server (SOTE-organisaatiorekisteri) names it: its OID, name and whether it is public. kantasim's registry stands in for the code server and Kela's Extranet.`,
      'POST',
      '/registry/organisations',
      { oid: ORG_READY, name: ORG_READY_NAME, kind: 'organisation', public: true },
      201,
      created,
    ),
    registry(
      'register-unit-hospital',
      'Its service units',
      'Service units point to their organisation with `partOf`. The Patient Data Repository document below is written in this unit.',
      'POST',
      '/registry/organisations',
      {
        oid: WORLD.pta.unit,
        name: 'Kuusijärven keskussairaala, päivystys',
        kind: 'service-unit',
        partOf: ORG_READY,
        public: true,
      },
      201,
      created,
    ),
    registry(
      'register-unit-health-centre',
      'The health centre',
      'The appointment below is booked at this unit (its `LOC` participant).',
      'POST',
      '/registry/organisations',
      {
        oid: UNIT_READY,
        name: 'Kuusijärven terveysasema',
        kind: 'service-unit',
        partOf: ORG_READY,
        public: true,
      },
      201,
      created,
    ),
    registry(
      'register-controller',
      'The register controller',
      "The document's `custodian` is the register controller (rekisterinpitäjä) of the organisation.",
      'POST',
      '/registry/organisations',
      {
        oid: WORLD.pta.registerController,
        name: 'Kuusijärven hyvinvointialue, rekisterinpitäjä',
        kind: 'register-controller',
        partOf: ORG_READY,
        public: true,
      },
      201,
      created,
    ),
    registry(
      'register-system',
      'The certified system',
      'The client system with the services it is certified for (Kanta certification, category A).',
      'POST',
      '/registry/systems',
      {
        id: 'terveystieto-potilas360',
        vendor: 'Terveystieto Oy',
        product: 'Potilas360',
        version: '4.2',
        category: 'A',
        certifiedFor: ['pta', 'pta-appointment'],
      },
      201,
      created,
    ),
    registry(
      'register-customer',
      'The customer and its connection point',
      "The organisation as a Kanta customer: the accepted service description, the system it uses, the services it has deployed and the connection point its messages come through. The Patient Data Repository message's `sender/device/id` names this connection point in its `extension`.",
      'PUT',
      `/registry/customers/${ORG_READY}`,
      {
        serviceDescriptionAccepted: true,
        system: 'terveystieto-potilas360',
        connectionPoints: [
          { id: WORLD.pta.connectionPoint, operator: 'Terveystieto Oy', announcedAt: FIXED.announcedAt },
        ],
        services: ['pta', 'pta-appointment'],
        documentGroups: [],
        serviceTasks: [],
      },
      201,
      'Status `201 Created` the first time, `200 OK` when the customer is replaced.',
    ),
    registry(
      'register-social-organisation',
      'The social-welfare organisation',
      'A second organisation, for the Client Data Repository of social welfare.',
      'POST',
      '/registry/organisations',
      { oid: pohjola.oid, name: pohjola.name, kind: 'organisation', public: true },
      201,
      created,
    ),
    registry(
      'register-social-unit',
      'Its service unit',
      'The unit that writes the social-welfare document.',
      'POST',
      '/registry/organisations',
      {
        oid: pohjola.unit.oid,
        name: pohjola.unit.name,
        kind: 'service-unit',
        partOf: pohjola.oid,
        public: true,
      },
      201,
      created,
    ),
    registry(
      'register-social-system',
      'Its certified system',
      'A system certified for the social-welfare Client Data Repository.',
      'POST',
      '/registry/systems',
      {
        id: SOCIAL_SYSTEM,
        vendor: 'Asiakastieto Oy',
        product: 'Sosiaali360',
        version: '4.2.0',
        category: 'A',
        certifiedFor: ['social-welfare'],
      },
      201,
      created,
    ),
    registry(
      'register-social-customer',
      'The social-welfare customer',
      "Its deployment: the document categories (`phase1`, `phase2`) and the service tasks (Palvelutehtävä `24`, Lapsiperheiden palvelut) it archives. Its messages' sender device is the organisation OID itself, as the public frames send; the archive accepts the organisation's or a unit's OID as sender, and it is named here as the connection point too.",
      'PUT',
      `/registry/customers/${pohjola.oid}`,
      {
        serviceDescriptionAccepted: true,
        system: SOCIAL_SYSTEM,
        connectionPoints: [{ id: pohjola.oid, operator: pohjola.name, announcedAt: FIXED.announcedAt }],
        services: ['social-welfare'],
        documentGroups: ['phase1', 'phase2'],
        serviceTasks: ['24'],
      },
      201,
      'Status `201 Created`.',
    ),
    {
      id: 'appointment-transaction',
      kind: 'fhir',
      title: 'One appointment transaction',
      intro:
        "A Kanta store transaction: the Appointment (profile AppointmentAppointment, the patient by identity code, THL codings, the `ajanvarauksen-tila` status extension) and its Provenance (profile AppointmentProvenance, the service organiser in role `10`, a signature) whose `target` is the Appointment's `fullUrl`. `X-Request-Id` is mandatory on Kanta FHIR requests.",
      method: 'POST',
      path: '/fhir',
      headers: {
        'Content-Type': 'application/fhir+json',
        Accept: 'application/fhir+json',
        'X-Request-Id': FIXED.requestId,
      },
      body: json(appointmentBundle()),
      language: 'json',
      status: 200,
      answer:
        "Status `200 OK`; a `transaction-response` Bundle with one entry per request, in order, each `response.status` `201 Created` and `response.location` `Appointment/<id>/_history/1` and `Provenance/<id>/_history/1` (the ids are the server's). The answer's `X-Request-Id` header repeats yours, and its `X-Correlation-Id` is the server's own id for the exchange; the event of the transaction carries your `X-Request-Id`.",
    },
    {
      id: 'pta-message',
      kind: 'archive',
      title: 'One Patient Data Repository message (RCMR_IN100002FI01)',
      intro:
        "The HL7 V3 archiving message: `sender/device/id` is the connection point, `reasonCode` the service request (`PP1`), `clinicalDocument/code` the register, and `text` a multipart/related MIME part whose Content-ID is the document OID and whose body is the CDA R2 document in base64. The document's `hl7fi:localHeader` (namespace `urn:hl7finland`) carries the local header codes tabled below.",
      method: 'POST',
      path: '/archive/pta',
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', Accept: 'application/json' },
      body: indentXml(pta.message),
      language: 'xml',
      status: 201,
      answer:
        'Status `201 Created`; an HL7 V3 acknowledgement `AA` (accepted and stored). With `Accept: application/json` the same acknowledgement as JSON: `{"acknowledgement": "AA", "outcome": "accepted", "documentOid": "' +
        FIXED.ptaDocument +
        '", ...}`. Without it the answer is the application acknowledgement `MCCI_HD000300UV01` as XML.',
      attachments: [
        { title: 'The CDA document inside the MIME part (decoded)', language: 'xml', text: pta.cda },
      ],
    },
    {
      id: 'social-message',
      kind: 'archive',
      title: 'One social-welfare Client Data Repository message (RCMR_IN200002FI01)',
      intro:
        "The social-welfare archiving message: two `reasonCode`s (service request `SP17` and usage context), the register in `clinicalDocument/code`, and the document in a multipart/related part. The document's header extension is `hl7fi:localSocialHeader`; its body is a `nonXMLBody` with the XHTML view (base64) and the structured content in `hl7fi:json` (base64 JSON).",
      method: 'POST',
      path: '/archive/social',
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', Accept: 'application/json' },
      body: indentXml(social.message),
      language: 'xml',
      status: 201,
      answer:
        'Status `201 Created`; acknowledgement `AA`: `{"acknowledgement": "AA", "outcome": "accepted", "documentOid": "' +
        FIXED.socialDocument +
        '", ...}`.',
      attachments: [
        {
          title: 'The CDA document inside the MIME part (decoded, indented here for reading)',
          language: 'xml',
          text: indentXml(social.cda),
        },
      ],
    },
  ];
}
