// A token bucket per credential and host, the way Atlassian's burst limit works: each bucket
// refills at `perSecond` up to `burst`. The headers mirror Jira's documented ones.
// https://developer.atlassian.com/cloud/jira/platform/rate-limiting/

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, perSecond: number, burst: number, reason: string, now = Date.now()): RateLimitVerdict {
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
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(burst),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': new Date(now + secondsToFull * 1000).toISOString(),
    };
    if (remaining < burst * 0.2) headers['X-RateLimit-NearLimit'] = 'true';
    if (!allowed) {
      headers['Retry-After'] = String(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)));
      headers['RateLimit-Reason'] = reason;
    }
    return { allowed, headers };
  }

  reset(): void {
    this.buckets.clear();
  }
}
