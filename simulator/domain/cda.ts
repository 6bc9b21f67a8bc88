/**
 * The CDA archive's records: what the Patient Data Repository (Potilastiedon arkisto,
 * `pta`) and the social-welfare Client Data Repository (Sosiaalihuollon asiakastiedon arkisto, `social`)
 * keep about each archived document.
 *
 * ## The typed header record (`CdaHeader`)
 * Extracted once at intake from the CDA R2 document (`urn:hl7-org:v3`) and its Finnish local header
 * (`hl7fi:localHeader`, namespace `urn:hl7finland`), see docs/kanta.md#patient-data-repository. Every field is what the
 * document says, not what it should say: rules compare these values with the registry and the version
 * chain and report findings, and the viewer shows them side by side with the findings. Coded values keep
 * their code system OID as written (often versioned, e.g. `1.2.246.537.5.40150.2009`); use
 * `codeSystemFor()` from `domain/codes.ts` to name them. Times are kept as written (HL7 TS,
 * `YYYYMMDDHHMMSS[.f][+ZZZZ]`); `ArchivedDocument.effectiveAt` carries the sortable ISO form.
 *
 * ## Lifecycle of an archived document (`ArchivedDocument.status`)
 * - `current`: the latest version of its set (`setId`).
 * - `replaced`: a later version (RCMR_IN100016FI01, RPLC relation) took its place; `replacedBy` names it.
 * - `nullified`: withdrawn as erroneous (see `simulator/archive/nullification.ts`); the document and its
 *   XML stay, with `nullification` saying why, when and by whom. Queries leave it out unless asked.
 * Independently, `valid` is false for a document stored in rehearsal mode despite blocking findings
 * ("tag instead of reject"); such a document never counts as archived for a deployment test.
 *
 * The store keeps them behind `store/archive-types.ts` ArchiveRepository.
 *
 * The raw XML of the document is stored byte-exact (the decoded CDA bytes as received, not re-serialised)
 * and is read separately (`getXml`), so listings stay small.
 */
import type { ValidationMode } from './policy.ts';
import type { Finding } from './findings.ts';
import type { DocumentGroup } from './codes.ts';

/** Which Kanta archive a document went to: `POST /archive/pta` or `POST /archive/social`. */
export type ArchiveRepositoryKind = 'pta' | 'social';

export const ARCHIVE_REPOSITORIES: readonly ArchiveRepositoryKind[] = ['pta', 'social'];

/** HL7 V3 II: an instance identifier. */
export interface InstanceId {
  root: string;
  extension?: string;
  nullFlavor?: string;
}

/** HL7 V3 CV/CE: a coded value as written in the document. */
export interface CodedValue {
  code: string;
  codeSystem: string;
  codeSystemName?: string;
  displayName?: string;
}

/** Human name flattened for display: given names then family name(s). */
export type PersonName = string;

/** recordTarget/patientRole. */
export interface CdaPatient {
  id: InstanceId;
  /**
   * `hetu`: root 1.2.246.21 (identity code, must be test range); `temporary`: a temporary-ID root
   * (`….22.<year>`, accepted without checksum); `other`: anything else (refused by the identity rules).
   */
  idKind: 'hetu' | 'temporary' | 'other';
  name?: PersonName;
  birthTime?: string;
  gender?: CodedValue;
}

/** ClinicalDocument/author. */
export interface CdaAuthor {
  id?: InstanceId;
  name?: PersonName;
  time?: string;
  functionCode?: CodedValue;
  /** assignedAuthor/representedOrganization/id/@root. */
  organisation?: string;
}

/** ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization. */
export interface CdaCustodian {
  /** The register controller OID (`….19.0`). */
  oid: string;
  name?: string;
}

/** componentOf/encompassingEncounter (the service event, palvelutapahtuma). */
export interface CdaEncounter {
  id?: InstanceId;
  low?: string;
  high?: string;
  /** responsibleParty/assignedEntity/representedOrganization/id/@root. */
  responsibleOrganisation?: string;
  /** encounterParticipant/…/representedOrganization/id/@root, in document order. */
  participantOrganisations: string[];
}

/** relatedDocument (RPLC for a replacement) → parentDocument. */
export interface CdaRelatedDocument {
  typeCode: string;
  id?: InstanceId;
  setId?: InstanceId;
  versionNumber?: number;
}

/** hl7fi:localHeader (urn:hl7finland), the elements docs/kanta.md#patient-data-repository lists. All optional as in the XSD. */
export interface LocalHeader {
  present: boolean;
  description?: string;
  tableOfContents: CodedValue[];
  declaredTime?: string;
  fileFormat?: CodedValue;
  softwareSupport?: { moderator?: string; product?: string; version?: string };
  documentType?: CodedValue;
  retentionPeriod?: string;
  functionCode?: CodedValue;
  recordStatus?: CodedValue;
  /** Legacy element; kantasim reads a social-welfare document group from it (docs/archive.md). */
  typeCode?: CodedValue;
  serviceChainLinks: InstanceId[];
  episodeLinks: InstanceId[];
  signatures: { description?: CodedValue; timestamp?: string }[];
  patientRegistrySpecifier?: InstanceId;
  patientRegistrySpecifierName?: string;
  custodianTypeCode?: CodedValue;
  encompassingEncounterCode?: CodedValue;
  encompassingEncounterMasterCode?: CodedValue;
  activeCustodian?: InstanceId;
  activeCustodianName?: string;
  secondaryEncompassingEncounterId?: InstanceId;
  outsourcingServiceCustomer?: InstanceId;
  outsourcingServiceCustomerName?: string;
  retentionPeriodClass?: CodedValue;
  extendedRetentionPeriod?: string;
  sensitiveDocument?: CodedValue;
  eprServiceProvider?: InstanceId;
  eprServiceProviderName?: string;
  releaseDateForPatientViewing?: string;
  patientHomeMunicipality?: CodedValue;
  /** Legacy and archive-filled times (registratedTime, copyTime). */
  registratedTime?: string;
  copyTime?: string;
  currentLocation?: string;
  activeArchiveFormer?: InstanceId;
  basisForNondisclosure?: string;
  userGroup?: string;
  /** validConsentId elements. */
  validConsentIds?: InstanceId[];
  /** secondaryCustodian/secondaryCustodianId. */
  secondaryCustodians?: InstanceId[];
  /** KantaMetadata: FieldName (root) and FieldValue. */
  kantaMetadata?: { field?: string; value?: string }[];
  /** auditTrail: code and time. */
  auditTrail?: { code?: CodedValue; time?: string }[];
  /** Names of other local-header children present (e.g. `KantaMetadata`, `json`), for the viewer. */
  otherElements: string[];
}

/**
 * `hl7fi:localSocialHeader` (urn:hl7finland) of a social-welfare document in Kanta's format, every child
 * the public vendor test documents carry (Warc0ck/SH-Kanta-validator, Testiasiakirjat/), in their order.
 * As with the local header, everything is what the document says; the rules judge (rules/social.ts).
 */
export interface LocalSocialHeader {
  /** Asiakasasiakirjatyyppi (1.2.246.537.6.1506), the specific type, e.g. 15007. */
  specificDocumentType?: CodedValue;
  creationTime?: string;
  /** Asiakirjaryhmä (1.2.246.537.6.1505). */
  documentGroup?: CodedValue;
  /** Näyttömuoto (1.2.246.537.6.1502), e.g. 2 XHTML_1.1. */
  fileFormat?: CodedValue;
  /** Structured part's format (eArkisto - Asiakirjan tiedostomuoto 1.2.246.537.5.40179), e.g. 5 JSON. */
  structuredFileFormat?: CodedValue;
  softwareSupport?: { moderator?: string; product?: string; version?: string };
  /** Palvelutehtävä (1.2.246.537.6.1221): the service task; absent on a client-relationship document. */
  functionCode?: CodedValue;
  recordStatus?: CodedValue;
  /** Rekisteritunnus (1.2.246.537.6.1264), e.g. 1 Sosiaalihuollon asiakasrekisteri. */
  registryType?: CodedValue;
  /** The service organiser (palvelunjärjestäjä) when it differs from the producer. */
  outsourcingServiceCustomer?: InstanceId;
  outsourcingServiceCustomerName?: string;
  /** Kokonaissäilytysaika (1.2.246.537.6.1258). */
  totalRetentionPeriodClass?: CodedValue;
  /** Erityinen sisältö (AR/YDIN - Kyllä/EI/Ei tietoa 1.2.246.537.6.112): K or E. */
  specialContent?: CodedValue;
  /** The Sosmeta schema OID with its version date, e.g. 1.2.246.537.6.1506.15007.2024.11.28. */
  contentSpecificationId?: string;
  /** The client relationship (asiakkuus) a client-relationship document establishes. */
  encompassingClientRelationship?: InstanceId;
  /** Sosiaalihuollon palveluprosessi (1.2.246.537.6.1277). */
  serviceProcess?: { type?: string; code?: CodedValue };
  /** Free-text reason for restricting disclosure (a minor's refusal, a delay). */
  authorizationRestrictionArgument?: string;
  /** Perustelut asiakirjan näyttämisen rajaamiselle Omakannassa (1.2.246.537.6.1288). */
  inaccessibleArgument?: CodedValue;
  /** Reason of a replacement (asiakirjan korvauksen syy); its code system is not public. */
  reasonOfCorrection?: CodedValue;
  /** Professional signature data: signer and how they authenticated. */
  signature?: { signer?: string; signerId?: InstanceId; authenticationMethod?: CodedValue; time?: string };
  /** signatureCollection/signature: description (1.2.246.537.5.40127) and timestamp. */
  signatures: { description?: CodedValue; timestamp?: string }[];
  /** Names of other children present, for the viewer. */
  otherElements: string[];
}

/** One decoded part of a social-welfare `nonXMLBody`: the XHTML view or the structured JSON. */
export interface SocialBodyPart {
  /** Decoded size in bytes. */
  bytes: number;
  /** What is wrong with the part (not base64, too large, not well-formed XML / not JSON), if anything. */
  problem?: string;
  /** XHTML: the root element's name; JSON: the root object's keys (the Sosmeta schema name). */
  root?: string[];
}

/** `component/nonXMLBody` of a social-welfare document. */
export interface SocialBody {
  /** nonXMLBody/@ID, `OID<document OID>` in Kanta's format (the signature references it). */
  id?: string;
  xhtml?: SocialBodyPart;
  json?: SocialBodyPart;
}

/** Social-welfare classification of a document (docs/kanta.md#social-welfare-client-data-repository). */
export interface SocialWelfareHeader {
  /** True when the document carries hl7fi:localSocialHeader (Kanta's social-welfare format). */
  kantaFormat?: boolean;
  /** Which kind the document group makes it: client-relationship document (group 1) or client document. */
  kind?: 'client-relationship' | 'client';
  /** ClinicalDocument/code: the general document type (1.2.246.537.6.1506), or its nullFlavor. */
  documentCode?: { code?: CodedValue; nullFlavor?: string };
  local?: LocalSocialHeader;
  /** authorization/consent/code (e.g. 1.2.246.537.6.1286, disclosure of a minor's data to guardians). */
  consent?: CodedValue;
  /** componentOf/encompassingEncounter/id: the case (asia) of a client document. */
  case?: InstanceId;
  body?: SocialBody;
  /**
   * The document group (Sosiaalihuolto - Asiakirjaryhmä, 1.2.246.537.6.1505) as written in
   * hl7fi:localSocialHeader/hl7fi:documentGroup (kantasim's earlier format: hl7fi:localHeader/
   * hl7fi:typeCode), whatever code system it carries.
   */
  documentGroup?: CodedValue;
  /** The deployment category a code of 1.2.246.537.6.1505 maps to (code-lists/document-group-categories.json). */
  documentGroupKey?: DocumentGroup;
  /** The service task (Sosiaalihuolto - Palvelutehtävä, 1.2.246.537.6.1221) as written in hl7fi:functionCode. */
  serviceTask?: CodedValue;
}

/** The typed header record of one CDA document. */
export interface CdaHeader {
  /** The document OID: `id/@root` (with `.extension` appended if an extension is given). */
  documentOid: string;
  id: InstanceId;
  realmCode?: string;
  typeId?: InstanceId;
  templateIds: string[];
  /** ClinicalDocument/code: the register (rekisteritunnus), e.g. `2` Julkinen terveydenhuolto. */
  registerCode?: CodedValue;
  title?: string;
  effectiveTime?: string;
  confidentiality?: CodedValue;
  languageCode?: string;
  setId?: InstanceId;
  versionNumber?: number;
  patient?: CdaPatient;
  authors: CdaAuthor[];
  custodian?: CdaCustodian;
  encounter?: CdaEncounter;
  relatedDocuments: CdaRelatedDocument[];
  /** The RPLC relation, when present: the document this one replaces. */
  replaces?: CdaRelatedDocument;
  localHeader: LocalHeader;
  /**
   * View codes (näkymä, AR/YDIN - Näkymät 1.2.246.537.6.12) of top-level sections and of
   * localHeader/tableOfContents, de-duplicated, in document order.
   */
  viewCodes: CodedValue[];
  social: SocialWelfareHeader;
}

/** The HL7 V3 message around the document, when it came in one. */
export interface ArchiveMessageMeta {
  interactionId: string;
  messageId?: InstanceId;
  creationTime?: string;
  senderDevice?: InstanceId;
  receiverDevice?: InstanceId;
  /** controlActProcess/code, e.g. RCMR_TE000102UV01. */
  controlActCode?: string;
  /** controlActProcess/reasonCode, e.g. PP1; in a social-welfare frame the service request (SP1, SP17). */
  reasonCode?: CodedValue;
  /** Social-welfare frame: the usage context (Sosiaalihuolto - Asiakastiedon arkiston käyttötilanne). */
  usageContext?: CodedValue;
  /** controlActProcess/authorOrPerformer/…/representedOrganization/id/@root. */
  representedOrganisation?: string;
  /** True when the message came inside a SOAP envelope. */
  soap: boolean;
  /** The SOAP version of that envelope, so the answer can use the same. */
  soapVersion?: '1.1' | '1.2';
}

export type ArchivedDocumentStatus = 'current' | 'replaced' | 'nullified';

/** Who withdrew a document, when and why (kantasim's nullification, docs/archive.md). */
export interface Nullification {
  reason: string;
  /** ISO date-time. */
  at: string;
  /** Person or system that asked, as given (e.g. an archivist's name or an organisation OID). */
  by: string;
  /** Organisation on whose behalf, if given. */
  organisation?: string;
  /** Social welfare: the document group the request named (the document's own). */
  documentGroup?: string;
}

/** One stored document with its extracted header and the findings of its intake. */
export interface ArchivedDocument {
  oid: string;
  repository: ArchiveRepositoryKind;
  setId: string;
  versionNumber: number;
  status: ArchivedDocumentStatus;
  /** False when stored in rehearsal mode despite blocking findings. */
  valid: boolean;
  /** Mode the submission was judged in. */
  mode: ValidationMode;
  /** Patient identifier value (identity code or temporary ID). */
  patient?: string;
  /** localHeader/documentType/@code, for the `type` filter. */
  documentType?: string;
  /** effectiveTime as sortable ISO (`2017-09-22T15:15:52`), for the `from`/`to` filters. */
  effectiveAt?: string;
  /** Register controller (custodian) OID. */
  custodian?: string;
  /** The customer organisation the custodian belongs to, when known. */
  organisation?: string;
  /** OID of the document this one replaced (RPLC), and of the one that replaced it. */
  replaces?: string;
  replacedBy?: string;
  header: CdaHeader;
  message?: ArchiveMessageMeta;
  /** Findings at intake (warnings, and in rehearsal mode also the errors). */
  findings: Finding[];
  /** SHA-256 of the stored XML bytes (hex): an identical resubmission is an idempotent duplicate. */
  sha256: string;
  sizeBytes: number;
  /** ISO date-time of storage. */
  receivedAt: string;
  requestId?: string;
  nullification?: Nullification;
}

/** What intake hands to the repository; status and dates are set by the caller. */
export interface NewArchivedDocument extends ArchivedDocument {
  /** The document XML, byte-exact. */
  xml: Uint8Array;
}
