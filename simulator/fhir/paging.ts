/**
 * Paging links for searches whose parameters must not appear in a URL.
 *
 * Kanta takes appointment search parameters in the POST body only (the patient's identity code must not
 * end up in URLs and access logs), so a `next` link cannot carry them either. The link points to
 * `[base]/_page/<token>` instead; the token names the parameters kept here, in memory, for 15 minutes.
 * A restart forgets them: the client then repeats its POST search (documented in docs/fhir.md).
 */
import { randomBytes } from 'node:crypto';

export interface PageState {
  /** Which search: `Appointment/_search` or `Appointment/_history`. */
  kind: 'search' | 'history';
  resourceType: string;
  params: [string, string[]][];
}

const TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 10_000;

export class PageCursors {
  private readonly entries = new Map<string, { state: PageState; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the parameters of one page and returns the token for its link. */
  put(state: PageState): string {
    this.sweep();
    const token = randomBytes(18).toString('base64url');
    this.entries.set(token, { state, expires: this.now() + TTL_MS });
    return token;
  }

  get(token: string): PageState | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expires < this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.state;
  }

  private sweep(): void {
    if (this.entries.size < MAX_ENTRIES) return;
    const now = this.now();
    for (const [token, entry] of this.entries) if (entry.expires < now) this.entries.delete(token);
    // Still full: drop the oldest (Map keeps insertion order).
    for (const token of this.entries.keys()) {
      if (this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(token);
    }
  }
}
