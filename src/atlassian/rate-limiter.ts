import { type RatePolicy, type RateSignal, rateLimitKind } from './rate-headers.ts';

// One limiter per site (or fixed host) and credential: Atlassian's burst limits are buckets per
// tenant, credential and endpoint, so that is the unit that must slow down together. No library
// fits: the pace is not configured but learned from the headers of every response, and a 429 must
// pause every caller of the bucket (p-queue's interval cap and bottleneck's reservoir want a
// known, fixed rate).
//
// The model is a GCRA (a token bucket expressed as a "theoretical arrival time"): `interval` is
// the time the server needs to refill one call, `capacity` its burst. Until a response says
// otherwise nothing is paced. Each response re-bases the bucket on what the server reports, from
// the best figures it carries (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/):
// 1. a structured burst policy (`RateLimit-Policy: "jira-burst-based";q=100;w=1` with
//    `RateLimit: …;r=90`): the refill rate is q per w seconds, r calls are left;
// 2. `X-RateLimit-Limit`, `-Remaining` and `-Reset`: `Limit - Remaining` calls are spent and the
//    bucket is full again at `Reset`, so the refill rate is (Limit - Remaining) / (Reset - now);
// 3. `X-RateLimit-Limit` and `-Remaining` alone (Atlassian sends `Reset` only with a 429): the
//    refill rate a 429's `Reset` showed last, or else Limit as "the allowed requests per second",
//    at half that pace after every 429 that proves the guess too fast.
// Calls go out freely while the budget lasts and then at the refill rate, so a walk runs near the
// bound without ever emptying the server's bucket.
//
// Above the per-site limiters sits one pause for the whole connection (tenant): the hourly points
// quota is per app and tenant, and Atlassian's advice for `jira-quota-*-based` is "pause all API
// requests until the window resets" — every host, every credential of the tenant at once.

export interface LimiterClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The pace is set a little slower than measured: headers arrive a little after the server wrote them. */
const SAFETY = 1.05;
/** Never pace slower than this between calls: a claimed rate that slow is a fixed window, where 429 + Retry-After is the better signal. */
const MAX_INTERVAL_MS = 5_000;
/** `NearLimit` without the numbers to pace by: a short breather. */
const NEAR_LIMIT_PAUSE_MS = 1_000;
/** The guessed pace (Limit per second) slows down at most this much after repeated 429s. */
const MAX_GUESS_SLOWDOWN = 16;

export interface Ticket {
  /** The call answered: learn from its headers. */
  settle(signal: RateSignal | undefined): void;
}

/** Why every call of the connection waits, and until when. */
export interface TenantPause {
  /** Epoch ms when calls resume. */
  until: number;
  /** Atlassian's `RateLimit-Reason` or quota policy name (`jira-quota-tenant-based`, `tenant-app-quota`). */
  detail: string;
}

/**
 * The connection-wide pause: every limiter of one client consults it, so a spent hourly quota
 * holds the site hosts, the gateway and the admin API together. Listeners hear each new or
 * extended pause (the sync's progress says "waiting for Atlassian's hourly quota until HH:MM").
 */
export class SharedPause {
  private until = 0;
  private readonly listeners = new Set<(pause: TenantPause) => void>();

  /** Extends the pause to `until`; listeners hear it when it moves later. */
  extend(until: number, detail: string): void {
    if (until <= this.until) return;
    this.until = until;
    for (const listener of this.listeners) {
      try {
        listener({ until, detail });
      } catch {
        // A failing listener must not fail the call that hit the quota.
      }
    }
  }

  /** Epoch ms until which every call waits (0 or past: no pause). */
  pausedUntil(): number {
    return this.until;
  }

  subscribe(listener: (pause: TenantPause) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Which of Atlassian's limits a structured policy describes: quotas are hourly, burst limits per second. */
function policyKind(p: RatePolicy): 'quota' | 'burst' | 'unknown' {
  const kind = rateLimitKind(p.name);
  if (kind === 'quota' || kind === 'burst') return kind;
  if (p.windowSeconds !== undefined)
    return p.windowSeconds >= 600 ? 'quota' : p.windowSeconds <= 60 ? 'burst' : 'unknown';
  return 'unknown';
}

export class HostLimiter {
  private readonly clock: LimiterClock;
  private readonly shared: SharedPause;
  /** Milliseconds per call at the server's refill rate; 0 = unknown, unpaced. */
  private interval = 0;
  private capacity = 1;
  /** The refill interval the last reset time or policy showed; 0 = never measured. */
  private measured = 0;
  /** Whether `interval` is a guess (Limit per second) rather than measured. */
  private guessed = false;
  /** How much slower than the guess to go: doubled by each 429 while the pace is guessed. */
  private guessSlowdown = 1;
  /** GCRA theoretical arrival time: when the local view of the bucket is full again. */
  private tat = 0;
  private pausedUntil = 0;
  /** Calls holding a reservation and not yet answered: spending the server has not counted. */
  private outstanding = 0;
  /**
   * Slow start: until the first answer shows the budget, one call at a time, so a cold client
   * does not fire its whole concurrency into a bucket that may hold two calls.
   */
  private firstAnswer: { promise: Promise<void>; resolve(): void } | undefined = deferred();

  constructor(clock: LimiterClock, shared: SharedPause = new SharedPause()) {
    this.clock = clock;
    this.shared = shared;
  }

  /** Waits for this caller's turn; the ticket must be settled when the call answers or fails. */
  async acquire(signal?: AbortSignal): Promise<Ticket> {
    let reserved = false;
    try {
      for (;;) {
        if (this.firstAnswer && this.outstanding > 0) {
          await abortable(this.firstAnswer.promise, signal);
          continue;
        }
        const now = this.clock.now();
        const start = this.reserve(now);
        if (!reserved) {
          reserved = true;
          this.outstanding++;
        }
        if (start > now) await this.clock.sleep(start - now, signal);
        // A 429 may have paused the bucket (or the tenant) while this caller slept: queue again.
        if (!this.paused()) break;
      }
    } catch (error) {
      if (reserved) this.outstanding--;
      throw error;
    }
    let settled = false;
    return {
      settle: (rate) => {
        if (settled) return;
        settled = true;
        this.outstanding--;
        if (rate) this.observe(rate);
        this.firstAnswer?.resolve();
        this.firstAnswer = undefined;
      },
    };
  }

  /** Every caller of this bucket waits until `until` (epoch ms): a 429's or 503's Retry-After. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    // A guessed pace that ran into a 429 was too fast: halve it until the headers say better.
    if (this.guessed && this.guessSlowdown < MAX_GUESS_SLOWDOWN) {
      this.guessSlowdown *= 2;
      this.interval = Math.min(MAX_INTERVAL_MS, this.interval * 2);
    }
    // The server's bucket is empty now; it refills from here, so no burst right after the pause.
    if (this.interval > 0) this.tat = Math.max(this.tat, this.clock.now() + this.capacity * this.interval);
  }

  /** Whether a Retry-After pause (this bucket's or the tenant's) is in force right now. */
  paused(): boolean {
    const now = this.clock.now();
    return this.pausedUntil > now || this.shared.pausedUntil() > now;
  }

  /** Snapshot for tests and diagnostics. */
  state(): { intervalMs: number; capacity: number; pausedUntil: number; guessed: boolean } {
    return {
      intervalMs: this.interval,
      capacity: this.capacity,
      pausedUntil: Math.max(this.pausedUntil, this.shared.pausedUntil()),
      guessed: this.guessed,
    };
  }

  private reserve(now: number): number {
    let start = Math.max(now, this.pausedUntil, this.shared.pausedUntil());
    if (this.interval > 0) {
      const tolerance = (this.capacity - 1) * this.interval;
      start = Math.max(start, this.tat - tolerance);
      this.tat = Math.max(this.tat, start) + this.interval;
    }
    return start;
  }

  /** Re-bases the bucket on the server's count, plus the calls on their way it has not seen yet. */
  private rebase(now: number, spent: number): void {
    if (this.interval > 0) this.tat = now + (Math.max(0, spent) + this.outstanding) * this.interval;
  }

  private observe(rate: RateSignal): void {
    const now = this.clock.now();
    const enforced = (rate.policies ?? []).filter((p) => !p.beta);
    // An enforced quota with nothing left: the next call would be refused, on every host of the
    // tenant. Beta policies are informational (Atlassian does not enforce them) and never pause.
    for (const p of enforced) {
      if (policyKind(p) === 'quota' && p.remaining === 0 && p.resetAt !== undefined && p.resetAt > now) {
        this.shared.extend(p.resetAt, p.name);
      }
    }
    const burst = enforced.find(
      (p) => policyKind(p) === 'burst' && (p.quota ?? 0) > 0 && (p.windowSeconds ?? 0) > 0,
    );
    if (burst?.quota !== undefined && burst.windowSeconds !== undefined) {
      this.guessed = false;
      this.interval = Math.min(MAX_INTERVAL_MS, (SAFETY * burst.windowSeconds * 1000) / burst.quota);
      this.measured = this.interval;
      this.capacity = Math.max(1, rate.limit ?? burst.quota);
      const remaining = burst.remaining ?? rate.remaining;
      if (remaining !== undefined) this.rebase(now, this.capacity - remaining);
      return;
    }
    const { limit, remaining, resetAt } = rate;
    if (limit !== undefined && remaining !== undefined && resetAt !== undefined && limit > 0) {
      const spent = limit - remaining;
      const untilFull = resetAt - now;
      if (spent > 0 && untilFull > 0) {
        // Remaining is rounded down, so the calls really spent lie in (spent - 1, spent]: pace by
        // the lower bound once it says something, so rounding can never make us too fast.
        const refill = spent >= 2 ? (spent - 1) / untilFull : this.interval === 0 ? 0.5 / untilFull : 0;
        if (refill > 0) {
          this.interval = Math.min(MAX_INTERVAL_MS, SAFETY / refill);
          this.measured = this.interval;
          this.guessed = false;
        }
      }
      this.capacity = limit;
      this.rebase(now, spent);
      return;
    }
    if (limit !== undefined && remaining !== undefined && limit > 0) {
      // No Reset (Atlassian sends it only with a 429): the pace an earlier 429's reset time
      // showed, or else Limit as the per-second rate.
      this.guessed = this.measured === 0;
      this.interval = this.guessed
        ? Math.min(MAX_INTERVAL_MS, (SAFETY * 1000 * this.guessSlowdown) / limit)
        : this.measured;
      this.capacity = limit;
      this.rebase(now, limit - remaining);
      return;
    }
    if (rate.nearLimit) this.pausedUntil = Math.max(this.pausedUntil, now + NEAR_LIMIT_PAUSE_MS);
  }
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * The bucket a URL's calls count against: the site behind the 3LO gateway
 * (`api.atlassian.com/ex/{jira|confluence}/{cloudId}/…` is one host for every site, but each site
 * is its own tenant with its own limits), otherwise the origin (a site's own host, the admin API,
 * the Marketplace).
 */
export function limiterScope(url: URL): string {
  const gateway = /^\/ex\/(?:jira|confluence)\/([^/]+)(?:\/|$)/.exec(url.pathname);
  return gateway ? `${url.origin}/ex/${gateway[1]}` : url.origin;
}

/** The limiters of one client (one connection, one tenant), by site or host and credential, and the tenant's pause. */
export class LimiterRegistry {
  private readonly clock: LimiterClock;
  private readonly limiters = new Map<string, HostLimiter>();
  readonly tenant = new SharedPause();

  constructor(clock: LimiterClock) {
    this.clock = clock;
  }

  /** The limiter of `scope` (from `limiterScope`) and credential. */
  for(scope: string, credential: string): HostLimiter {
    const key = `${scope}|${credential}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new HostLimiter(this.clock, this.tenant);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
