/** Access log: who viewed whose data in this register, newest first, in Helsinki times. */
import { useT, When } from '../i18n.tsx';
import type { VNode } from 'preact';
import type { AccessLogEntry } from '../../domain/events.ts';
import { DataTable, Empty, Layout, PageHead } from '../components.tsx';
import type { ArchivistScope } from '../scope.ts';

/** viewer.json keys of what was viewed. */
const ACTION_TERMS: Readonly<Record<AccessLogEntry['action'], string>> = {
  find: 'access.action.find',
  person: 'access.action.person',
  document: 'access.action.document',
  'document-xml': 'access.action.documentXml',
  'document-diff': 'access.action.documentDiff',
  appointment: 'access.action.appointment',
  compare: 'access.action.compare',
  run: 'access.action.run',
};

/** Links back to what was viewed, where that is one page. */
function Target({ entry }: { entry: AccessLogEntry }): VNode {
  const target = entry.target ?? '';
  switch (entry.action) {
    case 'document':
    case 'document-xml':
    case 'compare':
      return (
        <a href={`/viewer/documents/${encodeURIComponent(target)}`}>
          <code>{target}</code>
        </a>
      );
    case 'appointment':
      return (
        <a href={`/viewer/appointments/${encodeURIComponent(target.replace(/^Appointment\//, ''))}`}>
          <code>{target}</code>
        </a>
      );
    case 'run':
      return (
        <a href={`/viewer/runs/${encodeURIComponent(target)}`}>
          <code>{target}</code>
        </a>
      );
    case 'find':
    case 'person':
    case 'document-diff':
      return <code>{target}</code>;
  }
}

export function AccessLogPage({
  scope,
  entries,
  patient,
}: {
  scope: ArchivistScope;
  entries: AccessLogEntry[];
  patient?: string;
}): VNode {
  const t = useT();
  return (
    <Layout title={t('page.accessLog')} scope={scope} nav="access-log">
      <PageHead title={t('page.accessLog')}>
        <p class="lead">{t('access.lead', { register: scope.registerController.name })}</p>
      </PageHead>
      <form method="get" action="/viewer/access-log" class="card inline-form" role="search">
        <label for="patient">{t('find.patient')}</label>
        <input id="patient" name="patient" value={patient ?? ''} autoComplete="off" spellcheck={false} />
        <button type="submit" class="btn">
          {t('access.filter')}
        </button>
        {patient !== undefined && (
          <a class="btn btn-quiet" href="/viewer/access-log">
            {t('access.all')}
          </a>
        )}
      </form>
      {entries.length === 0 ? (
        <Empty>{patient !== undefined ? t('access.noneFor', { patient }) : t('access.none')}</Empty>
      ) : (
        <DataTable
          testid="access-log"
          columns={[
            t('access.col.when'),
            t('signIn.archivist'),
            t('label.person'),
            t('access.col.what'),
            t('apt.col.target'),
          ]}
        >
          {entries.map((e) => (
            <tr key={e.seq}>
              <td class="when-cell" data-label={t('access.col.when')}>
                <When value={e.at} />
              </td>
              <td data-label={t('signIn.archivist')}>
                <span title={e.archivist}>{e.archivistName}</span>
              </td>
              <td class="nowrap" data-label={t('label.person')}>
                <code>{e.patient ?? '–'}</code>
              </td>
              <td data-label={t('access.col.what')}>{t(ACTION_TERMS[e.action])}</td>
              <td class="target" data-label={t('apt.col.target')}>
                <Target entry={e} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}
