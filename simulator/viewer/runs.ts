/**
 * Recorded scenario runs in the viewer: safe evidence links, and the expectations a run holds for one
 * archived document (for the compare page). Who may see a run is `maySeeRun` in
 * `simulator/access/scope.ts` (the run's organisation must be in the archivist's scope); the reader
 * applies it.
 *
 * Compare mapping: the expectations of run R for document D are R's checks that read D from the
 * simulator (`document` = D, recorded by the runner from `in: { get: /archive/documents/D… }`), have an
 * `equals` value (`expected`: the source system's value as the scenario gave it or fetched it from the
 * system under test) and an `xpath` selector. Each becomes the compare field `xpath:<selector>` with the
 * expected value; checks over the header JSON (`path`/`fhirpath`) are not mapped, because the compare
 * page reads the XML.
 */
import type { RunWireCheck, RunWireScenario } from '../../common/run-wire.ts';
import type { RunRecord } from '../domain/runs.ts';

/** The one scenario a record holds (POST /runs checked its shape before storing it). */
export function scenarioOf(record: RunRecord): RunWireScenario | undefined {
  const scenarios = record.result.scenarios;
  return Array.isArray(scenarios) ? (scenarios[0] as RunWireScenario | undefined) : undefined;
}

/** Viewer paths evidence may link to; anything else in a posted result is shown as text, never linked. */
const VIEWER_PATHS: readonly RegExp[] = [
  /^\/viewer\/events\/[0-9]{1,15}$/,
  /^\/viewer\/appointments\/[A-Za-z0-9\-.]{1,64}$/,
  /^\/viewer\/documents\/[0-9.]{3,128}$/,
  /^\/viewer\/runs\/[A-Za-z0-9-]{1,64}$/,
];

/**
 * The same-origin viewer path of an evidence link (the runner writes absolute URLs of the simulator it
 * ran against), or undefined when it is not one of the viewer's pages.
 */
export function viewerPath(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(href, 'http://viewer.invalid');
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined; // malformed percent-encoding (`%zz`): shown as text, like any other href
  }
  return VIEWER_PATHS.some((re) => re.test(path)) ? path : undefined;
}

function mappable(check: RunWireCheck, oid: string): check is RunWireCheck & { selector: { xpath: string } } {
  return (
    check.kind === 'check' &&
    check.document === oid &&
    check.expected !== undefined &&
    typeof check.selector?.xpath === 'string' &&
    check.selector.xpath !== ''
  );
}

function expectedText(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return JSON.stringify(value);
}

/** The run's expectations for document `oid`, as compare-page fields (see the mapping above). */
export function expectationsFor(
  record: RunRecord,
  oid: string,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const step of scenarioOf(record)?.steps ?? [])
    for (const check of step.checks)
      if (mappable(check, oid)) out[`xpath:${check.selector.xpath}`] = expectedText(check.expected);
  return out;
}

/** Documents a run's checks read, with how many mappable expectations each has. */
export function documentsOf(record: RunRecord): { oid: string; fields: number }[] {
  const oids = new Set<string>();
  for (const step of scenarioOf(record)?.steps ?? [])
    for (const check of step.checks) if (check.document !== undefined) oids.add(check.document);
  return [...oids].map((oid) => ({ oid, fields: Object.keys(expectationsFor(record, oid)).length }));
}
