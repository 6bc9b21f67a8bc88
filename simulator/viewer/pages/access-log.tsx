/** Access log: who viewed whose data in this register, newest first. */
import type { VNode } from 'preact';
import type { AccessLogEntry } from '../../domain/events.ts';
import { DataTable, Empty, Layout, PageHead } from '../components.tsx';
import type { ArchivistScope } from '../scope.ts';

const ACTION_TERMS: Readonly<Record<AccessLogEntry['action'], string>> = {
  find: 'Find results · Haku',
  person: 'Person timeline · Henkilö',
  document: 'Document · Asiakirja',
  'document-xml': 'Document XML download · XML',
  'document-diff': 'Version diff · Versioiden erot',
  appointment: 'Appointment · Ajanvaraus',
  compare: 'Compare · Vertailu',
  run: 'Scenario run · Testiajo',
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
  return (
    <Layout title="Access log" scope={scope} nav="access-log">
      <PageHead title="Access log" fi="Käyttöloki">
        <p class="lead">
          Every view of a person’s data in the register of <strong>{scope.registerController.name}</strong>,
          by any of its archivists.
        </p>
      </PageHead>
      <form method="get" action="/viewer/access-log" class="card inline-form" role="search">
        <label for="patient">
          Identity code <span class="fi">Henkilötunnus</span>
        </label>
        <input id="patient" name="patient" value={patient ?? ''} autoComplete="off" spellcheck={false} />
        <button type="submit" class="btn">
          Filter
        </button>
        {patient !== undefined && (
          <a class="btn btn-quiet" href="/viewer/access-log">
            All
          </a>
        )}
      </form>
      {entries.length === 0 ? (
        <Empty>No views logged{patient !== undefined ? ` for ${patient}` : ''}.</Empty>
      ) : (
        <DataTable testid="access-log" columns={['When', 'Archivist', 'Person', 'What', 'Target']}>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td class="nowrap">{e.at.slice(0, 19).replace('T', ' ')}</td>
              <td>
                <span title={e.archivist}>{e.archivistName}</span>
              </td>
              <td class="nowrap">
                <code>{e.patient ?? '–'}</code>
              </td>
              <td>{ACTION_TERMS[e.action]}</td>
              <td class="target">
                <Target entry={e} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}
