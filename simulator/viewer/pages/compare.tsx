/** Compare: the source system's values beside what was archived, each field matching or not. */
import { useT, When } from '../i18n.tsx';
import type { VNode } from 'preact';
import type { ArchivedDocument } from '../../domain/cda.ts';
import { DataTable, Layout, Notice, PageHead, StatusBadge } from '../components.tsx';
import { summarise, type CompareOutcome, type CompareRow } from '../compare.ts';
import type { RunSummary } from '../../domain/runs.ts';
import { FIELD_BY_NAME, FIELDS } from '../fields.ts';
import type { ArchivistScope } from '../scope.ts';

export interface CompareProps {
  scope: ArchivistScope;
  doc: ArchivedDocument;
  input: string;
  problem?: string;
  rows?: CompareRow[];
  /** Recorded scenario runs of the organisation with expected values for this document. */
  runs?: { run: RunSummary; fields: number }[];
  /** The run whose expectations `input` holds. */
  fromRun?: RunSummary;
}

/** viewer.json keys of each row's outcome. */
const OUTCOME_LABEL: Readonly<Record<CompareOutcome, string>> = {
  match: 'compare.outcome.match',
  mismatch: 'compare.outcome.mismatch',
  missing: 'compare.outcome.missing',
  'unknown-field': 'compare.outcome.unknownField',
  invalid: 'compare.outcome.invalid',
};

function example(doc: ArchivedDocument): string {
  const lines = [
    `  "title": ${JSON.stringify(doc.header.title ?? '')}`,
    `  "patient": ${JSON.stringify(doc.patient ?? '')}`,
    `  "effectiveTime": ${JSON.stringify(doc.effectiveAt ?? '')}`,
    `  "documentType": ${JSON.stringify(doc.documentType ?? '')}`,
    `  "xpath:/hl7:ClinicalDocument/hl7:custodian//hl7:id/@root": ${JSON.stringify(doc.custodian ?? '')}`,
  ];
  return `{\n${lines.join(',\n')}\n}`;
}

function RunChoices({
  doc,
  runs,
  fromRun,
}: {
  doc: ArchivedDocument;
  runs: { run: RunSummary; fields: number }[];
  fromRun?: RunSummary;
}): VNode {
  const t = useT();
  return (
    <div class="card stack" data-testid="run-expectations">
      <p>{t('compare.useRun')}</p>
      <ul class="run-docs">
        {runs.map(({ run, fields }) => (
          <li key={run.id}>
            <a
              href={`/viewer/documents/${encodeURIComponent(doc.oid)}/compare?run=${encodeURIComponent(run.id)}`}
              aria-current={fromRun?.id === run.id ? 'true' : undefined}
              data-run={run.id}
            >
              {run.title}
            </a>{' '}
            <span class="muted">
              · <When value={run.startedAt} /> · {t('compare.values', { count: fields })}
            </span>{' '}
            <a class="sub" href={`/viewer/runs/${encodeURIComponent(run.id)}`}>
              ({t('compare.run')})
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ComparePage({ scope, doc, input, problem, rows, runs = [], fromRun }: CompareProps): VNode {
  const counts = rows ? summarise(rows) : undefined;
  const allMatch = counts !== undefined && rows !== undefined && counts.match === rows.length;
  const t = useT();
  return (
    <Layout title={t('compare.pageTitle', { title: doc.header.title ?? doc.oid })} scope={scope} nav="find">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/find">{t('nav.find')}</a> ›{' '}
        <a href={`/viewer/documents/${encodeURIComponent(doc.oid)}`}>{doc.header.title ?? doc.oid}</a> ›{' '}
        <span aria-current="page">{t('access.action.compare')}</span>
      </nav>
      <PageHead title={t('page.compareWithTheSourceSystem')}>
        <p class="lead">
          <strong>{doc.header.title ?? t('find.untitled')}</strong> <StatusBadge status={doc.status} />{' '}
          <code>{doc.oid}</code> · {t('apt.version', { version: doc.versionNumber })}
        </p>
        <p class="hint">{t('compare.hint')}</p>
      </PageHead>
      {rows && counts && (
        <section class="docsection" aria-live="polite">
          {allMatch ? (
            <Notice kind="ok">{t('compare.allMatch', { count: rows.length })}</Notice>
          ) : (
            <Notice kind="error">
              {t('compare.summary', {
                differ: rows.length - counts.match,
                total: rows.length,
                mismatch: counts.mismatch,
                missing: counts.missing,
                unchecked: counts['unknown-field'] + counts.invalid,
              })}
            </Notice>
          )}
          <DataTable
            variant="compare"
            testid="compare-results"
            columns={[
              t('compare.col.result'),
              t('diff.field'),
              t('compare.col.expected'),
              t('label.archived'),
            ]}
          >
            {rows.map((r, i) => (
              <tr key={i} class={`cmp-${r.outcome}`} data-field={r.field} data-outcome={r.outcome}>
                <td data-label={t('compare.col.result')}>
                  <span class={`badge badge-cmp-${r.outcome}`}>
                    {r.outcome === 'match' ? '✓ ' : '✗ '}
                    {t(OUTCOME_LABEL[r.outcome])}
                  </span>
                </td>
                <th scope="row">
                  {FIELD_BY_NAME.has(r.field) ? t(`field.${r.field}`) : r.label}
                  <div class="sub">
                    <code>{r.field}</code>
                  </div>
                </th>
                <td data-label={t('compare.col.expected')}>
                  <span class="val">{r.expected}</span>
                </td>
                <td data-label={t('label.archived')}>
                  {r.actual !== undefined ? (
                    <span class="val">{r.actual}</span>
                  ) : (
                    <span class="muted">–</span>
                  )}
                  {r.note !== undefined && <div class="sub">{r.note}</div>}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
      <section class="docsection">
        <h2>{t('compare.sourceValues')}</h2>
        {problem !== undefined && <Notice kind="error">{problem}</Notice>}
        {fromRun !== undefined && (
          <Notice kind="info">
            {t('compare.fromRun')}{' '}
            <a href={`/viewer/runs/${encodeURIComponent(fromRun.id)}`}>{fromRun.title}</a> (
            <When value={fromRun.startedAt} />
            ).
          </Notice>
        )}
        {runs.length > 0 && <RunChoices doc={doc} runs={runs} {...(fromRun !== undefined && { fromRun })} />}
        <form
          method="post"
          action={`/viewer/documents/${encodeURIComponent(doc.oid)}/compare`}
          enctype="multipart/form-data"
          class="card stack"
        >
          <label for="expected">{t('compare.paste')}</label>
          <textarea
            id="expected"
            name="expected"
            rows={10}
            spellcheck={false}
            placeholder={example(doc)}
            value={input}
          ></textarea>
          <label for="file">{t('compare.upload')}</label>
          <input id="file" name="file" type="file" accept=".json,application/json" />
          <div class="actions">
            <button type="submit" class="btn btn-primary">
              {t('compare.submit')}
            </button>
          </div>
        </form>
        <details class="card fieldhelp">
          <summary>{t('compare.help.summary')}</summary>
          <p>
            {t('compare.help.rules')} <code>xpath:EXPR</code> — XPath 1.0, <code>hl7</code> (urn:hl7-org:v3),{' '}
            <code>hl7fi</code> (urn:hl7finland).
          </p>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('diff.field')}</th>
                <th scope="col">{t('compare.help.meaning')}</th>
                <th scope="col">{t('compare.help.where')}</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map((f) => (
                <tr key={f.name}>
                  <td>
                    <code>{f.name}</code>
                  </td>
                  <td>{t(`field.${f.name}`)}</td>
                  <td>{f.help}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </Layout>
  );
}
