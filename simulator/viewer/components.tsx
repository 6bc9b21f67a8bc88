/**
 * The viewer's shared page parts: the page frame (header with the signed-in archivist and register,
 * navigation), badges, coded values, findings. Server-rendered with preact; every string is escaped.
 */
import type { ComponentChildren, VNode } from 'preact';
import { rulePath } from '../../common/rules/catalogue.ts';
import type { Finding } from '../domain/findings.ts';
import type { ArchivedDocumentStatus, ArchiveRepositoryKind, CodedValue } from '../domain/cda.ts';
import type { EventOutcome } from '../domain/events.ts';
import { containsRealCode } from '../domain/identity-guard.ts';
import { format, LANG_NAMES, LANGS } from '../../common/i18n/index.ts';
import { CodeName, findingMessage, useLang, usePath, useT } from './i18n.tsx';
import { codeDisplay, codeSystemLabel } from './labels.ts';
import type { ArchivistScope } from './scope.ts';

export type NavKey = 'find' | 'live' | 'runs' | 'access-log' | 'none';

const NAV: { key: NavKey; href: string; label: string }[] = [
  { key: 'find', href: '/viewer/find', label: 'nav.find' },
  { key: 'live', href: '/viewer/live', label: 'nav.live' },
  { key: 'runs', href: '/viewer/runs', label: 'nav.runs' },
  { key: 'access-log', href: '/viewer/access-log', label: 'nav.accessLog' },
];

export interface LayoutProps {
  title: string;
  scope?: ArchivistScope;
  nav?: NavKey;
  /** Extra script files (served from /viewer/assets). */
  scripts?: string[];
  children: ComponentChildren;
}

/** The language switcher: one small form a language, posting back to this page (no script needed). */
export function LanguageSwitcher(): VNode {
  const lang = useLang();
  const t = useT();
  // A page addressed by a real person's code (only ever shown masked) must not carry that code in its
  // form: the switcher then returns to the search page instead.
  const path = usePath();
  const back = containsRealCode(path) ? '/viewer/find' : path;
  return (
    <form method="post" action="/viewer/language" class="langs" aria-label={t('lang.switcher')}>
      <input type="hidden" name="back" value={back} />
      {LANGS.map((l) => (
        <button
          key={l}
          type="submit"
          name="lang"
          value={l}
          lang={l}
          class={l === lang ? 'lang active' : 'lang'}
          aria-pressed={l === lang}
          data-testid={`lang-${l}`}
        >
          {LANG_NAMES[l]}
        </button>
      ))}
    </form>
  );
}

export function Layout({ title, scope, nav = 'none', scripts = [], children }: LayoutProps): VNode {
  const lang = useLang();
  const t = useT();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · ${t('app.title')}`}</title>
        <link rel="stylesheet" href="/viewer/assets/viewer.css" />
        <script src="/viewer/assets/viewer.js" defer />
        {scripts.map((s) => (
          <script key={s} src={`/viewer/assets/${s}`} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('app.skip')}
        </a>
        <header class="topbar">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true">
              K
            </span>
            <span class="brand-text">
              <span class="brand-title">
                <strong>kantasim</strong> {t('app.name')}
              </span>
            </span>
          </div>
          {scope && (
            <nav class="mainnav" aria-label={t('nav.label')}>
              {NAV.map((item) => (
                <a
                  key={item.key}
                  href={item.href}
                  class={item.key === nav ? 'active' : undefined}
                  aria-current={item.key === nav ? 'page' : undefined}
                >
                  {t(item.label)}
                </a>
              ))}
            </nav>
          )}
          <LanguageSwitcher />
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
                  {t('auth.signOut')}
                </button>
              </form>
            </div>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="foot">{t('app.footer')}</footer>
      </body>
    </html>
  );
}

export function PageHead({ title, children }: { title: string; children?: ComponentChildren }): VNode {
  return (
    <div class="pagehead">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

export function StatusBadge({ status }: { status: ArchivedDocumentStatus }): VNode {
  const t = useT();
  return <span class={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}

export function RepositoryBadge({ repository }: { repository: ArchiveRepositoryKind }): VNode {
  const t = useT();
  return (
    <span class={`badge badge-repo-${repository}`} title={t(`repository.${repository}`)}>
      {t(`repository.${repository}.short`)}
    </span>
  );
}

export function InvalidBadge(): VNode {
  const t = useT();
  return (
    <span class="badge badge-invalid" title={t('badge.invalid.title')}>
      {t('badge.invalid')}
    </span>
  );
}

/** Event outcomes are submissions: accepted or refused, in the shared outcome vocabulary. */
const OUTCOME_KEYS: Readonly<Record<EventOutcome, { ns: 'outcomes' | 'viewer'; key: string }>> = {
  accepted: { ns: 'outcomes', key: 'submission.accepted' },
  'accepted-with-warnings': { ns: 'outcomes', key: 'submission.acceptedWithWarnings' },
  refused: { ns: 'outcomes', key: 'submission.refused' },
  info: { ns: 'viewer', key: 'outcome.info' },
};

export function OutcomeBadge({ outcome }: { outcome: EventOutcome }): VNode {
  const lang = useLang();
  const { ns, key } = OUTCOME_KEYS[outcome];
  return <span class={`badge badge-outcome-${outcome}`}>{format(lang, ns, key)}</span>;
}

/** A coded value: code, display name (from the code list, in the reader's language where it has one), system. */
export function Coded({ value }: { value: CodedValue | undefined }): VNode {
  const t = useT();
  if (!value) return <span class="muted">–</span>;
  const listed = codeDisplay(value.codeSystem, value.code);
  const system = codeSystemLabel(value.codeSystem);
  return (
    <span class="coded">
      <span class="code">{value.code}</span>
      {listed !== undefined ? (
        <span class="display">
          {' '}
          <CodeName system={value.codeSystem} code={value.code} />
        </span>
      ) : (
        value.displayName !== undefined && <span class="display"> {value.displayName}</span>
      )}
      <span class="system" title={value.codeSystem}>
        {system.known ? (
          <>
            <span lang="fi">{system.name}</span> · {value.codeSystem}
          </>
        ) : (
          t('code.system', { oid: value.codeSystem })
        )}
      </span>
      {system.known &&
        value.displayName !== undefined &&
        listed !== undefined &&
        value.displayName !== listed && (
          <span class="system warn-text">{t('code.documentSays', { text: value.displayName })}</span>
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

/** A field label in the page's language (the key is one of viewer.json's). */
export function Label({ k }: { k: string }): VNode {
  const t = useT();
  return <>{t(k)}</>;
}

/** A finding code, linked to its catalogue entry on the simulator's /rules page when it has one. */
export function FindingCode({ code }: { code: string }): VNode {
  const t = useT();
  const href = rulePath(code);
  return href === undefined ? (
    <code>{code}</code>
  ) : (
    <a href={href} title={t('finding.codeLink')}>
      <code>{code}</code>
    </a>
  );
}

export function FindingsTable({ findings }: { findings: readonly Finding[] }): VNode {
  const lang = useLang();
  const t = useT();
  if (findings.length === 0) return <p class="muted">{t('finding.none')}</p>;
  return (
    <DataTable
      variant="findings"
      columns={[t('finding.severity'), t('finding.code'), t('finding.where'), t('finding.what')]}
    >
      {findings.map((f, i) => (
        <tr key={i}>
          <td>
            <span class={`badge badge-sev-${f.severity}`}>
              {format(lang, 'outcomes', `severity.${f.severity}`)}
            </span>{' '}
            {/* The severity's code too: stable across languages, as vendors' logs show it. */}
            <code class="sub-inline">{f.severity}</code>
          </td>
          <td class="nowrap">
            <FindingCode code={f.code} />
          </td>
          <td class="path-cell">
            <code class="path">{f.path}</code>
          </td>
          <td>{findingMessage(f, lang)}</td>
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
