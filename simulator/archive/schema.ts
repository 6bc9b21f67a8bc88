/**
 * Optional XSD validation of archived CDA documents (CDA-XSD-001), when the operator gives a schema
 * directory (`--cda-schema DIR`, `config.cdaSchemaDir`) whose entry point is `CDA_Fi.xsd` (HL7 Finland
 * CDA R2 with the urn:hl7finland local header) or `CDA.xsd`.
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
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import { error, type Finding } from '../domain/findings.ts';

/** At most this many schema errors are reported for one document. */
export const MAX_SCHEMA_FINDINGS = 20;

export interface CdaSchema {
  /** Validates the document bytes; returns one finding per schema error (at most MAX_SCHEMA_FINDINGS). */
  validate(xml: Uint8Array): Finding[];
  dispose(): void;
}

const providers = new Map<string, XmlBufferInputProvider>();

/** Loads the schema set of `dir`; throws with a readable message when it cannot. */
export function loadCdaSchema(dir: string): CdaSchema {
  const base = resolve(dir);
  const files = readdirSync(base).filter((f) => f.toLowerCase().endsWith('.xsd'));
  const entry = ['CDA_Fi.xsd', 'CDA.xsd'].find((e) => files.includes(e));
  if (entry === undefined) throw new Error(`no CDA_Fi.xsd or CDA.xsd in ${base}`);
  if (!providers.has(base)) {
    const buffers: Record<string, Uint8Array> = {};
    for (const f of files) buffers[join(base, f)] = new Uint8Array(readFileSync(join(base, f)));
    const provider = new XmlBufferInputProvider(buffers);
    xmlRegisterInputProvider(provider);
    providers.set(base, provider);
  }
  const entryPath = join(base, entry);
  const schemaDoc = XmlDocument.fromBuffer(new Uint8Array(readFileSync(entryPath)), { url: entryPath });
  const validator = XsdValidator.fromDoc(schemaDoc);
  schemaDoc.dispose();
  return {
    validate(xml: Uint8Array): Finding[] {
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
              `line ${d.line}:${d.col}`,
              `not valid against ${entry}: ${d.message.trim()}; correct the element against the HL7 Finland CDA schema`,
            ),
          );
      } finally {
        doc.dispose();
      }
    },
    dispose(): void {
      validator.dispose();
    },
  };
}
