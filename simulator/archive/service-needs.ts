/**
 * Which Kanta services a customer must have deployed for a document to be archived.
 *
 * The Patient Data Repository needs `pta` for every document; some content needs an extension of use as
 * well. Kela's exact criteria are not public [NF]; kantasim decides with this one table, documented in
 * docs/archive.md, so a vendor can compare and the lead can correct it in one place:
 * - `pta-imaging`: a view code (AR/YDIN - Näkymät, 1.2.246.537.6.12) of `102` RTG, or a function code
 *   under `06.04` Kuvantaminen (STM - Terveydenhuollon tehtäväluokitus) — domain.md §3 radiology sample.
 * - `pta-certificates`: a view code in `CERTIFICATE_VIEW_CODES` (placeholder codes, [NF]).
 * - `pta-old-data`: effectiveTime before `OLD_DATA_BEFORE` (documents from before Kanta use, [NF]).
 * The social-welfare repository needs `social-welfare`; its document group and service task are checked
 * in rules/social.ts.
 */
import type { Service } from '../domain/codes.ts';
import type { ArchiveRepositoryKind, CdaHeader } from '../domain/cda.ts';
import { tsToIso } from './header.ts';

export const IMAGING_VIEW_CODES: readonly string[] = ['102'];
export const IMAGING_FUNCTION_PREFIX = '06.04';
export const CERTIFICATE_VIEW_CODES: readonly string[] = ['TOD'];
/** ISO date: documents whose effectiveTime is earlier are old patient data. */
export const OLD_DATA_BEFORE = '2010-01-01';

export interface ServiceNeed {
  service: Service;
  /** Why the document needs it, for the finding's message. */
  because: string;
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
    });
  const at = tsToIso(header.effectiveTime);
  if (at !== undefined && at < OLD_DATA_BEFORE)
    needs.push({
      service: 'pta-old-data',
      because: `effectiveTime ${at} is before ${OLD_DATA_BEFORE} (old patient data)`,
    });
  return needs;
}
