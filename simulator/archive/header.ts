/**
 * Header extraction: a CDA R2 document (as an XmlNode tree) → the typed `CdaHeader` record.
 *
 * Reads what is there and never judges; the rule modules do. Facts: docs/kanta.md#patient-data-repository, docs/kanta.md#social-welfare-client-data-repository (CDA table, local
 * header elements, social welfare). See also HL7 CDA R2 POCD_MT000040 and the HL7 Finland
 * `hl7fi_extensions_cdar2header.xsd`.
 */
import { CODE_SYSTEMS, isCodeSystem } from '../domain/codes.ts';
import { categoryOfGroup } from '../domain/code-lists.ts';
import { HETU_OID, isTemporaryIdRoot } from '../domain/hetu.ts';
import type {
  ArchiveRepositoryKind,
  CdaAuthor,
  CdaEncounter,
  CdaHeader,
  CdaPatient,
  CdaRelatedDocument,
  CodedValue,
  InstanceId,
  LocalHeader,
  LocalSocialHeader,
} from '../domain/cda.ts';
import { readSocialBody } from './social-body.ts';
import { codedValue, instanceId } from './envelope.ts';
import { HL7_FI_NS, attr, dig, kid, kids, type XmlNode } from './xml.ts';

/** Local-header elements read as CV, by element name. */
const LOCAL_CODED = [
  'fileFormat',
  'documentType',
  'functionCode',
  'recordStatus',
  'typeCode',
  'custodianTypeCode',
  'encompassingEncounterCode',
  'encompassingEncounterMasterCode',
  'retentionPeriodClass',
  'sensitiveDocument',
  'patientHomeMunicipality',
] as const;
const LOCAL_IDS = [
  'patientRegistrySpecifier',
  'activeCustodian',
  'secondaryEncompassingEncounterId',
  'outsourcingServiceCustomer',
  'eprServiceProvider',
  'activeArchiveFormer',
] as const;
const LOCAL_TEXT = [
  'description',
  'patientRegistrySpecifierName',
  'activeCustodianName',
  'outsourcingServiceCustomerName',
  'eprServiceProviderName',
  'currentLocation',
  'basisForNondisclosure',
  'userGroup',
] as const;
const LOCAL_TIMES = [
  'declaredTime',
  'retentionPeriod',
  'extendedRetentionPeriod',
  'releaseDateForPatientViewing',
  'registratedTime',
  'copyTime',
] as const;
const KNOWN_LOCAL = new Set<string>([
  ...LOCAL_CODED,
  ...LOCAL_IDS,
  ...LOCAL_TEXT,
  ...LOCAL_TIMES,
  'tableOfContents',
  'softwareSupport',
  'serviceChainLink',
  'episodeLink',
  'signatureCollection',
  'validConsentId',
  'secondaryCustodian',
  'KantaMetadata',
  'auditTrail',
]);

/** `id/@root` plus `.extension` when an extension is given. */
export function documentOidOf(id: InstanceId | undefined): string {
  if (!id) return '';
  return id.extension === undefined ? id.root : `${id.root}.${id.extension}`;
}

export function personName(node: XmlNode | undefined): string | undefined {
  const name = kid(node, 'name');
  if (!name) return undefined;
  const parts = [...kids(name, 'given'), ...kids(name, 'family')]
    .filter((n) => attr(n, 'qualifier') !== 'CL')
    .map((n) => n.text.trim())
    .filter((t) => t !== '');
  const joined = parts.join(' ') || name.text.trim();
  return joined === '' ? undefined : joined;
}

function optional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function readPatient(doc: XmlNode): CdaPatient | undefined {
  const role = dig(doc, 'recordTarget', 'patientRole');
  const id = instanceId(kid(role, 'id'));
  if (!role || !id) return undefined;
  const idKind = id.root === HETU_OID ? 'hetu' : isTemporaryIdRoot(id.root) ? 'temporary' : 'other';
  const patient: CdaPatient = { id, idKind };
  const person = kid(role, 'patient');
  optional(patient, 'name', personName(person));
  optional(patient, 'birthTime', attr(kid(person, 'birthTime'), 'value'));
  optional(patient, 'gender', codedValue(kid(person, 'administrativeGenderCode')));
  return patient;
}

function readAuthor(node: XmlNode): CdaAuthor {
  const assigned = kid(node, 'assignedAuthor');
  const author: CdaAuthor = {};
  optional(author, 'id', instanceId(kid(assigned, 'id')));
  optional(author, 'name', personName(kid(assigned, 'assignedPerson')));
  optional(author, 'time', attr(kid(node, 'time'), 'value'));
  optional(author, 'functionCode', codedValue(kid(node, 'functionCode')));
  optional(author, 'organisation', attr(dig(assigned, 'representedOrganization', 'id'), 'root'));
  return author;
}

function readEncounter(doc: XmlNode): CdaEncounter | undefined {
  const enc = dig(doc, 'componentOf', 'encompassingEncounter');
  if (!enc) return undefined;
  const encounter: CdaEncounter = { participantOrganisations: [] };
  optional(encounter, 'id', instanceId(kid(enc, 'id')));
  const time = kid(enc, 'effectiveTime');
  optional(encounter, 'low', attr(kid(time, 'low'), 'value') ?? attr(time, 'value'));
  optional(encounter, 'high', attr(kid(time, 'high'), 'value'));
  optional(
    encounter,
    'responsibleOrganisation',
    attr(dig(enc, 'responsibleParty', 'assignedEntity', 'representedOrganization', 'id'), 'root'),
  );
  for (const p of kids(enc, 'encounterParticipant')) {
    const org = attr(dig(p, 'assignedEntity', 'representedOrganization', 'id'), 'root');
    if (org !== undefined) encounter.participantOrganisations.push(org);
  }
  return encounter;
}

function readRelated(node: XmlNode): CdaRelatedDocument {
  const parent = kid(node, 'parentDocument');
  const related: CdaRelatedDocument = { typeCode: attr(node, 'typeCode') ?? '' };
  optional(related, 'id', instanceId(kid(parent, 'id')));
  optional(related, 'setId', instanceId(kid(parent, 'setId')));
  const version = attr(kid(parent, 'versionNumber'), 'value');
  if (version !== undefined && /^[0-9]+$/.test(version)) related.versionNumber = Number(version);
  return related;
}

function fiKid(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return kid(node, name, HL7_FI_NS);
}

function readLocalHeader(doc: XmlNode): LocalHeader {
  const lh = kid(doc, 'localHeader', HL7_FI_NS);
  const header: LocalHeader = {
    present: lh !== undefined,
    tableOfContents: [],
    serviceChainLinks: [],
    episodeLinks: [],
    signatures: [],
    otherElements: [],
  };
  if (!lh) return header;
  for (const name of LOCAL_CODED) optional(header, name, codedValue(fiKid(lh, name)));
  for (const name of LOCAL_IDS) optional(header, name, instanceId(fiKid(lh, name)));
  for (const name of LOCAL_TEXT) {
    const text = fiKid(lh, name)?.text.trim();
    if (text !== undefined && text !== '') header[name] = text;
  }
  for (const name of LOCAL_TIMES) {
    const node = fiKid(lh, name);
    const value = attr(node, 'value') ?? node?.text.trim();
    if (value !== undefined && value !== '') header[name] = value;
  }
  const software = fiKid(lh, 'softwareSupport');
  if (software) {
    const support: NonNullable<LocalHeader['softwareSupport']> = {};
    optional(support, 'moderator', attr(software, 'moderator'));
    optional(support, 'product', attr(software, 'product'));
    optional(support, 'version', attr(software, 'version'));
    header.softwareSupport = support;
  }
  for (const code of kids(fiKid(lh, 'tableOfContents'), 'contentsCode', HL7_FI_NS)) {
    const cv = codedValue(code);
    if (cv) header.tableOfContents.push(cv);
  }
  for (const link of kids(lh, 'serviceChainLink', HL7_FI_NS)) {
    const id = instanceId(fiKid(link, 'serviceChainLinkId'));
    if (id) header.serviceChainLinks.push(id);
  }
  for (const link of kids(lh, 'episodeLink', HL7_FI_NS)) {
    const id = instanceId(fiKid(link, 'episodeLinkId'));
    if (id) header.episodeLinks.push(id);
  }
  for (const sig of kids(fiKid(lh, 'signatureCollection'), 'signature', HL7_FI_NS)) {
    const entry: LocalHeader['signatures'][number] = {};
    optional(entry, 'description', codedValue(fiKid(sig, 'signatureDescription')));
    const ts = fiKid(sig, 'signatureTimestamp')?.text.trim();
    if (ts !== undefined && ts !== '') entry.timestamp = ts;
    header.signatures.push(entry);
  }
  const consents = kids(lh, 'validConsentId', HL7_FI_NS)
    .map(instanceId)
    .filter((id): id is InstanceId => id !== undefined);
  if (consents.length > 0) header.validConsentIds = consents;
  const secondary = kids(lh, 'secondaryCustodian', HL7_FI_NS)
    .map((n) => instanceId(fiKid(n, 'secondaryCustodianId')))
    .filter((id): id is InstanceId => id !== undefined);
  if (secondary.length > 0) header.secondaryCustodians = secondary;
  const metadata = kids(lh, 'KantaMetadata', HL7_FI_NS).map((n) => {
    const entry: { field?: string; value?: string } = {};
    optional(entry, 'field', attr(fiKid(n, 'FieldName'), 'root'));
    optional(entry, 'value', fiKid(n, 'FieldValue')?.text.trim());
    return entry;
  });
  if (metadata.length > 0) header.kantaMetadata = metadata;
  const audit = kids(lh, 'auditTrail', HL7_FI_NS).map((n) => {
    const entry: { code?: CodedValue; time?: string } = {};
    optional(entry, 'code', codedValue(fiKid(n, 'auditTrailCode')));
    optional(entry, 'time', attr(fiKid(n, 'auditTrailTime'), 'value'));
    return entry;
  });
  if (audit.length > 0) header.auditTrail = audit;
  for (const child of lh.children) {
    if (!KNOWN_LOCAL.has(child.name) && !header.otherElements.includes(child.name))
      header.otherElements.push(child.name);
  }
  return header;
}

const SOCIAL_CODED = [
  'specificDocumentType',
  'documentGroup',
  'fileFormat',
  'structuredFileFormat',
  'functionCode',
  'recordStatus',
  'registryType',
  'totalRetentionPeriodClass',
  'specialContent',
  'inaccessibleArgument',
  'reasonOfCorrection',
] as const;
const KNOWN_SOCIAL = new Set<string>([
  ...SOCIAL_CODED,
  'creationTime',
  'softwareSupport',
  'outsourcingServiceCustomer',
  'outsourcingServiceCustomerName',
  'contentSpecificationId',
  'encompassingClientRelationship',
  'serviceProcess',
  'authorizationRestrictionArgument',
  'signature',
  'signatureCollection',
]);

/** Reads hl7fi:localSocialHeader (every child of the public vendor test documents). */
export function readLocalSocialHeader(lsh: XmlNode): LocalSocialHeader {
  const header: LocalSocialHeader = { signatures: [], otherElements: [] };
  for (const name of SOCIAL_CODED) optional(header, name, codedValue(fiKid(lsh, name)));
  optional(header, 'creationTime', attr(fiKid(lsh, 'creationTime'), 'value'));
  const software = fiKid(lsh, 'softwareSupport');
  if (software) {
    const support: NonNullable<LocalSocialHeader['softwareSupport']> = {};
    optional(support, 'moderator', attr(software, 'moderator'));
    optional(support, 'product', attr(software, 'product'));
    optional(support, 'version', attr(software, 'version'));
    header.softwareSupport = support;
  }
  optional(header, 'outsourcingServiceCustomer', instanceId(fiKid(lsh, 'outsourcingServiceCustomer')));
  optional(
    header,
    'encompassingClientRelationship',
    instanceId(fiKid(lsh, 'encompassingClientRelationship')),
  );
  for (const name of [
    'outsourcingServiceCustomerName',
    'contentSpecificationId',
    'authorizationRestrictionArgument',
  ] as const) {
    const text = fiKid(lsh, name)?.text.trim();
    if (text !== undefined && text !== '') header[name] = text;
  }
  const process = fiKid(lsh, 'serviceProcess');
  if (process) {
    const sp: NonNullable<LocalSocialHeader['serviceProcess']> = {};
    const type = fiKid(process, 'type')?.text.trim();
    if (type !== undefined && type !== '') sp.type = type;
    optional(sp, 'code', codedValue(fiKid(process, 'code')));
    header.serviceProcess = sp;
  }
  const signature = fiKid(lsh, 'signature');
  if (signature) {
    const sig: NonNullable<LocalSocialHeader['signature']> = {};
    optional(sig, 'signerId', instanceId(fiKid(signature, 'assignedAuthorSigner')));
    const signer = fiKid(signature, 'signer');
    const name = fiKid(signer, 'name');
    if (name) {
      const parts = [...kids(name, 'given', HL7_FI_NS), ...kids(name, 'family', HL7_FI_NS)]
        .map((n) => n.text.trim())
        .filter((t) => t !== '');
      if (parts.length > 0) sig.signer = parts.join(' ');
    }
    optional(sig, 'authenticationMethod', codedValue(fiKid(signature, 'authenticationMethod')));
    optional(sig, 'time', attr(fiKid(signature, 'time'), 'value'));
    header.signature = sig;
  }
  // signatureCollection sits in the local social header or next to it, in urn:hl7finland.
  for (const sig of kids(fiKid(lsh, 'signatureCollection'), 'signature', HL7_FI_NS)) {
    const entry: LocalSocialHeader['signatures'][number] = {};
    optional(entry, 'description', codedValue(fiKid(sig, 'signatureDescription')));
    const ts = fiKid(sig, 'signatureTimestamp')?.text.trim();
    if (ts !== undefined && ts !== '') entry.timestamp = ts;
    header.signatures.push(entry);
  }
  for (const child of lsh.children)
    if (!KNOWN_SOCIAL.has(child.name) && !header.otherElements.includes(child.name))
      header.otherElements.push(child.name);
  return header;
}

function viewCodesOf(doc: XmlNode, local: LocalHeader): CodedValue[] {
  const seen = new Set<string>();
  const out: CodedValue[] = [];
  const add = (cv: CodedValue | undefined): void => {
    if (!cv || !isCodeSystem(cv.codeSystem, 'views')) return;
    const key = `${cv.code}|${cv.codeSystem}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(cv);
  };
  for (const cv of local.tableOfContents) add(cv);
  const body = dig(doc, 'component', 'structuredBody');
  for (const comp of kids(body, 'component')) add(codedValue(dig(comp, 'section', 'code')));
  return out;
}

export interface ExtractOptions {
  /**
   * The repository the document was sent to. Only for the social-welfare repository is a document
   * without hl7fi:localSocialHeader read in kantasim's earlier format (see `readSocialCodes`).
   */
  repository?: ArchiveRepositoryKind;
}

/** Extracts the typed header of a ClinicalDocument. */
export function extractHeader(doc: XmlNode, options: ExtractOptions = {}): CdaHeader {
  const id = instanceId(kid(doc, 'id')) ?? { root: '' };
  const localHeader = readLocalHeader(doc);
  const header: CdaHeader = {
    documentOid: documentOidOf(id),
    id,
    templateIds: kids(doc, 'templateId')
      .map((t) => attr(t, 'root'))
      .filter((r): r is string => r !== undefined),
    authors: kids(doc, 'author').map(readAuthor),
    relatedDocuments: kids(doc, 'relatedDocument').map(readRelated),
    localHeader,
    viewCodes: viewCodesOf(doc, localHeader),
    social: {},
  };
  optional(header, 'realmCode', attr(kid(doc, 'realmCode'), 'code'));
  optional(header, 'typeId', instanceId(kid(doc, 'typeId')));
  optional(header, 'registerCode', codedValue(kid(doc, 'code')));
  const title = kid(doc, 'title')?.text.trim();
  if (title !== undefined && title !== '') header.title = title;
  optional(header, 'effectiveTime', attr(kid(doc, 'effectiveTime'), 'value'));
  optional(header, 'confidentiality', codedValue(kid(doc, 'confidentialityCode')));
  optional(header, 'languageCode', attr(kid(doc, 'languageCode'), 'code'));
  optional(header, 'setId', instanceId(kid(doc, 'setId')));
  const version = attr(kid(doc, 'versionNumber'), 'value');
  if (version !== undefined && /^[0-9]{1,9}$/.test(version)) header.versionNumber = Number(version);
  optional(header, 'patient', readPatient(doc));
  const custodianOrg = dig(doc, 'custodian', 'assignedCustodian', 'representedCustodianOrganization');
  const custodianOid = attr(kid(custodianOrg, 'id'), 'root');
  if (custodianOid !== undefined) {
    header.custodian = { oid: custodianOid };
    optional(header.custodian, 'name', kid(custodianOrg, 'name')?.text.trim() || undefined);
  }
  optional(header, 'encounter', readEncounter(doc));
  optional(
    header,
    'replaces',
    header.relatedDocuments.find((r) => r.typeCode === 'RPLC'),
  );
  const lsh = kid(doc, 'localSocialHeader', HL7_FI_NS);
  if (lsh) readKantaSocial(doc, lsh, header);
  else if (options.repository === 'social')
    setSocialCodes(header, localHeader.typeCode, localHeader.functionCode);
  return header;
}

/**
 * The social-welfare document group and service task, each from its own element, as written (whatever
 * code system it carries: rules/social.ts checks that). Kanta's format: hl7fi:localSocialHeader/
 * hl7fi:documentGroup and hl7fi:functionCode. kantasim's earlier format, read only for the social-welfare
 * repository: hl7fi:localHeader/hl7fi:typeCode and hl7fi:functionCode. The deployment category is mapped
 * only from a code of Sosiaalihuolto - Asiakirjaryhmä.
 */
function setSocialCodes(
  header: CdaHeader,
  group: CodedValue | undefined,
  task: CodedValue | undefined,
): void {
  const social = header.social;
  if (group) {
    social.documentGroup = group;
    if (isCodeSystem(group.codeSystem, 'socialDocumentGroup')) {
      const category = categoryOfGroup(group.code)?.category;
      if (category !== undefined) social.documentGroupKey = category;
    }
  }
  if (task) social.serviceTask = task;
}

/**
 * Kanta's social-welfare format: ClinicalDocument/code is the general document type (or a nullFlavor on a
 * client-relationship document) and the register is localSocialHeader/registryType, so `registerCode`
 * is read from there; the document group decides the kind.
 */
function readKantaSocial(doc: XmlNode, lsh: XmlNode, header: CdaHeader): void {
  const local = readLocalSocialHeader(lsh);
  const social = header.social;
  social.kantaFormat = true;
  social.local = local;
  const codeNode = kid(doc, 'code');
  if (codeNode) {
    const documentCode: NonNullable<typeof social.documentCode> = {};
    optional(documentCode, 'code', codedValue(codeNode));
    optional(documentCode, 'nullFlavor', attr(codeNode, 'nullFlavor'));
    social.documentCode = documentCode;
  }
  if (
    header.registerCode === undefined ||
    !isCodeSystem(header.registerCode.codeSystem, 'socialRegisterCode')
  ) {
    if (local.registryType) header.registerCode = local.registryType;
    else delete header.registerCode;
  }
  setSocialCodes(header, local.documentGroup, local.functionCode);
  // The kind follows from a code of Sosiaalihuolto - Asiakirjaryhmä only (a group from another code
  // system is CDA-SOC-002, and says nothing about the kind).
  const group = local.documentGroup;
  if (group && isCodeSystem(group.codeSystem, 'socialDocumentGroup'))
    social.kind = group.code === '1' ? 'client-relationship' : 'client';
  optional(social, 'consent', codedValue(dig(doc, 'authorization', 'consent', 'code')));
  optional(social, 'case', header.encounter?.id);
  optional(social, 'body', readSocialBody(doc));
}

/** HL7 TS (`YYYYMMDD[HH[MM[SS[.f]]]][±ZZZZ]`) → sortable ISO prefix, or undefined when malformed. */
export function tsToIso(ts: string | undefined): string | undefined {
  if (ts === undefined) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?(?:\.\d+)?)?([+-]\d{4})?$/.exec(ts);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (h !== undefined && Number(h) > 23) return undefined;
  const date = `${y ?? ''}-${mo ?? ''}-${d ?? ''}`;
  return h === undefined ? date : `${date}T${h}:${mi ?? '00'}:${s ?? '00'}`;
}

/** Social-welfare register code system, for the repository check. */
export const SOCIAL_REGISTER_OID = CODE_SYSTEMS.socialRegisterCode.oid;
