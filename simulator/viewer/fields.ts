/**
 * The document fields the viewer can name: one table used by the compare page (the archivist's check of
 * a deployment test: source-system values against what was archived) and by the diff between versions.
 *
 * Field names are stable and documented on the compare page; `xpath:<expression>` reaches anything else
 * in the stored XML (prefixes `hl7` = urn:hl7-org:v3, `hl7fi` = urn:hl7finland).
 */
import type { ArchivedDocument, CodedValue, InstanceId } from '../domain/cda.ts';

/** How a field's values are compared. */
export type FieldKind = 'text' | 'time' | 'list';

export interface FieldDef {
  name: string;
  label: string;
  /** What the source system should give, for the documentation table. */
  help: string;
  kind: FieldKind;
  get(doc: ArchivedDocument): string | undefined;
  /** For coded fields: the coded value, so the page can show the code list's display beside the code. */
  coded?(doc: ArchivedDocument): CodedValue | undefined;
}

const code = (cv: CodedValue | undefined): string | undefined => cv?.code;
const ii = (id: InstanceId | undefined): string | undefined =>
  id === undefined ? undefined : id.extension === undefined ? id.root : `${id.root}.${id.extension}`;

export const FIELDS: readonly FieldDef[] = [
  {
    name: 'oid',
    label: 'Document OID',
    help: 'ClinicalDocument/id (root.extension)',
    kind: 'text',
    get: (d) => d.oid,
  },
  { name: 'setId', label: 'Set id', help: 'ClinicalDocument/setId', kind: 'text', get: (d) => d.setId },
  {
    name: 'versionNumber',
    label: 'Version',
    help: 'ClinicalDocument/versionNumber, e.g. 1',
    kind: 'text',
    get: (d) => String(d.versionNumber),
  },
  {
    name: 'repository',
    label: 'Repository (arkisto)',
    help: '`pta` Potilastiedon arkisto or `social` Sosiaalihuollon asiakastiedon arkisto',
    kind: 'text',
    get: (d) => d.repository,
  },
  {
    name: 'status',
    label: 'Status (tila)',
    help: '`current`, `replaced` or `nullified`',
    kind: 'text',
    get: (d) => d.status,
  },
  {
    name: 'title',
    label: 'Title (otsikko)',
    help: 'ClinicalDocument/title',
    kind: 'text',
    get: (d) => d.header.title,
  },
  {
    name: 'effectiveTime',
    label: 'Effective time (laatimisaika)',
    help: 'HL7 TS (20261001101500) or ISO (2026-10-01T10:15:00); compared to the precision given',
    kind: 'time',
    get: (d) => d.header.effectiveTime,
  },
  {
    name: 'patient',
    label: 'Patient identity code (henkilötunnus)',
    help: 'recordTarget/patientRole/id/@extension',
    kind: 'text',
    get: (d) => d.patient ?? d.header.patient?.id.extension,
  },
  {
    name: 'patientName',
    label: 'Patient name',
    help: 'given names then family name, as in the document',
    kind: 'text',
    get: (d) => d.header.patient?.name,
  },
  {
    name: 'documentType',
    label: 'Document type (asiakirjan tyyppi)',
    help: 'hl7fi:localHeader/documentType/@code, e.g. 1',
    kind: 'text',
    get: (d) => d.documentType ?? code(d.header.localHeader.documentType),
    coded: (d) => d.header.localHeader.documentType,
  },
  {
    name: 'registerCode',
    label: 'Register (rekisteritunnus)',
    help: 'ClinicalDocument/code/@code, e.g. 2 Julkinen terveydenhuolto',
    kind: 'text',
    get: (d) => code(d.header.registerCode),
    coded: (d) => d.header.registerCode,
  },
  {
    name: 'confidentiality',
    label: 'Confidentiality (luottamuksellisuus)',
    help: 'confidentialityCode/@code',
    kind: 'text',
    get: (d) => code(d.header.confidentiality),
    coded: (d) => d.header.confidentiality,
  },
  {
    name: 'custodian',
    label: 'Register controller (rekisterinpitäjä)',
    help: 'custodian OID: ….19.0 (PTA), the organisation or its unit (social welfare)',
    kind: 'text',
    get: (d) => d.custodian ?? d.header.custodian?.oid,
  },
  {
    name: 'functionCode',
    label: 'Function (tehtäväluokka)',
    help: 'hl7fi:localHeader/functionCode/@code',
    kind: 'text',
    get: (d) => code(d.header.localHeader.functionCode),
    coded: (d) => d.header.localHeader.functionCode,
  },
  {
    name: 'recordStatus',
    label: 'Record status (valmistumisen tila)',
    help: 'hl7fi:localHeader/recordStatus/@code',
    kind: 'text',
    get: (d) => code(d.header.localHeader.recordStatus),
    coded: (d) => d.header.localHeader.recordStatus,
  },
  {
    name: 'languageCode',
    label: 'Language',
    help: 'languageCode/@code, e.g. fi-FI',
    kind: 'text',
    get: (d) => d.header.languageCode,
  },
  {
    name: 'author',
    label: 'Author (laatija)',
    help: 'first author’s name',
    kind: 'text',
    get: (d) => d.header.authors[0]?.name,
  },
  {
    name: 'authorOrganisation',
    label: 'Author organisation',
    help: 'first author’s representedOrganization OID',
    kind: 'text',
    get: (d) => d.header.authors[0]?.organisation,
  },
  {
    name: 'encounterId',
    label: 'Service event (palvelutapahtuma)',
    help: 'componentOf/encompassingEncounter/id',
    kind: 'text',
    get: (d) => ii(d.header.encounter?.id),
  },
  {
    name: 'encounterStart',
    label: 'Service event start',
    help: 'encompassingEncounter/effectiveTime/low',
    kind: 'time',
    get: (d) => d.header.encounter?.low,
  },
  {
    name: 'encounterEnd',
    label: 'Service event end',
    help: 'encompassingEncounter/effectiveTime/high',
    kind: 'time',
    get: (d) => d.header.encounter?.high,
  },
  {
    name: 'serviceProvider',
    label: 'Service provider (palvelujen antaja)',
    help: 'encompassingEncounter responsibleParty organisation OID',
    kind: 'text',
    get: (d) => d.header.encounter?.responsibleOrganisation,
  },
  {
    name: 'viewCodes',
    label: 'Views (näkymät)',
    help: 'view codes, comma-separated, in any order, e.g. 102, 40',
    kind: 'list',
    get: (d) =>
      d.header.viewCodes.length === 0 ? undefined : d.header.viewCodes.map((v) => v.code).join(', '),
  },
  {
    name: 'replaces',
    label: 'Replaces (korvaa)',
    help: 'OID of the replaced version (RPLC)',
    kind: 'text',
    get: (d) => d.replaces ?? ii(d.header.replaces?.id),
  },
  {
    name: 'documentGroup',
    label: 'Document group (asiakirjaryhmä)',
    help: 'social welfare: 1.2.246.537.6.1505 code',
    kind: 'text',
    get: (d) => code(d.header.social.documentGroup),
    coded: (d) => d.header.social.documentGroup,
  },
  {
    name: 'serviceTask',
    label: 'Service task (palvelutehtävä)',
    help: 'social welfare: 1.2.246.537.6.1221 code',
    kind: 'text',
    get: (d) => code(d.header.social.serviceTask),
    coded: (d) => d.header.social.serviceTask,
  },
];

export const FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.name, f]));

/**
 * The fields an archivist reads side by side when confirming that the archive holds what the source
 * system recorded, in reading order: title, patient, times, author, custodian, register, codes.
 * Narrative sections follow them (`section:<title>`, see `narrativeSections`).
 */
export const ARCHIVIST_FIELDS: readonly string[] = [
  'title',
  'patient',
  'patientName',
  'effectiveTime',
  'encounterStart',
  'encounterEnd',
  'author',
  'authorOrganisation',
  'custodian',
  'registerCode',
  'documentType',
  'confidentiality',
  'functionCode',
  'recordStatus',
  'viewCodes',
  'documentGroup',
  'serviceTask',
];

/** One narrative section of a structured body: its title and its text, spaces collapsed. */
export interface NarrativeSection {
  title: string;
  text: string;
}

/** Prefix of the compare field that names a narrative section by its title. */
export const SECTION_FIELD = 'section:';

const HL7_NS = 'urn:hl7-org:v3';

function elementChildren(node: Node, localName: string): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c !== null; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).localName === localName && (c as Element).namespaceURI === HL7_NS)
      out.push(c as Element);
  return out;
}

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The top-level sections of a CDA structured body (Potilastiedon arkisto documents), read from the stored
 * XML. Social-welfare documents carry their narrative as base64 XHTML (nonXMLBody) and give none here.
 */
export function narrativeSections(root: Node): NarrativeSection[] {
  const docEl =
    root.nodeType === 9 ? elementChildren(root, 'ClinicalDocument')[0] : (root as Element | undefined);
  if (docEl === undefined) return [];
  const out: NarrativeSection[] = [];
  for (const component of elementChildren(docEl, 'component'))
    for (const body of elementChildren(component, 'structuredBody'))
      for (const part of elementChildren(body, 'component'))
        for (const section of elementChildren(part, 'section')) {
          const title = collapse(elementChildren(section, 'title')[0]?.textContent);
          const text = collapse(elementChildren(section, 'text')[0]?.textContent);
          out.push({ title, text });
        }
  return out;
}

/** One named value of a stored record, for the side-by-side table. */
export interface NamedValue {
  name: string;
  kind: FieldKind;
  value?: string;
  /** Coded values, so the page shows each code with its code list's display. */
  codes?: CodedValue[];
}

/** The archivist's named fields of a document, with the narrative sections of its stored XML. */
export function documentFields(doc: ArchivedDocument, xml?: Node): NamedValue[] {
  const out: NamedValue[] = [];
  for (const name of ARCHIVIST_FIELDS) {
    const def = FIELD_BY_NAME.get(name);
    if (!def) continue;
    const value = def.get(doc);
    const coded = def.coded?.(doc);
    if (value === undefined && coded === undefined) continue;
    out.push({
      name,
      kind: def.kind,
      ...(value !== undefined && { value }),
      ...(coded !== undefined && { codes: [coded] }),
    });
  }
  if (xml !== undefined)
    for (const s of narrativeSections(xml))
      out.push({ name: `${SECTION_FIELD}${s.title}`, kind: 'text', value: s.text });
  return out;
}

interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}
interface FhirConcept {
  coding?: FhirCoding[];
  text?: string;
}
/** The parts of a FHIR R4 Appointment the named fields read (structural, so any R4 typing fits). */
export interface AppointmentLike {
  id?: string;
  status?: string;
  description?: string;
  start?: string;
  end?: string;
  created?: string;
  serviceType?: FhirConcept[];
  appointmentType?: FhirConcept;
  participant?: {
    actor?: { reference?: string; display?: string; identifier?: { system?: string; value?: string } };
  }[];
}

function codesOf(concepts: readonly (FhirConcept | undefined)[]): CodedValue[] {
  const out: CodedValue[] = [];
  for (const c of concepts)
    for (const coding of c?.coding ?? [])
      if (coding.code !== undefined)
        out.push({
          code: coding.code,
          codeSystem: (coding.system ?? '').replace(/^urn:oid:/, ''),
          ...(coding.display !== undefined && { displayName: coding.display }),
        });
  return out;
}

/** The identity-code system (henkilötunnus), by which Kanta appointments name the patient. */
const HETU_SYSTEM = 'urn:oid:1.2.246.21';

function actorOf(apt: AppointmentLike, type: string): string | undefined {
  const actor = apt.participant?.find(
    (p) =>
      p.actor?.reference?.startsWith(`${type}/`) === true ||
      (type === 'Patient' && p.actor?.identifier?.system === HETU_SYSTEM),
  )?.actor;
  if (!actor) return undefined;
  return actor.identifier?.value ?? actor.display ?? actor.reference;
}

/** The named fields of an appointment (ajanvaraus): status, times, patient, practitioner and codes. */
export function appointmentFields(apt: AppointmentLike): NamedValue[] {
  const all: (NamedValue | undefined)[] = [
    apt.description === undefined ? undefined : { name: 'title', kind: 'text', value: apt.description },
    apt.status === undefined ? undefined : { name: 'status', kind: 'text', value: apt.status },
    ((v) => (v === undefined ? undefined : { name: 'patient', kind: 'text' as const, value: v }))(
      actorOf(apt, 'Patient'),
    ),
    apt.start === undefined ? undefined : { name: 'start', kind: 'time', value: apt.start },
    apt.end === undefined ? undefined : { name: 'end', kind: 'time', value: apt.end },
    ((v) => (v === undefined ? undefined : { name: 'author', kind: 'text' as const, value: v }))(
      actorOf(apt, 'Practitioner'),
    ),
  ];
  const service = codesOf(apt.serviceType ?? []);
  if (service.length > 0)
    all.push({
      name: 'serviceType',
      kind: 'list',
      value: service.map((c) => c.code).join(', '),
      codes: service,
    });
  const type = codesOf([apt.appointmentType]);
  if (type.length > 0) all.push({ name: 'appointmentType', kind: 'text', value: type[0]?.code, codes: type });
  return all.filter((v): v is NamedValue => v !== undefined);
}

/** Well-known XPath expressions of recorded runs' checks, by the named field they read. */
const XPATH_ALIASES: ReadonlyMap<string, string> = new Map([
  ['/hl7:ClinicalDocument/hl7:title', 'title'],
  ['/hl7:ClinicalDocument/hl7:custodian//hl7:id/@root', 'custodian'],
  ['/hl7:ClinicalDocument/hl7:recordTarget/hl7:patientRole/hl7:id/@extension', 'patient'],
  ['/hl7:ClinicalDocument/hl7:effectiveTime/@value', 'effectiveTime'],
  ['/hl7:ClinicalDocument/hl7:code/@code', 'registerCode'],
]);

/**
 * The named field an `xpath:` compare field reads, when it is one of the well-known paths (prefix
 * `cda`/`v3`/`hl7` alike, `string(…)` around it or not), so a recorded run's expectations also appear
 * in the side-by-side table; undefined otherwise.
 */
export function namedFieldOfXPath(field: string): string | undefined {
  if (!field.startsWith('xpath:')) return undefined;
  let expr = field.slice(6).trim();
  const wrapped = /^string\((.*)\)$/.exec(expr);
  if (wrapped) expr = (wrapped[1] ?? '').trim();
  return XPATH_ALIASES.get(expr.replace(/\b(?:cda|v3):/g, 'hl7:'));
}
