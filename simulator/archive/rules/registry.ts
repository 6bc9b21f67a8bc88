/**
 * Registry and deployment rules (CDA-REG-001…007): the custodian is a registered register controller,
 * its organisation is a Kanta customer that has deployed what the document needs, and the message came
 * from one of that customer's registered connection points — or, for a social-welfare message, from the
 * organisation's or one of its units' own OID, as the public social-welfare frames send.
 *
 * Facts: docs/kanta.md#patient-data-repository (custodian `….19.0`), docs/kanta.md#deployment-test-and-the-archivists-check (deployment prerequisites), docs/kanta.md#code-server-and-oids (register controller,
 * code server), docs/kanta.md#expansion-of-use. Pure: the caller loads the registry records.
 */
import { SERVICE_NAMES } from '../../domain/codes.ts';
import { error, warning, type Finding } from '../../domain/findings.ts';
import type { ArchiveMessageMeta, CdaHeader } from '../../domain/cda.ts';
import type { Customer, Organisation } from '../../domain/registry.ts';
import type { ServiceNeed } from '../service-needs.ts';

const CUSTODIAN = '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root';

export interface RegistryInput {
  header: CdaHeader;
  message?: ArchiveMessageMeta;
  /** The code-server entry of the custodian OID, if any. */
  custodian?: Organisation;
  /** Customer data of the organisation the custodian belongs to, if any. */
  customer?: Customer;
  needs: readonly ServiceNeed[];
  /**
   * True for a social-welfare document in Kanta's format, whose custodian is the organisation or one of
   * its units (the register keeper), not a `….19.0` register controller.
   */
  socialCustodian?: boolean;
  /** The repository the submission was sent to (the sender rule differs, see senderOrganisation). */
  repository?: 'pta' | 'social';
  /** The message's interaction (its root element), for the finding's location. */
  interaction?: string;
  /**
   * Social welfare: the code-server entry the sender device's root names, when that is the customer's
   * organisation or one of its units (`partOf` up to it). The public social-welfare frames send from the
   * organisation's or a unit's OID, so such a sender needs no connection point of its own.
   */
  senderOrganisation?: Organisation;
}

/** True when a sender device id names connection point `id` (as root, extension or root.extension). */
export function deviceMatches(device: { root: string; extension?: string }, id: string): boolean {
  return device.root === id || device.extension === id || `${device.root}.${device.extension ?? ''}` === id;
}

export function checkRegistry(input: RegistryInput): Finding[] {
  const { header, custodian, customer } = input;
  const f: Finding[] = [];
  const oid = header.custodian?.oid;
  if (oid === undefined) return f; // CDA-HDR-012 already says so
  if (!custodian) {
    f.push(
      error(
        'CDA-REG-001',
        CUSTODIAN,
        input.socialCustodian === true
          ? `custodian ${oid} is not in the code server; the custodian of a social-welfare document is your organisation or one of its units — register it (PUT /registry/organisations/${oid}) or correct the OID`
          : `custodian ${oid} is not in the code server; the custodian must be your organisation's registered register controller (…19.0) — register it or correct the OID`,
      ),
    );
    return f;
  }
  if (custodian.kind !== 'register-controller' && input.socialCustodian !== true) {
    f.push(
      error(
        'CDA-REG-002',
        CUSTODIAN,
        `custodian ${oid} is registered as a ${custodian.kind}, not a register controller; give the register controller (…19.0) of ${custodian.partOf ?? custodian.oid}`,
      ),
    );
    return f;
  }
  if (!custodian.active)
    f.push(
      warning(
        'CDA-REG-006',
        CUSTODIAN,
        `register controller ${oid} is no longer current in the code server; update its entry`,
      ),
    );
  if (!customer) {
    f.push(
      error(
        'CDA-REG-003',
        CUSTODIAN,
        `register controller ${oid} belongs to ${custodian.partOf ?? '?'}, which has no Kanta customer data; send the deployment data to Kela (registry customers) first`,
      ),
    );
    return f;
  }
  for (const need of input.needs) {
    if (customer.services.includes(need.service)) continue;
    const name = SERVICE_NAMES[need.service];
    f.push(
      error(
        'CDA-REG-004',
        CUSTODIAN,
        `${customer.orgOid} has not deployed '${need.service}' (${name.fi} / ${name.en}), ${need.clause ?? `which ${need.because} needs`}; notify Kela of an expansion of use (käytön laajennus) for '${need.service}' before archiving such documents`,
      ),
    );
  }
  const device = input.message?.senderDevice;
  if (input.message && device) {
    const named = `${device.root}${device.extension === undefined ? '' : ` / ${device.extension}`}`;
    const registered = customer.connectionPoints.map((c) => c.id).join(', ') || 'none';
    const path = `/${input.interaction ?? input.message.interactionId}/sender/device/id`;
    if (
      !customer.connectionPoints.some((cp) => deviceMatches(device, cp.id)) &&
      input.senderOrganisation === undefined
    )
      f.push(
        error(
          'CDA-REG-005',
          path,
          input.repository === 'social'
            ? `sender device ${named} is neither a registered connection point of ${customer.orgOid} (registered: ${registered}) nor ${customer.orgOid} or one of its units in the code server; send from your organisation's or a unit's OID, or through a registered connection point`
            : `sender device ${named} is not a registered connection point of ${customer.orgOid} (registered: ${registered}); send through a registered connection point or announce this one to Kela`,
        ),
      );
  } else if (!input.message) {
    f.push({
      code: 'CDA-REG-007',
      severity: 'information',
      path: '/ClinicalDocument',
      message:
        'a bare CDA document has no sender device, so the connection point was not checked; Kanta itself only accepts the HL7 V3 message',
    });
  }
  return f;
}
