/**
 * The submission policy: how strictly a submission is judged, written once for both channels (FHIR and
 * the CDA archive) so the same findings always lead to the same decision.
 *
 * `strict` (the default, as Kanta): a submission with errors is refused. `rehearsal`: it is stored,
 * marked invalid, and its errors come back as warnings ("tag instead of reject"), so a vendor can look at
 * what was sent. Three kinds of finding refuse in every mode, because there is nothing that may be stored:
 * a `fatal` finding (unreadable input, no usable identity of the submission), input the caller says
 * cannot be stored (`storable: false`), and a blocking finding of the identity guard (`guard: true`, set
 * where the identity rules create it). Rehearsal may relax content rules; it never relaxes the identity
 * guard: only `--allow-real-identities` lifts that, inside the identity rules themselves.
 *
 * Pure apart from `customerOf`, which asks the registry through its read-only port.
 */
import { isBlocking, type Finding } from './findings.ts';
import type { Customer, RegistryReader } from './registry.ts';

export type ValidationMode = 'strict' | 'rehearsal';

export const VALIDATION_MODES: readonly ValidationMode[] = ['strict', 'rehearsal'];

/** The request header that chooses the mode for one submission. */
export const MODE_HEADER = 'X-Kantasim-Mode';

/**
 * A mode name as given in configuration or a header: case-insensitive, surrounding blanks ignored.
 * Undefined when it names no mode.
 */
export function modeNamed(value: string): ValidationMode | undefined {
  const v = value.trim().toLowerCase();
  return (VALIDATION_MODES as readonly string[]).includes(v) ? (v as ValidationMode) : undefined;
}

/**
 * Reads `X-Kantasim-Mode`. Absent or empty: the server's mode. A value that names no mode is a fatal
 * finding with the channel's code (`FHIR-HTTP-400`, `CDA-MSG-014`): guessing a mode would judge the
 * submission differently from what the sender asked.
 */
export function parseModeHeader(
  value: string | undefined,
  fallback: ValidationMode,
  code: string,
): ValidationMode | Finding {
  if (value === undefined || value.trim() === '') return fallback;
  return (
    modeNamed(value) ?? {
      code,
      severity: 'fatal',
      path: MODE_HEADER,
      message: `${MODE_HEADER} must be 'strict' or 'rehearsal', not '${value}'`,
    }
  );
}

export interface Decision {
  /** Whether the submission is stored. */
  store: boolean;
  /** Whether what is stored is valid (false: stored in rehearsal although invalid, tagged so). */
  valid: boolean;
  /** The findings as the answer carries them: in rehearsal the errors of a stored submission as warnings. */
  answered: Finding[];
  /** Why it was refused, when it was. */
  refusedBecause?: 'blocking' | 'fatal' | 'unstorable' | 'identity-guard';
}

export interface DecideOptions {
  /** False when the input cannot be stored even in rehearsal (it did not parse as what it claims). */
  storable?: boolean;
}

/** Marks added to an error answered as a warning because rehearsal stored the submission anyway. */
export const REHEARSAL_NOTE = '(rehearsal: stored, tagged invalid)';

/** Errors as warnings, each saying it was stored in rehearsal; other findings unchanged. */
export function downgradeForRehearsal(findings: readonly Finding[]): Finding[] {
  return findings.map((f) =>
    isBlocking(f) ? { ...f, severity: 'warning' as const, message: `${f.message} ${REHEARSAL_NOTE}` } : f,
  );
}

/** Why a submission with these findings must be refused in every mode, if it must. */
function alwaysRefused(
  findings: readonly Finding[],
  options: DecideOptions,
): Decision['refusedBecause'] | undefined {
  if (findings.some((f) => f.guard === true && isBlocking(f))) return 'identity-guard';
  if (findings.some((f) => f.severity === 'fatal')) return 'fatal';
  if (options.storable === false && findings.some(isBlocking)) return 'unstorable';
  return undefined;
}

/** The one decision: store clean, store marked invalid (rehearsal), or refuse. */
export function decide(
  findings: readonly Finding[],
  mode: ValidationMode,
  options: DecideOptions = {},
): Decision {
  if (!findings.some(isBlocking)) return { store: true, valid: true, answered: [...findings] };
  const always = alwaysRefused(findings, options);
  if (always !== undefined)
    return { store: false, valid: false, answered: [...findings], refusedBecause: always };
  if (mode === 'strict')
    return { store: false, valid: false, answered: [...findings], refusedBecause: 'blocking' };
  return { store: true, valid: false, answered: downgradeForRehearsal(findings) };
}

/** How far `customerOf` walks up `partOf`; the code server's hierarchy is a few levels deep. */
const MAX_PART_OF_DEPTH = 8;

/**
 * Which Kanta customer an organisation acts for: the organisation's own customer data if it has any,
 * otherwise that of the organisation it belongs to, walking `partOf` upwards (a unit or register
 * controller → its organisation). The first customer found wins; a loop in `partOf` ends the walk.
 * Kanta's deployment data belong to the organisation that joined (Kanta customer, Kela's deployment
 * notification), and units and register controllers act on its behalf.
 */
export async function customerOf(registry: RegistryReader, orgOid: string): Promise<Customer | undefined> {
  const seen = new Set<string>();
  let oid: string | undefined = orgOid;
  while (oid !== undefined && !seen.has(oid) && seen.size < MAX_PART_OF_DEPTH) {
    seen.add(oid);
    const customer = await registry.getCustomer(oid);
    if (customer) return customer;
    oid = (await registry.getOrganisation(oid))?.partOf;
  }
  return undefined;
}
