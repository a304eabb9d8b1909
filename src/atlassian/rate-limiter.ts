import type { RateSignal } from './rate-headers.ts';

// One limiter per host and credential: Atlassian's burst limits are buckets per tenant,
// credential and host, so that is the unit that must slow down together. No library fits: the
// pace is not configured but learned from the X-RateLimit-* headers of every response, and a 429
// must pause every caller of the bucket (p-queue's interval cap and bottleneck's reservoir want
// a known, fixed rate).
//
// The model is a GCRA (a token bucket expressed as a "theoretical arrival time"): `interval` is
// the time the server needs to refill one call, `capacity` its burst. Until a response says
// otherwise nothing is paced. Each response re-bases the bucket on what the server reports:
// `Limit - Remaining` calls are spent and the bucket is full again at `Reset`, so the refill rate
// is (Limit - Remaining) / (Reset - now). Calls go out freely while the budget lasts and then at
// the refill rate, so a walk runs near the bound without ever emptying the server's bucket.

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

export interface Ticket {
  /** The call answered: learn from its headers. */
  settle(signal: RateSignal | undefined): void;
}

export class HostLimiter {
  private readonly clock: LimiterClock;
  /** Milliseconds per call at the server's refill rate; 0 = unknown, unpaced. */
  private interval = 0;
  private capacity = 1;
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

  constructor(clock: LimiterClock) {
    this.clock = clock;
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
        // A 429 may have paused the bucket while this caller slept: queue again behind the pause.
        if (this.pausedUntil <= this.clock.now()) break;
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
    // The server's bucket is empty now; it refills from here, so no burst right after the pause.
    if (this.interval > 0) this.tat = Math.max(this.tat, this.clock.now() + this.capacity * this.interval);
  }

  /** Whether a Retry-After pause is in force right now. */
  paused(): boolean {
    return this.pausedUntil > this.clock.now();
  }

  /** Snapshot for tests and diagnostics. */
  state(): { intervalMs: number; capacity: number; pausedUntil: number } {
    return { intervalMs: this.interval, capacity: this.capacity, pausedUntil: this.pausedUntil };
  }

  private reserve(now: number): number {
    let start = Math.max(now, this.pausedUntil);
    if (this.interval > 0) {
      const tolerance = (this.capacity - 1) * this.interval;
      start = Math.max(start, this.tat - tolerance);
      this.tat = Math.max(this.tat, start) + this.interval;
    }
    return start;
  }

  private observe(rate: RateSignal): void {
    const now = this.clock.now();
    const { limit, remaining, resetAt } = rate;
    if (limit !== undefined && remaining !== undefined && resetAt !== undefined && limit > 0) {
      const spent = limit - remaining;
      const untilFull = resetAt - now;
      if (spent > 0 && untilFull > 0) {
        // Remaining is rounded down, so the calls really spent lie in (spent - 1, spent]: pace by
        // the lower bound once it says something, so rounding can never make us too fast.
        const refill = spent >= 2 ? (spent - 1) / untilFull : this.interval === 0 ? 0.5 / untilFull : 0;
        if (refill > 0) this.interval = Math.min(MAX_INTERVAL_MS, SAFETY / refill);
      }
      this.capacity = limit;
      if (this.interval > 0) {
        // Re-base on the server's count, plus the calls on their way that it has not seen yet.
        this.tat = now + (spent + this.outstanding) * this.interval;
      }
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

/** The limiters of one client, by `origin|credential`. */
export class LimiterRegistry {
  private readonly clock: LimiterClock;
  private readonly limiters = new Map<string, HostLimiter>();

  constructor(clock: LimiterClock) {
    this.clock = clock;
  }

  for(origin: string, credential: string): HostLimiter {
    const key = `${origin}|${credential}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new HostLimiter(this.clock);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
