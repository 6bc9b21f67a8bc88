/** Compare: the source system's values beside what was archived, each field matching or not. */
import type { VNode } from 'preact';
import type { ArchivedDocument } from '../../domain/cda.ts';
import { DataTable, Layout, Notice, PageHead, StatusBadge } from '../components.tsx';
import { summarise, type CompareOutcome, type CompareRow } from '../compare.ts';
import type { RunSummary } from '../../domain/runs.ts';
import { FIELDS } from '../fields.ts';
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

const OUTCOME_LABEL: Readonly<Record<CompareOutcome, string>> = {
  match: 'Matches',
  mismatch: 'Differs',
  missing: 'Not in archive',
  'unknown-field': 'Unknown field',
  invalid: 'Cannot check',
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
  return (
    <div class="card stack" data-testid="run-expectations">
      <p>
        Use the expectations of a scenario run <span class="fi">Käytä testiajon odotusarvoja</span>: the
        source-system values its checks compared with this document.
      </p>
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
              · {run.startedAt.slice(0, 19).replace('T', ' ')} · {fields} value{fields === 1 ? '' : 's'}
            </span>{' '}
            <a class="sub" href={`/viewer/runs/${encodeURIComponent(run.id)}`}>
              (run)
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
  return (
    <Layout title={`Compare ${doc.header.title ?? doc.oid}`} scope={scope} nav="find">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/find">Find</a> ›{' '}
        <a href={`/viewer/documents/${encodeURIComponent(doc.oid)}`}>{doc.header.title ?? doc.oid}</a> ›{' '}
        <span aria-current="page">Compare</span>
      </nav>
      <PageHead title="Compare with the source system" fi="Vertailu lähdejärjestelmään">
        <p class="lead">
          <strong>{doc.header.title ?? '(untitled)'}</strong> <StatusBadge status={doc.status} />{' '}
          <code>{doc.oid}</code> · version {doc.versionNumber}
        </p>
        <p class="hint">
          The deployment test’s check: does the archived document hold what the client system recorded?
        </p>
      </PageHead>
      {rows && counts && (
        <section class="docsection" aria-live="polite">
          {allMatch ? (
            <Notice kind="ok">
              All {rows.length} fields match · <span class="fi">Kaikki kentät täsmäävät</span>
            </Notice>
          ) : (
            <Notice kind="error">
              {rows.length - counts.match} of {rows.length} fields do not match · {counts.mismatch} differ,{' '}
              {counts.missing} not in the archive, {counts['unknown-field'] + counts.invalid} cannot be
              checked.
            </Notice>
          )}
          <DataTable
            variant="compare"
            testid="compare-results"
            columns={['Result', 'Field', 'Source system (expected)', 'Archived']}
          >
            {rows.map((r, i) => (
              <tr key={i} class={`cmp-${r.outcome}`} data-field={r.field} data-outcome={r.outcome}>
                <td>
                  <span class={`badge badge-cmp-${r.outcome}`}>
                    {r.outcome === 'match' ? '✓ ' : '✗ '}
                    {OUTCOME_LABEL[r.outcome]}
                  </span>
                </td>
                <th scope="row">
                  {r.label}
                  <div class="sub">
                    <code>{r.field}</code>
                  </div>
                </th>
                <td>
                  <span class="val">{r.expected}</span>
                </td>
                <td>
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
        <h2>
          Source-system values <span class="fi">Lähdejärjestelmän tiedot</span>
        </h2>
        {problem !== undefined && <Notice kind="error">{problem}</Notice>}
        {fromRun !== undefined && (
          <Notice kind="info">
            Expected values from scenario run{' '}
            <a href={`/viewer/runs/${encodeURIComponent(fromRun.id)}`}>{fromRun.title}</a> (
            {fromRun.startedAt.slice(0, 19).replace('T', ' ')}).
          </Notice>
        )}
        {runs.length > 0 && <RunChoices doc={doc} runs={runs} {...(fromRun !== undefined && { fromRun })} />}
        <form
          method="post"
          action={`/viewer/documents/${encodeURIComponent(doc.oid)}/compare`}
          enctype="multipart/form-data"
          class="card stack"
        >
          <label for="expected">
            Paste a JSON object of field → expected value <span class="fi">Liitä JSON</span>
          </label>
          <textarea
            id="expected"
            name="expected"
            rows={10}
            spellcheck={false}
            placeholder={example(doc)}
            value={input}
          ></textarea>
          <label for="file">
            …or upload a JSON file <span class="fi">tai lataa tiedosto</span>
          </label>
          <input id="file" name="file" type="file" accept=".json,application/json" />
          <div class="actions">
            <button type="submit" class="btn btn-primary">
              Compare
            </button>
          </div>
        </form>
        <details class="card fieldhelp">
          <summary>Field names and how values are compared</summary>
          <p>
            Text is compared after trimming and collapsing spaces (case matters); times accept HL7 TS or ISO
            and are compared to the precision you give; lists are comma-separated, in any order.{' '}
            <code>null</code> means the archived document must not have the field. <code>xpath:EXPR</code>{' '}
            evaluates XPath 1.0 over the archived XML with prefixes <code>hl7</code> (urn:hl7-org:v3) and{' '}
            <code>hl7fi</code> (urn:hl7finland).
          </p>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Meaning</th>
                <th scope="col">Where it comes from</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map((f) => (
                <tr key={f.name}>
                  <td>
                    <code>{f.name}</code>
                  </td>
                  <td>{f.label}</td>
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
