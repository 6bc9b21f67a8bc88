/**
 * The code lists kantasim checks, as versioned data: one JSON file per code system in
 * `simulator/domain/code-lists/` (OID, version, Finnish and, where published, Swedish names, codes with
 * displays, the public source and the day it was read, and whether the list is complete). Keeping them as
 * data, not constants in rule code, lets anyone compare a list with the national code server and correct
 * it without touching a rule, and lets a rule tell a vendor how sure kantasim is: an unknown code of a
 * complete (`published`) list is an error, of a `partial` list only a warning, because the real list may
 * hold it.
 *
 * The files are read and checked once, at module load (synchronously, a few kilobytes): a malformed file
 * stops the process with the file's name rather than letting a rule misjudge documents later.
 * `document-group-categories.json` is not a code list but the one table from social-welfare document
 * groups to the deployment categories a customer's registry entry records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The directory of the data files. */
export const CODE_LIST_DIR = fileURLToPath(new URL('./code-lists/', import.meta.url));
const CATEGORY_FILE = 'document-group-categories.json';

export type Language = 'fi' | 'sv';
export type CodeListStatus = 'published' | 'partial' | 'assumption';

export interface CodeListEntry {
  code: string;
  /** The code's name; absent when a source shows the code but not its name. */
  display?: { fi: string; sv?: string };
  note?: string;
  /** True when the code itself is kantasim's inference, not seen in a published list or document. */
  assumption?: boolean;
}

export interface CodeList {
  /** kantasim's stable name for the list (`CodeSystemKey`). */
  key: CodeSystemKey;
  /** Base OID, without the version suffix. */
  oid: string;
  /** The code server's version suffix (`2008`, `201601`), when known. */
  version?: string;
  name: { fi: string; sv?: string };
  /** English gloss for the viewer and messages. */
  english: string;
  source: { title: string; url: string; note?: string };
  /** ISO date the source was read. */
  retrieved: string;
  /** `published`: every code is listed; `partial`: only confirmed codes; `assumption`: kantasim's own. */
  status: CodeListStatus;
  /** Regular expression every code of the list matches, where its form is known (e.g. small integers). */
  codePattern?: string;
  codes: CodeListEntry[];
}

/** Every code system kantasim names; each has one data file. */
export const CODE_SYSTEM_KEYS = [
  'hetu',
  'ajanvarauksenTila',
  'cancellationReason',
  'soteServiceClassification',
  'serviceNomenclature',
  'serviceEventClassification',
  'contactMode',
  'notificationMedium',
  'registerCode',
  'confidentiality',
  'views',
  'careProcessPhase',
  'headings',
  'fileFormat',
  'documentType',
  'functionCode',
  'recordStatus',
  'custodianType',
  'encounterType',
  'encounterMasterCode',
  'retentionPeriodClass',
  'signatureDescription',
  'municipality',
  'archiveServiceRequest',
  'socialServiceTask',
  'socialDocumentGroup',
  'socialServiceProcess',
  'socialRegisterCode',
  'soteOrganisationRegister',
  'iahRegister',
  'registerControllerRegister',
  'socialServiceRequest',
  'socialUsageContext',
  'socialDocumentType',
  'socialDisplayFormat',
  'socialRetentionPeriod',
  'socialInaccessibleArgument',
  'socialMinorDisclosure',
  'yesNo',
] as const;
export type CodeSystemKey = (typeof CODE_SYSTEM_KEYS)[number];

/** Deployment categories of social-welfare documents, as the customer registry records them. */
export const DOCUMENT_GROUPS = ['old', 'phase1', 'phase2'] as const;
export type DocumentGroup = (typeof DOCUMENT_GROUPS)[number];

export interface DocumentGroupCategory {
  /** Code of Sosiaalihuolto - Asiakirjaryhmä (1.2.246.537.6.1505). */
  code: string;
  category: DocumentGroup;
  /** False for groups whose documents carry no service task (the client-relationship document). */
  serviceTaskRequired: boolean;
  /** `published` when a public source says so, `assumption` when it is kantasim's reading. */
  status: 'published' | 'assumption';
  note: string;
}

export interface DocumentGroupCategoryTable {
  codeSystem: string;
  source: { title: string; url: string; note?: string };
  retrieved: string;
  mappings: DocumentGroupCategory[];
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '';
const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function nameProblems(v: unknown, where: string): string[] {
  if (!isObj(v) || !isStr(v.fi)) return [`${where} needs a Finnish name (fi)`];
  return v.sv === undefined || isStr(v.sv) ? [] : [`${where}.sv must be a non-empty string`];
}

function sourceProblems(v: unknown): string[] {
  if (!isObj(v) || !isStr(v.title) || !isStr(v.url) || !/^https:\/\//.test(v.url))
    return ['source needs a title and an https url'];
  return v.note === undefined || isStr(v.note) ? [] : ['source.note must be a non-empty string'];
}

/** What is wrong with a parsed code-list file; empty when it is well-formed. */
export function codeListProblems(raw: unknown): string[] {
  if (!isObj(raw)) return ['the file must hold one JSON object'];
  const p: string[] = [];
  if (!isStr(raw.key) || !(CODE_SYSTEM_KEYS as readonly string[]).includes(raw.key))
    p.push(`key must be one of the CODE_SYSTEM_KEYS (got ${JSON.stringify(raw.key)})`);
  if (!isStr(raw.oid) || !OID.test(raw.oid)) p.push('oid must be a dotted OID without version suffix');
  if (raw.version !== undefined && !(isStr(raw.version) && /^[0-9]{4,6}$/.test(raw.version)))
    p.push('version must be the code server suffix, e.g. "2008" or "201601"');
  p.push(...nameProblems(raw.name, 'name'));
  if (!isStr(raw.english)) p.push('english must be a non-empty string');
  p.push(...sourceProblems(raw.source));
  if (!isStr(raw.retrieved) || !DATE.test(raw.retrieved)) p.push('retrieved must be an ISO date');
  if (!['published', 'partial', 'assumption'].includes(raw.status as string))
    p.push('status must be published, partial or assumption');
  let pattern: RegExp | undefined;
  if (raw.codePattern !== undefined) {
    try {
      pattern = new RegExp(raw.codePattern as string);
    } catch {
      p.push('codePattern must be a regular expression');
    }
  }
  if (!Array.isArray(raw.codes)) return [...p, 'codes must be an array'];
  const seen = new Set<string>();
  raw.codes.forEach((c: unknown, i) => {
    const where = `codes[${i}]`;
    if (!isObj(c) || !isStr(c.code)) return void p.push(`${where} needs a code`);
    if (seen.has(c.code)) p.push(`${where}: code '${c.code}' is listed twice`);
    seen.add(c.code);
    if (pattern && !pattern.test(c.code)) p.push(`${where}: code '${c.code}' does not match codePattern`);
    if (c.display !== undefined) p.push(...nameProblems(c.display, `${where}.display`));
    if (c.display === undefined && !isStr(c.note))
      p.push(`${where}: a code without display needs a note saying why`);
    if (c.note !== undefined && !isStr(c.note)) p.push(`${where}.note must be a non-empty string`);
    if (c.assumption !== undefined && typeof c.assumption !== 'boolean')
      p.push(`${where}.assumption must be true or false`);
  });
  if (raw.status === 'published' && raw.codes.length === 0) p.push('a published list must list its codes');
  return p;
}

/** What is wrong with the group-to-category table; empty when it is well-formed. */
export function categoryTableProblems(raw: unknown): string[] {
  if (!isObj(raw)) return ['the file must hold one JSON object'];
  const p: string[] = [];
  if (!isStr(raw.codeSystem)) p.push('codeSystem must be the OID of Sosiaalihuolto - Asiakirjaryhmä');
  p.push(...sourceProblems(raw.source));
  if (!isStr(raw.retrieved) || !DATE.test(raw.retrieved)) p.push('retrieved must be an ISO date');
  if (!Array.isArray(raw.mappings)) return [...p, 'mappings must be an array'];
  const seen = new Set<string>();
  raw.mappings.forEach((m: unknown, i) => {
    const where = `mappings[${i}]`;
    if (!isObj(m) || !isStr(m.code)) return void p.push(`${where} needs a code`);
    if (seen.has(m.code)) p.push(`${where}: code '${m.code}' is mapped twice`);
    seen.add(m.code);
    if (!(DOCUMENT_GROUPS as readonly string[]).includes(m.category as string))
      p.push(`${where}.category must be one of ${DOCUMENT_GROUPS.join(', ')}`);
    if (typeof m.serviceTaskRequired !== 'boolean') p.push(`${where}.serviceTaskRequired must be a boolean`);
    if (m.status !== 'published' && m.status !== 'assumption')
      p.push(`${where}.status must be published or assumption`);
    if (!isStr(m.note)) p.push(`${where} needs a note saying where the mapping comes from`);
  });
  return p;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(CODE_LIST_DIR, file), 'utf8'));
  } catch (e) {
    throw new Error(`code list ${file}: ${(e as Error).message}`, { cause: e });
  }
}

function load(): { lists: Map<CodeSystemKey, CodeList>; categories: DocumentGroupCategoryTable } {
  const lists = new Map<CodeSystemKey, CodeList>();
  let categories: DocumentGroupCategoryTable | undefined;
  for (const file of readdirSync(CODE_LIST_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const raw = readJson(file);
    if (file === CATEGORY_FILE) {
      const problems = categoryTableProblems(raw);
      if (problems.length > 0) throw new Error(`code list ${file}: ${problems.join('; ')}`);
      categories = raw as DocumentGroupCategoryTable;
      continue;
    }
    const problems = codeListProblems(raw);
    if (problems.length > 0) throw new Error(`code list ${file}: ${problems.join('; ')}`);
    const list = raw as CodeList;
    if (lists.has(list.key)) throw new Error(`code list ${file}: key ${list.key} has two files`);
    lists.set(list.key, list);
  }
  const missing = CODE_SYSTEM_KEYS.filter((k) => !lists.has(k));
  if (missing.length > 0) throw new Error(`code lists missing for: ${missing.join(', ')}`);
  if (!categories) throw new Error(`code lists: ${CATEGORY_FILE} is missing`);
  return { lists, categories };
}

const LOADED = load();
const BY_OID = new Map<string, CodeList>([...LOADED.lists.values()].map((l) => [l.oid, l]));

/** Every loaded code list, by key. */
export const CODE_LISTS: ReadonlyMap<CodeSystemKey, CodeList> = LOADED.lists;

/** The table from document-group codes to deployment categories. */
export const DOCUMENT_GROUP_CATEGORIES: DocumentGroupCategoryTable = LOADED.categories;

/** The code list named `key` (every key has a file; the loader makes sure). */
export function codeList(key: CodeSystemKey): CodeList {
  const list = LOADED.lists.get(key);
  if (!list) throw new Error(`no code list ${key}`);
  return list;
}

/** An OID without `urn:oid:` prefix and without a version suffix (`.2008`, `.201601`). */
export function baseOid(oidOrUrn: string): string {
  const oid = oidOrUrn.startsWith('urn:oid:') ? oidOrUrn.slice(8) : oidOrUrn;
  if (BY_OID.has(oid)) return oid;
  const versioned = /^(.*)\.(?:19|20)[0-9]{2}(?:[0-9]{2})?$/.exec(oid);
  return versioned?.[1] ?? oid;
}

/** The code list of an OID, with or without version suffix or `urn:oid:` prefix. */
export function codeListFor(oidOrUrn: string): CodeList | undefined {
  return BY_OID.get(baseOid(oidOrUrn));
}

/** The entry of `code` in `list`, if listed. */
export function entryOf(list: CodeList, code: string): CodeListEntry | undefined {
  return list.codes.find((c) => c.code === code);
}

/**
 * How a code stands against a list: `known` (listed), `unconfirmed` (not listed, but the list is partial
 * and the code has the list's form, so the real list may hold it: warn), or `unknown` (not a code of the
 * list: the list is complete, or the code does not have the list's form: error).
 */
export type CodeStanding =
  { standing: 'known'; entry: CodeListEntry } | { standing: 'unconfirmed' } | { standing: 'unknown' };

export function standingOf(list: CodeList, code: string): CodeStanding {
  const entry = entryOf(list, code);
  if (entry) return { standing: 'known', entry };
  if (list.codePattern !== undefined && !new RegExp(list.codePattern).test(code))
    return { standing: 'unknown' };
  return list.status === 'published' ? { standing: 'unknown' } : { standing: 'unconfirmed' };
}

export interface Display {
  text: string;
  lang: Language;
  /** True when the wanted language has no name and the Finnish one is given instead. */
  fellBack: boolean;
}

/** A name (of a code or a list) in `lang`, falling back to Finnish with a flag that it did. */
export function inLanguage(name: { fi: string; sv?: string }, lang: Language = 'fi'): Display {
  if (lang === 'sv' && name.sv !== undefined) return { text: name.sv, lang: 'sv', fellBack: false };
  return { text: name.fi, lang: 'fi', fellBack: lang !== 'fi' };
}

/** The display of `code` in the list of `oidOrUrn`, in `lang` with Finnish fallback; undefined if unnamed. */
export function displayIn(oidOrUrn: string, code: string, lang: Language = 'fi'): Display | undefined {
  const list = codeListFor(oidOrUrn);
  const entry = list && entryOf(list, code);
  return entry?.display === undefined ? undefined : inLanguage(entry.display, lang);
}

/** The deployment category of a document-group code, when kantasim's table maps it. */
export function categoryOfGroup(code: string): DocumentGroupCategory | undefined {
  return LOADED.categories.mappings.find((m) => m.code === code);
}
