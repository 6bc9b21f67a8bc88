/**
 * Who may see what: the one place kantasim decides whether a caller acting for a register controller
 * (rekisterinpitäjä) may see a stored record. The archivist viewer asks here today; the tenant APIs are
 * meant to ask the same rules, which is why this module knows nothing about sessions or pages.
 *
 * Kanta's Archivist user interface (arkistonhoitajan käyttöliittymä, described on Kanta.fi's pages for
 * system developers) normally limits the archivist to the own organisation's registers.
 * kantasim turns that into these rules:
 * - **Documents**: a CDA document belongs to the register named by its custodian
 *   (`custodian/assignedCustodian/representedCustodianOrganization/id`). Visible exactly when the
 *   custodian is the caller's register controller.
 * - **Appointments** carry no custodian. Only the **service organiser** (palvelunjärjestäjä, Provenance
 *   agent role 10, indexed as `service-organiser`) decides: visible when it is the register controller,
 *   the organisation the register controller is `partOf`, or one of that organisation's units. Any other
 *   Provenance agent (a service provider, an author, a second organisation) grants nothing.
 * - **Submissions (events)** and **scenario runs**: visible when the organisation they name is in that
 *   same set; registry events are nobody's.
 *
 * Each rule has two forms that must agree: a predicate over one record (`maySee…`) and the store filter
 * that expresses it (`…Filter`), so lists are filtered by the store and single reads are checked here.
 */
import type { ArchivedDocument } from '../domain/cda.ts';
import type { EventChannel, SubmissionEvent } from '../domain/events.ts';
import type { Organisation, OrganisationKind } from '../domain/registry.ts';

/** What a caller may see: the register controller it acts for and the organisations of that register. */
export interface AccessScope {
  /** OID of the register controller (`….19.0`). */
  readonly registerController: string;
  /**
   * The register controller, the organisation it is `partOf` and that organisation's units: the
   * service organisers whose appointments, and the organisations whose submissions and runs, are visible.
   */
  readonly organisations: ReadonlySet<string>;
}

/** The registry reads a scope needs (a port, so this module does not depend on the store). */
export interface ScopeRegistry {
  getOrganisation(oid: string): Promise<Organisation | undefined>;
  listOrganisations(filter?: { kind?: OrganisationKind; partOf?: string }): Promise<Organisation[]>;
}

export interface ResolvedScope {
  scope: AccessScope;
  registerController: Organisation;
  /** The organisation the register controller belongs to, when registered. */
  organisation?: Organisation;
}

/** The scope of a register controller, or undefined when it is not registered. */
export async function resolveScope(
  registry: ScopeRegistry,
  registerControllerOid: string,
): Promise<ResolvedScope | undefined> {
  const registerController = await registry.getOrganisation(registerControllerOid);
  if (!registerController) return undefined;
  const oids = new Set<string>([registerController.oid]);
  const out: ResolvedScope = {
    scope: { registerController: registerController.oid, organisations: oids },
    registerController,
  };
  if (registerController.partOf !== undefined) {
    const organisation = await registry.getOrganisation(registerController.partOf);
    if (organisation) {
      out.organisation = organisation;
      oids.add(organisation.oid);
      for (const unit of await registry.listOrganisations({ partOf: organisation.oid })) oids.add(unit.oid);
    }
  }
  return out;
}

// ---------------------------------------------------------------- documents

type DocumentCustody = Pick<ArchivedDocument, 'custodian'> & {
  header?: { custodian?: { oid?: unknown } | undefined } | undefined;
};

/** The register a document belongs to: its custodian. Read defensively (stored records may be odd). */
export function documentRegister(doc: DocumentCustody): string | undefined {
  if (typeof doc.custodian === 'string') return doc.custodian;
  const oid = doc.header?.custodian?.oid;
  return typeof oid === 'string' ? oid : undefined;
}

export function maySeeDocument(scope: AccessScope, doc: DocumentCustody): boolean {
  const register = documentRegister(doc);
  return register !== undefined && register === scope.registerController;
}

/** The archive query filter of the document rule. */
export function documentFilter(scope: AccessScope): { custodian: string } {
  return { custodian: scope.registerController };
}

// ---------------------------------------------------------------- appointments

/** True when `organiser` (an appointment's service organiser OID) is in scope. */
export function maySeeOrganiser(scope: AccessScope, organiser: string | undefined): boolean {
  return organiser !== undefined && scope.organisations.has(organiser);
}

/**
 * The service organisers the store may match for this scope, narrowed to `only` when given (a filter
 * outside the scope matches nothing, it does not widen it).
 */
export function organiserFilter(scope: AccessScope, only?: string): string[] {
  if (only !== undefined) return scope.organisations.has(only) ? [only] : [];
  return [...scope.organisations].sort();
}

// ---------------------------------------------------------------- submissions and runs

/** Channels whose events are nobody's in a register view. */
export const UNSCOPED_CHANNELS: readonly EventChannel[] = ['registry'];

export function maySeeEvent(
  scope: AccessScope,
  event: Pick<SubmissionEvent, 'organisation' | 'channel'>,
): boolean {
  return (
    event.organisation !== undefined &&
    !UNSCOPED_CHANNELS.includes(event.channel) &&
    scope.organisations.has(event.organisation)
  );
}

/** The event query filter of the event rule. */
export function eventFilter(scope: AccessScope): {
  organisations: string[];
  excludeChannels: readonly EventChannel[];
} {
  return { organisations: [...scope.organisations].sort(), excludeChannels: UNSCOPED_CHANNELS };
}

/** A run belongs to the organisation its scenario names; a run naming none is nobody's. */
export function maySeeRun(scope: AccessScope, run: { organisation?: string | undefined }): boolean {
  return run.organisation !== undefined && scope.organisations.has(run.organisation);
}

/** The run query filter of the run rule. */
export function runFilter(scope: AccessScope): { organisations: string[] } {
  return { organisations: [...scope.organisations].sort() };
}
