/** Sign-in: choose an archivist account (and give its passcode, if it has one), in the reader's language. */
import type { VNode } from 'preact';
import type { Archivist, Organisation } from '../../domain/registry.ts';
import { Layout, Notice } from '../components.tsx';
import { useT } from '../i18n.tsx';

export interface SignInProps {
  archivists: Archivist[];
  registers: ReadonlyMap<string, Organisation>;
  problem?: string;
  chosen?: string;
  /** Shared (TLS) mode: the page names no accounts; the archivist types the user name. */
  hideAccounts?: boolean;
}

export function SignInPage({ archivists, registers, problem, chosen, hideAccounts }: SignInProps): VNode {
  const t = useT();
  return (
    <Layout title={t('signIn.title')}>
      <section class="signin card">
        <h1>{t('signIn.title')}</h1>
        <p class="lead">{t('signIn.lead')}</p>
        {problem !== undefined && <Notice kind="error">{problem}</Notice>}
        {hideAccounts === true ? (
          <form method="post" action="/viewer/sign-in" class="stack">
            <label for="archivist">{t('signIn.archivist')}</label>
            <input id="archivist" name="archivist" required autoComplete="username" value={chosen ?? ''} />
            <label for="passcode">{t('signIn.passcode')}</label>
            <input id="passcode" name="passcode" type="password" required autoComplete="current-password" />
            <button type="submit" class="btn btn-primary">
              {t('signIn.submit')}
            </button>
          </form>
        ) : archivists.length === 0 ? (
          <Notice kind="info">
            {t('signIn.noAccounts')} <code>POST /registry/archivists</code>
          </Notice>
        ) : (
          <form method="post" action="/viewer/sign-in" class="stack">
            <label for="archivist">{t('signIn.archivist')}</label>
            <select id="archivist" name="archivist" required>
              {archivists.map((a) => (
                <option key={a.id} value={a.id} selected={a.id === chosen}>
                  {a.name} — {registers.get(a.registerController)?.name ?? a.registerController} ({a.id})
                </option>
              ))}
            </select>
            <label for="passcode">
              {t('signIn.passcode')} <span class="hint">{t('signIn.passcodeHint')}</span>
            </label>
            <input id="passcode" name="passcode" type="password" autoComplete="current-password" />
            <button type="submit" class="btn btn-primary">
              {t('signIn.submit')}
            </button>
          </form>
        )}
        <p class="hint">{t('signIn.realCard')}</p>
      </section>
    </Layout>
  );
}
