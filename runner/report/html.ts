/**
 * The deployment-test report (käyttöönottokoe, docs/kanta.md#deployment-test-and-the-archivists-check) as one self-contained HTML file: who was
 * tested, with which system and version, when, with which test persons; every step with its verdict and
 * evidence (document OIDs and versions, resource ids, links to the simulator's viewer); and the
 * archivist's checklist. Printable (A4), so the organisation can attach it when reporting to Kela.
 *
 * Written in the reader's language (fi, sv or en; `<html lang>` set): every label comes from
 * `common/i18n/locales/<lang>/report.json` and the outcome words from `outcomes.json`, every time is
 * Helsinki time with its zone. What the scenario author wrote (titles, descriptions) and the findings
 * as the simulator worded them (it answers in the `Accept-Language` the runner sent) stay as they came.
 *
 * Everything that comes from a scenario, the simulator or the system under test is escaped.
 */
import { formatDateTime, translator, type Lang, type Translate } from '../../common/i18n/index.ts';
import { catalogueCodesIn, ruleAnchor, ruleFor, type RuleEntry } from '../../common/rules/catalogue.ts';
import { ruleHtml, type RuleLabels } from '../../common/rules/render.ts';
import { presentable } from '../present.ts';
import type {
  CheckResult,
  ChecklistItem,
  Evidence,
  OrganisationInfo,
  RunResult,
  ScenarioResult,
  Verdict,
} from '../types.ts';

/** Escapes text for HTML content and quoted attribute values. */
export function htmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const e = htmlEscape;

/** Escapes text for element content only (quotes may stay as they are there). */
function text(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Only http(s) links are written as links; anything else (javascript:, data:) stays text. */
function safeHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The language of the report being rendered, its translator and the outcome words. Module state
 * because one report renders synchronously from start to end (htmlReport sets them first).
 */
let lang: Lang = 'en';
let t: Translate = translator('en', 'report');
let o: Translate = translator('en', 'outcomes');

function verdictText(v: Verdict): string {
  switch (v) {
    case 'pass':
      return o('check.passed');
    case 'fail':
      return o('check.failed');
    case 'skip':
      return o('check.skipped');
    case 'error':
      return t('verdict.notEvaluated');
  }
}

function badge(v: Verdict): string {
  return `<span class="badge ${v}">${e(verdictText(v))}</span>`;
}

/** A moment as the reader reads it: Helsinki time with its zone, in the report's language. */
function when(iso: string): string {
  return formatDateTime(iso, lang);
}

/** `PASSED` / `LÄPÄISTY` / `GODKÄNT`: the outcome vocabulary's verdict, as a banner. */
function banner(passed: boolean): string {
  return o(passed ? 'verdict.passed' : 'verdict.failed').toLocaleUpperCase(lang);
}

function countsText(c: Record<Verdict, number>): string {
  return t('counts', { pass: c.pass, fail: c.fail, error: c.error, skip: c.skip });
}

/** The finding-code blocks' labels in the report's language. */
function ruleLabels(): RuleLabels {
  return {
    element: t('rule.element'),
    message: (code) => t('rule.message', { lang: code }),
    keys: t('rule.keys'),
    source: t('rule.source'),
    published: t('rule.published'),
    assumption: t('rule.assumption'),
  };
}

/** An evidence label the runner writes (`event`, `document`) in the report's language. */
function evidenceLabel(label: string): string {
  const key = `evidence.${label}`;
  const text = t(key);
  return text === key ? label : text;
}

/** Whether the simulator's viewer links are written (it keeps running) or left out (it stopped). */
let liveLinks = true;

/** An instant written in ISO 8601 with its offset, as events and resources carry them. */
const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Text with every ISO instant in it shown as Helsinki time with its zone, as the reader reads times. */
function helsinkiTimes(value: string): string {
  return value.replace(INSTANT, (iso) => when(iso));
}

function evidenceList(items: readonly Evidence[]): string {
  if (items.length === 0) return '';
  const rows = items.map((item) => {
    const ev = { ...item, value: helsinkiTimes(item.value) };
    const href = liveLinks ? safeHref(ev.href) : undefined;
    const value =
      href !== undefined
        ? `<a href="${e(href)}">${e(ev.value)}</a><span class="sim" title="${e(t('link.sim'))}">↗</span>`
        : withCodeLinks(ev.value);
    return `<li><span class="label">${e(evidenceLabel(ev.label))}</span> ${value}</li>`;
  });
  return `<ul class="evidence">${rows.join('')}</ul>`;
}

function requirement(c: CheckResult): string {
  if (c.requirement === undefined) return '<span class="muted">—</span>';
  return `<code>${e(c.requirement)}</code>`;
}

/** The requirements the scenario's checks trace to, each once, with its text. */
function requirementTable(s: ScenarioResult): string {
  const seen = new Map<string, string | undefined>();
  for (const st of s.steps)
    for (const c of st.checks)
      if (c.requirement !== undefined && !seen.has(c.requirement)) seen.set(c.requirement, c.requirementText);
  if (seen.size === 0) return '';
  const rows = [...seen].map(
    ([id, text]) =>
      `<tr><td><code>${e(id)}</code></td><td>${text !== undefined ? e(text) : `<span class="muted">${e(t('requirement.noText'))}</span>`}</td></tr>`,
  );
  return `<table class="requirements"><thead><tr><th>${e(t('table.requirement'))}</th><th>${e(t('table.whatItSays'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Escaped text with each catalogued finding code linked to its entry at the end of the report. */
function withCodeLinks(text: string): string {
  return e(text).replace(/\b[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+\b/g, (code) => {
    const entry = ruleFor(code);
    return entry === undefined ? code : `<a href="#${ruleAnchor(entry)}">${code}</a>`;
  });
}

/** The catalogue entries of every finding code the run mentions, so the report explains them offline. */
function findingCodes(run: RunResult): string {
  const entries = new Map<string, RuleEntry>();
  for (const code of catalogueCodesIn(JSON.stringify(run))) {
    const entry = ruleFor(code);
    if (entry !== undefined) entries.set(entry.code, entry);
  }
  if (entries.size === 0) return '';
  return `<section class="finding-codes"><h2>${e(t('findingCodes.heading'))}</h2>${[...entries.values()].map((entry) => ruleHtml(entry, ruleLabels())).join('')}</section>`;
}

function anchor(s: ScenarioResult, c: CheckResult): string {
  return `check-${s.id}-${c.id}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

function checkRow(s: ScenarioResult, c: CheckResult): string {
  const message =
    c.message !== undefined && c.verdict !== 'pass'
      ? `<div class="message">${withCodeLinks(c.message)}</div>`
      : '';
  return `<tr class="${c.verdict}" id="${e(anchor(s, c))}"><td>${e(c.title)}${message}${evidenceList(c.evidence)}</td><td>${c.level.toUpperCase()}</td><td>${requirement(c)}</td><td>${badge(c.verdict)}</td></tr>`;
}

function organisationFacts(orgs: readonly OrganisationInfo[]): string {
  if (orgs.length === 0)
    return `<tr><th>${e(t('org.label'))}</th><td class="muted">${e(t('org.notNamed'))}</td></tr>`;
  return orgs
    .map((org) => {
      const rows = [
        `<tr><th>${e(t('org.label'))}</th><td><strong>${e(org.name ?? t('org.unknownName'))}</strong> <code>${e(org.oid)}</code></td></tr>`,
      ];
      if (org.registerControllers !== undefined)
        rows.push(
          `<tr><th>${e(t('org.registerController'))}</th><td>${org.registerControllers.length > 0 ? org.registerControllers.map((r) => `${e(r.name)} <code>${e(r.oid)}</code>`).join('<br>') : `<span class="muted">${e(t('org.noneRegistered'))}</span>`}</td></tr>`,
        );
      rows.push(
        `<tr><th>${e(t('org.system'))}</th><td>${org.system ? `${e(org.system.vendor)} ${e(org.system.product)} <strong>${e(org.system.version)}</strong> ${t('org.systemDetails', { category: e(org.system.category), id: `<code>${e(org.system.id)}</code>` })}` : `<span class="muted">${e(t('org.systemNotFound'))}</span>`}</td></tr>`,
      );
      if (org.services !== undefined)
        rows.push(`<tr><th>${e(t('org.services'))}</th><td>${e(org.services.join(', '))}</td></tr>`);
      if (org.note !== undefined)
        rows.push(`<tr><th>${e(t('org.note'))}</th><td class="small">${e(org.note)}</td></tr>`);
      return rows.join('');
    })
    .join('');
}

const CHECKLIST: readonly { item: ChecklistItem; key: string }[] = [
  { item: 'archived', key: 'checklist.archived' },
  { item: 'register', key: 'checklist.register' },
  { item: 'matches-source', key: 'checklist.matchesSource' },
];

/** The reasons skipped checks give, each once. */
function reasons(items: readonly { c: CheckResult }[]): string {
  return [...new Set(items.map(({ c }) => c.message ?? t('checklist.reasonUnknown')))].join('; ');
}

/**
 * The archivist's checklist of some scenarios. A line is passed only when every check behind it ran and
 * passed; a line with a failed check is failed; a line with checks that did not run (a scenario stopped
 * before them, or they were not selected) is "not checked", with the reason.
 */
function checklist(scenarios: readonly ScenarioResult[]): string {
  const all = scenarios.flatMap((s) => s.steps.flatMap((st) => st.checks.map((c) => ({ s, c }))));
  // Scenarios that archive nothing (readiness, registry) have no archivist's checklist to fill.
  if (!all.some(({ c }) => c.checklist !== undefined))
    return `<p class="small">${e(t('checklist.none'))}</p>`;
  const rows = CHECKLIST.map(({ item, key }) => {
    const title = t(key);
    const tagged = all.filter(({ c }) => c.checklist === item);
    const bad = tagged.filter(({ c }) => c.verdict === 'fail' || c.verdict === 'error');
    const skipped = tagged.filter(({ c }) => c.verdict === 'skip');
    let status: string;
    let passed = false;
    if (tagged.length === 0)
      status = `<span class="badge skip">${e(t('checklist.notCovered'))}</span> <span class="small">${e(t('checklist.byHand'))}</span>`;
    else if (bad.length > 0)
      status = `${badge('fail')} <span class="small">${bad.map(({ s, c }) => `<a href="#${e(anchor(s, c))}">${e(s.id)}: ${e(c.title)}</a>`).join('; ')}</span>${skipped.length > 0 ? ` <span class="small">(${e(t('checklist.notRun', { count: skipped.length, reasons: reasons(skipped) }))})</span>` : ''}`;
    else if (skipped.length > 0)
      status = `<span class="badge skip">${e(o('check.notChecked'))}</span> <span class="small">${e(t('checklist.didNotRun', { skipped: skipped.length, total: tagged.length, reasons: reasons(skipped) }))}</span>`;
    else {
      passed = true;
      status = `${badge('pass')} <span class="small">${e(t('checklist.checks', { count: tagged.length }))}</span>`;
    }
    // The source comparison names what it compared: the line claims no field a check did not compare.
    const compared =
      item === 'matches-source' && tagged.length > 0
        ? `<div class="small compared">${[...new Set(tagged.map(({ c }) => c.title))].map((x) => e(x)).join('; ')}</div>`
        : '';
    return `<tr><td class="box">${passed ? '☑' : '☐'}</td><td>${e(title)}${compared}</td><td>${status}</td></tr>`;
  });
  return `<section class="checklist"><h3>${text(t('checklist.heading'))}</h3><p class="small">${e(t('checklist.intro'))}</p><table>${rows.join('')}</table></section>`;
}

function scenarioSection(s: ScenarioResult, recorded: string | undefined): string {
  const steps = s.steps
    .map((st, i) => {
      const header = `<tr class="step"><th colspan="4"><span class="stepno">${e(st.id === 'setup' ? t('scenario.setup') : t('scenario.step', { n: i + (s.steps[0]?.id === 'setup' ? 0 : 1) }))}</span> ${e(st.title)} ${badge(st.verdict)}${st.description !== undefined ? `<div class="small">${e(st.description)}</div>` : ''}${st.instruction !== undefined ? `<div class="instruction">${e(st.instruction)}</div>` : ''}</th></tr>`;
      return header + st.checks.map((c) => checkRow(s, c)).join('');
    })
    .join('');
  const persons =
    s.testPersons.length > 0
      ? `<p><strong>${e(t('scenario.testPersons'))}</strong> ${s.testPersons.map((p) => `<code>${e(p.hetu)}</code>${p.name !== undefined ? ` ${e(p.name)}` : ''}`).join(', ')}</p>`
      : '';
  return `<section class="scenario">
<h2>${e(s.title)} ${badge(s.verdict)}</h2>
<p class="meta"><code>${e(s.id)}</code> · ${t('scenario.service', { service: `<code>${e(s.service)}</code>` })} · ${e(when(s.startedAt))} · ${e(t('scenario.seconds', { seconds: s.durationMs / 1000 }))} · <span class="small">${e(s.file)}</span></p>
<p class="description">${e(s.description)}</p>
${persons}${recorded !== undefined ? `<p class="recorded"><strong>${e(t('scenario.recorded'))}</strong> <a href="${e(recorded)}">${e(recorded)}</a></p>` : ''}
<table class="checks"><colgroup><col><col class="c-level"><col class="c-req"><col class="c-verdict"></colgroup><thead><tr><th>${e(t('table.check'))}</th><th>${e(t('table.level'))}</th><th>${e(t('table.requirement'))}</th><th>${e(t('table.verdict'))}</th></tr></thead><tbody>${steps}</tbody></table>
${requirementTable(s)}
</section>`;
}

const CSS = `
:root { --ink:#1b1f24; --muted:#5b6470; --line:#d6dbe1; --pass:#1a7f37; --fail:#b42318; --error:#8a3ffc; --skip:#6b7280; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; }
h1 { font-size: 1.6rem; margin: .2rem 0 .6rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .4rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
.kicker { text-transform: uppercase; letter-spacing: .06em; color: var(--muted); font-size: .8rem; margin: 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
table.facts th { width: 13rem; color: var(--muted); font-weight: 600; }
table.checks { table-layout: fixed; } col.c-level { width: 5.5rem; } col.c-req { width: 11rem; } col.c-verdict { width: 7rem; }
table.checks td { overflow-wrap: anywhere; } table.requirements { margin-top: .8rem; font-size: .85rem; } table.requirements td:first-child { width: 11rem; }
table.checks thead th, table.requirements thead th { font-size: .8rem; color: var(--muted); border-bottom: 2px solid var(--line); }
tr.step th { background: #f3f5f7; font-weight: 600; padding-top: .5rem; } .stepno { color: var(--muted); font-weight: 600; margin-right: .4rem; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f5f7; padding: 0 .2em; border-radius: 3px; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; padding: .05rem .45rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.badge.pass { color: var(--pass); } .badge.fail { color: var(--fail); } .badge.error { color: var(--error); } .badge.skip { color: var(--skip); }
.verdict { font-size: 1.1rem; font-weight: 700; padding: .5rem .8rem; border-left: 6px solid; margin: 1rem 0; }
.verdict.pass { border-color: var(--pass); background: #eef8f0; } .verdict.fail { border-color: var(--fail); background: #fdf0ef; }
.message { color: var(--fail); margin-top: .2rem; } tr.error .message { color: var(--error); } tr.skip .message { color: var(--skip); }
.instruction { font-weight: 400; white-space: pre-wrap; border-left: 3px solid var(--line); padding-left: .5rem; margin-top: .3rem; }
ul.evidence { list-style: none; padding: 0; margin: .3rem 0 0; font-size: .85rem; } ul.evidence .label { color: var(--muted); display: inline-block; min-width: 5.5rem; }
.small { font-size: .8rem; color: var(--muted); font-weight: 400; } .muted { color: var(--muted); }
.checklist td.box { width: 1.5rem; font-size: 1.1rem; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; margin-top: 2.5rem; } .signatures div { border-top: 1px solid var(--ink); padding-top: .3rem; font-size: .85rem; }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
a { color: #0b5cad; }
span.sim { font-size: .8em; margin-left: .15em; color: var(--muted); }
nav.failures ol { margin: .3rem 0; padding-left: 1.4rem; } section.organisation > h2 { font-size: 1.4rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  /* A4 whatever the screen: no fixed widths, long values (OIDs, URLs, messages) wrap, evidence open. */
  body { max-width: none; padding: 0; font-size: 10pt; }
  table.facts th { width: 25%; } col.c-level { width: 11%; } col.c-req { width: 18%; } col.c-verdict { width: 14%; }
  table.requirements td:first-child { width: 25%; }
  td, th, code, .message, ul.evidence li { overflow-wrap: anywhere; word-break: break-word; }
  details { display: block; } details > summary { list-style: none; } details:not([open]) > *:not(summary) { display: block; }
  a { color: inherit; text-decoration: none; }
  /* The viewer links only work while that simulator runs; on paper the evidence is the value itself. */
  span.sim { display: none; }
  tr, .checklist, .signatures { break-inside: avoid; } h2, h3 { break-after: avoid; }
  section.organisation + section.organisation { break-before: page; }
  nav.failures, .description { font-size: 9pt; } h2 { margin-top: 1.2rem; }
  table.checks { font-size: 8.5pt; } table.checks td, table.checks th { padding: .15rem .3rem; line-height: 1.3; }
  ul.evidence { font-size: 7.5pt; margin-top: .1rem; } ul.evidence .label { min-width: 0; margin-right: .3em; }
  table.requirements { font-size: 8pt; } table.requirements td { padding: .1rem .3rem; }
  .finding-codes { font-size: 8.5pt; }
  .verdict, code, tr.step th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

export interface HtmlReportOptions {
  /** Viewer link of each scenario's recorded run (`POST /runs`), by scenario id. */
  recorded?: ReadonlyMap<string, string>;
  /**
   * `live` (default): the simulator keeps running after the run, so its viewer links are written and
   * marked as links into it; `gone`: it stopped with the run (`kantasim run` without `--sim`), so the
   * links are left out and only their text, the evidence itself, is kept.
   */
  simulatorLinks?: 'live' | 'gone';
  /** The reader's language (default English); `kantasim run --lang`. */
  lang?: Lang;
}

/** Test persons of some scenarios, each once. */
function personList(scenarios: readonly ScenarioResult[]): string {
  const persons = new Map<string, string>();
  for (const s of scenarios)
    for (const p of s.testPersons)
      persons.set(
        p.hetu,
        `<code>${e(p.hetu)}</code>${p.name !== undefined ? ` ${e(p.name)}` : ''}${p.service !== undefined ? ` <span class="small">(${e(p.service)})</span>` : ''}`,
      );
  return persons.size > 0
    ? [...persons.values()].join('<br>')
    : `<span class="muted">${e(t('org.noneRecorded'))}</span>`;
}

/** Counts of checks by verdict, worded for people ("1 failed", "2 not evaluated"). */
function countsLine(scenarios: readonly ScenarioResult[]): string {
  const n: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const s of scenarios) for (const st of s.steps) for (const c of st.checks) n[c.verdict]++;
  return countsText(n);
}

/** One organisation's part of the report: its facts, checklist, verdict, test persons and scenarios. */
function organisationSection(
  key: string,
  org: OrganisationInfo | undefined,
  scenarios: readonly ScenarioResult[],
  recorded: ReadonlyMap<string, string> | undefined,
): string {
  const passed = scenarios.every((s) => s.verdict !== 'fail' && s.verdict !== 'error');
  return `<section class="organisation" id="${e(key)}">
<h2>${e(org !== undefined ? (org.name ?? org.oid) : t('org.none'))}</h2>
<table class="facts">
${org !== undefined ? organisationFacts([org]) : ''}
<tr><th>${e(t('org.testPersons'))}</th><td>${personList(scenarios)}</td></tr>
<tr><th>${e(t('org.scenarios'))}</th><td>${scenarios.map((sc) => `${e(sc.title)} ${badge(sc.verdict)}`).join('<br>')}</td></tr>
</table>
<p class="verdict ${passed ? 'pass' : 'fail'}">${e(banner(passed))} — ${e(countsLine(scenarios))}</p>
${checklist(scenarios)}
${scenarios.map((sc) => scenarioSection(sc, recorded?.get(sc.id))).join('\n')}
</section>`;
}

/** Links to every check that failed or could not be evaluated, so a reader starts where it matters. */
function failureJumpList(run: RunResult): string {
  const items = run.scenarios.flatMap((s) =>
    s.steps.flatMap((st) =>
      st.checks
        .filter((c) => c.verdict === 'fail' || c.verdict === 'error')
        .map(
          (c) =>
            `<li><a href="#${e(anchor(s, c))}">${e(s.title)} › ${e(st.title)}: ${e(c.title)}</a> ${badge(c.verdict)}</li>`,
        ),
    ),
  );
  if (items.length === 0) return '';
  return `<nav class="failures"><h2>${e(t('failures.heading'))}</h2><ol>${items.join('')}</ol></nav>`;
}

/** The HTML deployment-test report of a run: one section an organisation, each with its own checklist. */
export function htmlReport(result: RunResult, options: HtmlReportOptions = {}): string {
  // A refused real-range code the system under test sent is shown masked, never in full; a template
  // left unrendered (a step not reached) is shown by its variables' names.
  const run = presentable(result);
  lang = options.lang ?? 'en';
  t = translator(lang, 'report');
  o = translator(lang, 'outcomes');
  liveLinks = options.simulatorLinks !== 'gone';
  const groups = new Map<string, { org: OrganisationInfo | undefined; scenarios: ScenarioResult[] }>();
  for (const s of run.scenarios) {
    const key = s.organisation !== undefined ? `org-${s.organisation.oid}` : 'org-none';
    const g = groups.get(key) ?? { org: s.organisation, scenarios: [] };
    g.scenarios.push(s);
    groups.set(key, g);
  }
  const orgs = [...groups.values()].flatMap((g) => (g.org !== undefined ? [g.org] : []));
  const subject =
    orgs.map((org) => org.name ?? org.oid).join(', ') || run.scenarios.map((s) => s.title).join(', ');
  const title = subject === '' ? t('title') : t('titleFor', { subject });
  const sut = run.sut !== undefined ? `; ${t('env.sut', { sut: `<code>${e(run.sut)}</code>` })}` : '';
  const environment = liveLinks
    ? `${t('env.live', { sim: `<code>${e(run.simulator)}</code>` })}${sut}<div class="small">${e(t('env.liveNote'))}</div>`
    : `${e(t('env.gone'))}${sut}<div class="small">${e(t('env.goneNote'))}</div>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kantasim">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<p class="kicker">${e(t('kicker'))}</p>
<h1>${e(title)}</h1>
<table class="facts">
<tr><th>${e(t('facts.organisations'))}</th><td>${[...groups.entries()].map(([key, g]) => `<a href="#${e(key)}">${e(g.org !== undefined ? (g.org.name ?? g.org.oid) : t('org.noneShort'))}</a>`).join('<br>')}</td></tr>
<tr><th>${e(t('facts.tested'))}</th><td>${e(when(run.startedAt))} – ${e(when(run.finishedAt))} (${e(t('scenario.seconds', { seconds: run.durationMs / 1000 }))})</td></tr>
<tr><th>${e(t('facts.environment'))}</th><td>${environment}</td></tr>
<tr><th>${e(t('facts.checksRun'))}</th><td>${e(t(run.level === 'shall' ? 'level.shall' : 'level.should'))}; ${e(t(run.manual ? 'mode.manual' : 'mode.automated'))}</td></tr>
</table>
<p class="verdict ${run.passed ? 'pass' : 'fail'}">${e(banner(run.passed))} — ${e(countsText(run.totals))}</p>
${failureJumpList(run)}
</header>
${[...groups.entries()].map(([key, g]) => organisationSection(key, g.org, g.scenarios, options.recorded)).join('\n')}
${findingCodes(run)}
<div class="signatures"><div>${e(t('signature.tester'))}</div><div>${e(t('signature.archivist'))}</div></div>
<footer>
<p>${e(t('footer.kela'))}</p>
<p>${e(t('footer.generated', { time: when(run.finishedAt) }))}</p>
</footer>
</body>
</html>
`;
}
