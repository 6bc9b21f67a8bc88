/**
 * Catalogue entries for the codes of the archive channel. The CDA archive (Potilastiedon arkisto and Sosiaalihuollon asiakastiedon arkisto): XML, the HL7 V3 message, the CDA header, identities, versions, nullification, registry and social-welfare deployment rules.
 *
 * Data only: each entry is described in `types.ts`; `catalogue.ts` joins the channels and answers
 * look-ups. The message templates restate what the rule modules write, with named placeholders.
 */
import type { RuleEntry } from './types.ts';

export const ARCHIVE_RULES: readonly RuleEntry[] = [
  {
    code: 'CDA-HDR-001',
    channel: 'archive',
    severity: 'error',
    element: '/{name}',
    messages: { en: 'the document root must be ClinicalDocument in namespace urn:hl7-org:v3; {name}' },
    sources: [
      { title: 'HL7 CDA R2', url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=7' },
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-002',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/typeId',
    messages: { en: 'typeId must be root="{root}" extension="{extension}"; {extension}' },
    sources: [
      { title: 'HL7 CDA R2', url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=7' },
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-003',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/realmCode/@code',
    messages: { en: 'realmCode must be FI for a Finnish Kanta document; {realmCode}' },
    sources: [
      { title: 'HL7 CDA R2', url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=7' },
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-004',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/id/@root',
    messages: { en: 'the document id is missing or not an OID; give id/@root, the document OID: {problem}' },
    sources: [
      { title: 'HL7 CDA R2', url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=7' },
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/intake.ts', 'simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-005',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/code',
    messages: {
      en: 'the document code is the register: give a code from {name} ({oid}) that kantasim knows (1, 2, 4, 10)',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-006',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/effectiveTime/@value',
    messages: {
      en: 'effectiveTime is missing; give the document creation time as an HL7 TS (YYYYMMDDHHMMSS)',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-007',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/confidentialityCode',
    messages: { en: 'confidentialityCode is missing; give one from {name} ({oid})' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-008',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/setId',
    messages: {
      en: 'setId is missing or not an OID; the first version uses its own id as setId, later versions keep it',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-009',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/versionNumber/@value',
    messages: { en: 'versionNumber must be a whole number from 1 up (1 for a new document)' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-010',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/recordTarget/patientRole/id',
    messages: {
      en: 'the patient is missing; give recordTarget/patientRole/id with the identity code (root 1.2.246.21) or a temporary ID',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-011',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/author',
    messages: { en: 'the document has no author; give at least one author with assignedAuthor' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-012',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      en: 'the custodian is missing or not an OID; give the register controller OID (…19.0) as custodian',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-013',
    channel: 'archive',
    severity: 'error',
    element: '{element}/@root',
    messages: {
      en: '{what}: {problem} (templateId, encompassingEncounter id or parentDocument id must be an OID)',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-014',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader',
    messages: { en: 'hl7fi:localHeader (namespace urn:hl7finland) is missing; add it after componentOf' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-015',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:{element}',
    messages: { en: 'hl7fi:localHeader/{element} is missing; add it{oid}' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-016',
    channel: 'archive',
    severity: 'warning',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:softwareSupport',
    messages: { en: 'softwareSupport should name the product and version of the producing system' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-017',
    channel: 'archive',
    severity: 'warning',
    element: '/ClinicalDocument/templateId',
    messages: {
      en: 'no templateId; name the HL7 Finland specification the document follows (e.g. 1.2.246.777.11.2015.10)',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-018',
    channel: 'archive',
    severity: 'warning',
    element: '/ClinicalDocument/languageCode',
    messages: { en: 'languageCode is missing; give e.g. code="fi"' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-HDR-019',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:{element}/@codeSystem',
    messages: {
      en: '{what} must use {name} ({oid}, optionally with its version suffix); expected {oid}, received {codeSystem}',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/structure.ts'],
  },
  {
    code: 'CDA-ID-001',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/recordTarget/patientRole/id/@extension',
    messages: {
      en: "patient: identity code '{value}' is empty or not valid ({problem}); give a checksum-valid test code",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-ID-002',
    channel: 'archive',
    severity: 'error',
    element: '{element}',
    messages: {
      en: '{who}: identity code {value} is in the real-person range; {problem}. Use a Kela-issued test code',
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-ID-003',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/recordTarget/patientRole/id/@root',
    messages: {
      en: 'patient id root {root} is neither the identity code (1.2.246.21) nor a temporary-ID root (1.2.246.10.<org>.22.<year>); use one of them',
    },
    sources: [
      {
        title: 'Finnish Base Profiles (hl7.fhir.fi.base 2.0.0-rc2), FiBasePatient',
        url: 'https://hl7.fi/fhir/finnish-base-profiles',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-ID-004',
    channel: 'archive',
    severity: 'error',
    element: '{element}',
    messages: {
      en: "person at {element}: identity code '{value}' is empty or not valid ({problem}); give a checksum-valid test code",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-ID-005',
    channel: 'archive',
    severity: 'information',
    element: '/ClinicalDocument/recordTarget/patientRole/id',
    messages: {
      en: 'the patient has a temporary ID ({root}); it is accepted without checksum and shown as temporary',
    },
    sources: [
      {
        title: 'Finnish Base Profiles (hl7.fhir.fi.base 2.0.0-rc2), FiBasePatient',
        url: 'https://hl7.fi/fhir/finnish-base-profiles',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-ID-006',
    channel: 'archive',
    severity: 'warning',
    element: '{element}',
    messages: {
      en: '{who}: identity code {value} is in the real-person range and was accepted only because the operator turned on allowRealIdentities; use Kela-issued test codes',
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-ID-007',
    channel: 'archive',
    severity: 'error',
    element: '{path}',
    messages: {
      en: "this text contains a real person's identity code ({masked}); narrative, names and other ids must not carry one: remove it or use a Kela-issued test code",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-ID-008',
    channel: 'archive',
    severity: 'warning',
    element: '{element}/@root',
    messages: {
      en: "root '{root}' names the identity code system but is written differently; write it exactly 1.2.246.21",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'HL7 CDA R2', url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=7' },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts'],
  },
  {
    code: 'CDA-LIMIT-001',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: {
      en: 'the XML has more than {max} elements, the limit of one text; a CDA document needs far fewer, so send a smaller one',
    },
    sources: [
      { title: 'kantasim: archive.md, Limits', url: 'docs/archive.md#limits' },
      { title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-LIMIT-002',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: {
      en: 'the CDA document has more than {max} id elements, the limit of one document; send a smaller document',
    },
    sources: [{ title: 'kantasim: archive.md, Limits', url: 'docs/archive.md#limits' }],
    basis: 'assumption',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-LIMIT-003',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: {
      en: 'the body could not be parsed within the memory allowed for one submission; send a smaller document',
    },
    sources: [{ title: 'kantasim: archive.md, Limits', url: 'docs/archive.md#limits' }],
    basis: 'assumption',
    modules: ['simulator/archive/envelope.ts'],
    untestable:
      'needs a body that exhausts the 768 MB heap of a parse worker; the 20 MB body limit (CDA-XML-001) and the element pre-scan (CDA-LIMIT-001) refuse every body a test can send first',
  },
  {
    code: 'CDA-MSG-001',
    channel: 'archive',
    severity: 'fatal',
    element: 'Content-Type',
    messages: {
      en: "Content-Type '{mediaType}' is not accepted; send the HL7 V3 message (optionally in SOAP) or the CDA document as application/hl7-v3+xml, application/xml, text/xml, application/soap+xml or application/hl7-cda+xml",
    },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/envelope.ts', 'simulator/archive/intake.ts', 'simulator/archive/routes.ts'],
  },
  {
    code: 'CDA-MSG-002',
    channel: 'archive',
    severity: 'fatal',
    element: '/Envelope/Body/ClinicalDocument',
    messages: { en: 'a SOAP Body must carry an HL7 V3 archiving message, not a bare CDA document' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-003',
    channel: 'archive',
    severity: 'fatal',
    element: '/Envelope/Body',
    messages: { en: 'the SOAP Body is empty; put the RCMR_IN100002FI01 or RCMR_IN100016FI01 message in it' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-004',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/interactionId/@extension',
    messages: {
      en: "interactionId/@extension is '{interactionId}' but the message is {interaction}; make them equal",
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-005',
    channel: 'archive',
    severity: 'fatal',
    element: '/{interaction}/controlActProcess/subject/clinicalDocument/text',
    messages: {
      en: 'no subject/clinicalDocument/text with mediaType="multipart/related"; put the MIME package with the CDA document there',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-006',
    channel: 'archive',
    severity: 'fatal',
    element: '/{interaction}/controlActProcess/subject/clinicalDocument/text',
    messages: { en: 'the MIME package cannot be read: {problem}' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      {
        title: 'IETF RFC 2387: The MIME Multipart/Related Content-type',
        url: 'https://www.rfc-editor.org/rfc/rfc2387',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-007',
    channel: 'archive',
    severity: 'fatal',
    element: '/{interaction}/controlActProcess/subject/clinicalDocument/text',
    messages: {
      en: 'no MIME part has Content-ID <{documentId}> (the document OID in subject/clinicalDocument/id); parts have Content-ID {ids}',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      {
        title: 'IETF RFC 2387: The MIME Multipart/Related Content-type',
        url: 'https://www.rfc-editor.org/rfc/rfc2387',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-008',
    channel: 'archive',
    severity: 'fatal',
    element: '/{interaction}/controlActProcess/subject/clinicalDocument/text[Content-ID={contentId}]',
    messages: { en: 'the MIME part is not valid base64; encode the CDA document with base64' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      {
        title: 'IETF RFC 2387: The MIME Multipart/Related Content-type',
        url: 'https://www.rfc-editor.org/rfc/rfc2387',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-009',
    channel: 'archive',
    severity: 'error',
    element: '/controlActProcess/subject/clinicalDocument/id/@root',
    messages: {
      en: "the message's clinicalDocument/id must be the OID of the CDA document it carries; {id}",
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/message.ts'],
  },
  {
    code: 'CDA-MSG-010',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/relatedDocument',
    messages: {
      en: 'the interaction and the relatedDocument disagree: RCMR_IN100016FI01 (replacement) needs relatedDocument typeCode="RPLC", RCMR_IN100002FI01 (new) must not have one',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-MSG-011',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/sender/device/id',
    messages: {
      en: 'the message names no sender device; give sender/device/id of your registered connection point',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-012',
    channel: 'archive',
    severity: 'warning',
    element: '/{interaction}/controlActProcess/reasonCode',
    messages: { en: 'no reasonCode (service request, e.g. PP1 from 1.2.246.537.5.40157); add it' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/envelope.ts'],
  },
  {
    code: 'CDA-MSG-013',
    channel: 'archive',
    severity: 'warning',
    element: '/controlActProcess/subject/clinicalDocument/code',
    messages: {
      en: "the message's clinicalDocument/code ({messageCode}) differs from the document's register code ({documentCode}); send the same register in both",
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/message.ts'],
  },
  {
    code: 'CDA-MSG-014',
    channel: 'archive',
    severity: 'fatal',
    element: 'X-Kantasim-Mode',
    messages: { en: "X-Kantasim-Mode must be 'strict' or 'rehearsal', not '{header}'" },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/routes.ts'],
  },
  {
    code: 'CDA-NUL-000',
    channel: 'archive',
    severity: 'error',
    element: '',
    messages: { en: 'the nullification was refused; see the findings' },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/routes.ts'],
    untestable:
      'a fallback code for a refusal that carries no finding of its own; every refusal the nullification module makes has a specific CDA-NUL code',
  },
  {
    code: 'CDA-NUL-001',
    channel: 'archive',
    severity: 'error',
    element: '/oid',
    messages: { en: 'no archived document {oid}' },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-NUL-003',
    channel: 'archive',
    severity: 'error',
    element: '/reason',
    messages: { en: 'give the reason for nullifying the document in "reason", and who nullifies it in "by"' },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-NUL-004',
    channel: 'archive',
    severity: 'error',
    element: '/oid',
    messages: {
      en: 'document {oid} has been replaced by {replacedBy}; nullify the current version, which withdraws every version of the set',
    },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-NUL-005',
    channel: 'archive',
    severity: 'error',
    element: '/organisation',
    messages: { en: 'document {oid} belongs to {organisation}; only that organisation can nullify it' },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-REG-001',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      en: "custodian {oid} is not in the code server; the custodian must be your organisation's registered register controller (…19.0) — register it or correct the OID",
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts'],
  },
  {
    code: 'CDA-REG-002',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      en: 'custodian {oid} is registered as a {kind}, not a register controller; give the register controller (…19.0) of {oid}',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts'],
  },
  {
    code: 'CDA-REG-003',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      en: 'register controller {oid} belongs to {partOf}, which has no Kanta customer data; send the deployment data to Kela (registry customers) first',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts'],
  },
  {
    code: 'CDA-REG-004',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      en: "{orgOid} has not deployed '{service}' ({fi} / {en}), which {because} needs; notify Kela of an expansion of use (käytön laajennus) for '{service}' before archiving such documents",
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts'],
  },
  {
    code: 'CDA-REG-005',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/sender/device/id',
    messages: {
      en: 'sender device {root}{extension} is not a registered connection point of {orgOid} (registered: {none}); send through a registered connection point or announce this one to Kela',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts'],
  },
  {
    code: 'CDA-REG-006',
    channel: 'archive',
    severity: 'warning',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: { en: 'register controller {oid} is no longer current in the code server; update its entry' },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts'],
  },
  {
    code: 'CDA-REG-007',
    channel: 'archive',
    severity: 'information',
    element: '/ClinicalDocument',
    messages: {
      en: 'a bare CDA document has no sender device, so the connection point was not checked; Kanta itself only accepts the HL7 V3 message',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts'],
  },
  {
    code: 'CDA-SOC-001',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader',
    messages: {
      en: 'the document group is missing; add a local-header code from {name} ({oid}), e.g. hl7fi:typeCode',
    },
    sources: [
      {
        title: 'THL code server: Sosiaalihuolto - Asiakirjaryhmä (1.2.246.537.6.1505)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=2303',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-002',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/hl7fi:localHeader/*[@codeSystem='{codeSystem}']/@code",
    messages: { en: "document group code '{code}' is not known; use one of {codes}" },
    sources: [
      {
        title: 'THL code server: Sosiaalihuolto - Asiakirjaryhmä (1.2.246.537.6.1505)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=2303',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-003',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/hl7fi:localHeader/*[@codeSystem='{oid}']/@code",
    messages: {
      en: "{orgOid} has not deployed the document group '{fi}' ({en}); notify Kela of an expansion of use (käytön laajennus) for that document group before archiving it (deployed: {deployed})",
    },
    sources: [
      {
        title: 'Kanta: Sosiaalihuollon asiakastiedon arkiston käyttöönotto',
        url: 'https://www.kanta.fi/ammattilaiset/sosiaalihuollon-asiakastiedon-arkiston-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-004',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:functionCode',
    messages: { en: 'the service task is missing; give hl7fi:functionCode with a code from {name} ({oid})' },
    sources: [
      {
        title: 'THL code server: Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=704',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-005',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:functionCode/@code',
    messages: {
      en: "{orgOid} has not deployed service task '{code}'{displayName}; notify Kela of an expansion of use for that service task (deployed: {deployed})",
    },
    sources: [
      {
        title: 'Kanta: Sosiaalihuollon asiakastiedon arkiston käyttöönotto',
        url: 'https://www.kanta.fi/ammattilaiset/sosiaalihuollon-asiakastiedon-arkiston-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-006',
    channel: 'archive',
    severity: 'warning',
    element: '{element}',
    messages: {
      en: "{what} '{code}' is not among the codes kantasim has confirmed for {list} ({oid}: {known}); kantasim's list is partial, so check the code against the national code server",
    },
    sources: [
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
      {
        title: 'THL code server: Sosiaalihuolto - Asiakirjaryhmä (1.2.246.537.6.1505)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=2303',
      },
      {
        title: 'THL code server: Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=704',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-007',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:functionCode/@code',
    messages: {
      en: "service task '{code}' is not a code of {list} ({oid}); its codes are numbers such as {known}",
    },
    sources: [
      {
        title: 'THL code server: Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=704',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-010',
    channel: 'archive',
    severity: 'fatal',
    element: '/{interaction}/controlActProcess/reasonCode',
    messages: {
      en: "no service request, or service request '{code}' is not one the archive knows ({codes}); the archive decides from it what to do with the document",
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkisto (järjestelmäkehittäjille): Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkisto',
      },
      {
        title:
          'Kansallinen koodistopalvelu: Sosiaalihuolto - Arkistosanomien palvelupyynnöt (1.2.246.537.6.1503)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-011',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/controlActProcess/reasonCode/@code',
    messages: {
      en: "service request {code} archives a {kind} document, but document group '{group}' makes this a {documentKind} document; send {expected}",
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-012',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/controlActProcess/reasonCode',
    messages: {
      en: "no usage context, or usage context '{code}' is not a code of Sosiaalihuolto - Asiakastiedon arkiston käyttötilanne (1.2.246.537.6.1289): add a second reasonCode from it",
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'Kansallinen koodistopalvelu: Sosiaalihuolto - Asiakastiedon arkiston käyttötilanne (1.2.246.537.6.1289)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-013',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/controlActProcess/subject/clinicalDocument/code',
    messages: {
      en: "the frame's clinicalDocument/code is the register (Sosiaalihuolto - Asiakirjan rekisteritunnus, 1.2.246.537.6.1264.201701); expected {expected}, received {received}",
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-014',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/controlActProcess/subject/clinicalDocument/setId/@root',
    messages: {
      en: "the frame's clinicalDocument/setId must be the setId of the document it carries; expected {expected}, received {received}",
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title: 'Kela SHARK validation client (validator_core.py: frame and document ids compared)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-015',
    channel: 'archive',
    severity: 'warning',
    element: '/{interaction}/controlActProcess/code/@code',
    messages: {
      en: 'controlActProcess/code of {interaction} is {controlAct}; expected {expected}, received {received}',
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'kantasim: archive.md (social-welfare interactions; the replacement is an assumption by analogy with the Patient Data Repository)',
        url: 'docs/archive.md',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-020',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/code',
    messages: {
      en: 'a client document gives its general document type in ClinicalDocument/code from Sosiaalihuolto - Asiakasasiakirjatyyppi (1.2.246.537.6.1506); only a client-relationship document may write nullFlavor="NA"',
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkiston asiakirjat (Sosiaalihuollon asiakirjastandardi; CDA R2 -otsikko)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkiston-asiakirjat',
      },
      {
        title: 'Kansallinen koodistopalvelu: Sosiaalihuolto - Asiakasasiakirjatyyppi (1.2.246.537.6.1506)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=2363',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-021',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:{element}',
    messages: { en: 'hl7fi:localSocialHeader/{element} is missing; a {kind} document carries it' },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkiston asiakirjat (Sosiaalihuollon asiakirjastandardi; CDA R2 -otsikko)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkiston-asiakirjat',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-022',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:{element}',
    messages: { en: "{element} must use {list} ({oid}); or '{code}' is not a code of that list" },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkiston asiakirjat (Sosiaalihuollon asiakirjastandardi; CDA R2 -otsikko)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkiston-asiakirjat',
      },
      {
        title: 'Kansallinen koodistopalvelu (Kela, Kanta-palvelut)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-023',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/component/nonXMLBody',
    messages: {
      en: "the nonXMLBody's XHTML view (text, base64) or structured part (hl7fi:json, base64 JSON) is missing, not base64, too large, not well-formed or not JSON: {problem}",
    },
    sources: [
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkiston asiakirjat (Sosiaalihuollon asiakirjastandardi; CDA R2 -otsikko)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkiston-asiakirjat',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-024',
    channel: 'archive',
    severity: 'warning',
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:specificDocumentType/@code',
    messages: {
      en: 'specific document type {specific} usually belongs to general type {prefix}, but ClinicalDocument/code is {general}; check that both are right',
    },
    sources: [
      {
        title: 'THL Sosmeta: asiakirjarakenteet (the documentType of each schema)',
        url: 'https://sosmeta.thl.fi/',
      },
      {
        title: 'Kansallinen koodistopalvelu: Sosiaalihuolto - Asiakasasiakirjatyyppi (1.2.246.537.6.1506)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=2363',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-025',
    channel: 'archive',
    severity: 'warning',
    element:
      '/ClinicalDocument/componentOf/encompassingEncounter/encounterParticipant[{n}]/assignedEntity/representedOrganization/id/@root',
    messages: {
      en: "organisation {oid} is not in the code server; an author's unit or an encounter participant need not be registered with the archive, but check the OID against the SOTE organisation register",
    },
    sources: [
      {
        title: 'THL: SOTE-organisaatiorekisteri (koodistopalvelu)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
      { title: 'kantasim: README (a new user of the social-welfare repository)', url: 'README.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/social-format.ts', 'simulator/archive/intake.ts'],
  },
  {
    code: 'CDA-VER-001',
    channel: 'archive',
    severity: 'fatal',
    element: '/ClinicalDocument/id/@root',
    messages: {
      en: 'document OID {oid} is already archived with different content (in {repository}); every document and every version needs a new OID — to correct a document send a replacement (RCMR_IN100016FI01) with a new id, the same setId and versionNumber {versionNumber}',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/intake.ts', 'simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-002',
    channel: 'archive',
    severity: 'information',
    element: '/ClinicalDocument/id',
    messages: {
      en: 'document {oid} was already archived with identical content at {receivedAt}; nothing was stored again',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-003',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/setId/@root',
    messages: {
      en: 'setId {setId} is already used by document {oid} (version {versionNumber}); give a new document its own setId, or replace that document with RCMR_IN100016FI01',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-004',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/versionNumber/@value',
    messages: {
      en: 'a new document has versionNumber 1; expected 1, received {versionNumber} (a later version is a replacement with relatedDocument RPLC)',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-005',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/id",
    messages: {
      en: 'the RPLC relation names no parentDocument/id; give the OID of the version being replaced',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-006',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/id/@root",
    messages: {
      en: 'the replaced document {parentOid} is nullified ({given}); a nullified document cannot be replaced — archive a new document instead',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-007',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/id/@root",
    messages: {
      en: 'document {parentOid} is not the latest version of its set; the latest is {oid} (version {versionNumber}): replace that one',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-008',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/setId/@root',
    messages: { en: 'a replacement keeps the setId of the document it replaces; {setId}' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-009',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/versionNumber/@value',
    messages: { en: "a replacement has the replaced version's number plus one; {versionNumber}" },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-010',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/setId/@root",
    messages: { en: 'parentDocument/setId disagrees with the archived document; {setId}' },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-011',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/recordTarget/patientRole/id/@extension',
    messages: {
      en: 'a replacement concerns the same patient as the document it replaces; {patient}. To move a document to another patient, nullify it and archive a new one',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-012',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/id/@root",
    messages: {
      en: 'the replaced document {parentOid} is in the {repository} repository; send the replacement to POST /archive/{repository}',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-VER-013',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/id/@root",
    messages: {
      en: 'the replaced document {parentOid} was stored as invalid in rehearsal mode and does not count as archived; archive a valid original first',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/versions.ts'],
  },
  {
    code: 'CDA-XML-001',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: { en: 'the body is larger than the limit of {maxBytes} bytes; send a smaller document' },
    sources: [
      { title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: [
      'simulator/archive/envelope.ts',
      'simulator/archive/intake.ts',
      'simulator/archive/routes.ts',
      'simulator/archive/xml.ts',
    ],
  },
  {
    code: 'CDA-XML-002',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: {
      en: 'the XML contains a DOCTYPE or entity declaration; Kanta messages and CDA documents must not have one (no DTDs, no entity declarations). Remove it',
    },
    sources: [
      { title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XML-003',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: {
      en: "the XML refers to entity '&{entity};', which is not one of the five predefined XML entities; write the character itself or a numeric reference",
    },
    sources: [
      { title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XML-004',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: { en: '{problem}; fix the markup' },
    sources: [{ title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' }],
    basis: 'published',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XML-005',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: { en: 'elements are nested deeper than {maxDepth} levels; flatten the document' },
    sources: [
      { title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XML-006',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: {
      en: 'the XML declaration names encoding \'{declared}\'; send the document encoded as UTF-8 and declare encoding="UTF-8"',
    },
    sources: [
      { title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' },
      { title: 'kantasim: archive.md', url: 'docs/archive.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XML-007',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: { en: 'the body is empty; send an XML document' },
    sources: [{ title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' }],
    basis: 'published',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XSD-001',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument',
    messages: {
      en: 'not valid against {schema}: {problem}; correct the element against the HL7 Finland CDA schema',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      { title: 'HL7 CDA R2', url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=7' },
    ],
    basis: 'published',
    modules: ['simulator/archive/schema.ts'],
  },
];
