/**
 * Where the conformance tests find their external public data, and what they need of it.
 *
 * The folder is `KANTASIM_CONFORMANCE_DIR` (relative to the working directory), or by default the one
 * this project's CI provides beside the checkout. Its layout is in docs/conformance.md
 * ("Conformance data"): the HL7 Finland CDA schema set, one real-format archiving message with its
 * decoded CDA document, and the HL7 Finland Finnish Scheduling example Appointment. The data is never
 * copied into the repository; anyone can build the folder from the public sources the doc names.
 *
 * A missing folder or file stops the suite with one message naming every path that is missing and
 * what belongs there, rather than the ENOENT of the first read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export const CONFORMANCE_DIR =
  process.env.KANTASIM_CONFORMANCE_DIR !== undefined && process.env.KANTASIM_CONFORMANCE_DIR !== ''
    ? resolve(process.env.KANTASIM_CONFORMANCE_DIR)
    : join(REPO_ROOT, '..', 'shared', 'conformance');

/** Every file the conformance tests read, relative to the folder, with what it is. */
export const CONFORMANCE_FILES: Readonly<Record<string, string>> = {
  'cda-schema/CDA_Fi.xsd': 'HL7 Finland CDA R2 schema, entry point',
  'cda-schema/POCD_MT000040_Fi.xsd': 'HL7 Finland CDA R2 schema, the document model with local headers',
  'cda-schema/hl7fi_extensions_cdar2header.xsd':
    'HL7 Finland CDA R2 schema, urn:hl7finland header extensions',
  'cda-schema/POCD_MT000040.xsd': 'HL7 CDA R2 schema, the base document model',
  'cda-schema/CDA.xsd': 'HL7 CDA R2 schema, the base entry point',
  'cda-schema/datatypes.xsd': 'HL7 V3 data types',
  'cda-schema/datatypes-base.xsd': 'HL7 V3 base data types',
  'cda-schema/voc.xsd': 'HL7 V3 vocabulary',
  'cda-schema/NarrativeBlock.xsd': 'CDA narrative block',
  'cda-schema/infrastructureRoot.xsd': 'HL7 V3 infrastructure root',
  'messages/RCMR_IN100002FI01.xml':
    'a real-format Kanta archiving message (HL7 V3 RCMR_IN100002FI01, MIME multipart)',
  'messages/RCMR_IN100002FI01.cda.xml': 'the CDA document that message carries, decoded from base64',
  'fhir/finnish-scheduling-appointment.json': 'the HL7 Finland Finnish Scheduling example Appointment',
};

/** What is missing, one line each; empty when the folder is complete. */
export function missingConformanceData(dir: string = CONFORMANCE_DIR): string[] {
  if (!existsSync(dir)) return [`${dir} (the conformance folder itself)`];
  return Object.entries(CONFORMANCE_FILES)
    .filter(([file]) => !existsSync(join(dir, file)))
    .map(([file, what]) => `${join(dir, file)} (${what})`);
}

/** Throws one error naming everything missing (called before any test reads a file). */
export function requireConformanceData(): void {
  const missing = missingConformanceData();
  if (missing.length === 0) return;
  throw new Error(
    [
      `conformance data missing from ${CONFORMANCE_DIR}:`,
      ...missing.map((m) => `  - ${m}`),
      'Set KANTASIM_CONFORMANCE_DIR to a folder laid out as docs/conformance.md ("Conformance data") describes.',
    ].join('\n'),
  );
}

/** The path of one conformance file (the folder is checked first). */
export function conformancePath(file: string): string {
  requireConformanceData();
  return join(CONFORMANCE_DIR, file);
}

export function readConformance(file: string): Buffer<ArrayBuffer> {
  return readFileSync(conformancePath(file));
}

export function readConformanceText(file: string): string {
  return readFileSync(conformancePath(file), 'utf8');
}
