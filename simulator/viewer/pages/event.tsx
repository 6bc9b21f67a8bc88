/** One event of the log (the runner's reports link here): what arrived, its outcome, findings, resources. */
import type { VNode } from 'preact';
import type { SubmissionEvent } from '../../domain/events.ts';
import { FindingsTable, Layout, PageHead } from '../components.tsx';
import type { ArchivistScope } from '../scope.ts';
import { EventRow } from './live.tsx';

export function EventPage({ scope, event }: { scope: ArchivistScope; event: SubmissionEvent }): VNode {
  const runId = event.channel === 'runner' ? event.details?.runId : undefined;
  return (
    <Layout title={`Event #${event.seq}`} scope={scope} nav="live">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/live">Live submissions</a> › <span aria-current="page">Event #{event.seq}</span>
      </nav>
      <PageHead title={`Event #${event.seq}`} fi="Tapahtuma">
        <p class="lead">{event.summary}</p>
      </PageHead>
      <ol class="events" data-testid="event">
        <EventRow event={event} />
      </ol>
      {typeof runId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(runId) && (
        <p>
          <a href={`/viewer/runs/${runId}`}>Open the recorded run</a>
        </p>
      )}
      {event.findings.length > 0 && (
        <section class="docsection">
          <h2>
            Findings <span class="fi">Havainnot</span>
          </h2>
          <FindingsTable findings={event.findings} />
        </section>
      )}
    </Layout>
  );
}
