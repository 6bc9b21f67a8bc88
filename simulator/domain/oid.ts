/**
 * ISO object identifiers as Kanta uses them.
 *
 * Facts (docs/kanta.md#code-server-and-oids): SOTE organisations sit under `1.2.246.10.<y-tunnus digits>`
 * with node classes (10 service provider/units, 19 register controller, 22 temporary patient IDs, ...);
 * some organisations (HUS) sit under `1.2.246.537.10.<n>`. FHIR carries OIDs as `urn:oid:<oid>`.
 */

const OID_PATTERN = /^[0-2](\.(0|[1-9][0-9]*))+$/;

/** Why an OID is not valid, or undefined when it is. Messages say what to change. */
export function oidProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '')
    return 'an OID is required (dot-separated numbers, e.g. 1.2.246.10.1234567.10.0)';
  if (value.startsWith('urn:oid:')) return `'${value}' carries the urn:oid: prefix; give the bare OID here`;
  if (value.length > 128) return `OID is ${value.length} characters long; the maximum is 128`;
  if (!OID_PATTERN.test(value)) {
    if (/\.\./.test(value) || value.endsWith('.') || value.startsWith('.'))
      return `'${value}' has an empty arc; arcs are numbers separated by single dots`;
    if (/(^|\.)0[0-9]/.test(value))
      return `'${value}' has an arc with a leading zero, which OIDs do not allow`;
    if (/^[3-9]/.test(value))
      return `'${value}' starts with arc ${value.split('.')[0] ?? ''}; the first arc is 0, 1 or 2`;
    return `'${value}' is not an OID: use digits and dots only, at least two arcs (e.g. 1.2.246.21)`;
  }
  const arcs = value.split('.');
  const first = Number(arcs[0]);
  const second = Number(arcs[1]);
  if (first < 2 && second > 39) return `'${value}': under arc ${first} the second arc must be 0–39`;
  return undefined;
}

export function isOid(value: unknown): value is string {
  return oidProblem(value) === undefined;
}

/** `urn:oid:1.2.3` → `1.2.3`; anything else unchanged. */
export function stripUrnOid(value: string): string {
  return value.startsWith('urn:oid:') ? value.slice('urn:oid:'.length) : value;
}

export function toUrnOid(oid: string): string {
  return oid.startsWith('urn:oid:') ? oid : `urn:oid:${oid}`;
}

/** True when `oid` equals `ancestor` or lies beneath it in the OID tree. */
export function isUnder(oid: string, ancestor: string): boolean {
  return oid === ancestor || oid.startsWith(`${ancestor}.`);
}

/** The node classes of the national SOTE OID structure (docs/kanta.md#code-server-and-oids). */
export const NODE_CLASSES: Readonly<Record<string, string>> = {
  '5': 'code systems',
  '6': 'code systems',
  '10': 'service provider and units',
  '11': 'document specifications',
  '12': 'software',
  '13': 'devices',
  '14': 'service events and episodes',
  '15': 'queues',
  '16': 'payment commitments',
  '17': 'transport identifiers',
  '18': 'message parties',
  '19': 'register controller',
  '22': 'temporary patient identifiers',
  '91': 'electronic patient documents',
  '92': 'electronic patient documents',
  '93': 'electronic patient documents',
  '94': 'electronic patient documents',
};

export interface NationalOid {
  /** The organisation root, e.g. `1.2.246.10.1234567`. */
  organisationRoot: string;
  /** The node class arc after the root, e.g. `10` or `19`, if any. */
  nodeClass?: string;
  nodeClassName?: string;
}

/**
 * Splits an OID of the national structure into its organisation root and node class.
 * Recognises `1.2.246.10.<org>.<class>…` and the older `1.2.246.537.10.<org>.<class>…`.
 */
export function parseNationalOid(oid: string): NationalOid | undefined {
  const match = /^(1\.2\.246\.10\.[0-9]+|1\.2\.246\.537\.10\.[0-9]+)(?:\.([0-9]+))?/.exec(oid);
  if (!match?.[1]) return undefined;
  const nodeClass = match[2];
  if (nodeClass === undefined) return { organisationRoot: match[1] };
  const nodeClassName = NODE_CLASSES[nodeClass];
  return nodeClassName === undefined
    ? { organisationRoot: match[1], nodeClass }
    : { organisationRoot: match[1], nodeClass, nodeClassName };
}

/**
 * The OID arc for a business ID (y-tunnus): its digits without the hyphen (JHS 159),
 * e.g. `0204819-8` → `2048198` (leading zeros dropped, as OID arcs have none).
 */
export function ytunnusArc(ytunnus: string): string {
  const digits = ytunnus.replace(/[^0-9]/g, '');
  return String(Number(digits));
}
