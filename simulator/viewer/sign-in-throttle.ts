/**
 * Rate limit on wrong passcodes, per archivist account: after `maxFailures` wrong passcodes within
 * `windowMs` the account refuses sign-in (even with the right passcode) until the oldest of those
 * failures is `windowMs` old. Counting per account, not per address, is what stops guessing one
 * account's passcode from many clients; the cost is that someone can lock an account out for a while,
 * which the sign-in page says plainly.
 *
 * The state sits behind `SignInThrottle`; the viewer uses `StoreSignInThrottle` in every mode, which keeps
 * the failures in the store's rate-limit counters, so several simulator instances sharing a store count
 * one account's failures together (a guesser cannot multiply the limit by spreading attempts over
 * instances) and a restart does not wipe the count.
 */
import type { RateLimitRepository } from '../store/state-types.ts';

export interface SignInThrottle {
  /** Milliseconds until `account` may try again; 0 when it may try now. */
  blockedFor(account: string): Promise<number>;
  /** Records a wrong passcode for `account`. */
  failed(account: string): Promise<void>;
  /**
   * Counts an attempt at `account` before its passcode is checked (a wrong one then needs no `failed`;
   * a right one is forgotten by `succeeded`) and answers how long this attempt must wait: 0 when it is
   * within the limit and the passcode may be checked. Counting first is what holds the limit when
   * guesses arrive at once, through one instance or several: a check-then-count would let every one of
   * them pass the check before any was counted.
   */
  attempt(account: string): Promise<number>;
  /** Forgets the failures of `account` (after a successful sign-in). */
  succeeded(account: string): Promise<void>;
}

export interface ThrottleLimits {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** Wrong passcodes counted in the store, shared by every instance on it. */
export class StoreSignInThrottle implements SignInThrottle {
  constructor(
    private readonly counters: RateLimitRepository,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** The counter key of an account (one namespace for sign-in among other rate limits). */
  private key(account: string): string {
    return `viewer-sign-in:${account}`;
  }

  async blockedFor(account: string): Promise<number> {
    const recent = await this.counters.recent(this.key(account), this.now() - this.limits.windowMs);
    if (recent.length < this.limits.maxFailures) return 0;
    const oldest = recent[recent.length - this.limits.maxFailures] ?? this.now();
    return Math.max(1, oldest + this.limits.windowMs - this.now());
  }

  failed(account: string): Promise<void> {
    return this.counters.hit(this.key(account), this.now(), this.limits.maxFailures + 1);
  }

  async attempt(account: string): Promise<number> {
    await this.failed(account);
    // The hit is committed before this read, so concurrent attempts each see at least as many hits as
    // were counted before theirs: at most `maxFailures` of them see a count within the limit.
    const recent = await this.counters.recent(this.key(account), this.now() - this.limits.windowMs);
    if (recent.length <= this.limits.maxFailures) return 0;
    const oldest = recent[recent.length - 1 - this.limits.maxFailures] ?? this.now();
    return Math.max(1, oldest + this.limits.windowMs - this.now());
  }

  succeeded(account: string): Promise<void> {
    return this.counters.clear(this.key(account));
  }
}
