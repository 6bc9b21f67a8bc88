/**
 * The viewer's shared page parts: the page frame (header with the signed-in archivist and register,
 * navigation), badges, coded values, findings. Server-rendered with preact; every string is escaped.
 */
import type { ComponentChildren, VNode } from 'preact';
import { rulePath } from '../../common/rules/catalogue.ts';
import type { Finding } from '../domain/findings.ts';
import type { ArchivedDocumentStatus, ArchiveRepositoryKind, CodedValue } from '../domain/cda.ts';
import type { EventOutcome } from '../domain/events.ts';
import { codeDisplay, codeSystemLabel, REPOSITORY_TERMS, STATUS_TERMS } from './labels.ts';
import type { ArchivistScope } from './scope.ts';

export type NavKey = 'find' | 'live' | 'runs' | 'access-log' | 'none';

const NAV: { key: NavKey; href: string; en: string; fi: string }[] = [
  { key: 'find', href: '/viewer/find', en: 'Find', fi: 'Haku' },
  { key: 'live', href: '/viewer/live', en: 'Live submissions', fi: 'Saapuvat' },
  { key: 'runs', href: '/viewer/runs', en: 'Scenario runs', fi: 'Testiajot' },
  { key: 'access-log', href: '/viewer/access-log', en: 'Access log', fi: 'Käyttöloki' },
];

export interface LayoutProps {
  title: string;
  scope?: ArchivistScope;
  nav?: NavKey;
  /** Extra script files (served from /viewer/assets). */
  scripts?: string[];
  children: ComponentChildren;
}

export function Layout({ title, scope, nav = 'none', scripts = [], children }: LayoutProps): VNode {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · kantasim archivist viewer`}</title>
        <link rel="stylesheet" href="/viewer/assets/viewer.css" />
        <script src="/viewer/assets/viewer.js" defer />
        {scripts.map((s) => (
          <script key={s} src={`/viewer/assets/${s}`} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="topbar">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true">
              K
            </span>
            <span class="brand-text">
              <span class="brand-title">
                <strong>kantasim</strong> Archivist viewer
              </span>
              <span class="brand-fi">Arkistonhoitajan näkymä</span>
            </span>
          </div>
          {scope && (
            <nav class="mainnav" aria-label="Main">
              {NAV.map((item) => (
                <a
                  key={item.key}
                  href={item.href}
                  class={item.key === nav ? 'active' : undefined}
                  aria-current={item.key === nav ? 'page' : undefined}
                >
                  {item.en} <span class="fi">{item.fi}</span>
                </a>
              ))}
            </nav>
          )}
          {scope && (
            <div class="who">
              <div class="who-text">
                <span class="who-name" data-testid="archivist-name">
                  {scope.archivist.name}
                </span>
                <span class="who-register" data-testid="register-name" title={scope.registerController.oid}>
                  {scope.registerController.name}
                </span>
              </div>
              <form method="post" action="/viewer/sign-out">
                <button type="submit" class="btn btn-quiet">
                  Sign out
                </button>
              </form>
            </div>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="foot">
          kantasim simulates Kanta for testing. Test identity codes only (900–999); never real people’s data.
        </footer>
      </body>
    </html>
  );
}

export function PageHead({
  title,
  fi,
  children,
}: {
  title: string;
  fi?: string;
  children?: ComponentChildren;
}): VNode {
  return (
    <div class="pagehead">
      <h1>
        {title}
        {fi !== undefined && <span class="fi"> · {fi}</span>}
      </h1>
      {children}
    </div>
  );
}

export function StatusBadge({ status }: { status: ArchivedDocumentStatus }): VNode {
  const term = STATUS_TERMS[status];
  return (
    <span class={`badge badge-${status}`} title={term.en}>
      {term.en} <span class="fi">{term.fi}</span>
    </span>
  );
}

export function RepositoryBadge({ repository }: { repository: ArchiveRepositoryKind }): VNode {
  const term = REPOSITORY_TERMS[repository];
  return (
    <span class={`badge badge-repo-${repository}`} title={`${term.en} (${term.fi})`}>
      {term.short}
    </span>
  );
}

export function InvalidBadge(): VNode {
  return (
    <span
      class="badge badge-invalid"
      title="Stored in rehearsal mode despite errors: not archived for a deployment test"
    >
      Invalid <span class="fi">Virheellinen</span>
    </span>
  );
}

const OUTCOME_TERMS: Readonly<Record<EventOutcome, { en: string; fi: string }>> = {
  accepted: { en: 'Accepted', fi: 'Hyväksytty' },
  'accepted-with-warnings': { en: 'Accepted, warnings', fi: 'Hyväksytty, varoituksia' },
  refused: { en: 'Refused', fi: 'Hylätty' },
  info: { en: 'Info', fi: 'Tieto' },
};

export function OutcomeBadge({ outcome }: { outcome: EventOutcome }): VNode {
  const term = OUTCOME_TERMS[outcome];
  return (
    <span class={`badge badge-outcome-${outcome}`}>
      {term.en} <span class="fi">{term.fi}</span>
    </span>
  );
}

/** A coded value: code, display name, and its code system named. */
export function Coded({ value }: { value: CodedValue | undefined }): VNode {
  if (!value) return <span class="muted">–</span>;
  const display = codeDisplay(value.codeSystem, value.code, value.displayName);
  const system = codeSystemLabel(value.codeSystem);
  return (
    <span class="coded">
      <span class="code">{value.code}</span>
      {display !== undefined && <span class="display"> {display}</span>}
      <span class="system" title={value.codeSystem}>
        {system.known ? `${system.name} · ${value.codeSystem}` : `code system ${value.codeSystem}`}
      </span>
      {system.known &&
        value.displayName !== undefined &&
        display !== undefined &&
        value.displayName !== display && (
          <span class="system warn-text">document says “{value.displayName}”</span>
        )}
    </span>
  );
}

export function Oid({ value, name }: { value: string | undefined; name?: string | undefined }): VNode {
  if (value === undefined || value === '') return <span class="muted">–</span>;
  return (
    <span class="oid">
      {name !== undefined && <span class="oid-name">{name} </span>}
      <code>{value}</code>
    </span>
  );
}

/** Label/value rows. */
export function Fields({ rows }: { rows: [ComponentChildren, ComponentChildren][] }): VNode {
  return (
    <dl class="fields">
      {rows.map(([label, value], i) => (
        <div key={i} class="field">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Label({ en, fi }: { en: string; fi?: string }): VNode {
  return (
    <>
      {en}
      {fi !== undefined && <span class="fi"> {fi}</span>}
    </>
  );
}

/** A finding code, linked to its catalogue entry on the simulator's /rules page when it has one. */
export function FindingCode({ code }: { code: string }): VNode {
  const href = rulePath(code);
  return href === undefined ? (
    <code>{code}</code>
  ) : (
    <a href={href} title="what this code means and where the rule comes from">
      <code>{code}</code>
    </a>
  );
}

export function FindingsTable({ findings }: { findings: readonly Finding[] }): VNode {
  if (findings.length === 0) return <p class="muted">No findings.</p>;
  return (
    <DataTable variant="findings" columns={['Severity', 'Code', 'Where', 'What to change']}>
      {findings.map((f, i) => (
        <tr key={i}>
          <td>
            <span class={`badge badge-sev-${f.severity}`}>{f.severity}</span>
          </td>
          <td class="nowrap">
            <FindingCode code={f.code} />
          </td>
          <td class="path-cell">
            <code class="path">{f.path}</code>
          </td>
          <td>{f.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function Empty({ children }: { children: ComponentChildren }): VNode {
  return <div class="empty">{children}</div>;
}

export function Notice({
  kind,
  children,
}: {
  kind: 'info' | 'warn' | 'error' | 'ok';
  children: ComponentChildren;
}): VNode {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A data table in its scrolling wrapper: `columns` are the header cells, children the body rows. */
export function DataTable({
  columns,
  variant,
  testid,
  children,
}: {
  columns: ComponentChildren[];
  /** Extra class after `data`, e.g. `compare`. */
  variant?: string;
  testid?: string;
  children: ComponentChildren;
}): VNode {
  return (
    <div class="table-wrap">
      <table class={variant === undefined ? 'data' : `data ${variant}`} data-testid={testid}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
