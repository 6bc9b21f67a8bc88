// Live submissions: appends events from /viewer/live/stream (server-sent events) to the list.
// Builds every node with createElement/textContent, never innerHTML, so event text stays text.
'use strict';

(() => {
  const list = document.getElementById('events');
  const state = document.getElementById('live-state');
  if (!list || !state || typeof EventSource === 'undefined') return;

  // The page's words (pages/live.tsx liveWords), in its language; English if the attribute is unreadable.
  let words = {};
  try {
    words = JSON.parse(state.dataset.words || '{}');
  } catch {
    words = {};
  }
  const word = (key, fallback) => (typeof words[key] === 'string' ? words[key] : fallback);
  // Helsinki time with its zone, as the server renders it (common/i18n formatDateTime).
  const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
  const timeFormat = new Intl.DateTimeFormat(LOCALES[state.dataset.lang] || 'fi-FI', {
    timeZone: 'Europe/Helsinki',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  function helsinki(at) {
    const d = new Date(String(at));
    return Number.isNaN(d.getTime()) ? String(at) : timeFormat.format(d);
  }

  // Same rule as viewerHref in pages/live.tsx: documents by OID, appointments by id, runs; refused ones stored nothing.
  function viewerHref(event, id) {
    if (event.outcome === 'refused') return undefined;
    if (event.channel === 'archive' && /^[0-9]+(\.[0-9]+)+$/.test(id))
      return '/viewer/documents/' + encodeURIComponent(id);
    const m = /^Appointment\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/\d+)?$/.exec(id);
    if (event.channel === 'fhir' && m) return '/viewer/appointments/' + encodeURIComponent(m[1]);
    const run = /^runs\/([A-Za-z0-9-]{1,64})$/.exec(id);
    if (event.channel === 'runner' && run) return '/viewer/runs/' + encodeURIComponent(run[1]);
    return undefined;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function badge(outcome) {
    return el(
      'span',
      'badge badge-outcome-' + String(outcome).replace(/[^a-z-]/g, ''),
      word(String(outcome), String(outcome)),
    );
  }

  function row(event) {
    const li = el('li', 'ev ev-new ev-' + String(event.outcome).replace(/[^a-z-]/g, ''));
    li.dataset.seq = String(event.seq);
    const head = el('div', 'ev-head');
    const time = el('span', 'ev-time');
    const inner = el('time', '', helsinki(event.at));
    inner.dateTime = String(event.at);
    time.appendChild(inner);
    head.append(time, badge(event.outcome), el('span', 'badge badge-channel', String(event.channel)));
    head.appendChild(el('code', 'ev-kind', String(event.kind)));
    if (event.patient) head.appendChild(el('code', 'ev-patient', String(event.patient)));
    // The server words the summary in the page's language (summaryText); older servers sent only summary.
    const summary = typeof event.summaryText === 'string' ? event.summaryText : event.summary;
    li.append(head, el('div', 'ev-summary', String(summary)));
    if (Array.isArray(event.resourceIds) && event.resourceIds.length > 0) {
      const ids = el('div', 'ev-ids');
      for (const id of event.resourceIds) {
        const href = viewerHref(event, String(id));
        const code = el('code', '', String(id));
        if (href) {
          const a = el('a');
          a.href = href;
          a.appendChild(code);
          ids.appendChild(a);
        } else ids.appendChild(code);
      }
      li.appendChild(ids);
    }
    if (Array.isArray(event.findings) && event.findings.length > 0) {
      const details = el('details', 'ev-findings');
      details.open = event.outcome === 'refused';
      const n = event.findings.length;
      details.appendChild(
        el(
          'summary',
          '',
          n === 1
            ? word('findingsOne', '1 finding')
            : word('findingsMany', '# findings').replace('#', String(n)),
        ),
      );
      const ul = el('ul');
      for (const f of event.findings) {
        const item = el('li');
        item.append(
          el(
            'span',
            'badge badge-sev-' + String(f.severity).replace(/[^a-z]/g, ''),
            word(String(f.severity), String(f.severity)),
          ),
          ' ',
          el('code', '', String(f.code)),
          ' ',
          el('code', 'path', String(f.path)),
          ' ' + String(f.message),
        );
        ul.appendChild(item);
      }
      details.appendChild(ul);
      li.appendChild(details);
    }
    return li;
  }

  const since = state.dataset.since || '0';
  const source = new EventSource('/viewer/live/stream?since=' + encodeURIComponent(since));
  source.addEventListener('open', () => {
    state.textContent = word('connected', 'Live: new submissions appear here.');
    state.classList.add('on');
  });
  source.addEventListener('error', () => {
    state.textContent = word('reconnecting', 'Connection lost; reconnecting…');
    state.classList.remove('on');
  });
  source.addEventListener('submission', (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    const empty = document.getElementById('events-empty');
    if (empty && empty.parentElement) empty.parentElement.remove();
    list.insertBefore(row(event), list.firstChild);
  });
})();
