/**
 * Layer 3: R4 invariants, as FHIRPath compiled once with the R4 model and evaluated per element.
 *
 * The table holds the invariants of the base R4 (4.0.1) specification for the served types that can
 * fail in practice. Appointment has app-1…app-4 in R4. R5 added app-5 (start ≤ end), which holds for R4
 * data too, so kantasim applies it under its R5 name (`R5-INV-app-5`); R5's app-6 and app-7 concern
 * elements R4 does not have. R4's published app-4 compares status with 'no-show', which is not a status
 * code; the code is 'noshow', used here. Codes are `R4-INV-<key>`, the key as in the specification, so
 * vendors can look them up.
 *
 * See: https://hl7.org/fhir/R4/appointment.html#invs
 * See: https://hl7.org/fhir/R4/datatypes.html#Period (per-1), https://hl7.org/fhir/R4/extensibility.html (ext-1)
 */
import { createRequire } from 'node:module';
import type fhirpathModule from 'fhirpath';
import type r4Model from 'fhirpath/fhir-context/r4';
import { error, type Finding } from '../../domain/findings.ts';
import { resourceNarrativeFindings } from './narrative.ts';
import { visitObjects } from './walk.ts';

interface Invariant {
  key: string;
  /** Resource type, or `*` for every type. */
  type: string;
  /** Dotted path from the resource root to the context elements ('' = the resource). */
  context: string;
  /** FHIRPath type name of the context, for the evaluation base (e.g. `Appointment.participant`, `Period`). */
  base: string;
  expression: string;
  /** What must hold, worded as what to change. */
  message: string;
  /** The FHIR release that defines it, when not R4. */
  release?: 'R5';
}

const PERIOD_MESSAGE = 'a Period must not end before it starts; swap or correct start and end';

const INVARIANTS: readonly Invariant[] = [
  {
    key: 'app-1',
    type: 'Appointment',
    context: 'participant',
    base: 'Appointment.participant',
    expression: 'type.exists() or actor.exists()',
    message: 'each participant needs a type or an actor (or both); add one',
  },
  {
    key: 'app-2',
    type: 'Appointment',
    context: '',
    base: 'Appointment',
    expression: 'start.exists() = end.exists()',
    message: 'give both start and end, or neither',
  },
  {
    key: 'app-3',
    type: 'Appointment',
    context: '',
    base: 'Appointment',
    expression: "(start.exists() and end.exists()) or (status in ('proposed' | 'cancelled' | 'waitlist'))",
    message: 'only proposed, cancelled or waitlist appointments may lack start and end; add start and end',
  },
  {
    key: 'app-4',
    type: 'Appointment',
    context: '',
    base: 'Appointment',
    expression: "cancelationReason.exists() implies (status = 'noshow' or status = 'cancelled')",
    message: 'cancelationReason is only for cancelled or noshow appointments; remove it or set the status',
  },
  {
    key: 'app-5',
    type: 'Appointment',
    context: '',
    base: 'Appointment',
    expression: 'start.exists() implies start <= end',
    message: 'the appointment ends before it starts; correct start or end',
    release: 'R5',
  },
  {
    key: 'per-1',
    type: 'Appointment',
    context: 'requestedPeriod',
    base: 'Period',
    expression: '',
    message: PERIOD_MESSAGE,
  },
  {
    key: 'per-1',
    type: 'Schedule',
    context: 'planningHorizon',
    base: 'Period',
    expression: '',
    message: PERIOD_MESSAGE,
  },
  {
    key: 'per-1',
    type: 'PractitionerRole',
    context: 'period',
    base: 'Period',
    expression: '',
    message: PERIOD_MESSAGE,
  },
  {
    key: 'per-1',
    type: 'Provenance',
    context: 'occurredPeriod',
    base: 'Period',
    expression: '',
    message: PERIOD_MESSAGE,
  },
  {
    key: 'per-1',
    type: '*',
    context: 'identifier.period',
    base: 'Period',
    expression: '',
    message: PERIOD_MESSAGE,
  },
  {
    key: 'org-1',
    type: 'Organization',
    context: '',
    base: 'Organization',
    expression: '(identifier.count() + name.count()) > 0',
    message: 'an Organization needs a name or an identifier; add one',
  },
  {
    key: 'pat-1',
    type: 'Patient',
    context: 'contact',
    base: 'Patient.contact',
    expression: 'name.exists() or telecom.exists() or address.exists() or organization.exists()',
    message:
      'a Patient contact needs a name, telecom, address or organization; add one or remove the contact',
  },
  {
    key: 'dom-2',
    type: '*',
    context: '',
    base: 'DomainResource',
    expression: 'contained.contained.empty()',
    message: 'a contained resource must not contain resources itself; move them up to the container',
  },
  {
    key: 'dom-4',
    type: '*',
    context: '',
    base: 'DomainResource',
    expression: 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
    message: 'contained resources must not have meta.versionId or meta.lastUpdated; remove them',
  },
  {
    key: 'ext-1',
    type: '*',
    context: 'extension',
    base: 'Extension',
    expression: 'extension.exists() != value.exists()',
    message: 'an extension has either a value[x] or nested extensions, not both and not neither',
  },
  {
    key: 'ext-1',
    type: '*',
    context: 'extension.extension',
    base: 'Extension',
    expression: 'extension.exists() != value.exists()',
    message: 'an extension has either a value[x] or nested extensions, not both and not neither',
  },
];

const PERIOD_EXPRESSION = 'start.hasValue().not() or end.hasValue().not() or (start <= end)';

// fhirpath and its R4 model (tens of MB once loaded) are loaded on the first resource validated, not
// when the server starts; require keeps the validation pipeline synchronous.
const require = createRequire(import.meta.url);
let engine: { fhirpath: typeof fhirpathModule; r4: typeof r4Model } | undefined;
function fhirpathEngine(): { fhirpath: typeof fhirpathModule; r4: typeof r4Model } {
  engine ??= {
    fhirpath: require('fhirpath') as typeof fhirpathModule,
    r4: require('fhirpath/fhir-context/r4') as typeof r4Model,
  };
  return engine;
}

type Compiled = (resource: unknown) => unknown[];
const compiledCache = new Map<string, Compiled>();

function compiled(inv: Invariant): Compiled {
  const expression = inv.expression === '' ? PERIOD_EXPRESSION : inv.expression;
  const cacheKey = `${inv.base}|${expression}`;
  let fn = compiledCache.get(cacheKey);
  if (!fn) {
    const base = inv.base === 'DomainResource' ? undefined : inv.base;
    const { fhirpath, r4 } = fhirpathEngine();
    const compiledFn = fhirpath.compile(base === undefined ? expression : { base, expression }, r4);
    fn = (node: unknown): unknown[] => compiledFn(node) as unknown[];
    compiledCache.set(cacheKey, fn);
  }
  return fn;
}

/** Context elements with their FHIRPath locations. */
function contextNodes(resource: Record<string, unknown>, type: string, context: string): [unknown, string][] {
  let nodes: [unknown, string][] = [[resource, type]];
  if (context === '') return nodes;
  for (const key of context.split('.')) {
    const next: [unknown, string][] = [];
    for (const [node, path] of nodes) {
      if (node === null || typeof node !== 'object') continue;
      const value = (node as Record<string, unknown>)[key];
      if (Array.isArray(value)) value.forEach((v, i) => next.push([v, `${path}.${key}[${i}]`]));
      else if (value !== undefined) next.push([value, `${path}.${key}`]);
    }
    nodes = next;
  }
  return nodes;
}

/** Invariant findings of one structurally valid resource. */
export function checkInvariants(resource: Record<string, unknown> & { resourceType: string }): Finding[] {
  const type = resource.resourceType;
  const findings: Finding[] = [];
  for (const inv of INVARIANTS) {
    if (inv.type !== '*' && inv.type !== type) continue;
    const fn = compiled(inv);
    for (const [node, path] of contextNodes(resource, type, inv.context)) {
      let result: unknown[];
      try {
        result = fn(node);
      } catch {
        // An expression that cannot evaluate on odd input is not a finding of this layer.
        continue;
      }
      if (result.length === 1 && result[0] === false) {
        findings.push(
          error(
            `${inv.release ?? 'R4'}-INV-${inv.key}`,
            path,
            `${inv.key}: ${inv.message}`,
            `FHIR ${inv.release ?? 'R4'} invariant`,
          ),
        );
      }
    }
  }
  findings.push(...localReferenceFindings(resource));
  findings.push(...resourceNarrativeFindings(resource));
  return findings;
}

/** ref-1: a local reference `#id` must name a contained resource. Checked in code (the R4 FHIRPath is costly). */
function localReferenceFindings(resource: Record<string, unknown> & { resourceType: string }): Finding[] {
  const ids = new Set(
    (Array.isArray(resource.contained) ? (resource.contained as unknown[]) : []).flatMap((c) =>
      c !== null && typeof c === 'object' && typeof (c as Record<string, unknown>).id === 'string'
        ? [(c as Record<string, unknown>).id as string]
        : [],
    ),
  );
  const out: Finding[] = [];
  visitObjects(
    resource,
    resource.resourceType,
    (o, path) => {
      const value = o.reference;
      if (
        typeof value === 'string' &&
        value.startsWith('#') &&
        value.length > 1 &&
        !ids.has(value.slice(1))
      ) {
        out.push(
          error(
            'R4-INV-ref-1',
            `${path}.reference`,
            `ref-1: local reference '${value}' names no contained resource; add a contained resource with id '${value.slice(1)}' or fix the reference`,
          ),
        );
      }
    },
    // References inside contained resources point among them; the container's ids are what ref-1 checks.
    (key) => key === 'contained',
  );
  return out;
}
