/**
 * Scenario runs (docs/viewer.md#scenario-runs-testiajot): the deployment-test runs `kantasim run` recorded (`POST /runs`) for the
 * archivist's organisation, and one run with each step and check, its verdict, message, requirement and
 * links to the evidence. Evidence links from the posted result are shown only when they point at one of
 * the viewer's own pages (runs.ts `viewerPath`); everything else is text. Verdicts use the shared
 * outcome vocabulary: a failed check is not a refused submission.
 */
import { format, formatNumber } from '../../../common/i18n/index.ts';
import { useLang, useT, When } from '../i18n.tsx';
import type { VNode } from 'preact';
import type { RunWireCheck, RunWireEvidence, RunWireScenario } from '../../../common/run-wire.ts';
import type { RunRecord, RunSummary, RunVerdict } from '../../domain/runs.ts';
import { DataTable, Empty, Fields, Label, Layout, PageHead } from '../components.tsx';
import { viewerPath } from '../runs.ts';
import type { ArchivistScope } from '../scope.ts';

/** Check verdicts are test outcomes (passed/failed), never the words of a refused submission. */
const VERDICT_KEYS: Readonly<Record<RunVerdict, { ns: 'outcomes' | 'viewer'; key: string }>> = {
  pass: { ns: 'outcomes', key: 'check.passed' },
  fail: { ns: 'outcomes', key: 'check.failed' },
  error: { ns: 'viewer', key: 'runs.verdict.error' },
  skip: { ns: 'outcomes', key: 'check.skipped' },
};

export function VerdictBadge({ verdict }: { verdict: RunVerdict }): VNode {
  const lang = useLang();
  const { ns, key } = VERDICT_KEYS[verdict];
  return (
    <span class={`badge badge-verdict-${verdict}`} data-verdict={verdict}>
      {format(lang, ns, key)}
    </span>
  );
}

function Counts({ counts }: { counts: Record<RunVerdict, number> }): VNode {
  const lang = useLang();
  const word = (v: RunVerdict): string => format(lang, VERDICT_KEYS[v].ns, VERDICT_KEYS[v].key);
  return (
    <span class="run-counts">
      <span class="cnt cnt-pass" title={word('pass')}>
        ✓ {counts.pass}
      </span>{' '}
      <span class={counts.fail > 0 ? 'cnt cnt-fail' : 'cnt'} title={word('fail')}>
        ✗ {counts.fail}
      </span>{' '}
      <span class={counts.error > 0 ? 'cnt cnt-error' : 'cnt'} title={word('error')}>
        ! {counts.error}
      </span>{' '}
      <span class="cnt" title={word('skip')}>
        – {counts.skip}
      </span>
    </span>
  );
}

export function RunsPage({ scope, runs }: { scope: ArchivistScope; runs: RunSummary[] }): VNode {
  const t = useT();
  return (
    <Layout title={t('page.scenarioRuns')} scope={scope} nav="runs">
      <PageHead title={t('page.scenarioRuns')}>
        <p class="lead">
          {t('runs.lead', { organisation: scope.organisation?.name ?? scope.registerController.name })}
        </p>
      </PageHead>
      {runs.length === 0 ? (
        <Empty>
          {t('runs.none')} <code>kantasim run scenarios/… --sim URL</code>
        </Empty>
      ) : (
        <DataTable
          variant="runs"
          testid="runs"
          columns={[
            t('access.col.when'),
            t('label.scenario'),
            t('label.organisation'),
            t('runs.col.verdict'),
            t('runs.col.checks'),
          ]}
        >
          {runs.map((r) => (
            <tr key={r.id} data-run={r.id} data-scenario={r.scenarioId}>
              <td class="when-cell" data-label={t('access.col.when')}>
                <When value={r.startedAt} />
              </td>
              <td data-label={t('label.scenario')}>
                <a href={`/viewer/runs/${encodeURIComponent(r.id)}`}>{r.title}</a>
                <div class="sub">
                  <code>{r.scenarioId}</code> · {r.service}
                </div>
              </td>
              <td data-label={t('label.organisation')}>
                <code>{r.organisation ?? '–'}</code>
              </td>
              <td data-label={t('runs.col.verdict')}>
                <VerdictBadge verdict={r.verdict} />
              </td>
              <td class="nowrap" data-label={t('runs.col.checks')}>
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
  const t = useT();
  return (
    <tr class={`chk chk-${check.verdict}`} data-check={check.id} data-verdict={check.verdict}>
      <td data-label={t('runs.col.verdict')}>
        <VerdictBadge verdict={check.verdict} />
      </td>
      <td data-label={t('runs.col.check')}>
        {check.title}
        <div class="sub">
          <code>{check.id}</code> · {check.kind} · {check.level.toUpperCase()}
        </div>
        {check.message !== undefined && <div class="chk-message">{check.message}</div>}
        {check.expected !== undefined && (
          <div class="sub">
            {t('runs.expected')} <code>{show(check.expected)}</code>
            {check.actual !== undefined && (
              <>
                , {t('runs.received')} <code>{check.actual.map(show).join(', ') || t('runs.nothing')}</code>
              </>
            )}
          </div>
        )}
      </td>
      <td data-label={t('runs.col.requirement')}>
        {check.requirement === undefined ? (
          <span class="muted">–</span>
        ) : (
          <>
            <code>{check.requirement}</code>
            {check.requirementText !== undefined && <div class="sub">{check.requirementText}</div>}
          </>
        )}
      </td>
      <td data-label={t('runs.col.evidence')}>
        <EvidenceList evidence={check.evidence} />
      </td>
    </tr>
  );
}

export interface RunPageProps {
  scope: ArchivistScope;
  record: RunRecord;
  scenario: RunWireScenario;
  /**
   * Documents the run's checks read, with how many compare fields each gives, and whether this
   * register holds it (only then is it a link).
   */
  documents: { oid: string; fields: number; shown?: boolean }[];
}

export function RunPage({ scope, record, scenario, documents }: RunPageProps): VNode {
  const org = scenario.organisation;
  const t = useT();
  return (
    <Layout title={t('runs.runTitle', { title: scenario.title })} scope={scope} nav="runs">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/runs">{t('page.scenarioRuns')}</a> › <span aria-current="page">{scenario.id}</span>
      </nav>
      <PageHead title={scenario.title}>
        <p class="lead">
          <VerdictBadge verdict={record.verdict} />
          <span class="run-summary-counts" data-testid="run-counts">
            {t('runs.counts', {
              pass: record.counts.pass,
              fail: record.counts.fail,
              error: record.counts.error,
              skip: record.counts.skip,
            })}
          </span>
        </p>
        {scenario.message !== undefined && <p class="hint">{scenario.message}</p>}
      </PageHead>
      <section class="card">
        <Fields
          rows={[
            [<Label k="label.scenario" />, <code>{scenario.id}</code>],
            [<Label k="label.service" />, scenario.service],
            [
              <Label k="label.organisation" />,
              org === undefined ? (
                <span class="muted">–</span>
              ) : (
                <>
                  {org.name ?? ''} <code>{org.oid}</code>
                </>
              ),
            ],
            [
              <Label k="label.system" />,
              org?.system === undefined ? (
                <span class="muted">–</span>
              ) : (
                `${org.system.vendor} ${org.system.product} ${org.system.version} (${t('runs.category', { category: org.system.category })})`
              ),
            ],
            [
              <Label k="label.started" />,
              <>
                <When value={scenario.startedAt} /> ·{' '}
                {formatNumber(Math.round(scenario.durationMs / 100) / 10, useLang())} s
              </>,
            ],
            [<Label k="label.level" />, record.level],
            [
              <Label k="label.testPersons" />,
              (scenario.testPersons ?? []).map((p) => p.hetu).join(', ') || '–',
            ],
            [
              <Label k="label.recorded" />,
              <>
                <When value={record.recordedAt} />
                {record.eventSeq !== undefined && (
                  <>
                    {' '}
                    ·{' '}
                    <a href={`/viewer/events/${record.eventSeq}`}>
                      {t('event.title', { seq: record.eventSeq })}
                    </a>
                  </>
                )}
              </>,
            ],
          ]}
        />
      </section>
      {documents.length > 0 && (
        <section class="docsection">
          <h2>{t('runs.documents')}</h2>
          <ul class="run-docs">
            {documents.map((d) => (
              <li key={d.oid}>
                {d.shown === false ? (
                  <>
                    <code>{d.oid}</code> <span class="muted">{t('runs.notStored')}</span>
                  </>
                ) : (
                  <a href={`/viewer/documents/${encodeURIComponent(d.oid)}`}>
                    <code>{d.oid}</code>
                  </a>
                )}
                {d.shown !== false && d.fields > 0 && (
                  <>
                    {' '}
                    ·{' '}
                    <a
                      href={`/viewer/documents/${encodeURIComponent(d.oid)}/compare?run=${encodeURIComponent(record.id)}`}
                      data-compare={d.oid}
                    >
                      {t('runs.compareWith', { count: d.fields })}
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
            <p class="muted">{t('runs.noChecks')}</p>
          ) : (
            <DataTable
              variant="checks"
              columns={[
                t('runs.col.verdict'),
                t('runs.col.check'),
                t('runs.col.requirement'),
                t('runs.col.evidence'),
              ]}
            >
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
