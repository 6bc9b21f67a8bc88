/**
 * Who may see what: the one place kantasim decides whether a caller acting for a register controller
 * (rekisterinpitäjä) may see a stored record. The archivist viewer asks here today; the tenant APIs are
 * meant to ask the same rules, which is why this module knows nothing about sessions or pages.
 *
 * Kanta's Archivist user interface (arkistonhoitajan käyttöliittymä, described on Kanta.fi's pages for
 * system developers) normally limits the archivist to the own organisation's registers.
 * kantasim turns that into these rules:
 * - **Documents**: a CDA document belongs to the register named by its custodian
 *   (`custodian/assignedCustodian/representedCustodianOrganization/id`). Visible when the custodian is
 *   the caller's register controller, the organisation it is `partOf`, or one of that organisation's
 *   service units: a PTA document names the register controller (`….19.0`), a social-welfare document
 *   in Kanta's format names the organisation (`….10.0`) or its unit instead. Another register
 *   controller of the same organisation is another register and grants nothing.
 * - **Appointments** carry no custodian. Only the **service organiser** (palvelunjärjestäjä, Provenance
 *   agent role 10, indexed as `service-organiser`) decides: visible when it is the register controller,
 *   the organisation the register controller is `partOf`, or one of that organisation's units. Any other
 *   Provenance agent (a service provider, an author, a second organisation) grants nothing.
 * - **Submissions (events)** and **scenario runs**: visible when the organisation they name is in that
 *   same set (for a refused request in shared mode: the calling organisation, `eventOwner`); registry
 *   events are nobody's in a register view, but an organisation calling the API in shared mode sees
 *   those naming its scope (`callerEventFilter`).
 *
 * - **Organisations calling the APIs in shared (TLS) mode** (`resolveOrganisationScope`): an organisation
 *   certificate names one organisation. Its scope is that organisation, every unit and register
 *   controller below it (`partOf`, followed down), and every Kanta customer whose registered connection
 *   point it operates (named by OID or by its registered name): Kanta's connection points let an
 *   intermediary submit for the organisations it serves. Documents are visible when their custodian is
 *   in that set (`maySeeCustodian` / `custodianFilter`); the appointment, event and run rules are the
 *   ones above. The same set bounds what it may submit.
 *
 * Each rule has two forms that must agree: a predicate over one record (`maySee…`) and the store filter
 * that expresses it (`…Filter`), so lists are filtered by the store and single reads are checked here.
 */
import type { ArchivedDocument } from '../domain/cda.ts';
import { eventOwner, type EventChannel, type EventOutcome, type SubmissionEvent } from '../domain/events.ts';
import type { Customer, Organisation, OrganisationKind } from '../domain/registry.ts';

/** What a caller may see: the register controller it acts for and the organisations of that register. */
export interface AccessScope {
  /** OID of the register controller (`….19.0`). */
  readonly registerController: string;
  /**
   * The register controller, the organisation it is `partOf` and that organisation's units: the
   * service organisers whose appointments, and the organisations whose submissions and runs, are visible.
   */
  readonly organisations: ReadonlySet<string>;
  /**
   * The custodians whose documents are visible: the register controller, its organisation and that
   * organisation's service units (not its other register controllers). In an organisation's scope
   * (shared mode) the same set as `organisations`.
   */
  readonly custodians: ReadonlySet<string>;
}

/** The registry reads a scope needs (a port, so this module does not depend on the store). */
export interface ScopeRegistry {
  getOrganisation(oid: string): Promise<Organisation | undefined>;
  listOrganisations(filter?: { kind?: OrganisationKind; partOf?: string }): Promise<Organisation[]>;
}

/** What an organisation's scope also reads: the customers, for their connection points. */
export interface OrganisationScopeRegistry extends ScopeRegistry {
  listCustomers(): Promise<Customer[]>;
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
  const custodians = new Set<string>([registerController.oid]);
  const out: ResolvedScope = {
    scope: { registerController: registerController.oid, organisations: oids, custodians },
    registerController,
  };
  if (registerController.partOf !== undefined) {
    const organisation = await registry.getOrganisation(registerController.partOf);
    if (organisation) {
      out.organisation = organisation;
      oids.add(organisation.oid);
      custodians.add(organisation.oid);
      for (const unit of await registry.listOrganisations({ partOf: organisation.oid })) {
        oids.add(unit.oid);
        if (unit.kind !== 'register-controller') custodians.add(unit.oid);
      }
    }
  }
  return out;
}

/** `oid` and every organisation below it (units, register controllers), following `partOf` down. */
async function withDescendants(registry: ScopeRegistry, oid: string, into: Set<string>): Promise<void> {
  const queue = [oid];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (into.has(next)) continue;
    into.add(next);
    for (const child of await registry.listOrganisations({ partOf: next })) queue.push(child.oid);
  }
}

/**
 * The scope of an organisation calling with its certificate: itself, everything below it, and the
 * customers whose connection point it operates (matched by its OID or, when given, its name). An
 * organisation not in the registry still has a scope: its own OID (it sees what names it, nothing more).
 */
export async function resolveOrganisationScope(
  registry: OrganisationScopeRegistry,
  oid: string,
  name?: string,
): Promise<AccessScope> {
  const oids = new Set<string>();
  await withDescendants(registry, oid, oids);
  const registered = await registry.getOrganisation(oid);
  const names = new Set([
    oid,
    ...(name === undefined ? [] : [name]),
    ...(registered ? [registered.name] : []),
  ]);
  for (const customer of await registry.listCustomers()) {
    if (customer.connectionPoints.some((cp) => names.has(cp.operator)))
      await withDescendants(registry, customer.orgOid, oids);
  }
  return { registerController: oid, organisations: oids, custodians: oids };
}

/** A document whose custodian is in an organisation's scope (the shared-mode document rule). */
export function maySeeCustodian(scope: AccessScope, doc: DocumentCustody): boolean {
  const register = documentRegister(doc);
  return register !== undefined && scope.organisations.has(register);
}

/** The archive query filter of the shared-mode document rule, narrowed to `only` when given. */
export function custodianFilter(scope: AccessScope, only?: string): { custodians: string[] } {
  return { custodians: organiserFilter(scope, only) };
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

/** A document whose custodian is the register controller, its organisation or one of its units. */
export function maySeeDocument(scope: AccessScope, doc: DocumentCustody): boolean {
  const register = documentRegister(doc);
  return register !== undefined && scope.custodians.has(register);
}

/** The archive query filter of the document rule. */
export function documentFilter(scope: AccessScope): { custodians: string[] } {
  return { custodians: [...scope.custodians].sort() };
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

/**
 * An event is visible when its owner (domain/events.ts `eventOwner`) is in scope: the organisation it
 * names, but for a refused request the calling organisation (shared mode), so a caller sees every
 * refusal its requests caused and the organisation a refused request named does not.
 */
export function maySeeEvent(
  scope: AccessScope,
  event: Pick<SubmissionEvent, 'organisation' | 'caller' | 'channel'> & { outcome?: EventOutcome },
): boolean {
  const owner = eventOwner(event);
  return owner !== undefined && !UNSCOPED_CHANNELS.includes(event.channel) && scope.organisations.has(owner);
}

/** The event query filter of the event rule. */
export function eventFilter(scope: AccessScope): {
  organisations: string[];
  excludeChannels: readonly EventChannel[];
} {
  return { organisations: [...scope.organisations].sort(), excludeChannels: UNSCOPED_CHANNELS };
}

/**
 * The event filter of an organisation calling the API in shared mode (`/events`, `/events/stream`):
 * the events it owns, registry events included. A registry event names the organisation whose data
 * changed (its customer record, its registration, test persons issued for it), so the organisation
 * sees the changes the operator made to its own data, as a deployment test waits for them; another
 * organisation's stay hidden. The register view of the viewer keeps registry events out (`eventFilter`).
 */
export function callerEventFilter(scope: AccessScope): { organisations: string[] } {
  return { organisations: [...scope.organisations].sort() };
}

/** A run belongs to the organisation its scenario names; a run naming none is nobody's. */
export function maySeeRun(scope: AccessScope, run: { organisation?: string | undefined }): boolean {
  return run.organisation !== undefined && scope.organisations.has(run.organisation);
}

/** The run query filter of the run rule. */
export function runFilter(scope: AccessScope): { organisations: string[] } {
  return { organisations: [...scope.organisations].sort() };
}
