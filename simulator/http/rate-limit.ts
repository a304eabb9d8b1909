// Atlassian's rate limits as the simulator applies them
// (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/):
// - the burst limit: a token bucket per credential and host, refilling `perSecond` up to `burst`;
// - the hourly points quota: one count for the whole tenant (every host and credential), in fixed
//   windows, one point per call.
// The header sets are switchable (faults `rateLimit.headers`) because clients must cope with each:
// `atlassian` as documented since 2026 (`X-RateLimit-Limit`/`-Remaining` and the structured
// `RateLimit-Policy`/`RateLimit` burst policy on every response; `Retry-After`, `X-RateLimit-Reset`
// and `RateLimit-Reason` only with a 429), `counts-only` (`X-RateLimit-Limit`/`-Remaining` and no
// reset time, the least a client may get), and `legacy` (`X-RateLimit-Limit`, `-Remaining`,
// `-Reset` and `-NearLimit` on every response, as Atlassian documented them until 2025).

export type RateHeaderStyle = 'atlassian' | 'counts-only' | 'legacy';

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** The quota's policy name: a quota per tenant and app (Atlassian's "Tier 2"). */
export const QUOTA_POLICY = 'tenant-app-quota';

/** Joins two header sets; a header both carry (`RateLimit-Policy`) becomes one list (RFC 9110 §5.3). */
export function mergeHeaders(a: Record<string, string>, b: Record<string, string>): Record<string, string> {
  const out = { ...a };
  for (const [name, value] of Object.entries(b)) out[name] = out[name] ? `${out[name]}, ${value}` : value;
  return out;
}

/** q and w for a refill of `perSecond`: whole numbers, as the structured fields want. */
function policyWindow(perSecond: number): { q: number; w: number } {
  if (Number.isInteger(perSecond)) return { q: perSecond, w: 1 };
  return { q: Math.max(1, Math.floor(perSecond * 60)), w: 60 };
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private quota: { start: number; used: number } | undefined;

  take(
    key: string,
    perSecond: number,
    burst: number,
    reason: string,
    now = Date.now(),
    style: RateHeaderStyle = 'atlassian',
  ): RateLimitVerdict {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: burst, updated: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
    bucket.updated = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const remaining = Math.max(0, Math.floor(bucket.tokens));
    const secondsToFull = (burst - bucket.tokens) / perSecond;
    const reset = new Date(now + secondsToFull * 1000).toISOString();
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(burst),
      'X-RateLimit-Remaining': String(remaining),
    };
    if (style === 'legacy') {
      headers['X-RateLimit-Reset'] = reset;
      if (remaining < burst * 0.2) headers['X-RateLimit-NearLimit'] = 'true';
    }
    if (style === 'atlassian') {
      const { q, w } = policyWindow(perSecond);
      headers['RateLimit-Policy'] = `"${reason}";q=${q};w=${w}`;
      headers.RateLimit = `"${reason}";r=${remaining};t=${Math.ceil(secondsToFull)}`;
    }
    if (!allowed) {
      headers['Retry-After'] = String(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)));
      headers['X-RateLimit-Reset'] = reset;
      headers['RateLimit-Reason'] = reason;
    }
    return { allowed, headers };
  }

  /**
   * Counts one call against the tenant's quota of `calls` per `windowSeconds`. `r` is sent once
   * under 20 % is left ("if absent, your app is well within its limits"). Enforced, a call past
   * the quota is refused until the window ends; not enforced (Beta), it only says it would be.
   */
  spendQuota(
    calls: number,
    windowSeconds: number,
    enforced: boolean,
    reason: string,
    now = Date.now(),
  ): RateLimitVerdict {
    if (!this.quota || now >= this.quota.start + windowSeconds * 1000) this.quota = { start: now, used: 0 };
    const window = this.quota;
    const over = window.used >= calls;
    if (!over || !enforced) window.used++;
    const left = Math.max(0, calls - window.used);
    const end = window.start + windowSeconds * 1000;
    const secondsLeft = Math.max(1, Math.ceil((end - now) / 1000));
    const prefix = enforced ? '' : 'Beta-';
    const headers: Record<string, string> = {
      [`${prefix}RateLimit-Policy`]: `"${QUOTA_POLICY}";q=${calls};w=${windowSeconds}`,
      [`${prefix}RateLimit`]: `"${QUOTA_POLICY}";${left < calls * 0.2 ? `r=${left};` : ''}t=${secondsLeft}`,
    };
    if (over && enforced) {
      headers['Retry-After'] = String(secondsLeft);
      headers['X-RateLimit-Reset'] = new Date(end).toISOString();
      headers['RateLimit-Reason'] = reason;
      return { allowed: false, headers };
    }
    if (over) {
      headers['Beta-Retry-After'] = String(secondsLeft);
      headers['X-Beta-RateLimit-Reason'] = reason;
    }
    return { allowed: true, headers };
  }

  reset(): void {
    this.buckets.clear();
    this.quota = undefined;
  }
}
