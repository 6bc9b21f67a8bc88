/** Person: one test person's documents and appointments in the archivist's register, as a timeline (Helsinki times). */
import type { Appointment } from 'fhir/r4.js';
import type { VNode } from 'preact';
import type { ArchivedDocument } from '../../domain/cda.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import type { TestPerson } from '../../domain/registry.ts';
import { Empty, InvalidBadge, Layout, PageHead, RepositoryBadge, StatusBadge } from '../components.tsx';
import { format } from '../../../common/i18n/index.ts';
import { CODE_SYSTEMS } from '../../domain/codes.ts';
import { CodeName, useLang, useT, When, whenText } from '../i18n.tsx';
import type { ArchivistScope } from '../scope.ts';
import { Guard, Unreadable } from '../guard.tsx';
import { AppointmentStatus, appointmentStart, momentOf } from './appointment-parts.tsx';

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
  ].sort((a, b) => momentOf(b.at) - momentOf(a.at) || (b.at ?? '').localeCompare(a.at ?? ''));
  const current = documents.filter((d) => d.status === 'current').length;
  const counting = documents.filter((d) => d.status === 'current' && d.valid).length;
  const invalid = documents.filter((d) => !d.valid).length;
  const nullified = documents.filter((d) => d.status === 'nullified').length;
  const t = useT();
  const lang = useLang();
  return (
    <Layout title={hetu} scope={scope} nav="find">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={`/viewer/find?patient=${encodeURIComponent(hetu)}`}>{t('nav.find')}</a> ›{' '}
        <span aria-current="page">{t('label.person')}</span>
      </nav>
      <PageHead title={name ?? person?.name ?? t('label.person')}>
        <p class="lead">
          <code class="big">{hetu}</code>
          {person && (
            <span class="muted">
              {' '}
              · {t('person.born', { date: whenText(person.birthDate, lang) })} ·{' '}
              {t(`person.sex.${person.sex}`)}
              {person.issue && ` · ${t('person.issuedTo', { vendor: person.issue.vendor })}`}
            </span>
          )}
          {!person && <span class="muted"> · {t('person.notInPool')}</span>}
        </p>
        <p class="summary-line">
          {t('person.versions', { count: documents.length, current })} ·{' '}
          {format(lang, 'outcomes', 'count.appointments', { count: appointments.length })}
        </p>
        <p class="checkline" data-testid="deployment-check">
          <span class="badge badge-current">{t('person.archived', { count: counting })}</span>{' '}
          {t('person.archivedNote')}
          {invalid > 0 && (
            <>
              {' · '}
              <span class="badge badge-invalid">{t('person.invalid', { count: invalid })}</span>{' '}
              {t('person.invalidNote')}
            </>
          )}
          {nullified > 0 && (
            <>
              {' · '}
              <span class="badge badge-nullified">{t('person.nullified', { count: nullified })}</span>
            </>
          )}
        </p>
      </PageHead>
      {entries.length === 0 ? (
        <Empty>{t('person.nothing', { register: scope.registerController.name })}</Empty>
      ) : (
        <ol class="timeline" data-testid="timeline">
          {entries.map((e) => (
            <Guard
              key={e.kind === 'document' ? e.doc.oid : `apt-${e.apt.id}`}
              fallback={
                <li class="tl">
                  <Unreadable
                    what={
                      e.kind === 'document'
                        ? t('find.documentN', { id: e.doc.oid })
                        : t('find.appointmentN', { id: e.apt.id })
                    }
                  />
                </li>
              }
            >
              {e.kind === 'document' ? (
                <li key={e.doc.oid} class={`tl tl-doc tl-${e.doc.status}`}>
                  <span class="tl-time">
                    <When value={e.at} />
                  </span>
                  <div class="tl-body">
                    <div class="tl-kind">
                      {t('person.document')} · <RepositoryBadge repository={e.doc.repository} />
                    </div>
                    <a class="tl-title" href={`/viewer/documents/${encodeURIComponent(e.doc.oid)}`}>
                      {e.doc.header.title ?? t('find.untitled')}
                    </a>
                    <div class="tl-meta">
                      <StatusBadge status={e.doc.status} /> {!e.doc.valid && <InvalidBadge />}
                      <span class="badge badge-version">v{e.doc.versionNumber}</span>
                      <span>
                        {e.doc.documentType}{' '}
                        {e.doc.documentType !== undefined && (
                          <CodeName system={CODE_SYSTEMS.documentType.oid} code={e.doc.documentType} />
                        )}
                      </span>
                    </div>
                  </div>
                </li>
              ) : (
                <li key={`apt-${e.apt.id}`} class="tl tl-apt">
                  <span class="tl-time">
                    <When value={e.at} />
                  </span>
                  <div class="tl-body">
                    <div class="tl-kind">{t('find.col.appointment')}</div>
                    <a class="tl-title" href={`/viewer/appointments/${encodeURIComponent(e.apt.id)}`}>
                      {e.apt.resource?.description ?? t('find.appointmentN', { id: e.apt.id })}
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
