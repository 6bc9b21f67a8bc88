/**
 * The validation pipeline: layers in order, each a module of its own.
 *
 *   1 JSON and resourceType (structure.ts)       → 400 when it fails; nothing else runs
 *   2 R4 structure: ajv on the official schema, then the R4 base rules the schema does not encode
 *     (r4-base.ts: cardinality, choice types, Extension.url, primitive extensions, element ids)
 *                                                 → 400 when it fails; later layers need the structure
 *   3 R4 invariants, FHIRPath (invariants.ts)     → 422
 *   4 Finnish Scheduling (fi-scheduling.ts), and Kanta PTA rules (kanta-profiles.ts) when the resource
 *     is a Kanta appointment (in a Kanta transaction, or claiming the Kanta profile)      → 422
 *   5 registry: identity codes (registry-rules.ts); the service organiser is checked by the Kanta
 *     transaction, which knows the Provenance                                              → 422
 *
 * Pure apart from the registry's organiser check, which the caller runs in its transaction.
 */
import type { Appointment, HealthcareService, Provenance } from 'fhir/r4.js';
import { error, hasBlocking, type Finding } from '../../domain/findings.ts';
import { checkInvariants } from './invariants.ts';
import { checkFiSchedulingAppointment, checkFiSchedulingHealthcareService } from './fi-scheduling.ts';
import {
  checkKantaAppointment,
  checkKantaProvenance,
  claimsKantaProfile,
  type ProvenanceContext,
} from './kanta-profiles.ts';
import { checkR4Base, withoutSchemaDuplicates } from './r4-base.ts';
import { checkIdentityCodes } from './registry-rules.ts';
import { checkResourceType, checkStructure, type ParsedResource } from './structure.ts';

export type Layer = 'json' | 'structure' | 'invariants' | 'profiles' | 'registry';

export interface ValidateOptions {
  /** The type the URL names, if any. */
  expectedType?: string;
  supported: (type: string) => boolean;
  /** `true`: Kanta rules apply (Kanta transaction); `'auto'`: when the resource claims the Kanta profile. */
  kanta: boolean | 'auto';
  /** For a Provenance in a Kanta transaction. */
  provenance?: ProvenanceContext;
  allowRealIdentities: boolean;
}

export interface ValidationResult {
  findings: Finding[];
  /** The resource, when it got past layer 1. */
  resource?: ParsedResource;
  /** HTTP status to refuse with in strict mode (400 for layers 1–2, 422 after), when blocking. */
  refuseWith?: 400 | 422;
  /** Whether rehearsal mode may store it (it parsed and has a served type). */
  storable: boolean;
}

/**
 * Runs one rule layer; a rule that throws on odd input is reported as an error (the input cannot be
 * trusted), never allowed to crash the request.
 */
function layer(name: string, run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch (err) {
    return [
      error(
        'KANTASIM-000',
        '',
        `the ${name} rules could not finish on this input (${err instanceof Error ? err.message : String(err)}); fix the other findings first`,
      ),
    ];
  }
}

export function validateResource(body: unknown, options: ValidateOptions): ValidationResult {
  const typed = checkResourceType(body, options);
  if ('findings' in typed) return { findings: typed.findings, refuseWith: 400, storable: false };
  const resource = typed.resource;
  const schema = layer('structure', () => checkStructure(resource));
  const structure = [
    ...schema,
    ...withoutSchemaDuplicates(
      layer('R4 base', () => checkR4Base(resource)),
      schema,
    ),
  ];
  if (hasBlocking(structure)) return { findings: structure, resource, refuseWith: 400, storable: true };

  const findings: Finding[] = [...structure];
  findings.push(...layer('invariant', () => checkInvariants(resource)));
  switch (resource.resourceType) {
    case 'Appointment': {
      const a = resource as unknown as Appointment;
      findings.push(...layer('Finnish Scheduling', () => checkFiSchedulingAppointment(a)));
      if (options.kanta === true || (options.kanta === 'auto' && claimsKantaProfile(a))) {
        findings.push(...layer('Kanta appointment', () => checkKantaAppointment(a)));
      }
      break;
    }
    case 'Provenance':
      if (options.provenance !== undefined) {
        const ctx = options.provenance;
        findings.push(
          ...layer('Kanta Provenance', () => checkKantaProvenance(resource as unknown as Provenance, ctx)),
        );
      }
      break;
    case 'HealthcareService':
      findings.push(
        ...layer('Finnish Scheduling', () =>
          checkFiSchedulingHealthcareService(resource as unknown as HealthcareService),
        ),
      );
      break;
    default:
      break;
  }
  findings.push(
    ...layer('identity code', () =>
      checkIdentityCodes(resource, resource.resourceType, options.allowRealIdentities),
    ),
  );
  return hasBlocking(findings)
    ? { findings, resource, refuseWith: 422, storable: true }
    : { findings, resource, storable: true };
}
