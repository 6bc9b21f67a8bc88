/**
 * Fault modes of the reference vendor system: each one breaks one Kanta rule on purpose, so a
 * deployment-test scenario can show that it catches the mistake and names the rule. Chosen at start
 * (`--fault NAME`); normal mode has none.
 */

export const FAULTS = {
  'wrong-status-mapping':
    'a cancelled appointment keeps ajanvarauksen tila 3 (Varattu) instead of 4 (Peruttu): FI-SCHED-053',
  'missing-provenance':
    'appointment transactions carry the Appointment without its Provenance: KANTA-TX-001 (docs/kanta.md#kanta-appointment-api)',
  'real-identity':
    "the author of archived documents is identified by a real person's identity code: CDA-ID-002",
  'stale-version':
    'changes send the version the system saw at booking time in If-Match, never the latest: 412 KANTA-TX-002 (FHIR-VERSION-001 on a plain update)',
  'undeployed-group':
    'social-welfare phase-1 documents are coded as phase 2, a document group the customer has not deployed: CDA-SOC-003',
  'wrong-custodian':
    'documents name the provider organisation (…10.0) as custodian instead of its register controller (…19.0): CDA-REG-002',
  'wrong-connection-point':
    'messages are sent from a device that is not a registered connection point of the customer: CDA-REG-005',
  'source-mismatch':
    "the archived document's title differs from the source record (Kanta accepts it; the archivist's comparison does not)",
} as const;

export type Fault = keyof typeof FAULTS;

/** The fault named on the command line, or a message listing the known ones. */
export function parseFault(name: string | undefined): Fault | undefined {
  if (name === undefined || name === '' || name === 'none') return undefined;
  if (Object.hasOwn(FAULTS, name)) return name as Fault;
  throw new Error(`unknown fault '${name}'; known: ${Object.keys(FAULTS).join(', ')}`);
}
