/**
 * Code systems kantasim knows by OID, with their names in the national code server and the codes
 * that the simulator checks or displays. Every entry traces to `../shared/domain.md` (section noted).
 *
 * Versioned OIDs: the code server appends the approval year to a base OID (`1.2.246.537.6.881.201501`);
 * `codeSystemFor` accepts either form.
 */
export interface CodeSystem {
  /** Base OID, without version suffix. */
  oid: string;
  /** Name in the national code server. */
  name: string;
  /** English gloss for the viewer. */
  english: string;
  /** Known codes with their display names; may be partial. */
  codes?: Readonly<Record<string, string>>;
  source: string;
}

export const CODE_SYSTEMS = {
  hetu: {
    oid: '1.2.246.21',
    name: 'Henkilötunnus',
    english: 'Personal identity code',
    source: 'domain.md §1',
  },
  ajanvarauksenTila: {
    oid: '1.2.246.537.6.881',
    name: 'Ajanvaraus - Ajanvarauksen tila',
    english: 'Appointment booking status',
    codes: {
      '1': 'Suunniteltu',
      '2': 'Tilattu',
      '3': 'Varattu',
      '4': 'Peruttu',
      '5': 'Siirretty',
      '6': 'Alkanut',
      '7': 'Toteutunut',
      '8': 'Ehdotettu',
      '9': 'Saapumatta',
      '10': 'Ilmoittautunut',
    },
    source: 'domain.md §2a',
  },
  cancellationReason: {
    oid: '1.2.246.537.6.126',
    name: 'THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy',
    english: 'Reason a service event was cancelled or moved',
    source: 'domain.md §2a',
  },
  soteServiceClassification: {
    oid: '1.2.246.537.6.50',
    name: 'THL - Sosiaali- ja terveyspalvelujen luokitus',
    english: 'Social and health service classification',
    source: 'domain.md §2a',
  },
  serviceNomenclature: {
    oid: '1.2.246.537.6.49',
    name: 'THL - Sosiaali- ja terveysalan palvelunimikkeistö',
    english: 'Social and health service nomenclature',
    source: 'domain.md §2a',
  },
  serviceEventClassification: {
    oid: '1.2.246.537.6.88',
    name: 'AR/YDIN - Palvelutapahtumaluokitus',
    english: 'Service event classification',
    source: 'domain.md §2a',
  },
  contactMode: {
    oid: '1.2.246.537.6.884',
    name: 'THL - Asiointitapa',
    english: 'Mode of contact',
    codes: { '10': 'Kertakäynti toimipaikassa' },
    source: 'domain.md §2a',
  },
  notificationMedium: {
    oid: '1.2.246.537.6.883',
    name: 'THL - Viestintäkanava',
    english: 'Notification medium',
    source: 'domain.md §2a',
  },
  registerCode: {
    oid: '1.2.246.537.5.40150',
    name: 'KanTa-palvelut - Potilasasiakirjan rekisteritunnus',
    english: 'Patient document register',
    codes: {
      '1': 'Yksityinen terveydenhuolto',
      '2': 'Julkinen terveydenhuolto',
      '4': 'Työterveyshuolto',
      '10': 'Ammatinharjoittaja',
    },
    source: 'domain.md §3',
  },
  confidentiality: {
    oid: '1.2.246.777.5.99902',
    name: 'KanTa-palvelut - Asiakirjan luottamuksellisuus',
    english: 'Document confidentiality',
    codes: { '5': 'Terveydenhuollon salassapidettävä' },
    source: 'domain.md §3',
  },
  views: {
    oid: '1.2.246.537.6.12',
    name: 'AR/YDIN - Näkymät',
    english: 'Views (näkymä)',
    codes: { '102': 'RTG', '40': 'Lääkärin teksti' },
    source: 'domain.md §3',
  },
  careProcessPhase: {
    oid: '1.2.246.537.6.13',
    name: 'AR/YDIN - Hoitoprosessin vaihe',
    english: 'Care process phase',
    source: 'domain.md §3',
  },
  headings: {
    oid: '1.2.246.537.6.14',
    name: 'AR/YDIN - Otsikot',
    english: 'Headings',
    source: 'domain.md §3',
  },
  fileFormat: {
    oid: '1.2.246.537.5.40179',
    name: 'eArkisto - Tiedostomuoto',
    english: 'File format',
    codes: { '1': 'CDA R2' },
    source: 'domain.md §3',
  },
  documentType: {
    oid: '1.2.246.537.5.5001',
    name: 'eArkisto - Asiakirjan tyyppi',
    english: 'Document type',
    codes: { '1': 'Kertomusteksti', '4': 'Palvelutapahtuma-asiakirja' },
    source: 'domain.md §3',
  },
  functionCode: {
    oid: '1.2.246.537.6.300',
    name: 'STM - Terveydenhuollon tehtäväluokitus',
    english: 'Health-care function classification',
    codes: { '06.00': 'Tutkimus ja hoito', '06.04.00': 'Kuvantaminen' },
    source: 'domain.md §3',
  },
  recordStatus: {
    oid: '1.2.246.537.5.40154',
    name: 'eArkisto - Asiakirjan valmistumisen tila',
    english: 'Record completion status',
    codes: { '3': 'Arkistointivalmis' },
    source: 'domain.md §3',
  },
  custodianType: {
    oid: '1.2.246.537.5.40172',
    name: 'eArkisto - Rekisterinpitäjän laji',
    english: 'Register controller type',
    codes: { '1': 'Julkinen', '2': 'Yksityinen' },
    source: 'domain.md §2c, §3',
  },
  encounterType: {
    oid: '1.2.246.537.5.40156',
    name: 'eArkisto - Palvelutapahtuman tyyppi',
    english: 'Encounter type',
    codes: { '2': 'Avohoitokäyntitieto' },
    source: 'domain.md §3',
  },
  encounterMasterCode: {
    oid: '1.2.246.537.5.40180',
    name: 'eArkisto - Palvelutapahtuman ensisijaisuus',
    english: 'Primary or secondary encounter',
    codes: { '1': 'Ensisijainen', '2': 'Toissijainen' },
    source: 'domain.md §3',
  },
  retentionPeriodClass: {
    oid: '1.2.246.537.5.40158',
    name: 'eArkisto - Säilytysaikaluokka',
    english: 'Retention period class',
    codes: { '2': '12 v. potilaan kuolemasta tai 120 v. syntymästä' },
    source: 'domain.md §3',
  },
  signatureDescription: {
    oid: '1.2.246.537.5.40127',
    name: 'eArkisto - Allekirjoituksen tyyppi',
    english: 'Signature type',
    codes: { '3': 'Järjestelmäallekirjoitus / perusjärjestelmä', '4': 'Järjestelmäallekirjoitus / KanTa' },
    source: 'domain.md §3',
  },
  municipality: {
    oid: '1.2.246.537.6.21',
    name: 'Kunnat',
    english: 'Municipalities',
    source: 'domain.md §2c, §3',
  },
  archiveServiceRequest: {
    oid: '1.2.246.537.5.40157',
    name: 'eArkisto - Arkistosanomien palvelupyynnöt',
    english: 'Archive message service requests',
    codes: { PP1: 'Arkistoi palvelujen antajan omia asiakirjoja' },
    source: 'domain.md §3',
  },
  socialServiceTask: {
    oid: '1.2.246.537.6.1221',
    name: 'Sosiaalihuolto - Palvelutehtävä',
    english: 'Social-welfare service task',
    source: 'domain.md §3 (social welfare)',
  },
  socialDocumentGroup: {
    oid: '1.2.246.537.6.1505',
    name: 'Sosiaalihuolto - Asiakirjaryhmä',
    english: 'Social-welfare document group',
    source: 'domain.md §3 (social welfare)',
  },
  socialServiceProcess: {
    oid: '1.2.246.537.6.1277',
    name: 'Sosiaalihuollon palveluprosessi',
    english: 'Social-welfare service process',
    source: 'domain.md §3 (social welfare)',
  },
  socialRegisterCode: {
    oid: '1.2.246.537.6.1264',
    name: 'Sosiaalihuolto - Asiakirjan rekisteritunnus',
    english: 'Social-welfare document register',
    source: 'domain.md §3 (social welfare)',
  },
  soteOrganisationRegister: {
    oid: '1.2.246.537.6.202',
    name: 'THL - SOTE-organisaatiorekisteri',
    english: 'SOTE organisation register',
    source: 'domain.md §5',
  },
  iahRegister: {
    oid: '1.2.246.537.6.203',
    name: 'Valvira - Terveydenhuollon itsenäiset ammatinharjoittajat',
    english: 'Independent practitioners (IAH) register',
    source: 'domain.md §5',
  },
  registerControllerRegister: {
    oid: '1.2.246.537.6.40174',
    name: 'eArkisto - Rekisterinpitäjärekisteri',
    english: 'Register controller register',
    source: 'domain.md §5',
  },
} as const satisfies Record<string, CodeSystem>;

export type CodeSystemKey = keyof typeof CODE_SYSTEMS;

/**
 * Ajanvarauksen tila → FHIR Appointment.status, the HL7 Finland ConceptMap
 * ajanvarauksentila-appointmentstatus (domain.md §2a). Code 5 (Siirretty) is deprecated; the reverse map
 * takes `arrived` to 3 (or 6), and `entered-in-error` has no Finnish code.
 */
export const AJANVARAUKSEN_TILA_TO_STATUS = {
  '1': 'waitlist',
  '2': 'proposed',
  '8': 'pending',
  '3': 'booked',
  '4': 'cancelled',
  '5': 'cancelled',
  '10': 'checked-in',
  '6': 'fulfilled',
  '7': 'fulfilled',
  '9': 'noshow',
} as const satisfies Record<string, string>;

const BY_OID = new Map<string, CodeSystem>(Object.values(CODE_SYSTEMS).map((cs) => [cs.oid, cs]));

/**
 * The code system for an OID, with or without a version suffix (`.2008`, `.201501`) or `urn:oid:` prefix.
 */
export function codeSystemFor(oidOrUrn: string): CodeSystem | undefined {
  const oid = oidOrUrn.startsWith('urn:oid:') ? oidOrUrn.slice(8) : oidOrUrn;
  const exact = BY_OID.get(oid);
  if (exact) return exact;
  const versioned = /^(.*)\.(?:19|20)[0-9]{2}(?:[0-9]{2})?$/.exec(oid);
  return versioned?.[1] === undefined ? undefined : BY_OID.get(versioned[1]);
}

/** True when `oidOrUrn` names code system `key`, with or without version suffix. */
export function isCodeSystem(oidOrUrn: string, key: CodeSystemKey): boolean {
  return codeSystemFor(oidOrUrn)?.oid === CODE_SYSTEMS[key].oid;
}

/** Display name of a code, when known. */
export function displayOf(oidOrUrn: string, code: string): string | undefined {
  return codeSystemFor(oidOrUrn)?.codes?.[code];
}

/** The Kanta services a customer can deploy (issue 2; seeds 000, 001, 002). */
export const SERVICES = [
  'pta',
  'pta-appointment',
  'pta-imaging',
  'pta-certificates',
  'pta-old-data',
  'pta-purchased-services',
  'pta-acting-on-behalf',
  'social-welfare',
] as const;
export type Service = (typeof SERVICES)[number];

export const SERVICE_NAMES: Readonly<Record<Service, { en: string; fi: string }>> = {
  pta: { en: 'Patient Data Repository', fi: 'Potilastiedon arkisto' },
  'pta-appointment': { en: 'Appointment booking', fi: 'Ajanvaraus' },
  'pta-imaging': { en: 'Imaging archiving', fi: 'Kuvantamisen arkistointi' },
  'pta-certificates': { en: 'Certificates and statements', fi: 'Todistukset ja lausunnot' },
  'pta-old-data': { en: 'Old patient data', fi: 'Vanhat potilastiedot' },
  'pta-purchased-services': { en: 'Authorisation for purchased services', fi: 'Ostopalvelun valtuutus' },
  'pta-acting-on-behalf': { en: 'Acting on behalf of another person', fi: 'Toisen puolesta asiointi' },
  'social-welfare': {
    en: 'Social Welfare Client Data Repository',
    fi: 'Sosiaalihuollon asiakastiedon arkisto',
  },
};

/** Social-welfare document groups (asiakirjaryhmä, seed 002). */
export const DOCUMENT_GROUPS = ['old', 'phase1', 'phase2'] as const;
export type DocumentGroup = (typeof DOCUMENT_GROUPS)[number];

export const DOCUMENT_GROUP_NAMES: Readonly<Record<DocumentGroup, { en: string; fi: string }>> = {
  old: { en: 'Old client documents', fi: 'Vanhat asiakirjat' },
  phase1: { en: 'Phase 1 documents', fi: 'I-vaiheen asiakirjat' },
  phase2: { en: 'Phase 2 documents', fi: 'II-vaiheen asiakirjat' },
};

/**
 * Codes of Sosiaalihuolto - Asiakirjaryhmä (1.2.246.537.6.1505) mapped to kantasim's document groups.
 * The real code values are not in domain.md [NF]: these are kantasim's placeholders, kept in this one
 * table so they can be corrected when the code list is at hand (docs/archive.md).
 */
export const DOCUMENT_GROUP_CODES: Readonly<Record<string, DocumentGroup>> = {
  '1': 'old',
  '2': 'phase1',
  '3': 'phase2',
};
