/**
 * Registry operations with their rules: what the code-server, Extranet and test-ID mocks accept.
 * The HTTP routes are a thin layer over this; the FHIR and archive rule modules read the same data.
 */
import type { EventKind } from '../domain/events.ts';
import type { Service } from '../domain/codes.ts';
import { codeList, standingOf } from '../domain/code-lists.ts';
import { validateTestHetu } from '../domain/hetu.ts';
import { findRealCodeDeep, mask } from '../domain/identity-guard.ts';
import { oidProblem } from '../domain/oid.ts';
import type { EventLog } from '../events/log.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { Store, StoreSession } from '../store/types.ts';
import type { Archivist, CertifiedSystem, Customer, Organisation, TestPerson } from '../domain/registry.ts';
import { assessReadiness, type Readiness } from './readiness.ts';
import type { ArchivistBody, CustomerBody, IssueBody, OrganisationBody, SystemBody } from './schemas.ts';
import { hashPasscode } from './passcode.ts';
import { summarise, type SummaryWording } from '../../common/i18n/event-summary.ts';

/** An archivist account as the API shows it: never with its passcode hash. */
export type PublicArchivist = Omit<Archivist, 'passcodeHash'> & { hasPasscode: boolean };

export function publicArchivist(archivist: Archivist): PublicArchivist {
  const { passcodeHash, ...rest } = archivist;
  return { ...rest, hasPasscode: passcodeHash !== undefined };
}

export interface RegistryServiceOptions {
  store: Store;
  events: EventLog;
  allowRealIdentities: boolean;
  now?: () => Date;
}

export class RegistryService {
  private readonly store: Store;
  private readonly events: EventLog;
  private readonly allowReal: boolean;
  private readonly now: () => Date;

  constructor(options: RegistryServiceOptions) {
    this.store = options.store;
    this.events = options.events;
    this.allowReal = options.allowRealIdentities;
    this.now = options.now ?? ((): Date => new Date());
  }

  /** Registers a code-server entry; `replace` allows overwriting an existing one (PUT). */
  async putOrganisation(
    body: OrganisationBody,
    replace: boolean,
  ): Promise<{ created: boolean; org: Organisation }> {
    this.refuseRealCodes(body);
    requireOid(body.oid, '/oid');
    if (body.partOf !== undefined) {
      requireOid(body.partOf, '/partOf');
      if (body.partOf === body.oid)
        throw badRequest('invalid-reference', 'an organisation cannot be part of itself', '/partOf');
    } else if (body.kind !== 'organisation') {
      throw badRequest(
        'missing-parent',
        `a ${body.kind} must name the organisation it belongs to in 'partOf'`,
        '/partOf',
      );
    }
    return this.store.transaction(async (tx) => {
      if (body.partOf !== undefined && !(await tx.registry.getOrganisation(body.partOf))) {
        throw badRequest(
          'unknown-reference',
          `partOf ${body.partOf} is not a registered organisation; register it first`,
          '/partOf',
        );
      }
      const existing = await tx.registry.getOrganisation(body.oid);
      if (existing && !replace) {
        throw conflict(
          'already-exists',
          `organisation ${body.oid} is already registered; use PUT /registry/organisations/${body.oid} to change it`,
          '/oid',
        );
      }
      const org: Organisation = {
        oid: body.oid,
        name: body.name,
        kind: body.kind,
        public: body.public,
        active: body.active ?? true,
        updatedAt: this.now().toISOString(),
      };
      if (body.partOf !== undefined) org.partOf = body.partOf;
      await tx.registry.putOrganisation(org);
      await this.info(
        tx,
        existing ? 'organisation.update' : 'organisation.register',
        summarise('registry.organisation', { oid: org.oid, name: org.name }),
        org.oid,
      );
      return { created: !existing, org };
    });
  }

  async getOrganisation(oid: string): Promise<Organisation> {
    requireOid(oid, 'oid');
    const org = await this.store.registry.getOrganisation(oid);
    if (!org) throw notFound(`no organisation ${oid} in the code server`, 'oid');
    return org;
  }

  async addSystem(body: SystemBody): Promise<CertifiedSystem> {
    this.refuseRealCodes(body);
    if (body.category === 'A' && body.connectsThrough !== undefined) {
      throw badRequest(
        'invalid-body',
        'a category-A system connects to Kanta itself; leave connectsThrough out',
        '/connectsThrough',
      );
    }
    return this.store.transaction(async (tx) => {
      if (await tx.registry.getSystem(body.id))
        throw conflict('already-exists', `system '${body.id}' is already registered`, '/id');
      if (body.connectsThrough !== undefined) {
        const through = await tx.registry.getSystem(body.connectsThrough);
        if (!through)
          throw badRequest(
            'unknown-reference',
            `connectsThrough '${body.connectsThrough}' is not a registered system`,
            '/connectsThrough',
          );
        if (through.category !== 'A')
          throw badRequest(
            'invalid-reference',
            `connectsThrough '${body.connectsThrough}' is category ${through.category}; it must be a category-A system`,
            '/connectsThrough',
          );
      }
      const system: CertifiedSystem = { ...body };
      await tx.registry.putSystem(system);
      await this.info(
        tx,
        'system.register',
        summarise('registry.system', {
          product: system.product,
          version: system.version,
          category: system.category,
        }),
      );
      return system;
    });
  }

  async getSystem(id: string): Promise<CertifiedSystem> {
    const system = await this.store.registry.getSystem(id);
    if (!system) throw notFound(`no certified system '${id}'`, 'id');
    return system;
  }

  async putCustomer(orgOid: string, body: CustomerBody): Promise<{ created: boolean; customer: Customer }> {
    requireOid(orgOid, 'orgOid');
    this.refuseRealCodes(body);
    const ids = body.connectionPoints.map((p) => p.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined)
      throw badRequest('invalid-body', `connection point '${dup}' is listed twice`, '/connectionPoints');
    if (
      (body.documentGroups.length > 0 || body.serviceTasks.length > 0) &&
      !body.services.includes('social-welfare')
    ) {
      throw badRequest(
        'invalid-body',
        "documentGroups and serviceTasks belong to the 'social-welfare' service; add it to services or leave them empty",
        '/documentGroups',
      );
    }
    const unconfirmed = checkServiceTasks(body.serviceTasks);
    return this.store.transaction(async (tx) => {
      const org = await tx.registry.getOrganisation(orgOid);
      if (!org)
        throw notFound(
          `no organisation ${orgOid} in the code server; register it before its customer data`,
          'orgOid',
        );
      if (org.kind !== 'organisation')
        throw badRequest(
          'invalid-reference',
          `${orgOid} is a ${org.kind}; the Kanta customer is the organisation it belongs to (${org.partOf ?? 'unknown'})`,
          'orgOid',
        );
      if (!(await tx.registry.getSystem(body.system)))
        throw badRequest(
          'unknown-reference',
          `system '${body.system}' is not a registered certified system`,
          '/system',
        );
      const existing = await tx.registry.getCustomer(orgOid);
      const customer: Customer = { orgOid, ...body, updatedAt: this.now().toISOString() };
      await tx.registry.putCustomer(customer);
      await this.info(
        tx,
        existing ? 'customer.update' : 'customer.register',
        summarise('registry.customer', {
          name: org.name,
          services: body.services.join(', '),
          unconfirmed: unconfirmed.join(', '),
          unconfirmedCount: unconfirmed.length,
        }),
        orgOid,
      );
      return { created: !existing, customer };
    });
  }

  async getCustomer(orgOid: string): Promise<Customer> {
    requireOid(orgOid, 'orgOid');
    const customer = await this.store.registry.getCustomer(orgOid);
    if (!customer) throw notFound(`no customer data for ${orgOid}`, 'orgOid');
    return customer;
  }

  /** Adds codes to the pool. Each must be a valid test-range code unless real identities are allowed. */
  async addTestPersons(codes: string[]): Promise<{ added: number }> {
    const persons: TestPerson[] = codes.map((code, i) => {
      const result = validateTestHetu(code, { allowReal: this.allowReal });
      if (!result.ok)
        throw badRequest('invalid-identity-code', `${code}: ${result.problem.message}`, `/codes/${i}`);
      return { hetu: result.hetu.code, birthDate: result.hetu.birthDate, sex: result.hetu.sex };
    });
    const added = await this.store.transaction(async (tx) => {
      const n = await tx.registry.addTestPersons(persons);
      await this.info(tx, 'test-persons.add', summarise('registry.testPersonsAdded', { count: n }));
      return n;
    });
    return { added };
  }

  /** Hands out unused codes, atomically: all `count` or none. */
  async issueTestPersons(body: IssueBody): Promise<TestPerson[]> {
    this.refuseRealCodes(body);
    requireOid(body.customer, '/customer');
    return this.store.transaction(async (tx) => {
      const org = await tx.registry.getOrganisation(body.customer);
      if (!org)
        throw badRequest(
          'unknown-reference',
          `customer ${body.customer} is not a registered organisation`,
          '/customer',
        );
      const left = await tx.registry.countUnissued();
      if (left < body.count) {
        throw conflict(
          'pool-exhausted',
          `only ${left} unissued test identity codes are left in the pool; ask for fewer or add codes with POST /registry/test-persons`,
          '/count',
        );
      }
      const issued = await tx.registry.issueTestPersons(body.count, {
        vendor: body.vendor,
        customer: body.customer,
        service: body.service,
        issuedAt: this.now().toISOString(),
      });
      await this.info(
        tx,
        'test-persons.issue',
        summarise('registry.testPersonsIssued', {
          count: issued.length,
          vendor: body.vendor,
          customer: org.name,
          service: body.service,
        }),
        body.customer,
      );
      return issued;
    });
  }

  async getTestPerson(hetu: string): Promise<TestPerson> {
    const parsed = validateTestHetu(hetu, { allowReal: true });
    // An invalid code can never be in the pool; saying "not in the pool" would send the caller looking
    // for the wrong mistake.
    if (!parsed.ok)
      throw badRequest(
        'invalid-identity-code',
        `${hetu}: not a valid identity code, so it cannot be a test person: ${parsed.problem.message}`,
        'hetu',
      );
    const person = await this.store.registry.getTestPerson(hetu);
    if (!person) throw notFound(`${hetu} is not in the test-person pool`, 'hetu');
    return person;
  }

  async readiness(orgOid: string): Promise<Readiness> {
    requireOid(orgOid, 'orgOid');
    const registry = this.store.registry;
    const [organisation, customer, controllers, issued] = await Promise.all([
      registry.getOrganisation(orgOid),
      registry.getCustomer(orgOid),
      registry.listOrganisations({ kind: 'register-controller', partOf: orgOid }),
      registry.listTestPersons({ customer: orgOid }),
    ]);
    const system = customer ? await registry.getSystem(customer.system) : undefined;
    const throughSystem =
      system?.connectsThrough !== undefined ? await registry.getSystem(system.connectsThrough) : undefined;
    return assessReadiness({
      orgOid,
      registerControllers: controllers,
      issuedTestPersons: issued.length,
      now: this.now(),
      ...(organisation && { organisation }),
      ...(customer && { customer }),
      ...(system && { system }),
      ...(throughSystem && { throughSystem }),
    });
  }

  /**
   * Registers or replaces an archivist account. The register controller must be a registered
   * `register-controller` entry: an archivist always acts for exactly one register (rekisteri).
   */
  async putArchivist(body: ArchivistBody): Promise<{ created: boolean; archivist: PublicArchivist }> {
    // The passcode is kept only as a hash and never shown.
    const { passcode: _passcode, ...shown } = body;
    this.refuseRealCodes(shown);
    requireOid(body.registerController, '/registerController');
    const passcodeHash = body.passcode === undefined ? undefined : hashPasscode(body.passcode);
    return this.store.transaction(async (tx) => {
      const controller = await tx.registry.getOrganisation(body.registerController);
      if (!controller)
        throw badRequest(
          'unknown-reference',
          `registerController ${body.registerController} is not in the code server; register it first`,
          '/registerController',
        );
      if (controller.kind !== 'register-controller')
        throw badRequest(
          'invalid-reference',
          `${body.registerController} is a ${controller.kind}; an archivist belongs to a register controller (….19.0)`,
          '/registerController',
        );
      const existing = await tx.registry.getArchivist(body.id);
      const archivist: Archivist = {
        id: body.id,
        name: body.name,
        registerController: body.registerController,
        active: body.active ?? true,
        createdAt: existing?.createdAt ?? this.now().toISOString(),
      };
      if (passcodeHash !== undefined) archivist.passcodeHash = passcodeHash;
      await tx.registry.putArchivist(archivist);
      await this.info(
        tx,
        existing ? 'archivist.update' : 'archivist.register',
        summarise('registry.archivist', {
          id: archivist.id,
          name: archivist.name,
          controller: controller.name,
        }),
        controller.oid,
      );
      return { created: !existing, archivist: publicArchivist(archivist) };
    });
  }

  async getArchivist(id: string): Promise<PublicArchivist> {
    const archivist = await this.store.registry.getArchivist(id);
    if (!archivist) throw notFound(`no archivist '${id}'`, 'id');
    return publicArchivist(archivist);
  }

  /** True when the customer `orgOid` has deployed `service`. Used by the FHIR and archive rules. */
  async hasDeployed(orgOid: string, service: Service): Promise<boolean> {
    const customer = await this.store.registry.getCustomer(orgOid);
    return customer?.services.includes(service) === true;
  }

  /**
   * The registries keep and show only test-range identity codes (`GUARD_CHECKS`, channel registry):
   * a field carrying a real person's code (a name, a vendor, an id) is refused, unless the server
   * allows real identities. The message names the code masked.
   */
  private refuseRealCodes(body: object): void {
    if (this.allowReal) return;
    const real = findRealCodeDeep(body);
    if (real)
      throw badRequest(
        'real-identity',
        `${real.path} carries a real person's identity code (${mask(real.code)}); the registries keep only test-range codes (individual number 900–999): remove it or use a Kela-issued test code`,
        real.path,
      );
  }

  private async info(
    tx: StoreSession,
    kind: EventKind,
    summary: { summary: string; wording: SummaryWording },
    organisation?: string,
  ): Promise<void> {
    await this.events.record(
      {
        channel: 'registry',
        kind,
        outcome: 'info',
        resourceIds: [],
        findings: [],
        ...summary,
        ...(organisation !== undefined && { organisation }),
      },
      tx,
    );
  }
}

function requireOid(value: string, path: string): void {
  const problem = oidProblem(value);
  if (problem !== undefined) throw badRequest('invalid-oid', problem, path);
}

/**
 * A customer notifies service tasks from Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221.201601).
 * A value that cannot be a code of that list is refused (`unknown-service-task`); a code of the list's
 * form that kantasim's partial copy does not hold is accepted (the real list may have it) and returned,
 * so the registry event can say it was not confirmed.
 */
function checkServiceTasks(tasks: readonly string[]): string[] {
  const list = codeList('socialServiceTask');
  const unconfirmed: string[] = [];
  tasks.forEach((task, i) => {
    const standing = standingOf(list, task).standing;
    if (standing === 'unknown')
      throw badRequest(
        'unknown-service-task',
        `service task '${task}' is not a code of Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221.201601); notify the task by its code, e.g. 24 Lapsiperheiden palvelut`,
        `/serviceTasks/${i}`,
      );
    if (standing === 'unconfirmed') unconfirmed.push(task);
  });
  return unconfirmed;
}
