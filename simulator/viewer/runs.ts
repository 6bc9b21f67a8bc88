/**
 * Recorded scenario runs in the viewer (issue 6 item 9): who may see a run, safe evidence links, and the
 * expectations a run holds for one archived document (for the compare page).
 *
 * Scope: a run belongs to the organisation its scenario names (`organisation`, the deployment being
 * tested). An archivist sees a run when that organisation is the organisation of the archivist's register
 * controller, one of its units, or the register controller itself: the same set whose submissions the
 * live view shows (`scope.appointmentOrganisations`). A run that names no organisation is nobody's.
 * Anything else answers "not found".
 *
 * Compare mapping: the expectations of run R for document D are R's checks that read D from the
 * simulator (`document` = D, recorded by the runner from `in: { get: /archive/documents/D… }`), have an
 * `equals` value (`expected`: the source system's value as the scenario gave it or fetched it from the
 * system under test) and an `xpath` selector. Each becomes the compare field `xpath:<selector>` with the
 * expected value; checks over the header JSON (`path`/`fhirpath`) are not mapped, because the compare
 * page reads the XML.
 */
import type { RecordedCheck, RecordedScenario } from '../runs/format.ts';
import type { RunRecord, RunSummary } from '../domain/runs.ts';
import type { Store } from '../store/types.ts';
import type { ArchivistScope } from './scope.ts';

export function runVisible(scope: ArchivistScope, run: Pick<RunSummary, 'organisation'>): boolean {
  return run.organisation !== undefined && scope.appointmentOrganisations.has(run.organisation);
}

/** The one scenario a record holds (POST /runs checked its shape before storing it). */
export function scenarioOf(record: RunRecord): RecordedScenario | undefined {
  const scenarios = record.result.scenarios;
  return Array.isArray(scenarios) ? (scenarios[0] as RecordedScenario | undefined) : undefined;
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
  const path = decodeURIComponent(url.pathname);
  return VIEWER_PATHS.some((re) => re.test(path)) ? path : undefined;
}

function mappable(
  check: RecordedCheck,
  oid: string,
): check is RecordedCheck & { selector: { xpath: string } } {
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

/** Recent runs in scope that hold expectations for document `oid`, newest first. */
export async function runsWithExpectations(
  store: Store,
  scope: ArchivistScope,
  oid: string,
  window = 50,
): Promise<{ run: RunSummary; fields: number }[]> {
  const out: { run: RunSummary; fields: number }[] = [];
  const summaries = await store.runs.list({
    organisations: [...scope.appointmentOrganisations],
    limit: window,
  });
  for (const summary of summaries) {
    const record = await store.runs.get(summary.id);
    if (!record) continue;
    const fields = Object.keys(expectationsFor(record, oid)).length;
    if (fields > 0) out.push({ run: summary, fields });
  }
  return out;
}

/** Documents a run's checks read, with how many mappable expectations each has. */
export function documentsOf(record: RunRecord): { oid: string; fields: number }[] {
  const oids = new Set<string>();
  for (const step of scenarioOf(record)?.steps ?? [])
    for (const check of step.checks) if (check.document !== undefined) oids.add(check.document);
  return [...oids].map((oid) => ({ oid, fields: Object.keys(expectationsFor(record, oid)).length }));
}
