/**
 * Which Kanta services a customer must have deployed for a document to be archived.
 *
 * The Patient Data Repository needs `pta` for every document; some content needs an extension of use as
 * well. Kela's exact criteria are not public; kantasim decides with this one table, documented in
 * docs/archive.md, so a vendor can compare and the lead can correct it in one place:
 * - `pta-imaging`: a view code (AR/YDIN - Näkymät, 1.2.246.537.6.12) of `102` RTG, or a function code
 *   under `06.04` Kuvantaminen (STM - Terveydenhuollon tehtäväluokitus).
 * - `pta-certificates`: a view code in `CERTIFICATE_VIEW_CODES`. `TOD` is a kantasim assumption (no public
 *   source shows such a view code; Kanta names certificates by form codes such as F122) and is marked so
 *   in the views code list, in the catalogue (CDA-REG-004's certificate wording and its source) and in
 *   the finding's message, in every language.
 * - `pta-old-data`: the document's metadata flags it as old patient data (`OLD_DATA_FLAG`). Kanta flags
 *   old data in the header from "Potilastiedon arkiston CDA R2 Header" 4.58 on, relative to the
 *   organisation's own deployment, not by a fixed date (kanta.fi, Vanhat potilastiedot); the exact
 *   element is not public, so the flag's form is a kantasim assumption.
 * The social-welfare repository needs `social-welfare`; its document group and service task are checked
 * in rules/social.ts.
 */
import type { Service } from '../domain/codes.ts';
import type { ArchiveRepositoryKind, CdaHeader } from '../domain/cda.ts';

export const IMAGING_VIEW_CODES: readonly string[] = ['102'];
export const IMAGING_FUNCTION_PREFIX = '06.04';
/** View codes of certificates and statements; each is in the views code list (`TOD`: an assumption). */
export const CERTIFICATE_VIEW_CODES: readonly string[] = ['TOD'];

/**
 * kantasim's assumption for the old-patient-data flag: a `hl7fi:localHeader/hl7fi:KantaMetadata` pair
 * (the HL7 Finland header's generic name/value element) whose `FieldName/@root` is `field` and whose
 * `FieldValue` is `true`. `field` is an OID under kantasim's own 2.25 root, so nobody mistakes it for a
 * Kanta identifier. Named here once; docs/archive.md shows the XML.
 */
export const OLD_DATA_FLAG = {
  field: `2.25.${BigInt(`0x${Buffer.from('kantasim-olddata').toString('hex')}`).toString()}`,
  value: 'true',
  path: '/ClinicalDocument/hl7fi:localHeader/hl7fi:KantaMetadata',
  status: 'assumption',
} as const;

/** True when the header carries the old-patient-data flag. */
export function isOldPatientData(header: CdaHeader): boolean {
  return (header.localHeader.kantaMetadata ?? []).some(
    (m) => m.field === OLD_DATA_FLAG.field && m.value?.trim().toLowerCase() === OLD_DATA_FLAG.value,
  );
}

export interface ServiceNeed {
  service: Service;
  /** Why the document needs it, for the finding's message. */
  because: string;
  /**
   * The whole "which … needs" clause of the CDA-REG-004 message, for a need that rests on a kantasim
   * assumption the message must name; the catalogue words it in Finnish, Swedish and English.
   */
  clause?: string;
}

export function servicesNeeded(header: CdaHeader, repository: ArchiveRepositoryKind): ServiceNeed[] {
  if (repository === 'social')
    return [{ service: 'social-welfare', because: 'every social-welfare document' }];
  const needs: ServiceNeed[] = [{ service: 'pta', because: 'every Patient Data Repository document' }];
  const views = header.viewCodes.map((v) => v.code);
  const imagingView = views.find((v) => IMAGING_VIEW_CODES.includes(v));
  const fn = header.localHeader.functionCode?.code;
  if (imagingView !== undefined)
    needs.push({ service: 'pta-imaging', because: `view code ${imagingView} (imaging)` });
  else if (fn?.startsWith(IMAGING_FUNCTION_PREFIX) === true)
    needs.push({ service: 'pta-imaging', because: `function code ${fn} (Kuvantaminen)` });
  const certificate = views.find((v) => CERTIFICATE_VIEW_CODES.includes(v));
  if (certificate !== undefined)
    needs.push({
      service: 'pta-certificates',
      because: `view code ${certificate} (certificates and statements)`,
      clause: `which view code ${certificate} (certificates and statements) needs by a kantasim assumption: no public source gives a view code ${certificate}, and Kanta identifies certificates by form codes such as F122`,
    });
  if (isOldPatientData(header))
    needs.push({
      service: 'pta-old-data',
      because: `the old-patient-data flag (KantaMetadata ${OLD_DATA_FLAG.field} = true, a kantasim assumption)`,
    });
  return needs;
}
