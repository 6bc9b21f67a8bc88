/** Live submissions: the event log of the archivist's organisation, updated over server-sent events. */
import type { VNode } from 'preact';
import type { SubmissionEvent } from '../../domain/events.ts';
import { Empty, Layout, OutcomeBadge, PageHead } from '../components.tsx';
import type { ArchivistScope } from '../scope.ts';

/**
 * The viewer page of a resource an event names: archived documents by OID, appointments by id, recorded
 * runs (`runs/{id}` of a `run.recorded` event). Refused
 * submissions stored nothing, so they get no link. (live.js has the same rule for new rows.)
 */
export function viewerHref(event: SubmissionEvent, id: string): string | undefined {
  if (event.outcome === 'refused') return undefined;
  if (event.channel === 'archive' && /^[0-9]+(\.[0-9]+)+$/.test(id))
    return `/viewer/documents/${encodeURIComponent(id)}`;
  const appointment = /^Appointment\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/\d+)?$/.exec(id);
  if (event.channel === 'fhir' && appointment?.[1] !== undefined)
    return `/viewer/appointments/${encodeURIComponent(appointment[1])}`;
  const run = /^runs\/([A-Za-z0-9-]{1,64})$/.exec(id);
  if (event.channel === 'runner' && run?.[1] !== undefined)
    return `/viewer/runs/${encodeURIComponent(run[1])}`;
  return undefined;
}

export function EventRow({ event }: { event: SubmissionEvent }): VNode {
  return (
    <li class={`ev ev-${event.outcome}`} data-seq={event.seq}>
      <div class="ev-head">
        <time class="ev-time" dateTime={event.at}>
          {event.at.slice(0, 19).replace('T', ' ')}
        </time>
        <OutcomeBadge outcome={event.outcome} />
        <span class="badge badge-channel">{event.channel}</span>
        <code class="ev-kind">{event.kind}</code>
        {event.patient !== undefined && <code class="ev-patient">{event.patient}</code>}
      </div>
      <div class="ev-summary">{event.summary}</div>
      {event.resourceIds.length > 0 && (
        <div class="ev-ids">
          {event.resourceIds.map((id) => {
            const href = viewerHref(event, id);
            return href === undefined ? (
              <code key={id}>{id}</code>
            ) : (
              <a key={id} href={href}>
                <code>{id}</code>
              </a>
            );
          })}
        </div>
      )}
      {event.findings.length > 0 && (
        <details class="ev-findings" open={event.outcome === 'refused'}>
          <summary>
            {event.findings.length} finding{event.findings.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {event.findings.map((f, i) => (
              <li key={i}>
                <span class={`badge badge-sev-${f.severity}`}>{f.severity}</span> <code>{f.code}</code>{' '}
                <code class="path">{f.path}</code> {f.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function LivePage({ scope, events }: { scope: ArchivistScope; events: SubmissionEvent[] }): VNode {
  const lastSeq = events[0]?.seq ?? 0;
  return (
    <Layout title="Live submissions" scope={scope} nav="live" scripts={['live.js']}>
      <PageHead title="Live submissions" fi="Saapuvat lähetykset">
        <p class="lead">
          Archive and appointment submissions of{' '}
          <strong>{scope.organisation?.name ?? scope.registerController.name}</strong>, accepted and refused,
          newest first. New ones appear as they arrive.
        </p>
        <p class="live-state" id="live-state" role="status" aria-live="polite" data-since={String(lastSeq)}>
          Connecting…
        </p>
      </PageHead>
      <ol class="events" id="events" data-testid="events">
        {events.map((e) => (
          <EventRow key={e.seq} event={e} />
        ))}
      </ol>
      {events.length === 0 && (
        <Empty>
          <span id="events-empty">No submissions yet from your organisation.</span>
        </Empty>
      )}
    </Layout>
  );
}
