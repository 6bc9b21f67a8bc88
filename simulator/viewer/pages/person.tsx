/** Person: one test person's documents and appointments in the archivist's register, as a timeline. */
import type { Appointment } from 'fhir/r4.js';
import type { VNode } from 'preact';
import type { ArchivedDocument } from '../../domain/cda.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import type { TestPerson } from '../../domain/registry.ts';
import { Empty, InvalidBadge, Layout, PageHead, RepositoryBadge, StatusBadge } from '../components.tsx';
import { documentTypeName, finnishDateTime } from '../labels.ts';
import type { ArchivistScope } from '../scope.ts';
import { Guard, Unreadable } from '../guard.tsx';
import { AppointmentStatus, appointmentStart } from './appointment-parts.tsx';

export interface PersonProps {
  scope: ArchivistScope;
  hetu: string;
  person?: TestPerson;
  name?: string;
  documents: ArchivedDocument[];
  appointments: StoredResource<Appointment>[];
}

type Entry =
  | { kind: 'document'; at: string | undefined; doc: ArchivedDocument }
  | { kind: 'appointment'; at: string | undefined; apt: StoredResource<Appointment> };

export function PersonPage({ scope, hetu, person, name, documents, appointments }: PersonProps): VNode {
  const entries: Entry[] = [
    ...documents.map((doc): Entry => ({ kind: 'document', at: doc.effectiveAt, doc })),
    ...appointments.map((apt): Entry => ({ kind: 'appointment', at: appointmentStart(apt.resource), apt })),
  ].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  const current = documents.filter((d) => d.status === 'current').length;
  const counting = documents.filter((d) => d.status === 'current' && d.valid).length;
  const invalid = documents.filter((d) => !d.valid).length;
  const nullified = documents.filter((d) => d.status === 'nullified').length;
  return (
    <Layout title={hetu} scope={scope} nav="find">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={`/viewer/find?patient=${encodeURIComponent(hetu)}`}>Find</a> ›{' '}
        <span aria-current="page">Person</span>
      </nav>
      <PageHead title={name ?? person?.name ?? 'Person'} fi="Henkilö">
        <p class="lead">
          <code class="big">{hetu}</code>
          {person && (
            <span class="muted">
              {' '}
              · born {finnishDateTime(person.birthDate)} · {person.sex}
              {person.issue && ` · test person issued to ${person.issue.vendor}`}
            </span>
          )}
          {!person && <span class="muted"> · not in the test-person pool</span>}
        </p>
        <p class="summary-line">
          {documents.length} document version{documents.length === 1 ? '' : 's'} ({current} current) ·{' '}
          {appointments.length} appointment{appointments.length === 1 ? '' : 's'}
        </p>
        <p class="checkline" data-testid="deployment-check">
          <span class="badge badge-current">{counting} archived</span> current, valid documents in this
          register: they count for a deployment test
          {invalid > 0 && (
            <>
              {' · '}
              <span class="badge badge-invalid">{invalid} invalid</span> stored in rehearsal mode, not counted
            </>
          )}
          {nullified > 0 && (
            <>
              {' · '}
              <span class="badge badge-nullified">{nullified} nullified</span>
            </>
          )}
        </p>
      </PageHead>
      {entries.length === 0 ? (
        <Empty>Nothing for this person in the register of {scope.registerController.name}.</Empty>
      ) : (
        <ol class="timeline" data-testid="timeline">
          {entries.map((e) => (
            <Guard
              key={e.kind === 'document' ? e.doc.oid : `apt-${e.apt.id}`}
              fallback={
                <li class="tl">
                  <Unreadable
                    what={e.kind === 'document' ? `Document ${e.doc.oid}` : `Appointment ${e.apt.id}`}
                  />
                </li>
              }
            >
              {e.kind === 'document' ? (
                <li key={e.doc.oid} class={`tl tl-doc tl-${e.doc.status}`}>
                  <time class="tl-time">{finnishDateTime(e.at)}</time>
                  <div class="tl-body">
                    <div class="tl-kind">
                      Document <span class="fi">Asiakirja</span> ·{' '}
                      <RepositoryBadge repository={e.doc.repository} />
                    </div>
                    <a class="tl-title" href={`/viewer/documents/${encodeURIComponent(e.doc.oid)}`}>
                      {e.doc.header.title ?? '(untitled)'}
                    </a>
                    <div class="tl-meta">
                      <StatusBadge status={e.doc.status} /> {!e.doc.valid && <InvalidBadge />}
                      <span class="badge badge-version">v{e.doc.versionNumber}</span>
                      <span>
                        {e.doc.documentType} {documentTypeName(e.doc.documentType)}
                      </span>
                    </div>
                  </div>
                </li>
              ) : (
                <li key={`apt-${e.apt.id}`} class="tl tl-apt">
                  <time class="tl-time">{finnishDateTime(e.at)}</time>
                  <div class="tl-body">
                    <div class="tl-kind">
                      Appointment <span class="fi">Ajanvaraus</span>
                    </div>
                    <a class="tl-title" href={`/viewer/appointments/${encodeURIComponent(e.apt.id)}`}>
                      {e.apt.resource?.description ?? `Appointment ${e.apt.id}`}
                    </a>
                    <div class="tl-meta">
                      <AppointmentStatus stored={e.apt} />
                      <span class="badge badge-version">v{e.apt.versionId}</span>
                    </div>
                  </div>
                </li>
              )}
            </Guard>
          ))}
        </ol>
      )}
    </Layout>
  );
}
