/**
 * Live submissions: the event log of the archivist's organisation, updated over server-sent events.
 * Rows live.js adds later are worded from `data-words` (the page's language) and timed by the browser in
 * Europe/Helsinki, so old and new rows read the same.
 */
import { format, type Lang } from '../../../common/i18n/index.ts';
import { findingMessage, useLang, useT, When } from '../i18n.tsx';
import type { VNode } from 'preact';
import type { SubmissionEvent } from '../../domain/events.ts';
import { Empty, Layout, OutcomeBadge, PageHead } from '../components.tsx';
import type { ArchivistScope } from '../scope.ts';
import { summaryIn } from '../../../common/i18n/event-summary.ts';

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

/** The words live.js needs for rows it adds and its connection state, in the page's language. */
function liveWords(lang: Lang): Record<string, string> {
  const v = (key: string): string => format(lang, 'viewer', key);
  const o = (key: string): string => format(lang, 'outcomes', key);
  return {
    connected: v('live.connected'),
    reconnecting: v('live.reconnecting'),
    connecting: v('live.connecting'),
    accepted: o('submission.accepted'),
    'accepted-with-warnings': o('submission.acceptedWithWarnings'),
    refused: o('submission.refused'),
    info: v('outcome.info'),
    fatal: o('severity.fatal'),
    error: o('severity.error'),
    warning: o('severity.warning'),
    information: o('severity.information'),
    findingsOne: format(lang, 'outcomes', 'count.findings', { count: 1 }),
    findingsMany: v('live.findingsMany'),
  };
}

export function EventRow({ event }: { event: SubmissionEvent }): VNode {
  const lang = useLang();
  return (
    <li class={`ev ev-${event.outcome}`} data-seq={event.seq}>
      <div class="ev-head">
        <span class="ev-time">
          <When value={event.at} />
        </span>
        <OutcomeBadge outcome={event.outcome} />
        <span class="badge badge-channel">{event.channel}</span>
        <code class="ev-kind">{event.kind}</code>
        {event.patient !== undefined && <code class="ev-patient">{event.patient}</code>}
      </div>
      <div class="ev-summary">{summaryIn(event, lang)}</div>
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
          <summary>{format(lang, 'outcomes', 'count.findings', { count: event.findings.length })}</summary>
          <ul>
            {event.findings.map((f, i) => (
              <li key={i}>
                <span class={`badge badge-sev-${f.severity}`}>
                  {format(lang, 'outcomes', `severity.${f.severity}`)}
                </span>{' '}
                <code>{f.code}</code> <code class="path">{f.path}</code> {findingMessage(f, lang)}
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
  const t = useT();
  const lang = useLang();
  return (
    <Layout title={t('page.liveSubmissions')} scope={scope} nav="live" scripts={['live.js']}>
      <PageHead title={t('page.liveSubmissions')}>
        <p class="lead">
          {t('live.lead', { organisation: scope.organisation?.name ?? scope.registerController.name })}
        </p>
        <p
          class="live-state"
          id="live-state"
          role="status"
          aria-live="polite"
          data-since={String(lastSeq)}
          data-lang={lang}
          data-words={JSON.stringify(liveWords(lang))}
        >
          {t('live.connecting')}
        </p>
      </PageHead>
      <ol class="events" id="events" data-testid="events">
        {events.map((e) => (
          <EventRow key={e.seq} event={e} />
        ))}
      </ol>
      {events.length === 0 && (
        <Empty>
          <span id="events-empty">{t('live.none')}</span>
        </Empty>
      )}
    </Layout>
  );
}
