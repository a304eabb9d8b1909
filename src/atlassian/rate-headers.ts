// Reading Atlassian's rate-limit headers
// (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/, "Rate limit related headers"):
// - `X-RateLimit-Limit` / `-Remaining` on every response; `X-RateLimit-Reset` (ISO 8601),
//   `Retry-After` (seconds) and `RateLimit-Reason` only on a 429; `X-RateLimit-NearLimit: true`
//   when under 20 % is left (quotas, not the per-second limit).
// - The structured headers of the IETF draft (draft-ietf-httpapi-ratelimit-headers):
//   `RateLimit-Policy: "global-app-quota";q=65000;w=3600` and `RateLimit: "global-app-quota";r=11000;t=600`
//   (q quota, w window in seconds, r remaining — absent while well within the limit —, t seconds
//   until the window resets), several policies separated by commas. The same headers with a
//   `Beta-` prefix are informational only: Atlassian does not enforce them.

export type HeaderBag = Record<string, string | string[] | undefined>;

export function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** A header that may be repeated, its values joined as one list (RFC 9110 §5.3). */
function headerList(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** One policy of the structured headers, its `RateLimit-Policy` and `RateLimit` members joined by name. */
export interface RatePolicy {
  /** `global-app-quota`, `tenant-app-quota`, `jira-burst-based`… */
  name: string;
  /** `q`: calls (or points) the window allows. */
  quota: number | undefined;
  /** `w`: the window, in seconds. */
  windowSeconds: number | undefined;
  /** `r`: what is left; absent when the client is well within the limit. */
  remaining: number | undefined;
  /** `t` as an instant (epoch ms): when the window resets. */
  resetAt: number | undefined;
  /** Sent as `Beta-RateLimit*`: informational, not enforced. */
  beta: boolean;
}

/** What one response says about the budget left for its host and credential. */
export interface RateSignal {
  limit: number | undefined;
  remaining: number | undefined;
  /** Epoch milliseconds. */
  resetAt: number | undefined;
  nearLimit: boolean;
  /** `RateLimit-Reason` (429s): which limit was hit. */
  reason?: string | undefined;
  /** The structured policies, enforced and Beta. */
  policies?: readonly RatePolicy[];
}

/** Which of Atlassian's three limits a `RateLimit-Reason` or policy name stands for. */
export type RateLimitKind = 'quota' | 'burst' | 'per-issue' | 'unknown';

/**
 * `jira-quota-global-based`, `jira-quota-tenant-based` (and Confluence's, observed live also as
 * `conf-global-based`) are the hourly points quota; `*-burst-based` the per-second limit;
 * `jira-per-issue-on-write` the per-issue write limit. Unknown values stay `unknown`.
 */
export function rateLimitKind(reason: string | undefined): RateLimitKind {
  const r = reason?.trim().toLowerCase() ?? '';
  if (r === '') return 'unknown';
  if (r.includes('per-issue')) return 'per-issue';
  if (r.includes('burst')) return 'burst';
  if (r.includes('quota') || r.includes('global-based') || r.includes('tenant-based')) return 'quota';
  return 'unknown';
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

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (c === sep && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/**
 * A structured-field list (RFC 8941) as the draft uses it: members `"name";key=value;…` separated
 * by commas. Only integer (or decimal) parameters are kept; anything unreadable is skipped, never
 * thrown: a header we cannot read must not fail a call.
 */
export function parseStructuredList(
  raw: string | undefined,
): { name: string; params: Record<string, number> }[] {
  if (!raw) return [];
  const out: { name: string; params: Record<string, number> }[] = [];
  for (const member of splitOutsideQuotes(raw, ',')) {
    const [first, ...rest] = splitOutsideQuotes(member, ';').map((s) => s.trim());
    if (!first) continue;
    const name =
      first.startsWith('"') && first.endsWith('"') && first.length >= 2 ? first.slice(1, -1) : first;
    if (name === '') continue;
    const params: Record<string, number> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq <= 0) continue;
      const value = number(p.slice(eq + 1).trim());
      if (value !== undefined) params[p.slice(0, eq).trim().toLowerCase()] = value;
    }
    out.push({ name, params });
  }
  return out;
}

function policies(headers: HeaderBag, prefix: '' | 'beta-', now: number): RatePolicy[] {
  const byName = new Map<string, RatePolicy>();
  const entry = (name: string): RatePolicy => {
    let p = byName.get(name);
    if (!p) {
      p = {
        name,
        quota: undefined,
        windowSeconds: undefined,
        remaining: undefined,
        resetAt: undefined,
        beta: prefix === 'beta-',
      };
      byName.set(name, p);
    }
    return p;
  };
  for (const { name, params } of parseStructuredList(headerList(headers, `${prefix}ratelimit-policy`))) {
    const p = entry(name);
    p.quota = params.q;
    p.windowSeconds = params.w;
  }
  for (const { name, params } of parseStructuredList(headerList(headers, `${prefix}ratelimit`))) {
    const p = entry(name);
    p.remaining = params.r;
    if (params.t !== undefined) p.resetAt = now + params.t * 1000;
  }
  return [...byName.values()];
}

export function rateSignal(headers: HeaderBag, now: number = Date.now()): RateSignal {
  return {
    limit: number(header(headers, 'x-ratelimit-limit')),
    remaining: number(header(headers, 'x-ratelimit-remaining')),
    resetAt: instant(header(headers, 'x-ratelimit-reset')),
    nearLimit: header(headers, 'x-ratelimit-nearlimit')?.trim().toLowerCase() === 'true',
    reason: header(headers, 'ratelimit-reason')?.trim() || undefined,
    policies: [...policies(headers, '', now), ...policies(headers, 'beta-', now)],
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
