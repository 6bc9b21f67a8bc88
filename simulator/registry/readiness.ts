/**
 * Readiness of an organisation for a Kanta deployment test (Kanta, Beredskap för införande, https://www.kanta.fi/sv/professionella/beredskap-for-inforande; docs/kanta.md#readiness).
 *
 * Pure: it takes what the registries know and the date, and returns a checklist in which every item
 * says whether it passed, why, and what to do. Kela's own checklist is not public in this form; the
 * items are the prerequisites the seeds name, one function each, so they are easy to compare.
 */
import { SERVICE_NAMES, type Service } from '../domain/codes.ts';
import type { CertifiedSystem, Customer, Organisation } from '../domain/registry.ts';

export type ReadinessItemId =
  | 'code-server-entry'
  | 'register-controller'
  | 'customer-application'
  | 'service-description'
  | 'certified-system'
  | 'connection-point'
  | 'connection-point-notice'
  | 'planned-start'
  | 'test-persons';

export interface ReadinessItem {
  id: ReadinessItemId;
  title: string;
  passed: boolean;
  /** What was found. */
  detail: string;
  /** What to do when it did not pass. */
  action?: string;
  source: string;
}

export interface Readiness {
  organisation: string;
  name?: string;
  ready: boolean;
  checkedAt: string;
  items: ReadinessItem[];
}

export interface ReadinessInput {
  orgOid: string;
  organisation?: Organisation;
  /** Register controllers whose `partOf` is the organisation. */
  registerControllers: Organisation[];
  customer?: Customer;
  system?: CertifiedSystem;
  /** For a category-B system, the category-A system it connects through. */
  throughSystem?: CertifiedSystem;
  /** How many test persons have been issued for this customer. */
  issuedTestPersons: number;
  now: Date;
}

/** A code-server entry counts as current when it was confirmed within this many days. */
export const CODE_SERVER_CURRENCY_DAYS = 365;
/** A new connection point is announced at least two weeks before use (Kanta, Käytön laajennus, https://www.kanta.fi/ammattilaiset/kayton-laajennus). */
export const CONNECTION_POINT_NOTICE_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

function item(
  id: ReadinessItemId,
  title: string,
  source: string,
  passed: boolean,
  detail: string,
  action: string,
): ReadinessItem {
  return passed ? { id, title, passed, detail, source } : { id, title, passed, detail, action, source };
}

function codeServerEntry(input: ReadinessInput): ReadinessItem {
  const title = 'Registered and current in the national code server (koodistopalvelu)';
  const source =
    'Kanta, Beredskap för införande, https://www.kanta.fi/sv/professionella/beredskap-for-inforande; docs/kanta.md#code-server-and-oids';
  const org = input.organisation;
  if (!org)
    return item(
      'code-server-entry',
      title,
      source,
      false,
      `no code-server entry for ${input.orgOid}`,
      'Register the organisation in the SOTE organisation register (public) or through Valvira Soteri (private), then POST it to /registry/organisations.',
    );
  if (!org.active)
    return item(
      'code-server-entry',
      title,
      source,
      false,
      `${org.name} (${org.oid}) is marked no longer current`,
      'Update the organisation entry in the code server so it is current.',
    );
  const ageDays = Math.floor((input.now.getTime() - Date.parse(org.updatedAt)) / DAY_MS);
  const current = ageDays <= CODE_SERVER_CURRENCY_DAYS;
  return item(
    'code-server-entry',
    title,
    source,
    current,
    current
      ? `${org.name} (${org.oid}), confirmed ${ageDays} days ago`
      : `${org.name} was last confirmed ${ageDays} days ago`,
    `Confirm the organisation's identification data in the code server (older than ${CODE_SERVER_CURRENCY_DAYS} days).`,
  );
}

function registerController(input: ReadinessInput): ReadinessItem {
  const title = 'Has a register controller (rekisterinpitäjä) for its archived data';
  const found = input.registerControllers.filter((rc) => rc.active);
  return item(
    'register-controller',
    title,
    'docs/kanta.md#code-server-and-oids (node class 19); docs/kanta.md#deployment-test-and-the-archivists-check',
    found.length > 0,
    found.length > 0
      ? found.map((rc) => `${rc.name} (${rc.oid})`).join(', ')
      : 'no active register controller under this organisation',
    'Register the register controller (node .19.x of the organisation OID) with kind "register-controller" and partOf the organisation.',
  );
}

function customerApplication(input: ReadinessInput): ReadinessItem {
  return item(
    'customer-application',
    'Kanta customer data given in the Extranet application',
    'docs/kanta.md#deployment-test-and-the-archivists-check',
    input.customer !== undefined,
    input.customer
      ? `customer record with services ${input.customer.services.join(', ') || 'none'}`
      : 'no customer record',
    'Apply in Kanta Extranet with the administrative and technical data (PUT /registry/customers/{orgOid}).',
  );
}

function serviceDescription(input: ReadinessInput): ReadinessItem {
  const accepted = input.customer?.serviceDescriptionAccepted === true;
  return item(
    'service-description',
    'Service description accepted',
    'docs/kanta.md#deployment-test-and-the-archivists-check',
    accepted,
    accepted ? 'accepted' : 'not accepted',
    'Accept the Kanta service description in the Extranet before the deployment test.',
  );
}

function certifiedSystem(input: ReadinessInput): ReadinessItem {
  const title = 'Uses a Kanta-certified category-A system, or a category-B system through one';
  const source =
    'Kanta, Beredskap för införande, https://www.kanta.fi/sv/professionella/beredskap-for-inforande';
  const { customer, system, throughSystem } = input;
  if (!customer)
    return item(
      'certified-system',
      title,
      source,
      false,
      'no customer record names a system',
      'Name the certified system in the customer data.',
    );
  if (!system)
    return item(
      'certified-system',
      title,
      source,
      false,
      `system '${customer.system}' is not a registered certified system`,
      'Use a system with a valid Kanta certificate (POST /registry/systems) or correct the system id.',
    );
  const label = `${system.vendor} ${system.product} ${system.version} (category ${system.category})`;
  const missing = customer.services.filter((s) => !coveredBy(s, system, throughSystem));
  if (system.category === 'B') {
    if (!throughSystem || throughSystem.category !== 'A')
      return item(
        'certified-system',
        title,
        source,
        false,
        `${label} is category B and connects through no certified category-A system`,
        'Connect the category-B system to Kanta through a certified category-A system and record it as connectsThrough.',
      );
  }
  if (missing.length > 0)
    return item(
      'certified-system',
      title,
      source,
      false,
      `${label} is not certified for ${missing.map((s) => `${s} (${SERVICE_NAMES[s].en})`).join(', ')}`,
      'Certify the system for these services (co-test the new part) or remove them from the deployment.',
    );
  const via =
    throughSystem && system.category === 'B'
      ? `, through ${throughSystem.product} ${throughSystem.version}`
      : '';
  return item('certified-system', title, source, true, `${label}${via}`, '');
}

function coveredBy(service: Service, system: CertifiedSystem, through?: CertifiedSystem): boolean {
  return (
    system.certifiedFor.includes(service) ||
    (system.category === 'B' && through?.certifiedFor.includes(service) === true)
  );
}

function connectionPoint(input: ReadinessInput): ReadinessItem {
  const points = input.customer?.connectionPoints ?? [];
  return item(
    'connection-point',
    'At least one technical connection point (liityntäpiste)',
    'Kanta, Beredskap för införande, https://www.kanta.fi/sv/professionella/beredskap-for-inforande',
    points.length > 0,
    points.length > 0
      ? points.map((p) => `${p.id} run by ${p.operator}`).join(', ')
      : 'no connection point declared',
    'Declare the connection point (run by the vendor, a Kanta intermediary or the organisation) in the Extranet application.',
  );
}

function connectionPointNotice(input: ReadinessInput): ReadinessItem {
  const title = `Connection points announced at least ${CONNECTION_POINT_NOTICE_DAYS} days before first use`;
  const source = 'Kanta, Käytön laajennus, https://www.kanta.fi/ammattilaiset/kayton-laajennus';
  const points = input.customer?.connectionPoints ?? [];
  if (points.length === 0)
    return item(
      'connection-point-notice',
      title,
      source,
      false,
      'nothing announced',
      'Announce the connection point at least two weeks before it is used.',
    );
  const firstUse =
    input.customer?.plannedStart !== undefined
      ? new Date(`${input.customer.plannedStart}T00:00:00Z`)
      : input.now;
  const late = points.filter(
    (p) =>
      (firstUse.getTime() - Date.parse(`${p.announcedAt}T00:00:00Z`)) / DAY_MS < CONNECTION_POINT_NOTICE_DAYS,
  );
  const when =
    input.customer?.plannedStart !== undefined ? `planned start ${input.customer.plannedStart}` : 'today';
  return item(
    'connection-point-notice',
    title,
    source,
    late.length === 0,
    late.length === 0
      ? `all announced ${CONNECTION_POINT_NOTICE_DAYS}+ days before ${when}`
      : late
          .map(
            (p) =>
              `${p.id} announced ${p.announcedAt}, under ${CONNECTION_POINT_NOTICE_DAYS} days before ${when}`,
          )
          .join('; '),
    `Move the start at least ${CONNECTION_POINT_NOTICE_DAYS} days past the announcement, or announce earlier.`,
  );
}

/** The Helsinki calendar day of an instant (YYYY-MM-DD): Kanta's deployment dates are Finnish days. */
function helsinkiDayOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(instant);
}

/**
 * A planned start that has already passed cannot be the start of a deployment test still to come: the
 * customer data in the Extranet application must be brought up to date first. No planned start is not
 * flagged here (the connection-point notice is then measured from today).
 */
function plannedStart(input: ReadinessInput): ReadinessItem {
  const start = input.customer?.plannedStart;
  const today = helsinkiDayOf(input.now);
  const past = start !== undefined && start < today;
  return item(
    'planned-start',
    'The planned start of use is today or later',
    'Kanta, Beredskap för införande, https://www.kanta.fi/sv/professionella/beredskap-for-inforande',
    !past,
    start === undefined
      ? 'no planned start recorded'
      : past
        ? `planned start ${start} is in the past (today is ${today})`
        : `planned start ${start}`,
    'Update the planned start of use in the Extranet application to today or a later date.',
  );
}

function testPersons(input: ReadinessInput): ReadinessItem {
  const n = input.issuedTestPersons;
  return item(
    'test-persons',
    'Test person IDs issued for the deployment test',
    'Kanta, Införandet av Klientdataarkivet för socialvården, https://www.kanta.fi/sv/professionella/inforande-av-klientdataarkivet-for-socialvarden; docs/kanta.md#test-persons',
    n > 0,
    n > 0
      ? `${n} test person ID${n === 1 ? '' : 's'} issued to this customer`
      : 'none issued to this customer',
    'Ask the vendor to hand over Kela-issued test person IDs (POST /registry/test-persons/issue) and record which service they are for.',
  );
}

/** The whole checklist; `ready` only when every item passed. */
export function assessReadiness(input: ReadinessInput): Readiness {
  const items = [
    codeServerEntry(input),
    registerController(input),
    customerApplication(input),
    serviceDescription(input),
    certifiedSystem(input),
    connectionPoint(input),
    connectionPointNotice(input),
    plannedStart(input),
    testPersons(input),
  ];
  const readiness: Readiness = {
    organisation: input.orgOid,
    ready: items.every((i) => i.passed),
    checkedAt: input.now.toISOString(),
    items,
  };
  if (input.organisation) readiness.name = input.organisation.name;
  return readiness;
}
