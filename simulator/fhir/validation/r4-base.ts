/**
 * The R4 base rules the official JSON schema does not encode, checked in one walk over the resource
 * against tables derived from the published R4 StructureDefinitions (r4-tables.generated.ts, made by
 * scripts/gen-r4-tables.ts). The schema leaves out minimum cardinalities, so without this layer an
 * Appointment without `status` or an extension without `url` would pass.
 *
 * - R4-CARD-001 a required element (min ≥ 1) is missing; R4-CARD-002 more repetitions than max allows
 * - R4-CHOICE-001 a choice element (`value[x]`) given in more than one type
 * - R4-BIND-001 a code outside a required value set the schema does not enumerate (days of week, …)
 * - R4-EXT-001 an extension without `url` (anywhere: resource, element, primitive, nested, contained)
 * - R4-PRIM-001 a primitive's extension (`_status`, `_given`) is not an object with only `id` and
 *   `extension`, or a `_name` array does not line up with its value array
 * - R4-JSON-002 an element `id` that is not a FHIR id; R4-JSON-003 two contained resources with one id
 * - FHIR-STRUCT-005 a date, dateTime or instant whose day is not in the calendar (`2020-02-30`): the
 *   schema's pattern allows any day 01–31, R4 says the values SHALL be valid dates
 *
 * Paths are FHIRPath-like, written the way the JSON reads (`Appointment._status.extension[0].url`), the
 * same form the schema layer uses, so the pipeline can drop a finding the schema layer already made.
 * Types without a table (a contained resource kantasim does not serve) are left to the schema layer.
 *
 * See: https://hl7.org/fhir/R4/json.html#primitive, https://hl7.org/fhir/R4/extensibility.html,
 * https://hl7.org/fhir/R4/formats.html#choice
 */
import { error, type Finding } from '../../domain/findings.ts';
import { R4_ELEMENTS, R4_SOURCE, R4_VALUE_SETS } from './r4-tables.generated.ts';

const SOURCE = `FHIR R4 StructureDefinitions (${R4_SOURCE.package} ${R4_SOURCE.version})`;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const MAX_FINDINGS = 50;
const DATE_SOURCE =
  'FHIR R4 data types: date, dateTime and instant SHALL be valid dates, https://hl7.org/fhir/R4/datatypes.html#date';
const DATE_TYPES = new Set(['date', 'dateTime', 'instant']);
const YEAR_MONTH_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** Days in a month of the (proleptic Gregorian) calendar, or 0 for a month that does not exist. */
function daysInMonth(year: number, month: number): number {
  if (month < 1 || month > 12) return 0;
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * For a date-typed value with a day the month does not have, `{ yearMonth, days }`; else undefined
 * (including values the schema's pattern refuses anyway).
 */
export function impossibleDay(value: string): { yearMonth: string; days: number } | undefined {
  const m = YEAR_MONTH_DAY.exec(value);
  if (!m) return undefined;
  const days = daysInMonth(Number(m[1]), Number(m[2]));
  const day = Number(m[3]);
  return days > 0 && day > days ? { yearMonth: `${m[1] ?? ''}-${m[2] ?? ''}`, days } : undefined;
}

interface Child {
  /** Element name without `[x]`. */
  name: string;
  /** Path below the type, as in the table. */
  path: string;
  min: number;
  max: number;
  choice: boolean;
  /** For a content reference, the path of the element whose children it reuses. */
  ref?: string;
  valueSet?: Readonly<Record<string, readonly string[]>>;
  valueSetUrl?: string;
}

interface KeyEntry {
  child: Child;
  type: string;
}

interface Node {
  byKey: Map<string, KeyEntry>;
  required: Child[];
}

/** type → parent path ('' for the type itself) → its children, built on first use. */
const compiled = new Map<string, Map<string, Node>>();

const isPrimitive = (type: string): boolean => {
  const c = type.charCodeAt(0);
  return c >= 97 && c <= 122;
};

function compile(type: string): Map<string, Node> | undefined {
  const known = compiled.get(type);
  if (known) return known;
  const rows = R4_ELEMENTS[type];
  if (rows === undefined) return undefined;
  const nodes = new Map<string, Node>();
  for (const [path, [min, max, types, valueSetUrl]] of Object.entries(rows)) {
    const dot = path.lastIndexOf('.');
    const parent = dot < 0 ? '' : path.slice(0, dot);
    const raw = dot < 0 ? path : path.slice(dot + 1);
    const choice = raw.endsWith('[x]');
    const name = choice ? raw.slice(0, -3) : raw;
    const child: Child = { name, path, min, max, choice };
    if (types.startsWith('#')) child.ref = types.slice(1);
    if (valueSetUrl !== undefined) {
      child.valueSetUrl = valueSetUrl;
      child.valueSet = R4_VALUE_SETS[valueSetUrl];
    }
    let node = nodes.get(parent);
    if (!node) {
      node = { byKey: new Map(), required: [] };
      nodes.set(parent, node);
    }
    if (min > 0) node.required.push(child);
    for (const t of child.ref !== undefined ? ['BackboneElement'] : types.split('|')) {
      const key = choice ? `${name}${t.charAt(0).toUpperCase()}${t.slice(1)}` : name;
      node.byKey.set(key, { child, type: t });
    }
  }
  compiled.set(type, nodes);
  return nodes;
}

class Walk {
  readonly findings: Finding[] = [];

  add(code: string, path: string, message: string, source = SOURCE): void {
    if (this.findings.length < MAX_FINDINGS) this.findings.push(error(code, path, message, source));
  }

  resource(o: Record<string, unknown>, path: string): void {
    const type = o.resourceType;
    if (typeof type !== 'string') return;
    const nodes = compile(type);
    if (!nodes) return;
    const contained = o.contained;
    if (Array.isArray(contained)) {
      const ids = new Set<string>();
      contained.forEach((c: unknown, i) => {
        const id = c !== null && typeof c === 'object' ? (c as { id?: unknown }).id : undefined;
        if (typeof id !== 'string') return;
        if (ids.has(id))
          this.add(
            'R4-JSON-003',
            `${path}.contained[${i}].id`,
            `${path}.contained[${i}].id '${id}' is already the id of another contained resource; give each contained resource its own id`,
          );
        ids.add(id);
      });
    }
    this.element(o, nodes, type, '', path, true);
  }

  element(
    o: Record<string, unknown>,
    nodes: Map<string, Node>,
    type: string,
    at: string,
    path: string,
    isResource: boolean,
  ): void {
    const node = nodes.get(at);
    if (!node) return;
    if (!isResource && typeof o.id === 'string' && !ID.test(o.id))
      this.add(
        'R4-JSON-002',
        `${path}.id`,
        `${path}.id '${o.id}' is not a valid element id (1–64 letters, digits, '-' or '.')`,
      );
    let choices: Map<Child, string> | undefined;
    for (const key in o) {
      const value = o[key];
      if (key.charCodeAt(0) === 95 /* _ */) {
        const entry = node.byKey.get(key.slice(1));
        if (entry && isPrimitive(entry.type))
          this.primitiveExtension(value, o[key.slice(1)], entry.child, `${path}.${key}`);
        continue;
      }
      const entry = node.byKey.get(key);
      if (!entry) continue;
      const { child } = entry;
      if (child.choice) {
        choices ??= new Map();
        const other = choices.get(child);
        if (other !== undefined)
          this.add(
            'R4-CHOICE-001',
            `${path}.${key}`,
            `${path}.${child.name}[x] is given twice (${other} and ${key}); a choice element takes exactly one type`,
          );
        else choices.set(child, key);
      }
      if (Array.isArray(value)) {
        if (child.max !== -1 && value.length > child.max && child.max !== 1)
          this.add(
            'R4-CARD-002',
            `${path}.${key}`,
            `${path}.${key} has ${value.length} repetitions; FHIR R4 ${type}.${child.path} allows at most ${child.max}`,
          );
        for (let i = 0; i < value.length; i++)
          this.value(value[i], entry, nodes, type, `${path}.${key}[${i}]`);
      } else this.value(value, entry, nodes, type, `${path}.${key}`);
    }
    for (const child of node.required) {
      if (this.present(o, node, child)) continue;
      if (type === 'Extension' && child.name === 'url')
        this.add(
          'R4-EXT-001',
          `${path}.url`,
          `${path} has no 'url'; every extension must say which extension it is (its canonical url)`,
        );
      else
        this.add(
          'R4-CARD-001',
          `${path}.${child.choice ? `${child.name}[x]` : child.name}`,
          `${path}.${child.choice ? `${child.name}[x]` : child.name} is missing; FHIR R4 ${type}.${child.path} is required (min ${child.min})`,
        );
    }
  }

  present(o: Record<string, unknown>, node: Node, child: Child): boolean {
    if (!child.choice) return o[child.name] !== undefined || o[`_${child.name}`] !== undefined;
    for (const key in o) {
      const k = key.charCodeAt(0) === 95 ? key.slice(1) : key;
      if (node.byKey.get(k)?.child === child) return true;
    }
    return false;
  }

  value(v: unknown, entry: KeyEntry, nodes: Map<string, Node>, type: string, path: string): void {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      const impossible = typeof v === 'string' && DATE_TYPES.has(entry.type) ? impossibleDay(v) : undefined;
      if (impossible !== undefined)
        this.add(
          'FHIR-STRUCT-005',
          path,
          `${path} '${String(v)}' is not a day of the calendar (${impossible.yearMonth} has ${impossible.days} days); correct the value`,
          DATE_SOURCE,
        );
      const vs = entry.child.valueSet;
      if (vs !== undefined && typeof v === 'string' && !Object.values(vs).some((codes) => codes.includes(v)))
        this.add(
          'R4-BIND-001',
          path,
          `${path} '${v}' is not in the value set ${entry.child.valueSetUrl ?? ''}, which FHIR R4 requires for ${type}.${entry.child.path}`,
        );
      return;
    }
    const o = v as Record<string, unknown>;
    const t = entry.type;
    if (entry.child.ref !== undefined) this.element(o, nodes, type, entry.child.ref, path, false);
    else if (t === 'BackboneElement' || t === 'Element')
      this.element(o, nodes, type, entry.child.path, path, false);
    else if (typeof o.resourceType === 'string') this.resource(o, path);
    else {
      const sub = compile(t);
      if (sub) this.element(o, sub, t, '', path, false);
    }
  }

  /** `_name` beside a primitive: an object (an aligned array for a repeating element) of id + extension. */
  primitiveExtension(ext: unknown, value: unknown, child: Child, path: string): void {
    if (Array.isArray(ext) !== (child.max !== 1)) {
      this.add(
        'R4-PRIM-001',
        path,
        child.max === 1
          ? `${path} must be an object (id and extension), as ${path.slice(0, path.lastIndexOf('.'))}.${child.name} takes a single value`
          : `${path} must be an array aligned with the ${child.name} array (null where a value has no extension)`,
      );
      return;
    }
    if (Array.isArray(ext)) {
      if (Array.isArray(value) && value.length !== ext.length)
        this.add(
          'R4-PRIM-001',
          path,
          `${path} has ${ext.length} entries but its value array has ${value.length}; the two arrays must line up (null where one has nothing)`,
        );
      ext.forEach((item: unknown, i) => {
        if (item === null) {
          if (!Array.isArray(value) || value[i] === null || value[i] === undefined)
            this.add(
              'R4-PRIM-001',
              `${path}[${i}]`,
              `${path}[${i}] and its value are both null; leave the repetition out`,
            );
          return;
        }
        this.primitiveElement(item, `${path}[${i}]`);
      });
      return;
    }
    this.primitiveElement(ext, path);
  }

  primitiveElement(ext: unknown, path: string): void {
    if (ext === null || typeof ext !== 'object' || Array.isArray(ext)) {
      this.add(
        'R4-PRIM-001',
        path,
        `${path} must be an object with 'id' and/or 'extension' (a primitive's extensions)`,
      );
      return;
    }
    const o = ext as Record<string, unknown>;
    let children = 0;
    for (const key in o) {
      if (key === 'id') {
        children++;
        if (typeof o.id !== 'string' || !ID.test(o.id))
          this.add(
            'R4-JSON-002',
            `${path}.id`,
            `${path}.id '${typeof o.id === 'string' ? o.id : JSON.stringify(o.id)}' is not a valid element id (1–64 letters, digits, '-' or '.')`,
          );
      } else if (key === 'extension') {
        children++;
        const list = o.extension;
        if (!Array.isArray(list)) {
          this.add('R4-PRIM-001', `${path}.extension`, `${path}.extension must be an array of extensions`);
          continue;
        }
        const nodes = compile('Extension');
        list.forEach((e: unknown, i) => {
          if (e !== null && typeof e === 'object' && !Array.isArray(e) && nodes)
            this.element(
              e as Record<string, unknown>,
              nodes,
              'Extension',
              '',
              `${path}.extension[${i}]`,
              false,
            );
          else
            this.add(
              'R4-PRIM-001',
              `${path}.extension[${i}]`,
              `${path}.extension[${i}] must be an extension object`,
            );
        });
      } else
        this.add(
          'R4-PRIM-001',
          `${path}.${key}`,
          `'${key}' is not allowed in ${path}: a primitive's extension object holds only 'id' and 'extension'`,
        );
    }
    if (children === 0)
      this.add('R4-PRIM-001', path, `${path} is empty; give it an extension or leave it out`);
  }
}

/** Checks one resource (with what it contains) against the R4 base tables. */
export function checkR4Base(resource: Record<string, unknown> & { resourceType: string }): Finding[] {
  const walk = new Walk();
  walk.resource(resource, resource.resourceType);
  return walk.findings;
}

/**
 * Drops the R4 base findings the schema layer already made at the same place or above it (the schema
 * reports the wrong shape; the base rules would repeat it as a symptom).
 */
export function withoutSchemaDuplicates(base: Finding[], schema: Finding[]): Finding[] {
  if (schema.length === 0) return base;
  const paths = schema.map((f) => f.path);
  return base.filter(
    (f) => !paths.some((p) => f.path === p || f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[`)),
  );
}
