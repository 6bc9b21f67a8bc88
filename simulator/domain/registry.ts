/**
 * Registry records: what the national code server (organisations and units), Kanta Extranet (customers
 * and what they deployed), the certification register (systems), the test-person pool and the archivist
 * accounts say. Plain data, no I/O: the store keeps them (`store/types.ts` RegistryRepository), the
 * registry service and the rules judge them.
 */
import type { DocumentGroup, Service } from './codes.ts';

export type OrganisationKind = 'organisation' | 'service-unit' | 'register-controller';

/** An entry of the national code server (SOTE organisation register) mock. */
export interface Organisation {
  oid: string;
  name: string;
  kind: OrganisationKind;
  /** The OID of the organisation this unit or register controller belongs to. */
  partOf?: string;
  public: boolean;
  /** False when the entry is no longer current in the code server. */
  active: boolean;
  /** When the code-server entry was last confirmed up to date (ISO date-time). */
  updatedAt: string;
}

export type SystemCategory = 'A' | 'B';

/** A Kanta-certified information system. */
export interface CertifiedSystem {
  id: string;
  vendor: string;
  product: string;
  version: string;
  category: SystemCategory;
  certifiedFor: Service[];
  /** For a category-B system: the id of the certified category-A system it connects through. */
  connectsThrough?: string;
}

export interface ConnectionPoint {
  id: string;
  /** Who runs it: the vendor, a Kanta intermediary or the organisation itself. */
  operator: string;
  /** When the connection point was announced to Kela (ISO date). */
  announcedAt: string;
}

/** A Kanta customer and what it has deployed (Kanta Extranet data). */
export interface Customer {
  orgOid: string;
  serviceDescriptionAccepted: boolean;
  /** Id of the certified system in use. */
  system: string;
  connectionPoints: ConnectionPoint[];
  services: Service[];
  documentGroups: DocumentGroup[];
  /** Social-welfare service task codes (1.2.246.537.6.1221) deployed. */
  serviceTasks: string[];
  /** Planned first production use or deployment test date (ISO date), for the two-week notice rule. */
  plannedStart?: string;
  updatedAt: string;
}

/** A test identity code in the pool, and to whom it was issued. */
export interface TestPerson {
  hetu: string;
  birthDate: string;
  sex: 'female' | 'male';
  /** Fictional name for displays; never a real person's. */
  name?: string;
  issue?: TestPersonIssue;
}

export interface TestPersonIssue {
  vendor: string;
  customer: string;
  service: Service;
  issuedAt: string;
}

/**
 * A Kanta archivist account (arkistonhoitaja) of one register controller (rekisterinpitäjä), for the
 * viewer. The real Archivist UI signs in with a test professional card; kantasim keeps accounts in the
 * registry and bounds everything an archivist sees by `registerController` (docs in simulator/viewer/).
 */
export interface Archivist {
  /** User name, e.g. `arkistonhoitaja.kuusijarvi`. */
  id: string;
  /** Fictional display name. */
  name: string;
  /** OID of a `register-controller` entry (`….19.0`). */
  registerController: string;
  active: boolean;
  createdAt: string;
  /** `scrypt$<salt>$<hash>` (base64) when the account has a passcode; never sent by the API. */
  passcodeHash?: string;
}

/**
 * What the rules may ask of the registries: a read-only port the store's registry repository satisfies,
 * so rule modules judge registry facts without depending on storage.
 */
export interface RegistryReader {
  getOrganisation(oid: string): Promise<Organisation | undefined>;
  getCustomer(orgOid: string): Promise<Customer | undefined>;
}
