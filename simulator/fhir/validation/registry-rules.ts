/**
 * Layer 5: registry rules — what the simulator's registries say about the identities in a submission.
 *
 * - Identity codes: what the identity guard (`domain/identity-guard.ts`, table `GUARD_CHECKS`) says
 *   about FHIR. Every Identifier whose system names the identity-code system (however written) must
 *   be a checksum-valid test-range code (900–999), unless the operator started the server with
 *   `--allow-real-identities`; under a temporary-ID system (`….22.<year>`) or any other system a value
 *   is refused only when it is a real person's code; and any other string of the resource (ids,
 *   narrative, display, names, comments) must not contain one.
 * - The service organiser of a Kanta appointment must be a registered, current organisation whose Kanta
 *   customer has deployed `pta-appointment`; otherwise the finding says which expansion of use
 *   (käytön laajennus) to notify.
 *
 * Codes KANTA-ID-0xx, KANTA-REG-0xx.
 */
import { error, guarded, warning, type Finding } from '../../domain/findings.ts';
import { HETU_SYSTEM } from '../../domain/hetu.ts';
import {
  classify,
  findRealCodes,
  findRealCodesInXhtml,
  invalidReason,
  isHetuSystem,
  isTemporarySystem,
} from '../../domain/identity-guard.ts';
import { customerOf } from '../../domain/policy.ts';
import type { RegistryReader } from '../../domain/registry.ts';

const ID_SOURCE = 'https://www.kanta.fi/en/system-developers/test-etiquette (Kela-issued test codes only)';
const ALLOW =
  'real identities are refused unless the server runs with --allow-real-identities; use a Kela-issued test code (e.g. from GET /registry/test-persons)';

/** Visits every string in `node` with its FHIRPath-style location. */
function visitStrings(node: unknown, path: string, visit: (value: string, path: string) => void): void {
  if (typeof node === 'string') {
    visit(node, path);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      visitStrings(v, `${path}[${i}]`, visit);
    });
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>))
    visitStrings(value, `${path}.${key}`, visit);
}

/** Every Identifier-shaped object (string `system` and `value`) with the location of its value. */
function identifiersIn(resource: unknown, root: string): { system: string; value: string; path: string }[] {
  const out: { system: string; value: string; path: string }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        walk(v, `${path}[${i}]`);
      });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.system === 'string' && typeof o.value === 'string')
      out.push({ system: o.system, value: o.value, path: `${path}.value` });
    for (const [key, value] of Object.entries(o))
      if (typeof value === 'object') walk(value, `${path}.${key}`);
  };
  walk(resource, root);
  return out;
}

/** Every identity-code value (system naming `urn:oid:1.2.246.21`, however written) with its location. */
export function identityCodesIn(resource: unknown, root: string): { value: string; path: string }[] {
  return identifiersIn(resource, root)
    .filter((i) => isHetuSystem(i.system))
    .map(({ value, path }) => ({ value, path }));
}

/**
 * The identity guard over one resource (`GUARD_CHECKS`, channel fhir). `allowReal` lets real-range
 * codes through (the operator's logged override); format errors and odd spellings are still reported.
 */
export function checkIdentityCodes(resource: unknown, root: string, allowReal: boolean): Finding[] {
  const findings: Finding[] = [];
  const checked = new Set<string>();
  for (const { system, value, path } of identifiersIn(resource, root)) {
    const hetu = isHetuSystem(system);
    if (hetu && system !== HETU_SYSTEM)
      findings.push(
        warning(
          'KANTA-ID-004',
          path.replace(/\.value$/, '.system'),
          `identifier system '${system}' names the identity-code system but is written differently; write it exactly '${HETU_SYSTEM}'`,
          ID_SOURCE,
        ),
      );
    if (!hetu && !isTemporarySystem(system) && findRealCodes(value).length === 0) continue;
    checked.add(path);
    const kind = classify(value, hetu ? '1.2.246.21' : system);
    if (kind === 'real' && !allowReal) {
      const where = hetu ? '' : ` under identifier system '${system}'`;
      findings.push(
        guarded(
          error(
            'KANTA-ID-002',
            path,
            `identity code '${value}'${where} is a real person's code (individual number in the real-person range 002–899); ${ALLOW}`,
            ID_SOURCE,
          ),
        ),
      );
    } else if (kind === 'invalid' && hetu) {
      findings.push(
        error(
          'KANTA-ID-001',
          path,
          `'${value}' is not a valid identity code: ${invalidReason(value) ?? 'not an identity code'}`,
          ID_SOURCE,
        ),
      );
    }
  }
  if (allowReal) return findings;
  visitStrings(resource, root, (value, path) => {
    if (checked.has(path)) return;
    // A narrative is read as its reader sees it too: tags removed, character references decoded.
    const codes = path.endsWith('.div') ? findRealCodesInXhtml(value) : findRealCodes(value);
    if (codes.length === 0) return;
    findings.push(
      guarded(
        error(
          'KANTA-ID-003',
          path,
          `this text contains a real person's identity code (${codes.join(', ')}); ids, names, narrative and other free text must not carry one: remove it or use a Kela-issued test code (e.g. from GET /registry/test-persons); real identities are refused unless the server runs with --allow-real-identities`,
          ID_SOURCE,
        ),
      ),
    );
  });
  return findings;
}

const REG_SOURCE =
  'Kanta, Käytön laajennus, https://www.kanta.fi/ammattilaiset/kayton-laajennus; docs/kanta.md#expansion-of-use';

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
