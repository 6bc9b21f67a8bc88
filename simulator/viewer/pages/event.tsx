/** One event of the log (the runner's reports link here): what arrived, its outcome, findings, resources. */
import type { VNode } from 'preact';
import type { SubmissionEvent } from '../../domain/events.ts';
import { FindingsTable, Layout, PageHead } from '../components.tsx';
import type { ArchivistScope } from '../scope.ts';
import { EventRow } from './live.tsx';
import { useLang, useT } from '../i18n.tsx';
import { summaryIn } from '../../../common/i18n/event-summary.ts';

export function EventPage({ scope, event }: { scope: ArchivistScope; event: SubmissionEvent }): VNode {
  const runId = event.channel === 'runner' ? event.details?.runId : undefined;
  const t = useT();
  const lang = useLang();
  return (
    <Layout title={t('event.title', { seq: event.seq })} scope={scope} nav="live">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/live">{t('page.liveSubmissions')}</a> ›{' '}
        <span aria-current="page">{t('event.title', { seq: event.seq })}</span>
      </nav>
      <PageHead title={t('event.title', { seq: event.seq })}>
        <p class="lead">{summaryIn(event, lang)}</p>
      </PageHead>
      <ol class="events" data-testid="event">
        <EventRow event={event} />
      </ol>
      {typeof runId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(runId) && (
        <p>
          <a href={`/viewer/runs/${runId}`}>{t('event.openRun')}</a>
        </p>
      )}
      {event.findings.length > 0 && (
        <section class="docsection">
          <h2>{t('doc.findings')}</h2>
          <FindingsTable findings={event.findings} />
        </section>
      )}
    </Layout>
  );
}
