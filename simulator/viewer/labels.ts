/**
 * Words the viewer shows: English labels with the Finnish terms the archivist knows from Kanta
 * (docs/kanta.md; Finnish terms as kanta.fi uses them). Kept in one place so a page never invents its own.
 */
import { AJANVARAUKSEN_TILA_TO_STATUS, CODE_SYSTEMS, codeSystemFor, displayOf } from '../domain/codes.ts';
import type { ArchivedDocumentStatus, ArchiveRepositoryKind } from '../domain/cda.ts';

export interface Term {
  en: string;
  fi: string;
}

export const REPOSITORY_TERMS: Readonly<Record<ArchiveRepositoryKind, Term & { short: string }>> = {
  pta: { en: 'Patient Data Repository', fi: 'Potilastiedon arkisto', short: 'PTA' },
  social: {
    en: 'Social Welfare Client Data Repository',
    fi: 'Sosiaalihuollon asiakastiedon arkisto',
    short: 'Sosiaali',
  },
};

export const STATUS_TERMS: Readonly<Record<ArchivedDocumentStatus, Term>> = {
  current: { en: 'Current', fi: 'Voimassa' },
  replaced: { en: 'Replaced', fi: 'Korvattu' },
  nullified: { en: 'Nullified', fi: 'Mitätöity' },
};

/** FHIR Appointment.status values with Finnish glosses (https://hl7.org/fhir/R4/valueset-appointmentstatus.html). */
export const FHIR_APPOINTMENT_STATUS: Readonly<Record<string, Term>> = {
  proposed: { en: 'proposed', fi: 'ehdotettu' },
  pending: { en: 'pending', fi: 'odottaa vahvistusta' },
  booked: { en: 'booked', fi: 'varattu' },
  arrived: { en: 'arrived', fi: 'saapunut' },
  fulfilled: { en: 'fulfilled', fi: 'toteutunut' },
  cancelled: { en: 'cancelled', fi: 'peruttu' },
  noshow: { en: 'no-show', fi: 'saapumatta' },
  'entered-in-error': { en: 'entered in error', fi: 'virheellisesti kirjattu' },
  'checked-in': { en: 'checked in', fi: 'ilmoittautunut' },
  waitlist: { en: 'waitlist', fi: 'jonossa' },
};

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

/** Document type name from the eArkisto - Asiakirjan tyyppi table, for the find form and lists. */
export function documentTypeName(code: string | undefined): string | undefined {
  return code === undefined ? undefined : displayOf(CODE_SYSTEMS.documentType.oid, code);
}

/** `2026-09-15T10:15:00` → `15.9.2026 10.15` (Finnish style, as the archivist reads it). */
export function finnishDateTime(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi] = m;
  const date = `${Number(d)}.${Number(mo)}.${y ?? ''}`;
  return h === undefined ? date : `${date} ${h}.${mi ?? '00'}`;
}
