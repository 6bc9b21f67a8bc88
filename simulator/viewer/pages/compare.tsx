/**
 * Compare: the source system's values beside what was archived, each field matching or not. Above the
 * expert's table (any field, `xpath:`), the archivist's named fields side by side: title, patient, times
 * in Helsinki time, author, custodian, register, codes with their code lists' displays, narrative
 * sections. A differing row carries the class `cmp-differs` and a ≠ marker, an unchecked one a ?, so the
 * difference reads without colour; the banner counts unchecked rows with the same function
 * (`countUnchecked`).
 */
import { cdaTimeToIso, CodeName, useT, When } from '../i18n.tsx';
import type { VNode } from 'preact';
import type { ArchivedDocument } from '../../domain/cda.ts';
import { DataTable, Layout, Notice, PageHead, StatusBadge } from '../components.tsx';
import {
  countUnchecked,
  isUnchecked,
  outcomeMarker,
  summarise,
  type CompareOutcome,
  type CompareRow,
} from '../compare.ts';
import type { RunSummary } from '../../domain/runs.ts';
import { FIELD_BY_NAME, FIELDS, namedFieldOfXPath, SECTION_FIELD, type NamedValue } from '../fields.ts';
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
  /** The archivist's named fields of the archived document (`documentFields`). */
  named?: NamedValue[];
}

/** A row's classes: its outcome, and `cmp-differs` / `cmp-unchecked` for what is not a match. */
function rowClass(outcome: CompareOutcome): string {
  const extra = outcome === 'match' ? '' : isUnchecked(outcome) ? ' cmp-unchecked' : ' cmp-differs';
  return `cmp-${outcome}${extra}`;
}

/** A time value in Helsinki time (HL7 TS or ISO), with the value as written in a title. */
function TimeValue({ value }: { value: string }): VNode {
  const iso = /^\d{8}/.test(value) ? cdaTimeToIso(value) : value;
  return (
    <span class="val" title={value}>
      <When value={iso ?? value} />
    </span>
  );
}

/** An archived value: coded values with their displays, times in Helsinki, other text as written. */
function ArchivedValue({ field }: { field: NamedValue }): VNode {
  if (field.codes !== undefined && field.codes.length > 0)
    return (
      <span class="val">
        {field.codes.map((c, i) => (
          <span key={i} class="code-with-display">
            {i > 0 && ', '}
            <code>{c.code}</code> <CodeName system={c.codeSystem} code={c.code} written={c.displayName} />
          </span>
        ))}
      </span>
    );
  if (field.value === undefined) return <span class="muted">–</span>;
  if (field.kind === 'time') return <TimeValue value={field.value} />;
  return <span class="val">{field.value}</span>;
}

function fieldLabel(name: string, t: (key: string, args?: Record<string, string>) => string): string {
  if (name.startsWith(SECTION_FIELD))
    return t('compare.section', { title: name.slice(SECTION_FIELD.length) });
  return FIELD_BY_NAME.has(name) ? t(`field.${name}`) : name;
}

/** The named fields side by side: source value (when given), archived value, the outcome marker. */
function NamedFields({ named, rows }: { named: NamedValue[]; rows: CompareRow[] | undefined }): VNode {
  const t = useT();
  // A named field's row: its own, or a recorded run's check of the same value by a well-known XPath.
  const byField = new Map<string, CompareRow>();
  for (const r of rows ?? []) {
    const name = FIELD_BY_NAME.has(r.field) ? r.field : (namedFieldOfXPath(r.field) ?? r.field);
    if (!byField.has(name) || r.field === name) byField.set(name, r);
  }
  return (
    <section class="docsection">
      <h2>{t('compare.named.heading')}</h2>
      <p class="hint">{t('compare.named.intro')}</p>
      <DataTable
        variant="compare"
        testid="compare-named"
        columns={[t('diff.field'), t('compare.col.expected'), t('label.archived')]}
      >
        {named.map((f) => {
          const row = byField.get(f.name);
          return (
            <tr
              key={f.name}
              class={row === undefined ? 'cmp-not-given' : rowClass(row.outcome)}
              data-named={f.name}
              {...(row !== undefined && { 'data-outcome': row.outcome })}
            >
              <th scope="row">
                {row !== undefined && (
                  <span class="cmp-marker" aria-hidden="true">
                    {outcomeMarker(row.outcome)}{' '}
                  </span>
                )}
                {fieldLabel(f.name, t)}
                {row !== undefined && row.outcome !== 'match' && (
                  <span class="visually-hidden"> ({t('compare.differs')})</span>
                )}
                <div class="sub">
                  <code>{f.name}</code>
                </div>
              </th>
              <td data-label={t('compare.col.expected')}>
                {row === undefined ? (
                  <span class="muted">{t('compare.named.notGiven')}</span>
                ) : f.kind === 'time' ? (
                  <TimeValue value={row.expected} />
                ) : (
                  <span class="val">{row.expected}</span>
                )}
              </td>
              <td data-label={t('label.archived')}>
                <ArchivedValue field={f} />
              </td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
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

export function ComparePage({
  scope,
  doc,
  input,
  problem,
  rows,
  runs = [],
  fromRun,
  named = [],
}: CompareProps): VNode {
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
                unchecked: countUnchecked(rows),
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
              <tr key={i} class={rowClass(r.outcome)} data-field={r.field} data-outcome={r.outcome}>
                <td data-label={t('compare.col.result')}>
                  <span class={`badge badge-cmp-${r.outcome}`}>
                    <span class="cmp-marker">{outcomeMarker(r.outcome)}</span> {t(OUTCOME_LABEL[r.outcome])}
                  </span>
                </td>
                <th scope="row">
                  {FIELD_BY_NAME.has(r.field) || r.field.startsWith(SECTION_FIELD)
                    ? fieldLabel(r.field, t)
                    : r.label}
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
      {named.length > 0 && <NamedFields named={named} rows={rows} />}
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
