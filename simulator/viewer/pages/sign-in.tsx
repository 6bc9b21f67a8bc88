/** Sign-in: choose an archivist account (and give its passcode, if it has one). */
import type { VNode } from 'preact';
import type { Archivist, Organisation } from '../../domain/registry.ts';
import { Layout, Notice } from '../components.tsx';

export interface SignInProps {
  archivists: Archivist[];
  registers: ReadonlyMap<string, Organisation>;
  problem?: string;
  chosen?: string;
  /** Shared (TLS) mode: the page names no accounts; the archivist types the user name. */
  hideAccounts?: boolean;
}

export function SignInPage({ archivists, registers, problem, chosen, hideAccounts }: SignInProps): VNode {
  return (
    <Layout title="Sign in">
      <section class="signin card">
        <h1>
          Sign in <span class="fi">· Kirjaudu</span>
        </h1>
        <p class="lead">
          Sign in as the Kanta archivist (arkistonhoitaja) of one register controller. You will see that
          register’s archived documents and appointments, and nothing else.
        </p>
        {problem !== undefined && <Notice kind="error">{problem}</Notice>}
        {hideAccounts === true ? (
          <form method="post" action="/viewer/sign-in" class="stack">
            <label for="archivist">
              Archivist <span class="fi">Arkistonhoitaja</span>
            </label>
            <input id="archivist" name="archivist" required autoComplete="username" value={chosen ?? ''} />
            <label for="passcode">
              Passcode <span class="fi">Tunnuskoodi</span>
            </label>
            <input id="passcode" name="passcode" type="password" required autoComplete="current-password" />
            <button type="submit" class="btn btn-primary">
              Sign in
            </button>
          </form>
        ) : archivists.length === 0 ? (
          <Notice kind="info">
            No archivist accounts yet. Register one with <code>POST /registry/archivists</code>.
          </Notice>
        ) : (
          <form method="post" action="/viewer/sign-in" class="stack">
            <label for="archivist">
              Archivist <span class="fi">Arkistonhoitaja</span>
            </label>
            <select id="archivist" name="archivist" required>
              {archivists.map((a) => (
                <option key={a.id} value={a.id} selected={a.id === chosen}>
                  {a.name} — {registers.get(a.registerController)?.name ?? a.registerController} ({a.id})
                </option>
              ))}
            </select>
            <label for="passcode">
              Passcode <span class="fi">Tunnuskoodi</span>{' '}
              <span class="hint">only for accounts that have one</span>
            </label>
            <input id="passcode" name="passcode" type="password" autoComplete="current-password" />
            <button type="submit" class="btn btn-primary">
              Sign in
            </button>
          </form>
        )}
        <p class="hint">
          The real Archivist user interface asks for a test professional card; kantasim keeps archivist
          accounts in its registry instead.
        </p>
      </section>
    </Layout>
  );
}
