/**
 * Scenario runs (docs/viewer.md#scenario-runs-testiajot): the deployment-test runs `kantasim run` recorded (`POST /runs`) for the
 * archivist's organisation, and one run with each step and check, its verdict, message, requirement and
 * links to the evidence. Evidence links from the posted result are shown only when they point at one of
 * the viewer's own pages (runs.ts `viewerPath`); everything else is text.
 */
import type { VNode } from 'preact';
import type { RunWireCheck, RunWireEvidence, RunWireScenario } from '../../../common/run-wire.ts';
import type { RunRecord, RunSummary, RunVerdict } from '../../domain/runs.ts';
import { DataTable, Empty, Fields, Label, Layout, PageHead } from '../components.tsx';
import { viewerPath } from '../runs.ts';
import type { ArchivistScope } from '../scope.ts';

const VERDICT_TERMS: Readonly<Record<RunVerdict, { en: string; fi: string }>> = {
  pass: { en: 'Passed', fi: 'Hyväksytty' },
  fail: { en: 'Failed', fi: 'Hylätty' },
  error: { en: 'Error', fi: 'Virhe' },
  skip: { en: 'Skipped', fi: 'Ohitettu' },
};

export function VerdictBadge({ verdict }: { verdict: RunVerdict }): VNode {
  const term = VERDICT_TERMS[verdict];
  return (
    <span class={`badge badge-verdict-${verdict}`} data-verdict={verdict}>
      {term.en} <span class="fi">{term.fi}</span>
    </span>
  );
}

function when(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

function Counts({ counts }: { counts: Record<RunVerdict, number> }): VNode {
  return (
    <span class="run-counts">
      <span class="cnt cnt-pass" title="passed">
        ✓ {counts.pass}
      </span>{' '}
      <span class={counts.fail > 0 ? 'cnt cnt-fail' : 'cnt'} title="failed">
        ✗ {counts.fail}
      </span>{' '}
      <span class={counts.error > 0 ? 'cnt cnt-error' : 'cnt'} title="errors">
        ! {counts.error}
      </span>{' '}
      <span class="cnt" title="skipped">
        – {counts.skip}
      </span>
    </span>
  );
}

export function RunsPage({ scope, runs }: { scope: ArchivistScope; runs: RunSummary[] }): VNode {
  return (
    <Layout title="Scenario runs" scope={scope} nav="runs">
      <PageHead title="Scenario runs" fi="Testiajot">
        <p class="lead">
          Deployment-test scenarios run with <code>kantasim run</code> for{' '}
          <strong>{scope.organisation?.name ?? scope.registerController.name}</strong>, newest first.
        </p>
      </PageHead>
      {runs.length === 0 ? (
        <Empty>
          No recorded runs for your organisation yet. Run <code>kantasim run scenarios/… --sim URL</code>; it
          records each scenario here.
        </Empty>
      ) : (
        <DataTable
          variant="runs"
          testid="runs"
          columns={['When', 'Scenario', 'Organisation', 'Verdict', 'Checks']}
        >
          {runs.map((r) => (
            <tr key={r.id} data-run={r.id} data-scenario={r.scenarioId}>
              <td class="nowrap">
                <time dateTime={r.startedAt}>{when(r.startedAt)}</time>
              </td>
              <td>
                <a href={`/viewer/runs/${encodeURIComponent(r.id)}`}>{r.title}</a>
                <div class="sub">
                  <code>{r.scenarioId}</code> · {r.service}
                </div>
              </td>
              <td>
                <code>{r.organisation ?? '–'}</code>
              </td>
              <td>
                <VerdictBadge verdict={r.verdict} />
              </td>
              <td class="nowrap">
                <Counts counts={r.counts} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

function EvidenceList({ evidence }: { evidence: RunWireEvidence[] }): VNode | null {
  if (evidence.length === 0) return null;
  return (
    <ul class="evidence">
      {evidence.map((e, i) => {
        const path = viewerPath(e.href);
        return (
          <li key={i}>
            <span class="ev-label">{e.label}</span>{' '}
            {path === undefined ? (
              <code>{e.value}</code>
            ) : (
              <a href={path} data-evidence={e.label}>
                <code>{e.value}</code>
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function CheckRow({ check }: { check: RunWireCheck }): VNode {
  return (
    <tr class={`chk chk-${check.verdict}`} data-check={check.id} data-verdict={check.verdict}>
      <td>
        <VerdictBadge verdict={check.verdict} />
      </td>
      <td>
        {check.title}
        <div class="sub">
          <code>{check.id}</code> · {check.kind} · {check.level.toUpperCase()}
        </div>
        {check.message !== undefined && <div class="chk-message">{check.message}</div>}
        {check.expected !== undefined && (
          <div class="sub">
            expected <code>{show(check.expected)}</code>
            {check.actual !== undefined && (
              <>
                , received <code>{check.actual.map(show).join(', ') || '(nothing)'}</code>
              </>
            )}
          </div>
        )}
      </td>
      <td>
        {check.requirement === undefined ? (
          <span class="muted">–</span>
        ) : (
          <>
            <code>{check.requirement}</code>
            {check.requirementText !== undefined && <div class="sub">{check.requirementText}</div>}
          </>
        )}
      </td>
      <td>
        <EvidenceList evidence={check.evidence} />
      </td>
    </tr>
  );
}

export interface RunPageProps {
  scope: ArchivistScope;
  record: RunRecord;
  scenario: RunWireScenario;
  /** Documents the run's checks read, with how many compare fields each gives. */
  documents: { oid: string; fields: number }[];
}

export function RunPage({ scope, record, scenario, documents }: RunPageProps): VNode {
  const org = scenario.organisation;
  return (
    <Layout title={`Run: ${scenario.title}`} scope={scope} nav="runs">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/runs">Scenario runs</a> › <span aria-current="page">{scenario.id}</span>
      </nav>
      <PageHead title={scenario.title} fi="Testiajo">
        <p class="lead">
          <VerdictBadge verdict={record.verdict} />
          <span class="run-summary-counts" data-testid="run-counts">
            {record.counts.pass} passed · {record.counts.fail} failed · {record.counts.error} could not be
            evaluated · {record.counts.skip} skipped
          </span>
        </p>
        {scenario.message !== undefined && <p class="hint">{scenario.message}</p>}
      </PageHead>
      <section class="card">
        <Fields
          rows={[
            [<Label en="Scenario" fi="Skenaario" />, <code>{scenario.id}</code>],
            [<Label en="Service" fi="Palvelu" />, scenario.service],
            [
              <Label en="Organisation" fi="Organisaatio" />,
              org === undefined ? (
                <span class="muted">–</span>
              ) : (
                <>
                  {org.name ?? ''} <code>{org.oid}</code>
                </>
              ),
            ],
            [
              <Label en="System" fi="Järjestelmä" />,
              org?.system === undefined ? (
                <span class="muted">–</span>
              ) : (
                `${org.system.vendor} ${org.system.product} ${org.system.version} (category ${org.system.category})`
              ),
            ],
            [
              <Label en="Started" fi="Aloitettu" />,
              `${when(scenario.startedAt)} · ${Math.round(scenario.durationMs / 100) / 10} s`,
            ],
            [<Label en="Level" fi="Taso" />, record.level],
            [
              <Label en="Test persons" fi="Testihenkilöt" />,
              (scenario.testPersons ?? []).map((p) => p.hetu).join(', ') || '–',
            ],
            [
              <Label en="Recorded" fi="Tallennettu" />,
              <>
                {when(record.recordedAt)}
                {record.eventSeq !== undefined && (
                  <>
                    {' '}
                    · <a href={`/viewer/events/${record.eventSeq}`}>event #{record.eventSeq}</a>
                  </>
                )}
              </>,
            ],
          ]}
        />
      </section>
      {documents.length > 0 && (
        <section class="docsection">
          <h2>
            Documents checked <span class="fi">Tarkistetut asiakirjat</span>
          </h2>
          <ul class="run-docs">
            {documents.map((d) => (
              <li key={d.oid}>
                <a href={`/viewer/documents/${encodeURIComponent(d.oid)}`}>
                  <code>{d.oid}</code>
                </a>
                {d.fields > 0 && (
                  <>
                    {' '}
                    ·{' '}
                    <a
                      href={`/viewer/documents/${encodeURIComponent(d.oid)}/compare?run=${encodeURIComponent(record.id)}`}
                      data-compare={d.oid}
                    >
                      compare with this run’s {d.fields} expected value{d.fields === 1 ? '' : 's'}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {scenario.steps.map((step) => (
        <section key={step.id} class="docsection run-step" data-step={step.id}>
          <h2>
            <VerdictBadge verdict={step.verdict} /> {step.title} <code class="sub">{step.id}</code>
          </h2>
          {step.instruction !== undefined && <p class="hint">{step.instruction}</p>}
          {step.message !== undefined && <p class="chk-message">{step.message}</p>}
          {step.checks.length === 0 ? (
            <p class="muted">No checks.</p>
          ) : (
            <DataTable variant="checks" columns={['Verdict', 'Check', 'Requirement', 'Evidence']}>
              {step.checks.map((c) => (
                <CheckRow key={c.id} check={c} />
              ))}
            </DataTable>
          )}
        </section>
      ))}
    </Layout>
  );
}
