/**
 * Paging links for searches whose parameters must not appear in a URL.
 *
 * Kanta takes appointment search parameters in the POST body only (the patient's identity code must not
 * end up in URLs and access logs), so a `next` link cannot carry them either. The link points to
 * `[base]/_page/<token>` instead; the token names the parameters kept in the store (its `pageTokens`
 * repository) for 15 minutes, so a link one kantasim instance made works on every instance sharing the
 * store, and survives a restart of a file- or server-backed store.
 *
 * The link builders are synchronous (they run while a bundle is assembled), so `put` answers the token
 * at once and writes in the background; the handler awaits `flush()` before it answers, so a client
 * never holds a link whose token is not stored yet.
 *
 * Unless real identities are allowed, a real-range identity code among the parameters is kept masked
 * (`GUARD_CHECKS`): such a search finds nothing that strict mode stored, so a link following it finds
 * nothing either, and the store never holds the code.
 */
import { randomBytes } from 'node:crypto';
import { maskDeep } from '../domain/identity-guard.ts';
import type { PageTokenRepository } from '../store/state-types.ts';

export interface PageState {
  /** Which search: `Appointment/_search` or `Appointment/_history`. */
  kind: 'search' | 'history';
  resourceType: string;
  params: [string, string[]][];
}

const TTL_MS = 15 * 60_000;
/** Expired tokens are swept about once every this many puts. */
const SWEEP_EVERY = 500;

export class PageCursors {
  /** Writes not finished yet (each removes itself when done). */
  private readonly pending = new Set<Promise<unknown>>();
  private puts = 0;

  private readonly allowReal: boolean;

  constructor(
    private readonly tokens: PageTokenRepository,
    private readonly now: () => number = Date.now,
    options: { allowRealIdentities?: boolean } = {},
  ) {
    this.allowReal = options.allowRealIdentities === true;
  }

  /** Keeps the parameters of one page and returns the token for its link (stored by `flush`). */
  put(state: PageState): string {
    const token = randomBytes(18).toString('base64url');
    this.track(this.tokens.put(token, this.allowReal ? state : maskDeep(state), this.now() + TTL_MS));
    if (++this.puts % SWEEP_EVERY === 0) this.track(this.tokens.deleteExpired(this.now()));
    return token;
  }

  private track(write: Promise<unknown>): void {
    const tracked = write.finally(() => this.pending.delete(tracked));
    // Failures surface through `flush`; never as an unhandled rejection.
    tracked.catch(() => undefined);
    this.pending.add(tracked);
  }

  /** Waits until every token handed out so far (by any request) is stored. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async get(token: string): Promise<PageState | undefined> {
    if (!/^[A-Za-z0-9_-]{24}$/.test(token)) return undefined;
    await this.flush();
    return (await this.tokens.get(token, this.now())) as PageState | undefined;
  }
}
