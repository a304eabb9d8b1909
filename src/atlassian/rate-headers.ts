// Reading Atlassian's rate-limit headers.
// https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ (Retry-After in seconds,
// X-RateLimit-Reset as an ISO 8601 timestamp, X-RateLimit-NearLimit when under 20 % is left).

export type HeaderBag = Record<string, string | string[] | undefined>;

export function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** What one response says about the budget left for its host and credential. */
export interface RateSignal {
  limit: number | undefined;
  remaining: number | undefined;
  /** Epoch milliseconds. */
  resetAt: number | undefined;
  nearLimit: boolean;
}

function number(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** ISO 8601 (Atlassian) or, defensively, epoch seconds (other APIs' convention). */
function instant(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (Number.isFinite(n)) return n > 1e11 ? n : n * 1000;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

export function rateSignal(headers: HeaderBag): RateSignal {
  return {
    limit: number(header(headers, 'x-ratelimit-limit')),
    remaining: number(header(headers, 'x-ratelimit-remaining')),
    resetAt: instant(header(headers, 'x-ratelimit-reset')),
    nearLimit: header(headers, 'x-ratelimit-nearlimit')?.trim().toLowerCase() === 'true',
  };
}

/** `Retry-After` in milliseconds: delta seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: HeaderBag, now: number): number | undefined {
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
