/**
 * Optional XSD validation of archived CDA documents (CDA-XSD-001), when the operator gives a schema
 * directory (`--cda-schema DIR`, `config.cdaSchemaDir`). Each repository has its own schema, picked from
 * the directory by its entry point:
 * - the Patient Data Repository: `CDA_Fi.xsd` (HL7 Finland CDA R2 with the urn:hl7finland
 *   `hl7fi:localHeader`), or plain `CDA.xsd`;
 * - the social-welfare Client Data Repository: `CDA_Fi_sos.xsd` (its documents carry
 *   `hl7fi:localSocialHeader`, which `CDA_Fi.xsd` does not allow).
 * A directory without one repository's schema leaves that repository's documents unchecked, and says so
 * in every answer (CDA-XSD-002, information) and once in the start log: the other repository's schema is
 * never used in its place. A directory with neither is refused at start.
 *
 * libxml2 (WebAssembly) reads the schema files only from memory: every `.xsd` of the directory is loaded
 * once into a buffer input provider, so validation never touches the file system or network, and the
 * document itself has already passed the DOCTYPE/entity refusal of xml.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlElement,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
} from 'libxml2-wasm';
import type { ArchiveRepositoryKind } from '../domain/cda.ts';
import { error, finding, type Finding } from '../domain/findings.ts';
import type { Logger } from '../logger.ts';
import { HL7_FI_NS } from './xml.ts';

/** At most this many schema errors are reported for one document. */
export const MAX_SCHEMA_FINDINGS = 20;

/** Each repository's schema entry points, the first one the directory has being used. */
export const SCHEMA_ENTRIES: Readonly<Record<ArchiveRepositoryKind, readonly string[]>> = {
  pta: ['CDA_Fi.xsd', 'CDA.xsd'],
  social: ['CDA_Fi_sos.xsd'],
};

export interface CdaSchema {
  /** The entry point that validates each repository's documents; a repository without one is not checked. */
  readonly entries: Readonly<Partial<Record<ArchiveRepositoryKind, string>>>;
  /**
   * Validates the document bytes against its repository's schema: one finding per schema error (at most
   * MAX_SCHEMA_FINDINGS), or the CDA-XSD-002 information when the directory has no schema for it.
   */
  validate(xml: Uint8Array, repository: ArchiveRepositoryKind): Finding[];
  dispose(): void;
}

/** CDA-XSD-002: the document was not schema-checked, because the directory has no schema for its repository. */
export function notSchemaChecked(repository: ArchiveRepositoryKind): Finding {
  return finding(
    'information',
    'CDA-XSD-002',
    '/ClinicalDocument',
    repository === 'social'
      ? "the document was not schema-checked: the --cda-schema directory has no CDA_Fi_sos.xsd, the schema of social-welfare documents, and the Patient Data Repository's CDA_Fi.xsd does not apply to them (it does not allow hl7fi:localSocialHeader); add CDA_Fi_sos.xsd to the directory to check them"
      : 'the document was not schema-checked: the --cda-schema directory has no CDA_Fi.xsd or CDA.xsd, the schema of Patient Data Repository documents, and the social-welfare CDA_Fi_sos.xsd does not apply to them; add CDA_Fi.xsd to the directory to check them',
  );
}

/** Says in the start log which schema checks each repository, and which repository goes unchecked. */
export function logSchemaChoice(schema: CdaSchema, dir: string, logger: Logger): void {
  const { pta, social } = schema.entries;
  logger.info(
    { cdaSchema: resolve(dir), pta: pta ?? null, social: social ?? null },
    `validating archived CDA documents against the XSD set: Patient Data Repository ${pta ?? 'not checked'}, social-welfare ${social ?? 'not checked'}`,
  );
  if (social === undefined)
    logger.warn(
      { cdaSchema: resolve(dir) },
      "--cda-schema: no CDA_Fi_sos.xsd in the directory, so social-welfare documents are not schema-checked (the Patient Data Repository's CDA_Fi.xsd does not allow hl7fi:localSocialHeader); their answers say so (CDA-XSD-002)",
    );
  if (pta === undefined)
    logger.warn(
      { cdaSchema: resolve(dir) },
      '--cda-schema: no CDA_Fi.xsd or CDA.xsd in the directory, so Patient Data Repository documents are not schema-checked; their answers say so (CDA-XSD-002)',
    );
}

const providers = new Map<string, XmlBufferInputProvider>();

/** Loads the schema set of `dir`; throws with a readable message when it cannot. */
export function loadCdaSchema(dir: string): CdaSchema {
  const base = resolve(dir);
  const files = readdirSync(base).filter((f) => f.toLowerCase().endsWith('.xsd'));
  const entries: Partial<Record<ArchiveRepositoryKind, string>> = {};
  for (const repository of ['pta', 'social'] as const) {
    const entry = SCHEMA_ENTRIES[repository].find((e) => files.includes(e));
    if (entry !== undefined) entries[repository] = entry;
  }
  if (entries.pta === undefined && entries.social === undefined)
    throw new Error(`no CDA_Fi.xsd, CDA.xsd or CDA_Fi_sos.xsd in ${base}`);
  if (!providers.has(base)) {
    const buffers: Record<string, Uint8Array> = {};
    for (const f of files) buffers[join(base, f)] = new Uint8Array(readFileSync(join(base, f)));
    const provider = new XmlBufferInputProvider(buffers);
    xmlRegisterInputProvider(provider);
    providers.set(base, provider);
  }
  const validators: Partial<Record<ArchiveRepositoryKind, XsdValidator>> = {};
  for (const [repository, entry] of Object.entries(entries) as [ArchiveRepositoryKind, string][]) {
    const entryPath = join(base, entry);
    const schemaDoc = XmlDocument.fromBuffer(new Uint8Array(readFileSync(entryPath)), { url: entryPath });
    try {
      validators[repository] = XsdValidator.fromDoc(schemaDoc);
    } finally {
      schemaDoc.dispose();
    }
  }
  return {
    entries,
    validate(xml: Uint8Array, repository: ArchiveRepositoryKind): Finding[] {
      const validator = validators[repository];
      const entry = entries[repository];
      if (validator === undefined || entry === undefined) return [notSchemaChecked(repository)];
      let doc: XmlDocument;
      try {
        // The document has passed the DOCTYPE and entity refusal already; libxml2 is told the same
        // (no network, no external entities) all the same, as the one-pass parse is.
        doc = XmlDocument.fromBuffer(xml, {
          url: 'document.xml',
          option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE,
        });
      } catch (err) {
        return [
          error('CDA-XSD-001', '/ClinicalDocument', `libxml2 could not parse the document: ${String(err)}`),
        ];
      }
      try {
        validator.validate(doc);
        return [];
      } catch (err) {
        if (!(err instanceof XmlValidateError)) throw err;
        return err.details
          .slice(0, MAX_SCHEMA_FINDINGS)
          .map((d) =>
            error(
              'CDA-XSD-001',
              locationOf(doc, d),
              `not valid against ${entry}: ${d.message.trim()}; correct the element against the HL7 Finland CDA schema`,
            ),
          );
      } finally {
        doc.dispose();
      }
    },
    dispose(): void {
      for (const v of Object.values(validators)) v.dispose();
    },
  };
}

/** Where a schema error is: the element's path when libxml2 names the node, else its line and column. */
function locationOf(doc: XmlDocument, detail: ErrorDetail): string {
  const path = detail.xpath === undefined ? undefined : elementPath(doc, detail.xpath);
  return path ?? `line ${detail.line}:${detail.col}`;
}

const PREFIX_OF: Readonly<Record<string, string>> = { 'urn:hl7-org:v3': '', [HL7_FI_NS]: 'hl7fi:' };

function elementsOf(node: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = node.firstChild; c !== null; c = c.next) if (c instanceof XmlElement) out.push(c);
  return out;
}

/** The element's name as kantasim's paths write it (`hl7fi:` for urn:hl7finland, none for urn:hl7-org:v3). */
function nameOf(el: XmlElement): string {
  const prefix = PREFIX_OF[el.namespaceUri] ?? (el.prefix === '' ? '' : `${el.prefix}:`);
  return `${prefix}${el.name}`;
}

/**
 * libxml2's node path (xmlGetNodePath: `/*` + `/*[2]` for elements in a default namespace, `hl7fi:x[3]`
 * for prefixed ones, `@a` for attributes) as kantasim writes element paths
 * (`/ClinicalDocument/templateId[2]/@root`), by walking the document along it. Undefined for a path it
 * cannot follow.
 */
export function elementPath(doc: XmlDocument, xpath: string): string | undefined {
  const steps = xpath.split('/');
  if (steps[0] !== '' || steps.length < 2) return undefined;
  let current: XmlElement | undefined;
  let out = '';
  for (const step of steps.slice(1)) {
    if (step.startsWith('@')) return current === undefined ? undefined : `${out}/${step}`;
    const m = /^(\*|[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)(?:\[(\d+)\])?$/.exec(step);
    if (!m) return current === undefined ? undefined : out; // text(), comment(): the element holds it
    const [, name = '', index] = m;
    const [prefix, local] = name.includes(':') ? name.split(':') : ['', name];
    const kids = current === undefined ? [doc.root] : elementsOf(current);
    const candidates = name === '*' ? kids : kids.filter((c) => c.name === local && c.prefix === prefix);
    const next = candidates[index === undefined ? 0 : Number(index) - 1];
    if (next === undefined) return undefined;
    const siblings = kids.filter((c) => nameOf(c) === nameOf(next));
    out += `/${nameOf(next)}${siblings.length > 1 ? `[${siblings.indexOf(next) + 1}]` : ''}`;
    current = next;
  }
  return out;
}
