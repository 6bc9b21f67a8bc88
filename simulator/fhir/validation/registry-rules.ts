/**
 * Layer 5: registry rules — what the simulator's registries say about the identities in a submission.
 *
 * - Every identity code (any Identifier with system `urn:oid:1.2.246.21`, anywhere in the resource,
 *   contained resources included) must be a checksum-valid test-range code (900–999), unless the
 *   operator started the server with `--allow-real-identities` (`../shared/domain.md` §1, §6).
 *   Temporary IDs (roots `….22.<year>`) are not checksum-validated.
 * - The service organiser of a Kanta appointment must be a registered, current organisation whose Kanta
 *   customer has deployed `pta-appointment`; otherwise the finding says which expansion of use
 *   (käytön laajennus) to notify.
 *
 * Codes KANTA-ID-0xx, KANTA-REG-0xx.
 */
import { visitObjects } from './walk.ts';
import { error, guarded, type Finding } from '../../domain/findings.ts';
import { HETU_SYSTEM, validateTestHetu } from '../../domain/hetu.ts';
import { customerOf } from '../../domain/policy.ts';
import type { RegistryReader } from '../../domain/registry.ts';

const ID_SOURCE = 'domain.md §1, §6 (identity codes)';

/** Every identity-code value with its FHIRPath location. */
export function identityCodesIn(resource: unknown, root: string): { value: string; path: string }[] {
  const out: { value: string; path: string }[] = [];
  visitObjects(resource, root, (o, path) => {
    if (o.system === HETU_SYSTEM && typeof o.value === 'string')
      out.push({ value: o.value, path: `${path}.value` });
  });
  return out;
}

/** Identity codes must be valid test-range codes (or valid at all, when real ones are allowed). */
export function checkIdentityCodes(resource: unknown, root: string, allowReal: boolean): Finding[] {
  // Findings of the identity guard (`guard`): refused in every mode, rehearsal included.
  return identityCodesIn(resource, root).flatMap(({ value, path }) => {
    const result = validateTestHetu(value, { allowReal });
    if (result.ok) return [];
    const problem = result.problem;
    if (problem.reason === 'real-person-range') {
      return [
        guarded(
          error(
            'KANTA-ID-002',
            path,
            `identity code '${value}' is a real person's code: ${problem.message}. Use a Kela-issued test code (e.g. from GET /registry/test-persons); real identities are refused unless the server runs with --allow-real-identities`,
            ID_SOURCE,
          ),
        ),
      ];
    }
    return [
      guarded(
        error(
          'KANTA-ID-001',
          path,
          `'${value}' is not a valid identity code: ${problem.message}${problem.expected !== undefined ? ` (expected ${problem.expected})` : ''}`,
          ID_SOURCE,
        ),
      ),
    ];
  });
}

const REG_SOURCE = 'domain.md §6; issue 2 (registry, expansion of use)';

/**
 * The service organiser must be known to the code-server mock and its customer must have deployed the
 * appointment service. The customer is found by the submission policy's one order (`customerOf`): the
 * organisation itself, then the organisations it belongs to (`partOf`).
 */
export async function checkServiceOrganiser(
  registry: RegistryReader,
  oid: string,
  path: string,
): Promise<Finding[]> {
  const org = await registry.getOrganisation(oid);
  if (!org) {
    return [
      error(
        'KANTA-REG-001',
        path,
        `service organiser ${oid} is not in the SOTE organisation register (code server); register it (POST /registry/organisations) or use the organisation's registered OID`,
        REG_SOURCE,
      ),
    ];
  }
  if (!org.active) {
    return [
      error(
        'KANTA-REG-002',
        path,
        `service organiser ${oid} (${org.name}) is no longer current in the code server; use the current OID or reactivate the entry`,
        REG_SOURCE,
      ),
    ];
  }
  const customer = await customerOf(registry, oid);
  if (!customer) {
    return [
      error(
        'KANTA-REG-003',
        path,
        `${org.name} (${oid}) is not a Kanta customer; it must join Kanta (deployment data to Kela) before storing appointments`,
        REG_SOURCE,
      ),
    ];
  }
  if (!customer.services.includes('pta-appointment')) {
    return [
      error(
        'KANTA-REG-004',
        path,
        `customer ${customer.orgOid} has not deployed the appointment service: notify Kela of an expansion of use (käytön laajennus) for Potilastiedon arkisto – Ajanvaraus (pta-appointment), then record it (PUT /registry/customers/${customer.orgOid})`,
        REG_SOURCE,
      ),
    ];
  }
  return [];
}
