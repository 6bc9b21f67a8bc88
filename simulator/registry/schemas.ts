/**
 * JSON Schemas of the registry API's request bodies, each compiled with ajv on its first use (so
 * starting the simulator compiles none).
 * A failed check becomes one ApiError naming the first offending field and what it should be.
 */
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { Ajv, JSONSchemaType, ValidateFunction } from 'ajv';
import { describeBodyError } from '../../common/schema-errors.ts';
import type formatsModule from 'ajv-formats';
import { DOCUMENT_GROUPS, SERVICES, type DocumentGroup, type Service } from '../domain/codes.ts';
import { badRequest, type ApiError } from '../http/errors.ts';
import type { ConnectionPoint, OrganisationKind, SystemCategory } from '../domain/registry.ts';

// ajv and ajv-formats (CommonJS) are loaded with the first check, not when the server starts.
const require = createRequire(import.meta.url);
function loadAjv(): { Ajv: typeof AjvModule.Ajv; addFormats: typeof formatsModule.default } {
  return {
    Ajv: (require('ajv') as typeof AjvModule).Ajv,
    addFormats: (require('ajv-formats') as typeof formatsModule).default,
  };
}

let shared: Ajv | undefined;
function ajv(): Ajv {
  if (shared === undefined) {
    const { Ajv, addFormats } = loadAjv();
    shared = new Ajv({ allErrors: false, strict: true, coerceTypes: false });
    addFormats(shared, ['date', 'date-time']);
  }
  return shared;
}

const oid = { type: 'string', minLength: 1, maxLength: 128 } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

export interface OrganisationBody {
  oid: string;
  name: string;
  kind: OrganisationKind;
  partOf?: string;
  public: boolean;
  active?: boolean;
}

export const organisationSchema: JSONSchemaType<OrganisationBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['oid', 'name', 'kind', 'public'],
  properties: {
    oid,
    name: text(200),
    kind: { type: 'string', enum: ['organisation', 'service-unit', 'register-controller'] },
    partOf: { ...oid, nullable: true },
    public: { type: 'boolean' },
    active: { type: 'boolean', nullable: true },
  },
};

export interface SystemBody {
  id: string;
  vendor: string;
  product: string;
  version: string;
  category: SystemCategory;
  certifiedFor: Service[];
  connectsThrough?: string;
}

const serviceSchema = { type: 'string', enum: [...SERVICES] } as const;

export const systemSchema: JSONSchemaType<SystemBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'vendor', 'product', 'version', 'category', 'certifiedFor'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
    vendor: text(200),
    product: text(200),
    version: text(50),
    category: { type: 'string', enum: ['A', 'B'] },
    certifiedFor: { type: 'array', items: serviceSchema, uniqueItems: true, maxItems: SERVICES.length },
    connectsThrough: { type: 'string', nullable: true, minLength: 1, maxLength: 64 },
  },
};

export interface CustomerBody {
  serviceDescriptionAccepted: boolean;
  system: string;
  connectionPoints: ConnectionPoint[];
  services: Service[];
  documentGroups: DocumentGroup[];
  serviceTasks: string[];
  plannedStart?: string;
}

export const customerSchema: JSONSchemaType<CustomerBody> = {
  type: 'object',
  additionalProperties: false,
  required: [
    'serviceDescriptionAccepted',
    'system',
    'connectionPoints',
    'services',
    'documentGroups',
    'serviceTasks',
  ],
  properties: {
    serviceDescriptionAccepted: { type: 'boolean' },
    system: text(64),
    connectionPoints: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'operator', 'announcedAt'],
        properties: {
          id: text(128),
          operator: text(200),
          announcedAt: { type: 'string', format: 'date' },
        },
      },
    },
    services: { type: 'array', items: serviceSchema, uniqueItems: true, maxItems: SERVICES.length },
    documentGroups: {
      type: 'array',
      items: { type: 'string', enum: [...DOCUMENT_GROUPS] },
      uniqueItems: true,
      maxItems: DOCUMENT_GROUPS.length,
    },
    serviceTasks: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z0-9.]{1,20}$' },
      uniqueItems: true,
      maxItems: 200,
    },
    plannedStart: { type: 'string', format: 'date', nullable: true },
  },
};

export interface IssueBody {
  vendor: string;
  customer: string;
  service: Service;
  count: number;
}

export const issueSchema: JSONSchemaType<IssueBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['vendor', 'customer', 'service', 'count'],
  properties: {
    vendor: text(200),
    customer: oid,
    service: serviceSchema,
    count: { type: 'integer', minimum: 1, maximum: 100 },
  },
};

export interface AddTestPersonsBody {
  codes: string[];
}

export const addTestPersonsSchema: JSONSchemaType<AddTestPersonsBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['codes'],
  properties: { codes: { type: 'array', minItems: 1, maxItems: 10_000, items: { type: 'string' } } },
};

export interface ArchivistBody {
  id: string;
  name: string;
  registerController: string;
  active?: boolean;
  /** Optional passcode for viewer sign-in; stored only as a scrypt hash. */
  passcode?: string;
}

export const archivistSchema: JSONSchemaType<ArchivistBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'registerController'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,63}$' },
    name: text(200),
    registerController: oid,
    active: { type: 'boolean', nullable: true },
    passcode: { type: 'string', minLength: 8, maxLength: 200, nullable: true },
  },
};

/** A checker that returns the typed body or throws a 400 ApiError; the schema is compiled on first use. */
export function bodyChecker<T>(schema: JSONSchemaType<T>): (body: unknown) => T {
  let compiled: ValidateFunction<T> | undefined;
  return (body: unknown): T => {
    const validate = (compiled ??= ajv().compile(schema));
    const nul = firstNull(body, '');
    if (nul !== undefined)
      throw invalid(
        nul,
        nul === ''
          ? 'the body is null; send a JSON object'
          : `'${nul.slice(1).replaceAll('/', '.')}' is null; no registry field takes null, so leave an optional field out instead`,
      );
    if (validate(body)) return body;
    const first = validate.errors?.[0];
    if (!first) throw invalid('', 'request body is invalid');
    const { path, message } = describeBodyError(first);
    throw invalid(path, message);
  };
}

/**
 * The JSON pointer of the first null in a body, or undefined. ajv's `nullable` (which JSONSchemaType
 * demands of optional fields) lets null through, but the registry treats an optional field as absent
 * or a value; null is neither, so it is refused here with the field's path, before the service sees it.
 */
function firstNull(value: unknown, path: string, depth = 0): string | undefined {
  if (value === null) return path;
  if (typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const found = firstNull(child, `${path}/${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function invalid(path: string, message: string): ApiError {
  return badRequest('invalid-body', message, path);
}

export const checkOrganisation = bodyChecker(organisationSchema);
export const checkSystem = bodyChecker(systemSchema);
export const checkCustomer = bodyChecker(customerSchema);
export const checkIssue = bodyChecker(issueSchema);
export const checkAddTestPersons = bodyChecker(addTestPersonsSchema);
export const checkArchivist = bodyChecker(archivistSchema);
