/**
 * Code-list lookups the viewer's pages share: code system names, code displays and the appointment
 * booking status map. The words the viewer shows live in `common/i18n/locales/<lang>/viewer.json`
 * (i18n.tsx), not here.
 */
import { AJANVARAUKSEN_TILA_TO_STATUS, CODE_SYSTEMS, codeSystemFor, displayOf } from '../domain/codes.ts';

/** Ajanvarauksen tila → FHIR status (the ConceptMap in `domain/codes.ts`). */
export const AJANVARAUKSEN_TILA_TO_FHIR: Readonly<Record<string, string>> = AJANVARAUKSEN_TILA_TO_STATUS;

export function ajanvarauksenTila(code: string): string | undefined {
  return displayOf(CODE_SYSTEMS.ajanvarauksenTila.oid, code);
}

/** "Name (English gloss)" of a code system OID, or the OID itself when unknown. */
export function codeSystemLabel(oid: string): { name: string; english?: string; known: boolean } {
  const cs = codeSystemFor(oid);
  return cs ? { name: cs.name, english: cs.english, known: true } : { name: oid, known: false };
}

/** The display name of a code: the code server's (kantasim's table) first, else what the document says. */
export function codeDisplay(codeSystem: string, code: string, written?: string): string | undefined {
  return displayOf(codeSystem, code) ?? written;
}
