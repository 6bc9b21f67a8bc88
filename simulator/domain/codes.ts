/**
 * Code systems kantasim knows by OID, and the Kanta services and deployment categories a customer can
 * deploy. The code lists themselves (OIDs, names, codes, displays, sources) are data files read by
 * `code-lists.ts`; this module gives the rest of the simulator the short view it has always used
 * (`CODE_SYSTEMS.views.oid`, `displayOf(oid, code)`), built from those files, so no code list lives in
 * rule code.
 *
 * Versioned OIDs: the code server appends the approval year to a base OID (`1.2.246.537.6.881.201501`);
 * `codeSystemFor` accepts either form.
 */
import {
  CODE_LISTS,
  CODE_SYSTEM_KEYS,
  DOCUMENT_GROUPS,
  codeListFor,
  type CodeList,
  type CodeSystemKey,
  type DocumentGroup,
} from './code-lists.ts';

export { DOCUMENT_GROUPS, type CodeSystemKey, type DocumentGroup };

export interface CodeSystem {
  /** Base OID, without version suffix. */
  oid: string;
  /** Name in the national code server (Finnish). */
  name: string;
  /** English gloss for the viewer. */
  english: string;
  /** Codes with their Finnish display names, as far as kantasim's data lists them. */
  codes: Readonly<Record<string, string>>;
  /** Title of the public source of the list. */
  source: string;
}

function summary(list: CodeList): CodeSystem {
  const codes: Record<string, string> = {};
  for (const c of list.codes) if (c.display) codes[c.code] = c.display.fi;
  return { oid: list.oid, name: list.name.fi, english: list.english, codes, source: list.source.title };
}

export const CODE_SYSTEMS: Readonly<Record<CodeSystemKey, CodeSystem>> = Object.fromEntries(
  CODE_SYSTEM_KEYS.map((k) => {
    const list = CODE_LISTS.get(k);
    if (!list) throw new Error(`no code list ${k}`);
    return [k, summary(list)];
  }),
) as Record<CodeSystemKey, CodeSystem>;

/**
 * Ajanvarauksen tila → FHIR Appointment.status, the HL7 Finland ConceptMap
 * ajanvarauksentila-appointmentstatus (FI Scheduling implementation guide). Code 5 (Siirretty) is deprecated; the reverse map
 * takes `arrived` to 3 (or 6), and `entered-in-error` has no Finnish code.
 */
export const AJANVARAUKSEN_TILA_TO_STATUS = {
  '1': 'waitlist',
  '2': 'proposed',
  '8': 'pending',
  '3': 'booked',
  '4': 'cancelled',
  '5': 'cancelled',
  '10': 'checked-in',
  '6': 'fulfilled',
  '7': 'fulfilled',
  '9': 'noshow',
} as const satisfies Record<string, string>;

/**
 * The code system for an OID, with or without a version suffix (`.2008`, `.201501`) or `urn:oid:` prefix.
 */
export function codeSystemFor(oidOrUrn: string): CodeSystem | undefined {
  const list = codeListFor(oidOrUrn);
  return list === undefined ? undefined : CODE_SYSTEMS[list.key];
}

/** True when `oidOrUrn` names code system `key`, with or without version suffix. */
export function isCodeSystem(oidOrUrn: string, key: CodeSystemKey): boolean {
  return codeListFor(oidOrUrn)?.key === key;
}

/** Display name of a code, when known. */
export function displayOf(oidOrUrn: string, code: string): string | undefined {
  return codeSystemFor(oidOrUrn)?.codes[code];
}

/** The Kanta services a customer can deploy (Kanta deployment and expansion of use, kanta.fi). */
export const SERVICES = [
  'pta',
  'pta-appointment',
  'pta-imaging',
  'pta-certificates',
  'pta-old-data',
  'pta-purchased-services',
  'pta-acting-on-behalf',
  'social-welfare',
] as const;
export type Service = (typeof SERVICES)[number];

export const SERVICE_NAMES: Readonly<Record<Service, { en: string; fi: string }>> = {
  pta: { en: 'Patient Data Repository', fi: 'Potilastiedon arkisto' },
  'pta-appointment': { en: 'Appointment booking', fi: 'Ajanvaraus' },
  'pta-imaging': { en: 'Imaging archiving', fi: 'Kuvantamisen arkistointi' },
  'pta-certificates': { en: 'Certificates and statements', fi: 'Todistukset ja lausunnot' },
  'pta-old-data': { en: 'Old patient data', fi: 'Vanhat potilastiedot' },
  'pta-purchased-services': { en: 'Authorisation for purchased services', fi: 'Ostopalvelun valtuutus' },
  'pta-acting-on-behalf': { en: 'Acting on behalf of another person', fi: 'Toisen puolesta asiointi' },
  'social-welfare': {
    en: 'Social Welfare Client Data Repository',
    fi: 'Sosiaalihuollon asiakastiedon arkisto',
  },
};

/**
 * Names of the deployment categories of social-welfare documents (vanhat asiakirjat, I-vaiheen and
 * II-vaiheen asiakirjat) that a customer's registry entry records. Which document-group codes fall in which
 * category is data: `code-lists/document-group-categories.json`.
 */
export const DOCUMENT_GROUP_NAMES: Readonly<Record<DocumentGroup, { en: string; fi: string }>> = {
  old: { en: 'Old client documents', fi: 'Vanhat asiakirjat' },
  phase1: { en: 'Phase 1 documents', fi: 'I-vaiheen asiakirjat' },
  phase2: { en: 'Phase 2 documents', fi: 'II-vaiheen asiakirjat' },
};
