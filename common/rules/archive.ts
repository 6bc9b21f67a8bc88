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
    messages: {
      fi: 'asiakirjan juurielementin on oltava ClinicalDocument nimiavaruudessa urn:hl7-org:v3; {name}',
      sv: 'dokumentets rotelement ska vara ClinicalDocument i namnrymden urn:hl7-org:v3; {name}',
      en: 'the document root must be ClinicalDocument in namespace urn:hl7-org:v3; {name}',
    },
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
    messages: {
      fi: 'typeId-elementin on oltava root="{root}" extension="{extension}"; {extension}',
      sv: 'typeId ska vara root="{root}" extension="{extension}"; {extension}',
      en: 'typeId must be root="{root}" extension="{extension}"; {extension}',
    },
    variants: [
      {
        fi: 'typeId-elementin on oltava root="{root}" extension="{extension}"; odotettiin {expected}, saatiin {received}',
        sv: 'typeId ska vara root="{root}" extension="{extension}"; förväntades {expected}, mottogs {received}',
        en: 'typeId must be root="{root}" extension="{extension}"; expected {expected}, received {received}',
      },
    ],
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
    messages: {
      fi: 'realmCode-arvon on oltava FI suomalaisessa Kanta-asiakirjassa; {realmCode}',
      sv: 'realmCode ska vara FI i ett finskt Kanta-dokument; {realmCode}',
      en: 'realmCode must be FI for a Finnish Kanta document; {realmCode}',
    },
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
    messages: {
      fi: 'asiakirjan id puuttuu tai ei ole OID; anna id/@root, asiakirjan OID: {problem}',
      sv: 'dokumentets id saknas eller är inte en OID; ange id/@root, dokumentets OID: {problem}',
      en: 'the document id is missing or not an OID; give id/@root, the document OID: {problem}',
    },
    variants: [
      { fi: 'asiakirjan id: {problem}', sv: 'dokumentets id: {problem}', en: 'document id: {problem}' },
      {
        fi: 'ilman kelvollista asiakirjan OID-tunnusta asiakirjaa ei voi arkistoida; anna id/@root',
        sv: 'utan en giltig dokument-OID kan dokumentet inte arkiveras; ange id/@root',
        en: 'without a valid document OID the document cannot be archived; give id/@root',
      },
    ],
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
      fi: 'asiakirjan code on rekisteri: anna koodi koodistosta {name} ({oid}), jonka kantasim tuntee (1, 2, 4, 10)',
      sv: 'dokumentets code är registret: ange en kod från {name} ({oid}) som kantasim känner till (1, 2, 4, 10)',
      en: 'the document code is the register: give a code from {name} ({oid}) that kantasim knows (1, 2, 4, 10)',
    },
    variants: [
      {
        fi: '{element} (rekisteri) arkistossa {repository} on käytettävä koodistoa {name} ({oid}, valinnaisesti versiopäätteineen); odotettiin {expected}, saatiin {received}',
        sv: '{element} (registret) i {repository} ska använda {name} ({oid}, eventuellt med versionssuffix); förväntades {expected}, mottogs {received}',
        en: '{element} (the register) in the {repository} must use {name} ({oid}, optionally with its version suffix); expected {expected}, received {received}',
      },
    ],
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
      fi: 'effectiveTime puuttuu; anna asiakirjan luontiaika HL7 TS -muodossa (VVVVKKPPTTMMSS)',
      sv: 'effectiveTime saknas; ange dokumentets skapandetid som HL7 TS (ÅÅÅÅMMDDTTMMSS)',
      en: 'effectiveTime is missing; give the document creation time as an HL7 TS (YYYYMMDDHHMMSS)',
    },
    variants: [
      {
        fi: "effectiveTime '{value}' ei ole HL7 TS -aika; kirjoita VVVVKKPPTTMMSS, valinnaisesti .fff ja ±ZZZZ",
        sv: "effectiveTime '{value}' är inte en HL7 TS; skriv ÅÅÅÅMMDDTTMMSS, eventuellt med .fff och ±ZZZZ",
        en: "effectiveTime '{value}' is not an HL7 TS; write YYYYMMDDHHMMSS, optionally with .fff and ±ZZZZ",
      },
    ],
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
    messages: {
      fi: 'confidentialityCode puuttuu; anna koodi koodistosta {name} ({oid})',
      sv: 'confidentialityCode saknas; ange en kod från {name} ({oid})',
      en: 'confidentialityCode is missing; give one from {name} ({oid})',
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
    code: 'CDA-HDR-008',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/setId',
    messages: {
      fi: 'setId puuttuu tai ei ole OID; ensimmäinen versio käyttää omaa id:tään setId-arvona, myöhemmät versiot säilyttävät sen',
      sv: 'setId saknas eller är inte en OID; den första versionen använder sitt eget id som setId, senare versioner behåller det',
      en: 'setId is missing or not an OID; the first version uses its own id as setId, later versions keep it',
    },
    variants: [
      {
        fi: 'setId puuttuu; ensimmäinen versio käyttää omaa id:tään setId-arvona, myöhemmät versiot säilyttävät sen',
        sv: 'setId saknas; den första versionen använder sitt eget id som setId, senare versioner behåller det',
        en: 'setId is missing; the first version uses its own id as setId, later versions keep it',
      },
    ],
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
    messages: {
      fi: 'versionNumber-arvon on oltava kokonaisluku 1:stä ylöspäin (uudella asiakirjalla 1)',
      sv: 'versionNumber ska vara ett heltal från 1 och uppåt (1 för ett nytt dokument)',
      en: 'versionNumber must be a whole number from 1 up (1 for a new document)',
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
    code: 'CDA-HDR-010',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/recordTarget/patientRole/id',
    messages: {
      fi: 'potilas puuttuu; anna recordTarget/patientRole/id henkilötunnuksella (root 1.2.246.21) tai tilapäisellä tunnisteella',
      sv: 'patienten saknas; ange recordTarget/patientRole/id med personbeteckningen (root 1.2.246.21) eller ett temporärt id',
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
    messages: {
      fi: 'asiakirjalla ei ole tekijää; anna vähintään yksi author, jolla on assignedAuthor',
      sv: 'dokumentet har ingen författare; ange minst en author med assignedAuthor',
      en: 'the document has no author; give at least one author with assignedAuthor',
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
    code: 'CDA-HDR-012',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      fi: 'custodian puuttuu tai ei ole OID; anna custodian-tiedoksi rekisterinpitäjän OID (…19.0)',
      sv: 'custodian saknas eller är inte en OID; ange den registeransvariges OID (…19.0) som custodian',
      en: 'the custodian is missing or not an OID; give the register controller OID (…19.0) as custodian',
    },
    variants: [
      {
        fi: 'custodian puuttuu; anna custodian-tiedoksi rekisterinpitäjän OID (…19.0)',
        sv: 'custodian saknas; ange den registeransvariges OID (…19.0) som custodian',
        en: 'the custodian is missing; give the register controller OID (…19.0) as custodian',
      },
    ],
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
      fi: '{what}: {problem} (templateId, encompassingEncounter id tai parentDocument id on oltava OID)',
      sv: '{what}: {problem} (templateId, encompassingEncounter id eller parentDocument id ska vara en OID)',
      en: '{what}: {problem} (templateId, encompassingEncounter id or parentDocument id must be an OID)',
    },
    variants: [
      {
        fi: "{what}: arvon '{value}' osassa on etunolla, jota OID ei salli",
        sv: "{what}: '{value}' har en båge med inledande nolla, vilket OID:er inte tillåter",
        en: "{what}: '{value}' has an arc with a leading zero, which OIDs do not allow",
      },
    ],
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
    messages: {
      fi: 'hl7fi:localHeader (nimiavaruus urn:hl7finland) puuttuu; lisää se componentOf-elementin jälkeen',
      sv: 'hl7fi:localHeader (namnrymd urn:hl7finland) saknas; lägg till den efter componentOf',
      en: 'hl7fi:localHeader (namespace urn:hl7finland) is missing; add it after componentOf',
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
    code: 'CDA-HDR-015',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:{element}',
    messages: {
      fi: 'hl7fi:localHeader/{element} puuttuu; lisää se{oid}',
      sv: 'hl7fi:localHeader/{element} saknas; lägg till den{oid}',
      en: 'hl7fi:localHeader/{element} is missing; add it{oid}',
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
    code: 'CDA-HDR-016',
    channel: 'archive',
    severity: 'warning',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:softwareSupport',
    messages: {
      fi: 'softwareSupport-elementissä pitäisi nimetä tuottavan järjestelmän tuote ja versio',
      sv: 'softwareSupport bör ange produkt och version för det producerande systemet',
      en: 'softwareSupport should name the product and version of the producing system',
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
    code: 'CDA-HDR-017',
    channel: 'archive',
    severity: 'warning',
    element: '/ClinicalDocument/templateId',
    messages: {
      fi: 'ei templateId-elementtiä; nimeä HL7 Finlandin määrittely, jota asiakirja noudattaa (esim. 1.2.246.777.11.2015.10)',
      sv: 'ingen templateId; ange den HL7 Finland-specifikation som dokumentet följer (t.ex. 1.2.246.777.11.2015.10)',
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
    messages: {
      fi: 'languageCode puuttuu; anna esim. code="fi"',
      sv: 'languageCode saknas; ange t.ex. code="fi"',
      en: 'languageCode is missing; give e.g. code="fi"',
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
    code: 'CDA-HDR-019',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localHeader/hl7fi:{element}/@codeSystem',
    messages: {
      fi: 'elementin {what} on käytettävä koodistoa {name} ({oid}, valinnaisesti versiopäätteineen); odotettiin {oid}, saatiin {codeSystem}',
      sv: '{what} ska använda {name} ({oid}, eventuellt med versionssuffix); förväntades {oid}, mottogs {codeSystem}',
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
      fi: "potilas: henkilötunnus '{value}' on tyhjä tai virheellinen ({problem}); anna tarkistemerkiltään oikea testitunnus",
      sv: "patient: personbeteckningen '{value}' är tom eller ogiltig ({problem}); ange en testbeteckning med korrekt kontrolltecken",
      en: "patient: identity code '{value}' is empty or not valid ({problem}); give a checksum-valid test code",
    },
    variants: [
      {
        fi: "potilas: henkilötunnus '{value}' on virheellinen ({problem}); anna tarkistemerkiltään oikea testitunnus",
        sv: "patient: personbeteckningen '{value}' är ogiltig ({problem}); ange en testbeteckning med korrekt kontrolltecken",
        en: "patient: identity code '{value}' is not valid ({problem}); give a checksum-valid test code",
      },
    ],
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
      fi: '{who}: henkilötunnus {value} on todellisten henkilöiden alueella; {problem}. Käytä Kelan myöntämää testitunnusta',
      sv: '{who}: personbeteckningen {value} ligger i intervallet för verkliga personer; {problem}. Använd en testbeteckning som FPA utfärdat',
      en: '{who}: identity code {value} is in the real-person range; {problem}. Use a Kela-issued test code',
    },
    variants: [
      {
        fi: '{who}: henkilötunnus {value} on todellisten henkilöiden alueella ({problem}); vain Kelan myöntämät 900-sarjan testitunnukset hyväksytään, ellei palvelinta ajeta valinnalla --allow-real-identities. Käytä Kelan myöntämää testitunnusta',
        sv: '{who}: personbeteckningen {value} ligger i intervallet för verkliga personer ({problem}); bara testbeteckningar i 900-serien som FPA utfärdat godtas om inte servern körs med --allow-real-identities. Använd en testbeteckning som FPA utfärdat',
        en: '{who}: identity code {value} is in the real-person range ({problem}); only Kela-issued 900-series test codes are accepted unless the server runs with --allow-real-identities. Use a Kela-issued test code',
      },
    ],
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
      fi: 'potilaan id:n root {root} ei ole henkilötunnus (1.2.246.21) eikä tilapäisen tunnisteen root (1.2.246.10.<org>.22.<vuosi>); käytä jompaakumpaa',
      sv: 'patientens id-root {root} är varken personbeteckningen (1.2.246.21) eller en root för temporärt id (1.2.246.10.<org>.22.<år>); använd en av dem',
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
      fi: "henkilö kohdassa {element}: henkilötunnus '{value}' on tyhjä tai virheellinen ({problem}); anna tarkistemerkiltään oikea testitunnus",
      sv: "person vid {element}: personbeteckningen '{value}' är tom eller ogiltig ({problem}); ange en testbeteckning med korrekt kontrolltecken",
      en: "person at {element}: identity code '{value}' is empty or not valid ({problem}); give a checksum-valid test code",
    },
    variants: [
      {
        fi: "henkilö kohdassa {element}: henkilötunnus '{value}' on virheellinen ({problem}); anna tarkistemerkiltään oikea testitunnus",
        sv: "person vid {element}: personbeteckningen '{value}' är ogiltig ({problem}); ange en testbeteckning med korrekt kontrolltecken",
        en: "person at {element}: identity code '{value}' is not valid ({problem}); give a checksum-valid test code",
      },
    ],
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
      fi: 'potilaalla on tilapäinen tunniste ({root}); se hyväksytään ilman tarkistemerkkiä ja näytetään tilapäisenä',
      sv: 'patienten har ett temporärt id ({root}); det godtas utan kontrolltecken och visas som temporärt',
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
      fi: '{who}: henkilötunnus {value} on todellisten henkilöiden alueella ja hyväksyttiin vain, koska ylläpitäjä on sallinut asetuksen allowRealIdentities; käytä Kelan myöntämiä testitunnuksia',
      sv: '{who}: personbeteckningen {value} ligger i intervallet för verkliga personer och godtogs bara för att operatören slagit på allowRealIdentities; använd testbeteckningar som FPA utfärdat',
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
      fi: 'tekstissä on todellisen henkilön henkilötunnus ({masked}); kertomusteksteissä, nimissä ja muissa tunnisteissa ei saa olla sellaista: poista se tai käytä Kelan myöntämää testitunnusta',
      sv: 'texten innehåller en verklig persons personbeteckning ({masked}); berättande text, namn och andra id:n får inte innehålla en sådan: ta bort den eller använd en testbeteckning som FPA utfärdat',
      en: "this text contains a real person's identity code ({masked}); narrative, names and other ids must not carry one: remove it or use a Kela-issued test code",
    },
    variants: [
      {
        fi: 'kommentissa (rivi {line}) on todellisen henkilön henkilötunnus ({masked}); kommentit tallentuvat asiakirjan mukana: poista se tai käytä Kelan myöntämää testitunnusta',
        sv: 'en kommentar (rad {line}) innehåller en verklig persons personbeteckning ({masked}); kommentarer lagras med dokumentet: ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "a comment (line {line}) contains a real person's identity code ({masked}); comments are stored with the document: remove it or use a Kela-issued test code",
      },
      {
        fi: 'käsittelyohjeessa (rivi {line}) on todellisen henkilön henkilötunnus ({masked}); käsittelyohjeet tallentuvat asiakirjan mukana: poista se tai käytä Kelan myöntämää testitunnusta',
        sv: 'en bearbetningsinstruktion (rad {line}) innehåller en verklig persons personbeteckning ({masked}); bearbetningsinstruktioner lagras med dokumentet: ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "a processing instruction (line {line}) contains a real person's identity code ({masked}); processing instructions are stored with the document: remove it or use a Kela-issued test code",
      },
      {
        fi: 'nimiavaruuden määrittelyssä (rivi {line}) on todellisen henkilön henkilötunnus ({masked}); määrittelyt tallentuvat asiakirjan mukana: poista se tai käytä Kelan myöntämää testitunnusta',
        sv: 'en namnrymdsdeklaration (rad {line}) innehåller en verklig persons personbeteckning ({masked}); deklarationer lagras med dokumentet: ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "a namespace declaration (line {line}) contains a real person's identity code ({masked}); declarations are stored with the document: remove it or use a Kela-issued test code",
      },
      {
        fi: 'elementin tai attribuutin nimessä (rivi {line}) on todellisen henkilön henkilötunnus ({masked}); nimet tallentuvat asiakirjan mukana: poista se tai käytä Kelan myöntämää testitunnusta',
        sv: 'ett element- eller attributnamn (rad {line}) innehåller en verklig persons personbeteckning ({masked}); namn lagras med dokumentet: ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "an element or attribute name (line {line}) contains a real person's identity code ({masked}); names are stored with the document: remove it or use a Kela-issued test code",
      },
      {
        fi: 'elementtien yli luettu teksti sisältää todellisen henkilön henkilötunnuksen ({masked}) (rivi {line}); lukija näkee sen kokonaisena, vaikka merkintä jakaa sen: poista se tai käytä Kelan myöntämää testitunnusta',
        sv: 'texten läst över elementgränserna innehåller en verklig persons personbeteckning ({masked}) (rad {line}); läsaren ser den hel fast märkningen delar den: ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "the text read across elements contains a real person's identity code ({masked}) (line {line}); a reader sees it whole although markup splits it: remove it or use a Kela-issued test code",
      },
      {
        fi: 'base64-sisältö ({mediaType}) sisältää purettuna todellisen henkilön henkilötunnuksen ({masked}); puretussakaan tekstissä ei saa olla sellaista: poista se tai käytä Kelan myöntämää testitunnusta',
        sv: 'base64-innehållet ({mediaType}) innehåller avkodat en verklig persons personbeteckning ({masked}); inte heller avkodad text får innehålla en sådan: ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "the base64 content ({mediaType}) contains, decoded, a real person's identity code ({masked}); decoded text must not carry one either: remove it or use a Kela-issued test code",
      },
      {
        fi: 'base64-sisällön PDF ({mediaType}) näyttää tekstissään todellisen henkilön henkilötunnuksen ({masked}); PDF:n lukija näkee sen: poista se tai käytä Kelan myöntämää testitunnusta',
        sv: 'PDF:en i base64-innehållet ({mediaType}) visar i sin text en verklig persons personbeteckning ({masked}); den som läser PDF:en ser den: ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "the PDF in the base64 content ({mediaType}) shows in its text a real person's identity code ({masked}); its reader sees it: remove it or use a Kela-issued test code",
      },
    ],
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
      { title: 'kantasim: archive.md (where the identity guard looks)', url: 'docs/archive.md' },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/identities.ts', 'simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-ID-008',
    channel: 'archive',
    severity: 'warning',
    element: '{element}/@root',
    messages: {
      fi: "root '{root}' tarkoittaa henkilötunnuksen koodistoa mutta on kirjoitettu eri tavalla; kirjoita se täsmälleen 1.2.246.21",
      sv: "root '{root}' avser personbeteckningens kodsystem men är skrivet annorlunda; skriv det exakt 1.2.246.21",
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
      fi: 'XML:ssä on yli {max} elementtiä, yhden tekstin raja; CDA-asiakirja tarvitsee paljon vähemmän, joten lähetä pienempi',
      sv: 'XML-texten har fler än {max} element, gränsen för en text; ett CDA-dokument behöver långt färre, så skicka ett mindre',
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
      fi: 'CDA-asiakirjassa on yli {max} id-elementtiä, yhden asiakirjan raja; lähetä pienempi asiakirja',
      sv: 'CDA-dokumentet har fler än {max} id-element, gränsen för ett dokument; skicka ett mindre dokument',
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
      fi: 'sisältöä ei voitu jäsentää yhdelle lähetykselle sallitun muistin puitteissa; lähetä pienempi asiakirja',
      sv: 'innehållet kunde inte tolkas inom det minne som tillåts för en inlämning; skicka ett mindre dokument',
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
      fi: "Content-Type '{mediaType}' ei kelpaa; lähetä HL7 V3 -sanoma (valinnaisesti SOAP-kehyksessä) tai CDA-asiakirja muodossa application/hl7-v3+xml, application/xml, text/xml, application/soap+xml tai application/hl7-cda+xml",
      sv: "Content-Type '{mediaType}' godtas inte; skicka HL7 V3-meddelandet (eventuellt i SOAP) eller CDA-dokumentet som application/hl7-v3+xml, application/xml, text/xml, application/soap+xml eller application/hl7-cda+xml",
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
    messages: {
      fi: 'SOAP Body -elementissä on oltava HL7 V3 -arkistointisanoma, ei pelkkä CDA-asiakirja',
      sv: 'en SOAP Body ska innehålla ett arkiveringsmeddelande i HL7 V3, inte ett ensamt CDA-dokument',
      en: 'a SOAP Body must carry an HL7 V3 archiving message, not a bare CDA document',
    },
    variants: [
      {
        fi: '{interaction} on sosiaalihuollon asiakastiedon arkiston sanoma; lähetä se osoitteeseen POST /archive/social, ei potilastiedon arkistoon',
        sv: '{interaction} är ett meddelande till socialvårdens klientdataarkiv; skicka det till POST /archive/social, inte till patientdataarkivet',
        en: '{interaction} is a message of the social-welfare Client Data Repository; send it to POST /archive/social, not to the Patient Data Repository',
      },
      {
        fi: '{interaction} on potilastiedon arkiston sanoma; sosiaalihuollon asiakastiedon arkisto ottaa vastaan sanoman {expected}: lähetä se osoitteeseen POST /archive/social tai tämä sanoma osoitteeseen POST /archive/pta',
        sv: '{interaction} är ett meddelande till patientdataarkivet; socialvårdens klientdataarkiv tar emot {expected}: skicka det meddelandet till POST /archive/social, eller det här till POST /archive/pta',
        en: '{interaction} is a message of the Patient Data Repository; the social-welfare Client Data Repository takes {expected}: send that message to POST /archive/social, or this one to POST /archive/pta',
      },
      {
        fi: '{interaction} on potilastiedon arkiston korvaava sanoma; sosiaalihuollon asiakastiedon arkiston uusi versio on kantasimissa {expected} (oletus: yksikään julkinen kehys ei näytä sitä): lähetä se osoitteeseen POST /archive/social tai tämä sanoma osoitteeseen POST /archive/pta',
        sv: '{interaction} är en ersättning i patientdataarkivet; en ny version i socialvårdens klientdataarkiv är {expected} i kantasim (ett antagande: ingen offentlig ram visar den): skicka det meddelandet till POST /archive/social, eller det här till POST /archive/pta',
        en: "{interaction} is a replacement of the Patient Data Repository; the social-welfare Client Data Repository's new version is {expected} in kantasim (an assumption: no public frame shows it): send that message to POST /archive/social, or this one to POST /archive/pta",
      },
      {
        fi: 'juurielementti {root} ei kelpaa; lähetä {expected}, nimiavaruudessa urn:hl7-org:v3',
        sv: 'rotelementet {root} godtas inte; skicka {expected}, i namnrymden urn:hl7-org:v3',
        en: 'root element {root} is not accepted; send {expected}, in namespace urn:hl7-org:v3',
      },
    ],
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkisto (järjestelmäkehittäjille): Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkisto',
      },
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
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
    messages: {
      fi: 'SOAP Body on tyhjä; lisää siihen sanoma RCMR_IN100002FI01 tai RCMR_IN100016FI01',
      sv: 'SOAP Body är tom; lägg meddelandet RCMR_IN100002FI01 eller RCMR_IN100016FI01 i den',
      en: 'the SOAP Body is empty; put the RCMR_IN100002FI01 or RCMR_IN100016FI01 message in it',
    },
    variants: [
      {
        fi: 'SOAP Body on tyhjä; lisää siihen sanoma {interaction}',
        sv: 'SOAP Body är tom; lägg meddelandet {interaction} i den',
        en: 'the SOAP Body is empty; put the {interaction} message in it',
      },
    ],
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
      fi: "interactionId/@extension on '{interactionId}', mutta sanoma on {interaction}; yhtenäistä ne",
      sv: "interactionId/@extension är '{interactionId}' men meddelandet är {interaction}; gör dem lika",
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
      fi: 'ei subject/clinicalDocument/text-elementtiä, jonka mediaType="multipart/related"; lisää siihen CDA-asiakirjan sisältävä MIME-paketti',
      sv: 'ingen subject/clinicalDocument/text med mediaType="multipart/related"; lägg MIME-paketet med CDA-dokumentet där',
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
    messages: {
      fi: 'MIME-pakettia ei voi lukea: {problem}',
      sv: 'MIME-paketet kan inte läsas: {problem}',
      en: 'the MIME package cannot be read: {problem}',
    },
    variants: [
      {
        fi: 'multipart/related-tyyppisessä Content-Type-otsakkeessa ei ole boundary-parametria',
        sv: 'Content-Type multipart/related har ingen boundary-parameter',
        en: 'the multipart/related Content-Type has no boundary parameter',
      },
    ],
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
      fi: 'yhdelläkään MIME-osalla ei ole Content-ID:tä <{documentId}> (asiakirjan OID kohdassa subject/clinicalDocument/id); osien Content-ID:t ovat {ids}',
      sv: 'ingen MIME-del har Content-ID <{documentId}> (dokumentets OID i subject/clinicalDocument/id); delarna har Content-ID {ids}',
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
    messages: {
      fi: 'MIME-osa ei ole kelvollista base64-koodausta; koodaa CDA-asiakirja base64-muotoon',
      sv: 'MIME-delen är inte giltig base64; koda CDA-dokumentet med base64',
      en: 'the MIME part is not valid base64; encode the CDA document with base64',
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
    code: 'CDA-MSG-009',
    channel: 'archive',
    severity: 'error',
    element: '/controlActProcess/subject/clinicalDocument/id/@root',
    messages: {
      fi: 'sanoman clinicalDocument/id-arvon on oltava sen kuljettaman CDA-asiakirjan OID; {id}',
      sv: 'meddelandets clinicalDocument/id ska vara OID för det CDA-dokument det bär; {id}',
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
      fi: 'interaktio ja relatedDocument ovat ristiriidassa: RCMR_IN100016FI01 (korvaus) edellyttää relatedDocument typeCode="RPLC", RCMR_IN100002FI01 (uusi) ei saa sisältää sitä',
      sv: 'interaktionen och relatedDocument stämmer inte överens: RCMR_IN100016FI01 (ersättning) kräver relatedDocument typeCode="RPLC", RCMR_IN100002FI01 (nytt) får inte ha en',
      en: 'the interaction and the relatedDocument disagree: RCMR_IN100016FI01 (replacement) needs relatedDocument typeCode="RPLC", RCMR_IN100002FI01 (new) must not have one',
    },
    variants: [
      {
        fi: '{interaction} on korvaus, mutta asiakirjassa ei ole relatedDocument typeCode="RPLC"; lisää se tai lähetä {other}',
        sv: '{interaction} är en ersättning men dokumentet har ingen relatedDocument typeCode="RPLC"; lägg till den eller skicka {other}',
        en: '{interaction} is a replacement but the document has no relatedDocument typeCode="RPLC"; add it, or send {other}',
      },
      {
        fi: '{interaction} arkistoi uuden asiakirjan, mutta tässä on relatedDocument typeCode="RPLC"; lähetä se sanomana {other}',
        sv: '{interaction} arkiverar ett nytt dokument men det här har relatedDocument typeCode="RPLC"; skicka det som {other}',
        en: '{interaction} archives a new document but this one has relatedDocument typeCode="RPLC"; send it as {other}',
      },
    ],
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
      fi: 'sanomassa ei ole lähettävää laitetta; anna rekisteröidyn liityntäpisteesi sender/device/id',
      sv: 'meddelandet anger ingen sändande enhet; ange sender/device/id för din registrerade anslutningspunkt',
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
    messages: {
      fi: 'ei reasonCode-elementtiä (palvelupyyntö, esim. PP1 koodistosta 1.2.246.537.5.40157); lisää se',
      sv: 'ingen reasonCode (tjänstebegäran, t.ex. PP1 från 1.2.246.537.5.40157); lägg till den',
      en: 'no reasonCode (service request, e.g. PP1 from 1.2.246.537.5.40157); add it',
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-MSG-013',
    channel: 'archive',
    severity: 'warning',
    element: '/controlActProcess/subject/clinicalDocument/code',
    messages: {
      fi: 'sanoman clinicalDocument/code ({messageCode}) poikkeaa asiakirjan rekisterikoodista ({documentCode}); lähetä sama rekisteri molemmissa',
      sv: 'meddelandets clinicalDocument/code ({messageCode}) skiljer sig från dokumentets registerkod ({documentCode}); skicka samma register i båda',
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
    messages: {
      fi: "X-Kantasim-Mode-arvon on oltava 'strict' tai 'rehearsal', ei '{header}'",
      sv: "X-Kantasim-Mode ska vara 'strict' eller 'rehearsal', inte '{header}'",
      en: "X-Kantasim-Mode must be 'strict' or 'rehearsal', not '{header}'",
    },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/routes.ts'],
  },
  {
    code: 'CDA-MSG-015',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/interactionId/@root',
    messages: {
      fi: 'interactionId/@root on HL7:n interaktiotunnisteiden OID; odotettiin {expected}, saatiin {received}',
      sv: 'interactionId/@root är HL7:s OID för interaktionsidentifierare; förväntades {expected}, mottogs {received}',
      en: "interactionId/@root is HL7's OID for interaction identifiers; expected {expected}, received {received}",
    },
    sources: [
      {
        title:
          'HL7 Version 3 Standard: Transmission Infrastructure (message wrapper MCCI_MT000100UV01: interactionId, processingCode, processingModeCode, acceptAckCode, receiver)',
        url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=186',
      },
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-MSG-016',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/{element}/@code',
    messages: {
      fi: '{element} on pakollinen, ja sen arvo on HL7-taulukon {table} koodi; odotettiin jokin arvoista {codes}, saatiin {received}',
      sv: '{element} är obligatoriskt och tar en kod ur HL7-tabellen {table}; förväntades en av {codes}, mottogs {received}',
      en: '{element} is required and takes a code of the HL7 table {table}; expected one of {codes}, received {received}',
    },
    sources: [
      {
        title:
          'HL7 Version 3 Standard: Transmission Infrastructure (message wrapper MCCI_MT000100UV01: interactionId, processingCode, processingModeCode, acceptAckCode, receiver)',
        url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=186',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-MSG-017',
    channel: 'archive',
    severity: 'warning',
    element: '/{interaction}/{element}',
    messages: {
      fi: "{element} on '{received}', mutta jokainen julkinen Kanta-esimerkkisanoma lähettää arvon {seen}; Kanta ei julkaise sääntöä muille arvoille, joten tarkista vastaanottavan ympäristön odottama arvo",
      sv: "{element} är '{received}', men varje offentligt exempelmeddelande för Kanta skickar {seen}; Kanta publicerar ingen regel för andra värden, så kontrollera vilket värde den mottagande miljön förväntar sig",
      en: "{element} is '{received}', but every public Kanta sample message sends {seen}; Kanta publishes no rule for other values, so check the value the receiving environment expects",
    },
    sources: [
      {
        title:
          'Public test messages of the Patient Data Repository (tietolaurip/HUS-tietoallas-integration, Healthweb/src/test/resources/)',
        url: 'https://github.com/tietolaurip/HUS-tietoallas-integration',
      },
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-MSG-018',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/receiver/device/id',
    messages: {
      fi: 'sanomassa ei ole vastaanottavaa laitetta; anna receiver/device/id, julkisissa esimerkeissä Kannan laite {device}',
      sv: 'meddelandet anger ingen mottagande enhet; ange receiver/device/id, i de offentliga exemplen Kantas enhet {device}',
      en: "the message names no receiver device; give receiver/device/id, Kanta's device {device} in the public samples",
    },
    sources: [
      {
        title:
          'HL7 Version 3 Standard: Transmission Infrastructure (message wrapper MCCI_MT000100UV01: interactionId, processingCode, processingModeCode, acceptAckCode, receiver)',
        url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=186',
      },
      {
        title:
          'Public test messages of the Patient Data Repository (tietolaurip/HUS-tietoallas-integration, Healthweb/src/test/resources/)',
        url: 'https://github.com/tietolaurip/HUS-tietoallas-integration',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-MSG-019',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/controlActProcess/reasonCode/@codeSystem',
    messages: {
      fi: "sanoman {interaction} palvelupyyntö on koodistosta {list} ({oid}), esim. PP1; saatiin koodi '{code}' koodistosta {codeSystem}",
      sv: "tjänstebegäran i {interaction} kommer från {list} ({oid}), t.ex. PP1; mottogs koden '{code}' från kodsystemet {codeSystem}",
      en: "the service request of {interaction} comes from {list} ({oid}), e.g. PP1; received code '{code}' of code system {codeSystem}",
    },
    sources: [
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      {
        title: 'Kansallinen koodistopalvelu: eArkisto - Arkistosanomien palvelupyynnöt (1.2.246.537.5.40157)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-MSG-020',
    channel: 'archive',
    severity: 'warning',
    element: '/{interaction}/controlActProcess/reasonCode/@code',
    messages: {
      fi: "palvelupyyntö '{code}' ei ole PP1 (Arkistoi palvelujen antajan omia asiakirjoja), julkisten esimerkkisanomien arkistointipyyntö; kantasimin luettelo koodistosta {list} on osittainen, joten tarkista koodi kansallisesta koodistopalvelusta",
      sv: "tjänstebegäran '{code}' är inte PP1 (Arkistoi palvelujen antajan omia asiakirjoja), arkiveringsbegäran i de offentliga exempelmeddelandena; kantasims lista över {list} är ofullständig, så kontrollera koden mot den nationella kodservern",
      en: "service request '{code}' is not PP1 (Arkistoi palvelujen antajan omia asiakirjoja), the archiving request of the public sample messages; kantasim's list of {list} is partial, so check the code against the national code server",
    },
    sources: [
      {
        title:
          'Public test messages of the Patient Data Repository (tietolaurip/HUS-tietoallas-integration, Healthweb/src/test/resources/)',
        url: 'https://github.com/tietolaurip/HUS-tietoallas-integration',
      },
      {
        title: 'Kansallinen koodistopalvelu: eArkisto - Arkistosanomien palvelupyynnöt (1.2.246.537.5.40157)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-MSG-021',
    channel: 'archive',
    severity: 'warning',
    element: '/{interaction}/controlActProcess/code/@code',
    messages: {
      fi: 'interaktion {interaction} controlActProcess/code on {controlAct}; odotettiin {expected}, saatiin {received}',
      sv: 'controlActProcess/code för {interaction} är {controlAct}; förväntades {expected}, mottogs {received}',
      en: 'controlActProcess/code of {interaction} is {controlAct}; expected {expected}, received {received}',
    },
    sources: [
      {
        title:
          'Public test messages of the Patient Data Repository (tietolaurip/HUS-tietoallas-integration, Healthweb/src/test/resources/)',
        url: 'https://github.com/tietolaurip/HUS-tietoallas-integration',
      },
      {
        title: 'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-NUL-000',
    channel: 'archive',
    severity: 'error',
    element: '',
    messages: {
      fi: 'mitätöinti hylättiin; katso havainnot',
      sv: 'makuleringen avvisades; se fynden',
      en: 'the nullification was refused; see the findings',
    },
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
    messages: {
      fi: 'arkistoitua asiakirjaa {oid} ei ole',
      sv: 'inget arkiverat dokument {oid}',
      en: 'no archived document {oid}',
    },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-NUL-003',
    channel: 'archive',
    severity: 'error',
    element: '/reason',
    messages: {
      fi: 'anna asiakirjan mitätöinnin syy kentässä "reason" ja mitätöijä kentässä "by"',
      sv: 'ange orsaken till makuleringen i "reason" och vem som makulerar i "by"',
      en: 'give the reason for nullifying the document in "reason", and who nullifies it in "by"',
    },
    variants: [
      {
        fi: 'anna asiakirjan mitätöinnin syy kentässä "reason"',
        sv: 'ange orsaken till makuleringen i "reason"',
        en: 'give the reason for nullifying the document in "reason"',
      },
      {
        fi: 'kerro kentässä "by", kuka mitätöi asiakirjan (henkilö tai järjestelmä)',
        sv: 'ange i "by" vem som makulerar dokumentet (en person eller ett system)',
        en: 'say who nullifies the document in "by" (a person or system)',
      },
    ],
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
      fi: 'asiakirja {oid} on korvattu asiakirjalla {replacedBy}; mitätöi nykyinen versio, jolloin kaikki joukon versiot poistuvat käytöstä',
      sv: 'dokumentet {oid} har ersatts av {replacedBy}; makulera den aktuella versionen, vilket drar tillbaka alla versioner i serien',
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
    messages: {
      fi: 'asiakirja {oid} kuuluu organisaatiolle {organisation}; vain se voi mitätöidä asiakirjan',
      sv: 'dokumentet {oid} tillhör {organisation}; bara den organisationen kan makulera det',
      en: 'document {oid} belongs to {organisation}; only that organisation can nullify it',
    },
    sources: [{ title: 'kantasim: archive.md', url: 'docs/archive.md' }],
    basis: 'assumption',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-NUL-006',
    channel: 'archive',
    severity: 'error',
    element: '/documentGroup',
    messages: {
      fi: 'anna sosiaalihuollon asiakirjan asiakirjaryhmä kentässä "documentGroup": koodiston {name} ({oid}) koodi, jolla asiakirja arkistoitiin (sen hl7fi:documentGroup)',
      sv: 'ange socialvårdsdokumentets dokumentgrupp i "documentGroup": koden ur {name} ({oid}) som dokumentet arkiverades med (dess hl7fi:documentGroup)',
      en: 'give the document group of the social-welfare document in "documentGroup": the code of {name} ({oid}) it was archived with, as in its hl7fi:documentGroup',
    },
    sources: [
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkisto (järjestelmäkehittäjille): the document group is required in every archiving, new-version and nullification message',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkisto',
      },
      {
        title: 'THL code server: Sosiaalihuolto - Asiakirjaryhmä (1.2.246.537.6.1505)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=2303',
      },
      { title: 'kantasim: archive.md, Nullification (the request)', url: 'docs/archive.md#nullification' },
    ],
    basis: 'published',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-NUL-007',
    channel: 'archive',
    severity: 'error',
    element: '/documentGroup',
    messages: {
      fi: "\"documentGroup\" '{given}' ei ole asiakirjan {oid} asiakirjaryhmä, sillä se arkistoitiin ryhmällä '{stored}'; anna mitätöitävän asiakirjan ryhmä",
      sv: "\"documentGroup\" '{given}' är inte dokumentgruppen för {oid}, som arkiverades med gruppen '{stored}'; ange gruppen för dokumentet du makulerar",
      en: "\"documentGroup\" '{given}' is not the document group of {oid}, which was archived with group '{stored}'; give the group of the document you nullify",
    },
    sources: [
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkisto (järjestelmäkehittäjille): the document group is required in every archiving, new-version and nullification message',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkisto',
      },
      { title: 'kantasim: archive.md, Nullification (the request)', url: 'docs/archive.md#nullification' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/nullification.ts'],
  },
  {
    code: 'CDA-REG-001',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      fi: 'custodian {oid} ei ole koodistopalvelussa; custodian-tiedon on oltava organisaatiosi rekisteröity rekisterinpitäjä (…19.0) — rekisteröi se tai korjaa OID',
      sv: 'custodian {oid} finns inte i kodservern; custodian ska vara din organisations registrerade registeransvarige (…19.0) — registrera den eller rätta OID:n',
      en: "custodian {oid} is not in the code server; the custodian must be your organisation's registered register controller (…19.0) — register it or correct the OID",
    },
    variants: [
      {
        fi: 'custodian {oid} ei ole koodistopalvelussa; sosiaalihuollon asiakirjan custodian on organisaatiosi tai sen yksikkö — rekisteröi se (PUT /registry/organisations/{oid}) tai korjaa OID',
        sv: 'custodian {oid} finns inte i kodservern; custodian för ett socialvårdsdokument är din organisation eller en av dess enheter — registrera den (PUT /registry/organisations/{oid}) eller rätta OID:n',
        en: 'custodian {oid} is not in the code server; the custodian of a social-welfare document is your organisation or one of its units — register it (PUT /registry/organisations/{oid}) or correct the OID',
      },
    ],
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
      fi: 'custodian {oid} on rekisteröity tyypillä {kind}, ei rekisterinpitäjänä; anna organisaation {oid} rekisterinpitäjä (…19.0)',
      sv: 'custodian {oid} är registrerad som {kind}, inte som registeransvarig; ange den registeransvarige (…19.0) för {oid}',
      en: 'custodian {oid} is registered as a {kind}, not a register controller; give the register controller (…19.0) of {oid}',
    },
    variants: [
      {
        fi: 'custodian {oid} on rekisteröity tyypillä {kind}, ei rekisterinpitäjänä; anna organisaation {parent} rekisterinpitäjä (…19.0)',
        sv: 'custodian {oid} är registrerad som {kind}, inte som registeransvarig; ange den registeransvarige (…19.0) för {parent}',
        en: 'custodian {oid} is registered as a {kind}, not a register controller; give the register controller (…19.0) of {parent}',
      },
    ],
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
      fi: 'rekisterinpitäjä {oid} kuuluu organisaatioon {partOf}, jolla ei ole Kannan asiakastietoja; lähetä ensin käyttöönottotiedot Kelaan (registry customers)',
      sv: 'den registeransvarige {oid} hör till {partOf}, som saknar kunduppgifter i Kanta; skicka först ibruktagningsuppgifterna till FPA (registry customers)',
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
      fi: "{orgOid} ei ole ottanut käyttöön palvelua '{service}' ({fi} / {en}), jota {because} edellyttää; tee Kelalle käytön laajennus palvelulle '{service}' ennen tällaisten asiakirjojen arkistointia",
      sv: "{orgOid} har inte tagit '{service}' ({fi} / {en}) i bruk, vilket {because} kräver; anmäl en utvidgning av användningen (käytön laajennus) för '{service}' till FPA innan sådana dokument arkiveras",
      en: "{orgOid} has not deployed '{service}' ({fi} / {en}), which {because} needs; notify Kela of an expansion of use (käytön laajennus) for '{service}' before archiving such documents",
    },
    variants: [
      {
        fi: "{orgOid} ei ole ottanut käyttöön palvelua '{service}' ({fi} / {en}), jota näkymäkoodi {view} (todistukset ja lausunnot) kantasimin oletuksen mukaan edellyttää: mikään julkinen lähde ei anna näkymäkoodia {view}, ja Kanta tunnistaa todistukset lomaketunnuksista, kuten F122; tee Kelalle käytön laajennus palvelulle '{service}' ennen tällaisten asiakirjojen arkistointia",
        sv: "{orgOid} har inte tagit '{service}' ({fi} / {en}) i bruk, vilket vykoden {view} (intyg och utlåtanden) kräver enligt ett antagande av kantasim: ingen offentlig källa anger en vykod {view}, och Kanta identifierar intyg med blankettkoder som F122; anmäl en utvidgning av användningen (käytön laajennus) för '{service}' till FPA innan sådana dokument arkiveras",
        en: "{orgOid} has not deployed '{service}' ({fi} / {en}), which view code {view} (certificates and statements) needs by a kantasim assumption: no public source gives a view code {view}, and Kanta identifies certificates by form codes such as F122; notify Kela of an expansion of use (käytön laajennus) for '{service}' before archiving such documents",
      },
    ],
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
      {
        title:
          'kantasim: archive.md, the certificate view code TOD (a kantasim assumption: no public source gives it; Kanta identifies certificates by form codes such as F122)',
        url: 'docs/archive.md#certificate-view-code-tod',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/registry.ts', 'simulator/archive/service-needs.ts'],
  },
  {
    code: 'CDA-REG-005',
    channel: 'archive',
    severity: 'error',
    element: '/{interaction}/sender/device/id',
    messages: {
      fi: 'lähettävä laite {root}{extension} ei ole organisaation {orgOid} rekisteröity liityntäpiste (rekisteröidyt: {none}); lähetä rekisteröidyn liityntäpisteen kautta tai ilmoita tämä Kelaan',
      sv: 'den sändande enheten {root}{extension} är inte en registrerad anslutningspunkt för {orgOid} (registrerade: {none}); skicka via en registrerad anslutningspunkt eller anmäl den här till FPA',
      en: 'sender device {root}{extension} is not a registered connection point of {orgOid} (registered: {none}); send through a registered connection point or announce this one to Kela',
    },
    variants: [
      {
        fi: 'lähettävä laite {root}{extension} ei ole organisaation {orgOid} rekisteröity liityntäpiste (rekisteröidyt: {none}) eikä koodistopalvelussa {orgOid} tai sen yksikkö; lähetä organisaatiosi tai sen yksikön OID-tunnuksella tai rekisteröidyn liityntäpisteen kautta',
        sv: 'den sändande enheten {root}{extension} är varken en registrerad anslutningspunkt för {orgOid} (registrerade: {none}) eller {orgOid} eller en av dess enheter i kodservern; skicka med din organisations eller en enhets OID, eller via en registrerad anslutningspunkt',
        en: "sender device {root}{extension} is neither a registered connection point of {orgOid} (registered: {none}) nor {orgOid} or one of its units in the code server; send from your organisation's or a unit's OID, or through a registered connection point",
      },
    ],
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
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
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
    messages: {
      fi: 'rekisterinpitäjä {oid} ei ole enää voimassa koodistopalvelussa; päivitä sen tiedot',
      sv: 'den registeransvarige {oid} är inte längre giltig i kodservern; uppdatera dess uppgifter',
      en: 'register controller {oid} is no longer current in the code server; update its entry',
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
    code: 'CDA-REG-007',
    channel: 'archive',
    severity: 'information',
    element: '/ClinicalDocument',
    messages: {
      fi: 'pelkällä CDA-asiakirjalla ei ole lähettävää laitetta, joten liityntäpistettä ei tarkistettu; Kanta itse hyväksyy vain HL7 V3 -sanoman',
      sv: 'ett ensamt CDA-dokument har ingen sändande enhet, så anslutningspunkten kontrollerades inte; Kanta själv tar bara emot HL7 V3-meddelandet',
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
    element: '/ClinicalDocument/hl7fi:localSocialHeader',
    messages: {
      fi: 'asiakirjaryhmä puuttuu; lisää hl7fi:localSocialHeader-elementtiin hl7fi:documentGroup koodilla koodistosta {name} ({oid})',
      sv: 'dokumentgruppen saknas; lägg till hl7fi:documentGroup i hl7fi:localSocialHeader med en kod från {name} ({oid})',
      en: 'the document group is missing; add hl7fi:documentGroup to hl7fi:localSocialHeader with a code from {name} ({oid})',
    },
    sources: [
      {
        title: 'THL code server: Sosiaalihuolto - Asiakirjaryhmä (1.2.246.537.6.1505)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=2303',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkiston asiakirjat (Sosiaalihuollon asiakirjastandardi; CDA R2 -otsikko)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkiston-asiakirjat',
      },
    ],
    basis: 'published',
    modules: ['simulator/archive/rules/social.ts'],
  },
  {
    code: 'CDA-SOC-002',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:documentGroup/@code',
    messages: {
      fi: "asiakirjaryhmän koodi '{code}' on tuntematon; käytä jotakin koodeista {codes}",
      sv: "dokumentgruppens kod '{code}' är okänd; använd en av {codes}",
      en: "document group code '{code}' is not known; use one of {codes}",
    },
    variants: [
      {
        fi: "asiakirjaryhmän koodi '{code}' ei ole koodiston {name} ({oid}) koodi; käytä jotakin koodeista {codes}",
        sv: "dokumentgruppens kod '{code}' är inte en kod i {name} ({oid}); använd en av {codes}",
        en: "document group code '{code}' is not a code of {name} ({oid}); use one of {codes}",
      },
      {
        fi: 'elementin {element} koodin on oltava koodistosta {name} ({oid}); odotettiin {expected}, saatiin {received}',
        sv: '{element} ska använda {name} ({oid}); förväntades {expected}, mottogs {received}',
        en: '{element} must use {name} ({oid}); expected {expected}, received {received}',
      },
    ],
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
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:documentGroup/@code',
    messages: {
      fi: "{orgOid} ei ole ottanut käyttöön asiakirjaryhmää '{fi}' ({en}); tee Kelalle käytön laajennus kyseiselle asiakirjaryhmälle ennen sen arkistointia (käytössä: {deployed})",
      sv: "{orgOid} har inte tagit dokumentgruppen '{fi}' ({en}) i bruk; anmäl en utvidgning av användningen (käytön laajennus) för den dokumentgruppen till FPA innan den arkiveras (i bruk: {deployed})",
      en: "{orgOid} has not deployed the document group '{fi}' ({en}); notify Kela of an expansion of use (käytön laajennus) for that document group before archiving it (deployed: {deployed})",
    },
    variants: [
      {
        fi: "{orgOid} ei ole ottanut käyttöön asiakirjaryhmää '{fi}' ({en}), johon ryhmäkoodi '{code}' kuuluu; tee Kelalle käytön laajennus kyseiselle asiakirjaryhmälle ennen sen arkistointia (käytössä: {deployed})",
        sv: "{orgOid} har inte tagit dokumentgruppen '{fi}' ({en}), som gruppkoden '{code}' hör till, i bruk; anmäl en utvidgning av användningen (käytön laajennus) för den dokumentgruppen till FPA innan den arkiveras (i bruk: {deployed})",
        en: "{orgOid} has not deployed the document group '{fi}' ({en}), to which group code '{code}' belongs; notify Kela of an expansion of use (käytön laajennus) for that document group before archiving it (deployed: {deployed})",
      },
    ],
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
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:functionCode',
    messages: {
      fi: 'palvelutehtävä puuttuu; anna hl7fi:functionCode koodilla koodistosta {name} ({oid})',
      sv: 'serviceuppgiften saknas; ange hl7fi:functionCode med en kod från {name} ({oid})',
      en: 'the service task is missing; give hl7fi:functionCode with a code from {name} ({oid})',
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
    code: 'CDA-SOC-005',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:functionCode/@code',
    messages: {
      fi: "{orgOid} ei ole ottanut käyttöön palvelutehtävää '{code}'{displayName}; tee Kelalle käytön laajennus kyseiselle palvelutehtävälle (käytössä: {deployed})",
      sv: "{orgOid} har inte tagit serviceuppgiften '{code}'{displayName} i bruk; anmäl en utvidgning av användningen för den serviceuppgiften till FPA (i bruk: {deployed})",
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
      fi: "{what} '{code}' ei ole niiden koodien joukossa, jotka kantasim on varmistanut luettelosta {list} ({oid}: {known}); kantasimin luettelo on osittainen, joten tarkista koodi kansallisesta koodistopalvelusta",
      sv: "{what} '{code}' är inte bland de koder kantasim har bekräftat för {list} ({oid}: {known}); kantasims lista är ofullständig, så kontrollera koden mot den nationella kodservern",
      en: "{what} '{code}' is not among the codes kantasim has confirmed for {list} ({oid}: {known}); kantasim's list is partial, so check the code against the national code server",
    },
    variants: [
      {
        fi: "{what} '{code}' ei ole niiden koodien joukossa, jotka kantasim on varmistanut luettelosta {list} ({oid}: {known}); kantasimin luettelo on osittainen, joten tarkista koodi kansallisesta koodistopalvelusta; kantasim olettaa sen kuuluvan ryhmään {assumed}",
        sv: "{what} '{code}' är inte bland de koder kantasim har bekräftat för {list} ({oid}: {known}); kantasims lista är ofullständig, så kontrollera koden mot den nationella kodservern; kantasim antar att den är {assumed}",
        en: "{what} '{code}' is not among the codes kantasim has confirmed for {list} ({oid}: {known}); kantasim's list is partial, so check the code against the national code server; kantasim assumes it is a {assumed}",
      },
    ],
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
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:functionCode/@code',
    messages: {
      fi: "palvelutehtävä '{code}' ei ole luettelon {list} ({oid}) koodi; sen koodit ovat numeroita, kuten {known}",
      sv: "serviceuppgiften '{code}' är inte en kod i {list} ({oid}); dess koder är tal som {known}",
      en: "service task '{code}' is not a code of {list} ({oid}); its codes are numbers such as {known}",
    },
    variants: [
      {
        fi: 'elementin {element} koodin on oltava koodistosta {name} ({oid}); odotettiin {expected}, saatiin {received}',
        sv: '{element} ska använda {name} ({oid}); förväntades {expected}, mottogs {received}',
        en: '{element} must use {name} ({oid}); expected {expected}, received {received}',
      },
    ],
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
      fi: "palvelupyyntö puuttuu tai palvelupyyntö '{code}' ei ole arkiston tuntema ({codes}); arkisto päättää sen perusteella, mitä asiakirjalle tehdään",
      sv: "ingen tjänstebegäran, eller tjänstebegäran '{code}' är inte en som arkivet känner till ({codes}); arkivet avgör utifrån den vad som görs med dokumentet",
      en: "no service request, or service request '{code}' is not one the archive knows ({codes}); the archive decides from it what to do with the document",
    },
    variants: [
      {
        fi: 'palvelupyyntö puuttuu: anna reasonCode koodistosta {name} ({oid}), esim. {codes}',
        sv: 'ingen tjänstebegäran: ange en reasonCode från {name} ({oid}), t.ex. {codes}',
        en: 'no service request: give a reasonCode from {name} ({oid}), e.g. {codes}',
      },
      {
        fi: "palvelupyyntö '{code}' ei ole arkiston tuntema ({codes}); arkisto päättää sen perusteella, mitä asiakirjalle tehdään, joten sanomaa ei voi käsitellä",
        sv: "tjänstebegäran '{code}' är inte en som arkivet känner till ({codes}); arkivet avgör utifrån den vad som görs med dokumentet, så meddelandet kan inte behandlas",
        en: "service request '{code}' is not one the archive knows ({codes}); the archive decides from it what to do with the document, so the message cannot be processed",
      },
    ],
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
      fi: "palvelupyyntö {code} arkistoi {kind}-asiakirjan, mutta asiakirjaryhmä '{group}' tekee tästä {documentKind}-asiakirjan; lähetä {expected}",
      sv: "tjänstebegäran {code} arkiverar ett {kind}-dokument, men dokumentgruppen '{group}' gör detta till ett {documentKind}-dokument; skicka {expected}",
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
      fi: "käyttötilanne puuttuu tai käyttötilanne '{code}' ei ole koodiston Sosiaalihuolto - Asiakastiedon arkiston käyttötilanne (1.2.246.537.6.1289) koodi: lisää siitä toinen reasonCode",
      sv: "ingen användningssituation, eller användningssituationen '{code}' är inte en kod i Sosiaalihuolto - Asiakastiedon arkiston käyttötilanne (1.2.246.537.6.1289): lägg till en andra reasonCode från den",
      en: "no usage context, or usage context '{code}' is not a code of Sosiaalihuolto - Asiakastiedon arkiston käyttötilanne (1.2.246.537.6.1289): add a second reasonCode from it",
    },
    variants: [
      {
        fi: 'käyttötilanne puuttuu: lisää toinen reasonCode koodistosta {name} ({oid}), esim. {example}',
        sv: 'ingen användningssituation: lägg till en andra reasonCode från {name} ({oid}), t.ex. {example}',
        en: 'no usage context: add a second reasonCode from {name} ({oid}), e.g. {example}',
      },
    ],
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
      fi: 'kehyksen clinicalDocument/code on rekisteri (Sosiaalihuolto - Asiakirjan rekisteritunnus, 1.2.246.537.6.1264.201701); odotettiin {expected}, saatiin {received}',
      sv: 'ramens clinicalDocument/code är registret (Sosiaalihuolto - Asiakirjan rekisteritunnus, 1.2.246.537.6.1264.201701); förväntades {expected}, mottogs {received}',
      en: "the frame's clinicalDocument/code is the register (Sosiaalihuolto - Asiakirjan rekisteritunnus, 1.2.246.537.6.1264.201701); expected {expected}, received {received}",
    },
    variants: [
      {
        fi: 'kehyksen clinicalDocument/code on rekisteri ({name}, {oid}), esim. koodi {example}; odotettiin {expected}, saatiin {received}',
        sv: 'ramens clinicalDocument/code är registret ({name}, {oid}), t.ex. kod {example}; förväntades {expected}, mottogs {received}',
        en: "the frame's clinicalDocument/code is the register ({name}, {oid}), e.g. code {example}; expected {expected}, received {received}",
      },
    ],
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
      fi: 'kehyksen clinicalDocument/setId-arvon on oltava sen kuljettaman asiakirjan setId; odotettiin {expected}, saatiin {received}',
      sv: 'ramens clinicalDocument/setId ska vara setId för dokumentet den bär; förväntades {expected}, mottogs {received}',
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
      fi: 'interaktion {interaction} controlActProcess/code on {controlAct}; odotettiin {expected}, saatiin {received}',
      sv: 'controlActProcess/code för {interaction} är {controlAct}; förväntades {expected}, mottogs {received}',
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
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-SOC-016',
    channel: 'archive',
    severity: 'information',
    element: '/{interaction}',
    messages: {
      fi: '{interaction} on kantasimin oletus sosiaalihuollon uuden version sanomaksi potilastiedon arkiston mallin mukaan; yksikään julkinen kehys ei näytä Kannan omaa uuden version sanomaa, joten tarkista se Kannan määrityksistä ennen kuin luotat siihen',
      sv: '{interaction} är kantasims antagande för en ny version i socialvården, i analogi med patientdataarkivet; ingen offentlig ram visar Kantas eget meddelande för en ny version, så kontrollera det mot Kantas specifikationer innan du förlitar dig på det',
      en: "{interaction} is kantasim's assumption for a social-welfare new version, by analogy with the Patient Data Repository; no public frame shows Kanta's own new-version message, so check it against Kanta's specifications before relying on it",
    },
    sources: [
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkisto (järjestelmäkehittäjille): Medical Records -sanomat',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkisto',
      },
      {
        title:
          'Public vendor test frames and documents for the Social Welfare Client Data Repository (Warc0ck/SH-Kanta-validator, Testiasiakirjat/)',
        url: 'https://github.com/Warc0ck/SH-Kanta-validator',
      },
      {
        title:
          'kantasim: archive.md (social-welfare interactions; the new version is an assumption by analogy with the Patient Data Repository)',
        url: 'docs/archive.md',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/rules/frame.ts'],
  },
  {
    code: 'CDA-SOC-020',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/code',
    messages: {
      fi: 'asiakasasiakirja ilmoittaa yleisen asiakirjatyyppinsä ClinicalDocument/code-elementissä koodistosta Sosiaalihuolto - Asiakasasiakirjatyyppi (1.2.246.537.6.1506); vain asiakkuusasiakirja saa käyttää arvoa nullFlavor="NA"',
      sv: 'ett klientdokument anger sin allmänna dokumenttyp i ClinicalDocument/code från Sosiaalihuolto - Asiakasasiakirjatyyppi (1.2.246.537.6.1506); bara ett klientrelationsdokument får skriva nullFlavor="NA"',
      en: 'a client document gives its general document type in ClinicalDocument/code from Sosiaalihuolto - Asiakasasiakirjatyyppi (1.2.246.537.6.1506); only a client-relationship document may write nullFlavor="NA"',
    },
    variants: [
      {
        fi: 'asiakasasiakirja ilmoittaa yleisen asiakirjatyyppinsä ClinicalDocument/code-elementissä koodistosta {name} ({oid}), esim. {example}; vain asiakkuusasiakirja saa käyttää arvoa code nullFlavor="NA"',
        sv: 'ett klientdokument anger sin allmänna dokumenttyp i ClinicalDocument/code från {name} ({oid}), t.ex. {example}; bara ett klientrelationsdokument får skriva code nullFlavor="NA"',
        en: 'a client document gives its general document type in ClinicalDocument/code, from {name} ({oid}), e.g. {example}; only a client-relationship document may write code nullFlavor="NA"',
      },
    ],
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
    messages: {
      fi: 'hl7fi:localSocialHeader/{element} puuttuu; {kind}-asiakirjassa se on mukana',
      sv: 'hl7fi:localSocialHeader/{element} saknas; ett {kind}-dokument har den',
      en: 'hl7fi:localSocialHeader/{element} is missing; a {kind} document carries it',
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
    basis: 'assumption',
    modules: ['simulator/archive/rules/social-format.ts'],
  },
  {
    code: 'CDA-SOC-022',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:{element}',
    messages: {
      fi: "elementin {element} on käytettävä luetteloa {list} ({oid}); tai '{code}' ei ole kyseisen luettelon koodi",
      sv: "{element} ska använda {list} ({oid}); eller så är '{code}' inte en kod i den listan",
      en: "{element} must use {list} ({oid}); or '{code}' is not a code of that list",
    },
    variants: [
      {
        fi: "{element} '{code}' ei ole luettelon {list} ({oid}) koodi; käytä jotakin koodeista {codes}",
        sv: "{element} '{code}' är inte en kod i {list} ({oid}); använd en av {codes}",
        en: "{element} '{code}' is not a code of {list} ({oid}); use one of {codes}",
      },
    ],
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
      fi: 'nonXMLBody-osan XHTML-näkymä (text, base64) tai rakenteinen osa (hl7fi:json, base64-JSON) puuttuu, ei ole base64-muotoinen, on liian suuri, ei ole hyvin muodostettu tai ei ole JSONia: {problem}',
      sv: 'nonXMLBody:s XHTML-vy (text, base64) eller strukturerade del (hl7fi:json, base64-JSON) saknas, är inte base64, är för stor, är inte välformad eller är inte JSON: {problem}',
      en: "the nonXMLBody's XHTML view (text, base64) or structured part (hl7fi:json, base64 JSON) is missing, not base64, too large, not well-formed or not JSON: {problem}",
    },
    variants: [
      {
        fi: 'JSON-osa ei ole JSONia ({problem}); lähetä UTF-8-muotoinen JSON base64-koodattuna',
        sv: 'JSON-delen är inte JSON ({problem}); skicka UTF-8-JSON som base64',
        en: 'the JSON part is not JSON ({problem}); send UTF-8 JSON as base64',
      },
      {
        fi: 'sisältö ei ole base64-muotoista; lähetä XHTML-näkymä base64-koodattuna',
        sv: 'innehållet är inte base64; skicka XHTML-vyn som base64',
        en: 'the content is not base64; send the XHTML view as base64',
      },
    ],
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
      fi: 'tarkennettu asiakirjatyyppi {specific} kuuluu yleensä yleiseen tyyppiin {prefix}, mutta ClinicalDocument/code on {general}; tarkista, että molemmat ovat oikein',
      sv: 'den specifika dokumenttypen {specific} hör vanligen till den allmänna typen {prefix}, men ClinicalDocument/code är {general}; kontrollera att båda är rätt',
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
      fi: 'organisaatio {oid} ei ole koodistopalvelussa; tekijän yksikön tai käynnin osallistujan ei tarvitse olla rekisteröity arkistoon, mutta tarkista OID SOTE-organisaatiorekisteristä',
      sv: 'organisationen {oid} finns inte i kodservern; en författares enhet eller en deltagare i besöket behöver inte vara registrerad hos arkivet, men kontrollera OID:n mot SOTE-organisationsregistret',
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
      fi: 'asiakirjan OID {oid} on jo arkistoitu eri sisällöllä (arkistossa {repository}); jokainen asiakirja ja versio tarvitsee uuden OID-tunnuksen — korjaa asiakirja lähettämällä korvaava asiakirja (RCMR_IN100016FI01) uudella id:llä, samalla setId-arvolla ja versionNumber-arvolla {versionNumber}',
      sv: 'dokumentets OID {oid} är redan arkiverat med annat innehåll (i {repository}); varje dokument och varje version behöver en ny OID — rätta ett dokument genom att skicka en ersättning (RCMR_IN100016FI01) med ett nytt id, samma setId och versionNumber {versionNumber}',
      en: 'document OID {oid} is already archived with different content (in {repository}); every document and every version needs a new OID — to correct a document send a replacement (RCMR_IN100016FI01) with a new id, the same setId and versionNumber {versionNumber}',
    },
    variants: [
      {
        fi: 'asiakirjan OID {oid} on jo arkistoitu eri sisällöllä (arkistossa {repository}); jokainen asiakirja ja versio tarvitsee uuden OID-tunnuksen — korjaa asiakirja lähettämällä korvaava asiakirja ({interaction}) uudella id:llä, samalla setId-arvolla ja versionNumber-arvolla {versionNumber}',
        sv: 'dokumentets OID {oid} är redan arkiverat med annat innehåll (i {repository}); varje dokument och varje version behöver en ny OID — rätta ett dokument genom att skicka en ersättning ({interaction}) med ett nytt id, samma setId och versionNumber {versionNumber}',
        en: 'document OID {oid} is already archived with different content (in {repository}); every document and every version needs a new OID — to correct a document send a replacement ({interaction}) with a new id, the same setId and versionNumber {versionNumber}',
      },
    ],
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
      fi: 'asiakirja {oid} arkistoitiin jo samalla sisällöllä {receivedAt}; mitään ei tallennettu uudelleen',
      sv: 'dokumentet {oid} arkiverades redan med identiskt innehåll {receivedAt}; inget sparades på nytt',
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
      fi: 'setId {setId} on jo asiakirjan {oid} käytössä (versio {versionNumber}); anna uudelle asiakirjalle oma setId tai korvaa kyseinen asiakirja sanomalla RCMR_IN100016FI01',
      sv: 'setId {setId} används redan av dokumentet {oid} (version {versionNumber}); ge ett nytt dokument ett eget setId eller ersätt det dokumentet med RCMR_IN100016FI01',
      en: 'setId {setId} is already used by document {oid} (version {versionNumber}); give a new document its own setId, or replace that document with RCMR_IN100016FI01',
    },
    variants: [
      {
        fi: 'setId {setId} on jo asiakirjan {oid} käytössä (versio {versionNumber}); anna uudelle asiakirjalle oma setId tai korvaa kyseinen asiakirja sanomalla {interaction}',
        sv: 'setId {setId} används redan av dokumentet {oid} (version {versionNumber}); ge ett nytt dokument ett eget setId eller ersätt det dokumentet med {interaction}',
        en: 'setId {setId} is already used by document {oid} (version {versionNumber}); give a new document its own setId, or replace that document with {interaction}',
      },
    ],
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
      fi: 'uuden asiakirjan versionNumber on 1; odotettiin 1, saatiin {versionNumber} (myöhempi versio on korvaus, jossa on relatedDocument RPLC)',
      sv: 'ett nytt dokument har versionNumber 1; förväntades 1, mottogs {versionNumber} (en senare version är en ersättning med relatedDocument RPLC)',
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
      fi: 'RPLC-suhde ei nimeä parentDocument/id-tietoa; anna korvattavan version OID',
      sv: 'RPLC-relationen anger inget parentDocument/id; ange OID för den version som ersätts',
      en: 'the RPLC relation names no parentDocument/id; give the OID of the version being replaced',
    },
    variants: [
      {
        fi: 'korvattavaa asiakirjaa {parentOid} ei ole arkistossa; korvaavan asiakirjan on viitattava arkistoituun asiakirjaan (arkistoi ensin alkuperäinen)',
        sv: 'det ersatta dokumentet {parentOid} finns inte i arkivet; en ersättning ska peka på ett arkiverat dokument (arkivera originalet först)',
        en: 'the replaced document {parentOid} is not in the archive; a replacement must point at an archived document (archive the original first)',
      },
    ],
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
      fi: 'korvattava asiakirja {parentOid} on mitätöity ({given}); mitätöityä asiakirjaa ei voi korvata — arkistoi sen sijaan uusi asiakirja',
      sv: 'det ersatta dokumentet {parentOid} är makulerat ({given}); ett makulerat dokument kan inte ersättas — arkivera ett nytt dokument i stället',
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
      fi: 'asiakirja {parentOid} ei ole joukkonsa viimeisin versio; viimeisin on {oid} (versio {versionNumber}): korvaa se',
      sv: 'dokumentet {parentOid} är inte den senaste versionen i sin serie; den senaste är {oid} (version {versionNumber}): ersätt den',
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
    messages: {
      fi: 'korvaava asiakirja säilyttää korvattavan asiakirjan setId-arvon; {setId}',
      sv: 'en ersättning behåller setId för det dokument den ersätter; {setId}',
      en: 'a replacement keeps the setId of the document it replaces; {setId}',
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
    code: 'CDA-VER-009',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/versionNumber/@value',
    messages: {
      fi: 'korvaavan asiakirjan versionumero on korvattavan version numero plus yksi; {versionNumber}',
      sv: 'en ersättning har den ersatta versionens nummer plus ett; {versionNumber}',
      en: "a replacement has the replaced version's number plus one; {versionNumber}",
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
    code: 'CDA-VER-010',
    channel: 'archive',
    severity: 'error',
    element: "/ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/setId/@root",
    messages: {
      fi: 'parentDocument/setId on ristiriidassa arkistoidun asiakirjan kanssa; {setId}',
      sv: 'parentDocument/setId stämmer inte med det arkiverade dokumentet; {setId}',
      en: 'parentDocument/setId disagrees with the archived document; {setId}',
    },
    variants: [
      {
        fi: '{element} on ristiriidassa arkistoidun asiakirjan kanssa; odotettiin {expected}, saatiin {received}',
        sv: '{element} stämmer inte med det arkiverade dokumentet; förväntades {expected}, mottogs {received}',
        en: '{element} disagrees with the archived document; expected {expected}, received {received}',
      },
    ],
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
      fi: 'korvaava asiakirja koskee samaa potilasta kuin korvattava asiakirja; {patient}. Siirrä asiakirja toiselle potilaalle mitätöimällä se ja arkistoimalla uusi',
      sv: 'en ersättning gäller samma patient som dokumentet den ersätter; {patient}. För att flytta ett dokument till en annan patient, makulera det och arkivera ett nytt',
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
      fi: 'korvattava asiakirja {parentOid} on arkistossa {repository}; lähetä korvaava asiakirja osoitteeseen POST /archive/{repository}',
      sv: 'det ersatta dokumentet {parentOid} finns i arkivet {repository}; skicka ersättningen till POST /archive/{repository}',
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
      fi: 'korvattava asiakirja {parentOid} tallennettiin virheellisenä harjoitustilassa, eikä sitä lasketa arkistoiduksi; arkistoi ensin kelvollinen alkuperäinen asiakirja',
      sv: 'det ersatta dokumentet {parentOid} sparades som ogiltigt i övningsläge och räknas inte som arkiverat; arkivera först ett giltigt original',
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
    messages: {
      fi: 'sisältö on suurempi kuin {maxBytes} tavun raja; lähetä pienempi asiakirja',
      sv: 'innehållet är större än gränsen {maxBytes} byte; skicka ett mindre dokument',
      en: 'the body is larger than the limit of {maxBytes} bytes; send a smaller document',
    },
    variants: [
      {
        fi: 'sisältö on suurempi kuin {maxBytes} tavun raja',
        sv: 'innehållet är större än gränsen {maxBytes} byte',
        en: 'the body is larger than the limit of {maxBytes} bytes',
      },
    ],
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
      fi: 'XML sisältää DOCTYPE- tai entiteettimäärittelyn; Kannan sanomissa ja CDA-asiakirjoissa ei saa olla sellaista (ei DTD:itä, ei entiteettimäärittelyjä). Poista se',
      sv: 'XML-texten innehåller en DOCTYPE- eller entitetsdeklaration; Kanta-meddelanden och CDA-dokument får inte ha en sådan (inga DTD:er, inga entitetsdeklarationer). Ta bort den',
      en: 'the XML contains a DOCTYPE or entity declaration; Kanta messages and CDA documents must not have one (no DTDs, no entity declarations). Remove it',
    },
    variants: [
      {
        fi: 'XML sisältää {what}-määrittelyn; Kannan sanomissa ja CDA-asiakirjoissa ei saa olla sellaista (ei DTD:itä, ei entiteettimäärittelyjä). Poista se',
        sv: 'XML-texten innehåller en {what}-deklaration; Kanta-meddelanden och CDA-dokument får inte ha en sådan (inga DTD:er, inga entitetsdeklarationer). Ta bort den',
        en: 'the XML contains a {what} declaration; Kanta messages and CDA documents must not have one (no DTDs, no entity declarations). Remove it',
      },
    ],
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
      fi: "XML viittaa entiteettiin '&{entity};', joka ei ole yksi viidestä XML:n ennalta määritellystä entiteetistä; kirjoita itse merkki tai numeerinen viittaus",
      sv: "XML-texten refererar till entiteten '&{entity};', som inte är en av de fem fördefinierade XML-entiteterna; skriv själva tecknet eller en numerisk referens",
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
    messages: {
      fi: '{problem}; korjaa merkintä',
      sv: '{problem}; rätta märkningen',
      en: '{problem}; fix the markup',
    },
    sources: [{ title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' }],
    basis: 'published',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XML-005',
    channel: 'archive',
    severity: 'fatal',
    element: '/',
    messages: {
      fi: 'elementit ovat sisäkkäin syvemmällä kuin {maxDepth} tasoa; litistä asiakirjan rakennetta',
      sv: 'elementen är nästlade djupare än {maxDepth} nivåer; gör dokumentet plattare',
      en: 'elements are nested deeper than {maxDepth} levels; flatten the document',
    },
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
      fi: 'XML-esittely nimeää merkistön \'{declared}\'; lähetä asiakirja UTF-8-koodattuna ja ilmoita encoding="UTF-8"',
      sv: 'XML-deklarationen anger kodningen \'{declared}\'; skicka dokumentet kodat som UTF-8 och deklarera encoding="UTF-8"',
      en: 'the XML declaration names encoding \'{declared}\'; send the document encoded as UTF-8 and declare encoding="UTF-8"',
    },
    variants: [
      {
        fi: 'tavut eivät ole kelvollista UTF-8:aa; koodaa XML UTF-8-muotoon',
        sv: 'byten är inte giltig UTF-8; koda XML-texten som UTF-8',
        en: 'the bytes are not valid UTF-8; encode the XML as UTF-8',
      },
      {
        fi: 'tavut alkavat UTF-16- tai UTF-32-tavujärjestysmerkillä; koodaa XML UTF-8-muotoon',
        sv: 'byten börjar med en byteordningsmarkering för UTF-16 eller UTF-32; koda XML-texten som UTF-8',
        en: 'the bytes start with a UTF-16 or UTF-32 byte order mark; encode the XML as UTF-8',
      },
      {
        fi: 'tavuissa on NUL-tavuja (UTF-16 tai UTF-32, ei UTF-8); koodaa XML UTF-8-muotoon',
        sv: 'byten innehåller NUL-byte (UTF-16 eller UTF-32, inte UTF-8); koda XML-texten som UTF-8',
        en: 'the bytes contain NUL bytes (UTF-16 or UTF-32, not UTF-8); encode the XML as UTF-8',
      },
    ],
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
    messages: {
      fi: 'sisältö on tyhjä; lähetä XML-asiakirja',
      sv: 'innehållet är tomt; skicka ett XML-dokument',
      en: 'the body is empty; send an XML document',
    },
    sources: [{ title: 'W3C: Extensible Markup Language (XML) 1.0', url: 'https://www.w3.org/TR/xml/' }],
    basis: 'published',
    modules: ['simulator/archive/xml.ts'],
  },
  {
    code: 'CDA-XSD-001',
    channel: 'archive',
    severity: 'error',
    element: '/ClinicalDocument/… (the element libxml2 names; else line and column)',
    messages: {
      fi: 'ei kelpaa skeemaa {schema} vasten: {problem}; korjaa elementti HL7 Finlandin CDA-skeeman mukaiseksi',
      sv: 'inte giltigt mot {schema}: {problem}; rätta elementet enligt HL7 Finlands CDA-schema',
      en: 'not valid against {schema}: {problem}; correct the element against the HL7 Finland CDA schema',
    },
    sources: [
      {
        title:
          'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat (CDA_Fi.xsd)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkiston asiakirjat (Sosiaalihuollon asiakirjastandardi; CDA_Fi_sos.xsd)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkiston-asiakirjat',
      },
      { title: 'HL7 CDA R2', url: 'https://www.hl7.org/implement/standards/product_brief.cfm?product_id=7' },
    ],
    basis: 'published',
    modules: ['simulator/archive/schema.ts'],
  },
  {
    code: 'CDA-XSD-002',
    channel: 'archive',
    severity: 'information',
    element: '/ClinicalDocument',
    messages: {
      fi: 'asiakirjaa ei tarkistettu skeemaa vasten: --cda-schema-hakemistossa ei ole tiedostoa CDA_Fi_sos.xsd, sosiaalihuollon asiakirjojen skeemaa, eikä Potilastiedon arkiston CDA_Fi.xsd koske niitä (se ei salli elementtiä hl7fi:localSocialHeader); lisää CDA_Fi_sos.xsd hakemistoon, jotta ne tarkistetaan',
      sv: 'dokumentet kontrollerades inte mot något schema: katalogen för --cda-schema har ingen CDA_Fi_sos.xsd, schemat för socialvårdens dokument, och Patientdataarkivets CDA_Fi.xsd gäller inte dem (den tillåter inte hl7fi:localSocialHeader); lägg till CDA_Fi_sos.xsd i katalogen för att kontrollera dem',
      en: "the document was not schema-checked: the --cda-schema directory has no CDA_Fi_sos.xsd, the schema of social-welfare documents, and the Patient Data Repository's CDA_Fi.xsd does not apply to them (it does not allow hl7fi:localSocialHeader); add CDA_Fi_sos.xsd to the directory to check them",
    },
    variants: [
      {
        fi: 'asiakirjaa ei tarkistettu skeemaa vasten: --cda-schema-hakemistossa ei ole tiedostoa CDA_Fi.xsd tai CDA.xsd, Potilastiedon arkiston asiakirjojen skeemaa, eikä sosiaalihuollon CDA_Fi_sos.xsd koske niitä; lisää CDA_Fi.xsd hakemistoon, jotta ne tarkistetaan',
        sv: 'dokumentet kontrollerades inte mot något schema: katalogen för --cda-schema har ingen CDA_Fi.xsd eller CDA.xsd, schemat för Patientdataarkivets dokument, och socialvårdens CDA_Fi_sos.xsd gäller inte dem; lägg till CDA_Fi.xsd i katalogen för att kontrollera dem',
        en: 'the document was not schema-checked: the --cda-schema directory has no CDA_Fi.xsd or CDA.xsd, the schema of Patient Data Repository documents, and the social-welfare CDA_Fi_sos.xsd does not apply to them; add CDA_Fi.xsd to the directory to check them',
      },
    ],
    sources: [
      {
        title:
          'Kanta: Sosiaalihuollon asiakastiedon arkiston asiakirjat (Sosiaalihuollon asiakirjastandardi; CDA_Fi_sos.xsd)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/sosiaalihuollon-asiakastiedon-arkiston-asiakirjat',
      },
      {
        title:
          'Kanta: Potilastiedon arkiston CDA R2 -rakenteet / HL7 V3 Medical Records -sanomat (CDA_Fi.xsd)',
        url: 'https://www.kanta.fi/jarjestelmakehittajat/potilastiedon-arkiston-medical-records',
      },
      { title: 'kantasim: archive.md (schema validation)', url: 'docs/archive.md#schema-validation' },
    ],
    basis: 'assumption',
    modules: ['simulator/archive/schema.ts'],
  },
];
