/**
 * What one archivist may see: the register controller (rekisterinpitäjä) of the account, and nothing
 * else (domain.md §4: "archivist normally limited to own organisation's registers").
 *
 * The mapping, decided here:
 * - **Documents**: a CDA document belongs to the register named by its custodian
 *   (`custodian/assignedCustodian/representedCustodianOrganization/id`, a `….19.0` OID). An archivist
 *   sees a document exactly when its custodian is the archivist's register controller.
 * - **Appointments** carry no custodian; their service organiser (palvelunjärjestäjä: Provenance agent
 *   role 10, search param `service-organiser`) is an organisation or one of its units. The register
 *   controller is `partOf` an organisation in the code server; the archivist sees appointments whose
 *   service organiser is that organisation, one of its units (entries `partOf` it), or the register
 *   controller itself.
 * Anything out of scope answers "not found", never "forbidden", so another register's data does not even
 * reveal that it exists.
 */
import type { Appointment, Provenance, Resource } from 'fhir/r4.js';
import type { ArchivedDocument } from '../domain/cda.ts';
import type { StoredResource } from '../domain/fhir.ts';
import type { Store } from '../store/types.ts';
import type { Archivist, Organisation } from '../domain/registry.ts';

export interface ArchivistScope {
  archivist: Archivist;
  registerController: Organisation;
  /** The organisation the register controller belongs to, when registered. */
  organisation?: Organisation;
  /** OIDs whose appointments the archivist sees. */
  appointmentOrganisations: ReadonlySet<string>;
}

/** The scope of an archivist, or undefined when the account or its register controller is gone. */
export async function scopeOf(store: Store, archivistId: string): Promise<ArchivistScope | undefined> {
  const archivist = await store.registry.getArchivist(archivistId);
  if (!archivist?.active) return undefined;
  const registerController = await store.registry.getOrganisation(archivist.registerController);
  if (!registerController) return undefined;
  const oids = new Set<string>([registerController.oid]);
  const scope: ArchivistScope = { archivist, registerController, appointmentOrganisations: oids };
  if (registerController.partOf !== undefined) {
    const organisation = await store.registry.getOrganisation(registerController.partOf);
    if (organisation) {
      scope.organisation = organisation;
      oids.add(organisation.oid);
      for (const unit of await store.registry.listOrganisations({ partOf: organisation.oid }))
        oids.add(unit.oid);
    }
  }
  return scope;
}

export function documentVisible(scope: ArchivistScope, doc: ArchivedDocument): boolean {
  const custodian = doc.custodian ?? doc.header.custodian?.oid;
  return custodian !== undefined && custodian === scope.registerController.oid;
}

function stripUrn(value: string): string {
  return value.startsWith('urn:oid:') ? value.slice(8) : value;
}

/** Organisation OIDs named by a Provenance's agents (who / onBehalfOf identifiers). */
export function provenanceOrganisations(provenance: Resource | undefined): string[] {
  if (provenance?.resourceType !== 'Provenance') return [];
  const out: string[] = [];
  for (const agent of (provenance as Provenance).agent) {
    for (const ref of [agent.who, agent.onBehalfOf]) {
      const value = ref?.identifier?.value;
      if (value !== undefined) out.push(stripUrn(value));
    }
  }
  return out;
}

/** Identity code of an Appointment's patient participant (identifier system urn:oid:1.2.246.21). */
export function appointmentPatient(resource: Resource | undefined): string | undefined {
  if (resource?.resourceType !== 'Appointment') return undefined;
  for (const p of (resource as Appointment).participant) {
    const id = p.actor?.identifier;
    if (id?.system === 'urn:oid:1.2.246.21' && id.value !== undefined) return id.value;
  }
  return undefined;
}

/**
 * True when an appointment is the archivist's: its service organiser (from the search index, which
 * keeps a nullified appointment's last rows, or else from the Provenances of its versions) is in scope.
 */
export async function appointmentVisible(
  store: Store,
  scope: ArchivistScope,
  id: string,
  provenances: readonly StoredResource[],
): Promise<boolean> {
  const organisers = [...scope.appointmentOrganisations].map((code) => ({ code }));
  const indexed = await store.fhir.search({
    resourceType: 'Appointment',
    criteria: [
      { param: '_id', kind: 'id', values: [id] },
      { param: 'service-organiser', kind: 'token', values: organisers },
    ],
    count: 0,
    offset: 0,
    includeDeleted: true,
  });
  if (indexed.total > 0) return true;
  return provenances.some((p) =>
    provenanceOrganisations(p.resource).some((oid) => scope.appointmentOrganisations.has(oid)),
  );
}
