/** Diff between two versions of a document: header fields side by side, narrative text line by line. */
import { useT } from '../i18n.tsx';
import type { VNode } from 'preact';
import type { ArchivedDocument } from '../../domain/cda.ts';
import { DataTable, Layout, PageHead, StatusBadge } from '../components.tsx';
import type { DiffLine } from '../diff.ts';
import type { ArchivistScope } from '../scope.ts';

export interface FieldChange {
  label: string;
  name: string;
  before?: string;
  after?: string;
  changed: boolean;
}

export interface DiffProps {
  scope: ArchivistScope;
  before: ArchivedDocument;
  after: ArchivedDocument;
  fields: FieldChange[];
  narrative: DiffLine[];
}

export function DiffPage({ scope, before, after, fields, narrative }: DiffProps): VNode {
  const changed = fields.filter((f) => f.changed).length;
  const textChanges = narrative.filter((l) => l.op !== 'same').length;
  const t = useT();
  const versions = { before: before.versionNumber, after: after.versionNumber };
  return (
    <Layout title={t('diff.title', versions)} scope={scope} nav="find">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/find">{t('nav.find')}</a> ›{' '}
        <a href={`/viewer/documents/${encodeURIComponent(after.oid)}`}>{after.header.title ?? after.oid}</a> ›{' '}
        <span aria-current="page">{t('doc.diff')}</span>
      </nav>
      <PageHead title={t('diff.title', versions)}>
        <p class="lead">
          <a href={`/viewer/documents/${encodeURIComponent(before.oid)}`}>
            <code>{before.oid}</code>
          </a>{' '}
          <StatusBadge status={before.status} /> →{' '}
          <a href={`/viewer/documents/${encodeURIComponent(after.oid)}`}>
            <code>{after.oid}</code>
          </a>{' '}
          <StatusBadge status={after.status} />
        </p>
        <p class="summary-line">{t('diff.summary', { fields: changed, lines: textChanges })}</p>
      </PageHead>
      <section class="docsection">
        <h2>{t('diff.headerFields')}</h2>
        <DataTable
          variant="diff-fields"
          testid="field-diff"
          columns={[
            t('diff.field'),
            t('apt.versionN', { version: before.versionNumber }),
            t('apt.versionN', { version: after.versionNumber }),
          ]}
        >
          {fields.map((f) => (
            <tr key={f.name} class={f.changed ? 'changed' : undefined}>
              <th scope="row">
                {t(`field.${f.name}`)} <code class="sub-inline">{f.name}</code>
              </th>
              <td
                class={f.changed ? 'del' : undefined}
                data-label={t('apt.versionN', { version: before.versionNumber })}
              >
                {f.before ?? <span class="muted">–</span>}
              </td>
              <td
                class={f.changed ? 'ins' : undefined}
                data-label={t('apt.versionN', { version: after.versionNumber })}
              >
                {f.after ?? <span class="muted">–</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section class="docsection">
        <h2>{t('diff.narrative')}</h2>
        <div class="textdiff card" data-testid="text-diff" role="table" aria-label={t('diff.narrativeLabel')}>
          {narrative.length === 0 && <p class="muted">{t('diff.noNarrative')}</p>}
          {narrative.map((line, i) => (
            <div key={i} class={`dl dl-${line.op}`} role="row">
              <span class="dl-mark" role="cell" aria-label={line.op}>
                {line.op === 'added' ? '+' : line.op === 'removed' ? '−' : ' '}
              </span>
              <span class="dl-text" role="cell">
                {line.text}
              </span>
            </div>
          ))}
        </div>
      </section>
    </Layout>
  );
}
