/**
 * The deployment-test report (käyttöönottokoe, docs/kanta.md#deployment-test-and-the-archivists-check) as one self-contained HTML file: who was
 * tested, with which system and version, when, with which test persons; every step with its verdict and
 * evidence (document OIDs and versions, resource ids, links to the simulator's viewer); and the
 * archivist's checklist. Printable (A4), so the organisation can attach it when reporting to Kela.
 *
 * Everything that comes from a scenario, the simulator or the system under test is escaped.
 */
import { catalogueCodesIn, ruleAnchor, ruleFor, type RuleEntry } from '../../common/rules/catalogue.ts';
import { ruleHtml } from '../../common/rules/render.ts';
import { maskIdentitiesDeep } from '../mask.ts';
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

const VERDICT_TEXT: Record<Verdict, string> = {
  pass: 'Passed',
  fail: 'Failed',
  error: 'Not evaluated',
  skip: 'Skipped',
};

function badge(v: Verdict): string {
  return `<span class="badge ${v}">${VERDICT_TEXT[v]}</span>`;
}

function when(iso: string): string {
  return iso
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
    .replace(/Z$/, ' UTC');
}

/** Whether the simulator's viewer links are written (it keeps running) or left out (it stopped). */
let liveLinks = true;

function evidenceList(items: readonly Evidence[]): string {
  if (items.length === 0) return '';
  const rows = items.map((ev) => {
    const href = liveLinks ? safeHref(ev.href) : undefined;
    const value =
      href !== undefined
        ? `<a href="${e(href)}">${e(ev.value)}</a><span class="sim" title="a link into the running simulator">↗</span>`
        : withCodeLinks(ev.value);
    return `<li><span class="label">${e(ev.label)}</span> ${value}</li>`;
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
      `<tr><td><code>${e(id)}</code></td><td>${text !== undefined ? e(text) : '<span class="muted">no text in the scenario</span>'}</td></tr>`,
  );
  return `<table class="requirements"><thead><tr><th>Requirement</th><th>What it says</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
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
  return `<section class="finding-codes"><h2>Finding codes in this report</h2>${[...entries.values()].map(ruleHtml).join('')}</section>`;
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
    return '<tr><th>Organisation</th><td class="muted">not named by the scenarios</td></tr>';
  return orgs
    .map((o) => {
      const rows = [
        `<tr><th>Organisation</th><td><strong>${e(o.name ?? 'unknown name')}</strong> <code>${e(o.oid)}</code></td></tr>`,
      ];
      if (o.registerControllers !== undefined)
        rows.push(
          `<tr><th>Register controller</th><td>${o.registerControllers.length > 0 ? o.registerControllers.map((r) => `${e(r.name)} <code>${e(r.oid)}</code>`).join('<br>') : '<span class="muted">none registered</span>'}</td></tr>`,
        );
      rows.push(
        `<tr><th>Information system</th><td>${o.system ? `${e(o.system.vendor)} ${e(o.system.product)} <strong>${e(o.system.version)}</strong> (category ${e(o.system.category)}, id <code>${e(o.system.id)}</code>)` : '<span class="muted">not found in the registry</span>'}</td></tr>`,
      );
      if (o.services !== undefined)
        rows.push(`<tr><th>Kanta services deployed</th><td>${e(o.services.join(', '))}</td></tr>`);
      if (o.note !== undefined) rows.push(`<tr><th>Note</th><td class="small">${e(o.note)}</td></tr>`);
      return rows.join('');
    })
    .join('');
}

const CHECKLIST: readonly { item: ChecklistItem; title: string }[] = [
  { item: 'archived', title: 'Every document of the test case was archived' },
  { item: 'register', title: "The documents are in the register controller's register" },
  { item: 'matches-source', title: 'The stored data matches the data in the source system' },
];

/** The reasons skipped checks give, each once. */
function reasons(items: readonly { c: CheckResult }[]): string {
  return [...new Set(items.map(({ c }) => c.message ?? 'not run'))].join('; ');
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
    return '<p class="small">These scenarios have no checks for the archivist\'s checklist (they archive no documents).</p>';
  const rows = CHECKLIST.map(({ item, title }) => {
    const tagged = all.filter(({ c }) => c.checklist === item);
    const bad = tagged.filter(({ c }) => c.verdict === 'fail' || c.verdict === 'error');
    const skipped = tagged.filter(({ c }) => c.verdict === 'skip');
    let status: string;
    let passed = false;
    if (tagged.length === 0)
      status =
        '<span class="badge skip">Not covered</span> <span class="small">check it by hand in the Archivist user interface</span>';
    else if (bad.length > 0)
      status = `${badge('fail')} <span class="small">${bad.map(({ s, c }) => `<a href="#${e(anchor(s, c))}">${e(s.id)}: ${e(c.title)}</a>`).join('; ')}</span>${skipped.length > 0 ? ` <span class="small">(${plural(skipped.length, 'check')} not run: ${e(reasons(skipped))})</span>` : ''}`;
    else if (skipped.length > 0)
      status = `<span class="badge skip">Not checked</span> <span class="small">${skipped.length} of ${plural(tagged.length, 'check')} did not run: ${e(reasons(skipped))}</span>`;
    else {
      passed = true;
      status = `${badge('pass')} <span class="small">${plural(tagged.length, 'check')}</span>`;
    }
    return `<tr><td class="box">${passed ? '☑' : '☐'}</td><td>${e(title)}</td><td>${status}</td></tr>`;
  });
  return `<section class="checklist"><h3>Archivist's checklist</h3><p class="small">The Kanta archivist (arkistonhoitaja) confirms these before the test is reported (Kanta, Potilastietovarannon käyttöönotto, https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto). A line is marked passed only when every check behind it ran and passed.</p><table>${rows.join('')}</table></section>`;
}

/** `1 check`, `2 checks`. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function scenarioSection(s: ScenarioResult, recorded: string | undefined): string {
  const steps = s.steps
    .map((st, i) => {
      const header = `<tr class="step"><th colspan="4"><span class="stepno">${st.id === 'setup' ? 'Setup' : `Step ${i + (s.steps[0]?.id === 'setup' ? 0 : 1)}`}</span> ${e(st.title)} ${badge(st.verdict)}${st.description !== undefined ? `<div class="small">${e(st.description)}</div>` : ''}${st.instruction !== undefined ? `<div class="instruction">${e(st.instruction)}</div>` : ''}</th></tr>`;
      return header + st.checks.map((c) => checkRow(s, c)).join('');
    })
    .join('');
  const persons =
    s.testPersons.length > 0
      ? `<p><strong>Test persons:</strong> ${s.testPersons.map((p) => `<code>${e(p.hetu)}</code>${p.name !== undefined ? ` ${e(p.name)}` : ''}`).join(', ')}</p>`
      : '';
  return `<section class="scenario">
<h2>${e(s.title)} ${badge(s.verdict)}</h2>
<p class="meta"><code>${e(s.id)}</code> · service <code>${e(s.service)}</code> · ${e(when(s.startedAt))} · ${(s.durationMs / 1000).toFixed(1)} s · <span class="small">${e(s.file)}</span></p>
<p class="description">${e(s.description)}</p>
${persons}${recorded !== undefined ? `<p class="recorded"><strong>Recorded in the simulator:</strong> <a href="${e(recorded)}">${e(recorded)}</a></p>` : ''}
<table class="checks"><colgroup><col><col class="c-level"><col class="c-req"><col class="c-verdict"></colgroup><thead><tr><th>Check and evidence</th><th>Level</th><th>Requirement</th><th>Verdict</th></tr></thead><tbody>${steps}</tbody></table>
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
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  ul.evidence a::after { content: " (" attr(href) ")"; font-size: .75em; color: var(--muted); word-break: break-all; }
  tr, .checklist, .signatures { break-inside: avoid; } h2, h3 { break-after: avoid; }
  section.organisation + section.organisation { break-before: page; }
  nav.failures, .description { font-size: 9pt; } table.checks td, table.checks th { padding: .2rem .35rem; }
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
  return persons.size > 0 ? [...persons.values()].join('<br>') : '<span class="muted">none recorded</span>';
}

/** Counts of checks by verdict, worded for people ("1 failed", "2 not evaluated"). */
function countsLine(scenarios: readonly ScenarioResult[]): string {
  const t: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const s of scenarios) for (const st of s.steps) for (const c of st.checks) t[c.verdict]++;
  return `${t.pass} passed, ${t.fail} failed, ${t.error} not evaluated, ${t.skip} skipped`;
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
<h2>${e(org !== undefined ? (org.name ?? org.oid) : 'Scenarios without an organisation')}</h2>
<table class="facts">
${org !== undefined ? organisationFacts([org]) : ''}
<tr><th>Test persons</th><td>${personList(scenarios)}</td></tr>
<tr><th>Scenarios</th><td>${scenarios.map((sc) => `${e(sc.title)} ${badge(sc.verdict)}`).join('<br>')}</td></tr>
</table>
<p class="verdict ${passed ? 'pass' : 'fail'}">${passed ? 'PASSED' : 'FAILED'} — ${countsLine(scenarios)}</p>
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
  return `<nav class="failures"><h2>Failures</h2><ol>${items.join('')}</ol></nav>`;
}

/** The HTML deployment-test report of a run: one section an organisation, each with its own checklist. */
export function htmlReport(result: RunResult, options: HtmlReportOptions = {}): string {
  // A refused real-range code the system under test sent is shown masked, never in full.
  const run = maskIdentitiesDeep(result);
  liveLinks = options.simulatorLinks !== 'gone';
  const groups = new Map<string, { org: OrganisationInfo | undefined; scenarios: ScenarioResult[] }>();
  for (const s of run.scenarios) {
    const key = s.organisation !== undefined ? `org-${s.organisation.oid}` : 'org-none';
    const g = groups.get(key) ?? { org: s.organisation, scenarios: [] };
    g.scenarios.push(s);
    groups.set(key, g);
  }
  const orgs = [...groups.values()].flatMap((g) => (g.org !== undefined ? [g.org] : []));
  const title = `Deployment test report — ${orgs.map((o) => o.name ?? o.oid).join(', ') || run.scenarios.map((s) => s.title).join(', ')}`;
  const t = run.totals;
  const environment = liveLinks
    ? `kantasim simulator at <code>${e(run.simulator)}</code>${run.sut !== undefined ? `; system under test at <code>${e(run.sut)}</code>` : ''}<div class="small">Links marked ↗ open that simulator's viewer: they work only while it runs and keeps this run's data. Everything needed to judge the run is in this file.</div>`
    : `a kantasim simulator started for this run only (in memory, stopped when the run ended)${run.sut !== undefined ? `; system under test at <code>${e(run.sut)}</code>` : ''}<div class="small">The simulator is gone, so this file has no links into it: the evidence is written out below.</div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kantasim">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<p class="kicker">Kanta deployment test · käyttöönottokoe · ibruktagningsprov</p>
<h1>${e(title)}</h1>
<table class="facts">
<tr><th>Organisations</th><td>${[...groups.entries()].map(([key, g]) => `<a href="#${e(key)}">${e(g.org !== undefined ? (g.org.name ?? g.org.oid) : 'without an organisation')}</a>`).join('<br>')}</td></tr>
<tr><th>Tested</th><td>${e(when(run.startedAt))} – ${e(when(run.finishedAt))} (${(run.durationMs / 1000).toFixed(1)} s)</td></tr>
<tr><th>Environment</th><td>${environment}</td></tr>
<tr><th>Checks run</th><td>${run.level === 'shall' ? 'SHALL checks only' : 'SHALL and SHOULD checks'}; ${run.manual ? 'steps done by a person (manual mode)' : 'steps automated'}</td></tr>
</table>
<p class="verdict ${run.passed ? 'pass' : 'fail'}">${run.passed ? 'PASSED' : 'FAILED'} — ${t.pass} passed, ${t.fail} failed, ${t.error} not evaluated, ${t.skip} skipped</p>
${failureJumpList(run)}
</header>
${[...groups.entries()].map(([key, g]) => organisationSection(key, g.org, g.scenarios, options.recorded)).join('\n')}
${findingCodes(run)}
<div class="signatures"><div>Tester, date</div><div>Kanta archivist, date</div></div>
<footer>
<p>For the Social Welfare Client Data Repository, Kanta asks for a report of a successful deployment test within two working days (Kanta, Införandet av Klientdataarkivet för socialvården, https://www.kanta.fi/sv/professionella/inforande-av-klientdataarkivet-for-socialvarden); for the Patient Data Repository, current guidance says production may start once the Kanta archivist has verified the result (https://www.kanta.fi/ammattilaiset/potilastiedon-arkiston-kayttoonotto). This report records a run of kantasim scenarios against the environment named above; a rehearsal against the simulator does not replace the test in production.</p>
<p>Generated by kantasim at ${e(when(run.finishedAt))}.</p>
</footer>
</body>
</html>
`;
}
