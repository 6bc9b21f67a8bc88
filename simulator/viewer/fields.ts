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
  },
  {
    name: 'registerCode',
    label: 'Register (rekisteritunnus)',
    help: 'ClinicalDocument/code/@code, e.g. 2 Julkinen terveydenhuolto',
    kind: 'text',
    get: (d) => code(d.header.registerCode),
  },
  {
    name: 'confidentiality',
    label: 'Confidentiality (luottamuksellisuus)',
    help: 'confidentialityCode/@code',
    kind: 'text',
    get: (d) => code(d.header.confidentiality),
  },
  {
    name: 'custodian',
    label: 'Register controller (rekisterinpitäjä)',
    help: 'custodian OID, ….19.0',
    kind: 'text',
    get: (d) => d.custodian ?? d.header.custodian?.oid,
  },
  {
    name: 'functionCode',
    label: 'Function (tehtäväluokka)',
    help: 'hl7fi:localHeader/functionCode/@code',
    kind: 'text',
    get: (d) => code(d.header.localHeader.functionCode),
  },
  {
    name: 'recordStatus',
    label: 'Record status (valmistumisen tila)',
    help: 'hl7fi:localHeader/recordStatus/@code',
    kind: 'text',
    get: (d) => code(d.header.localHeader.recordStatus),
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
  },
  {
    name: 'serviceTask',
    label: 'Service task (palvelutehtävä)',
    help: 'social welfare: 1.2.246.537.6.1221 code',
    kind: 'text',
    get: (d) => code(d.header.social.serviceTask),
  },
];

export const FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.name, f]));
