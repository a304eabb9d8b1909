import { setTimeout as delay } from 'node:timers/promises';
import PQueue from 'p-queue';
import { Agent, type Dispatcher, request } from 'undici';
import { backoffDelay } from './backoff.ts';
import type { AuthKind, Endpoint } from './catalogue/index.ts';
import { errorMessageOf } from './error-body.ts';
import {
  type ErrorSite,
  ForbiddenError,
  HostNotAllowedError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  RedirectedError,
  RequestRejectedError,
  ResponseParseError,
  ServerError,
} from './errors.ts';
import type { HostPolicy } from './hosts.ts';
import { describeOrgKeyNeeds, orgKeyNeeds } from './org-key-access.ts';
import { type HeaderBag, header, rateLimitKind, rateSignal, retryAfterMs } from './rate-headers.ts';
import { LimiterRegistry, limiterScope, type TenantPause } from './rate-limiter.ts';
import { type Redact, safeUrl } from './redact.ts';
import { credentialRejected, type UnauthorizedCall, unauthorizedError } from './unauthorized.ts';

// Sends one catalogue call with retries, timeouts, pacing and the concurrency cap.
//
// The retry loop is written here rather than with p-retry: the wait before a retry is not ours to
// choose on a 429 or 503 (Retry-After), it must hold every caller of the same host and credential
// (the limiter's pause), a 401 may be retried exactly once after an OAuth refresh, and 429s have
// their own budget separate from failures. p-retry's fixed backoff schedule and single attempt
// counter would need all of that bolted on around it.

export interface TransportOptions {
  /** Calls in flight at once for this client (one client per tenant connection). */
  concurrency: number;
  /** Attempts per call on 5xx, network errors, timeouts and malformed bodies. */
  maxAttempts: number;
  /** Retries of a 200 whose body is not valid JSON (may be a truncated transfer) before giving up. */
  maxParseRetries: number;
  /** 429s waited out per call before failing with RateLimitedError. */
  maxRateLimitWaits: number;
  /** A Retry-After longer than this fails the call at once, unless the 429 is the hourly quota's. */
  maxRetryAfterMs: number;
  /**
   * The longest wait for Atlassian's hourly points quota (`RateLimit-Reason: *-quota-*`): every
   * call of the connection pauses until the window resets; a longer Retry-After fails the call.
   */
  maxQuotaWaitMs: number;
  /** Time to the response headers, per attempt. */
  headersTimeoutMs: number;
  /** Longest silence while the body streams, per attempt. */
  bodyTimeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
  concurrency: 8,
  maxAttempts: 5,
  maxParseRetries: 2,
  maxRateLimitWaits: 20,
  maxRetryAfterMs: 120_000,
  maxQuotaWaitMs: 3_660_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  backoffBaseMs: 500,
  backoffMaxMs: 15_000,
};

/** How a call authenticates, resolved by the client from the catalogue and the connection. */
export interface AuthProvider {
  kind: AuthKind;
  /** The Authorization header to send; undefined for anonymous calls. */
  header(): Promise<string | undefined>;
  /** OAuth: after a 401, refresh so the call can be retried (once). */
  recover?(usedHeader: string | undefined): Promise<void>;
  /** OAuth: the scopes the token was granted, to name the missing ones on a 403. */
  grantedScopes?(): readonly string[];
}

export interface SendRequest {
  endpoint: Endpoint;
  url: URL;
  /** Serialized as JSON. */
  body?: unknown;
  contentType?: string;
  extraHeaders?: Record<string, string>;
  auth: AuthProvider;
  signal?: AbortSignal | undefined;
}

export interface ApiResponse {
  status: number;
  headers: HeaderBag;
  body: unknown;
}

export interface TransportStats {
  calls: number;
  retries: number;
  rateLimited: number;
}

export interface TransportDeps {
  options: TransportOptions;
  policy: HostPolicy;
  redact: Redact;
  now: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** An undici dispatcher to share (connection pool); by default the transport owns one. */
  dispatcher?: Dispatcher;
}

interface RawAnswer {
  status: number;
  headers: HeaderBag;
  text: string;
}

type Parsed = { ok: true; value: unknown } | { ok: false; detail: string };

function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Not V8's message: it quotes the start of the body, which is not ours to repeat.
    return {
      ok: false,
      detail: `the body is not valid JSON (${text.length} characters, possibly truncated)`,
    };
  }
}

function networkProblem(error: unknown): { detail: string; code: string | undefined } {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  return { detail: `${code ?? (typeof e.name === 'string' ? e.name : 'Error')}: ${message}`, code };
}

/** A redirect's Location, resolved against the request URL, without userinfo or credential-like query values. */
function redirectTarget(headers: HeaderBag, from: URL): string | undefined {
  const location = header(headers, 'location')?.trim();
  if (!location) return undefined;
  try {
    return safeUrl(new URL(location, from));
  } catch {
    return undefined;
  }
}

const PAUSED = Symbol('paused');

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  delay(ms, undefined, signal ? { signal } : undefined) as Promise<void>;

export class Transport {
  readonly stats: TransportStats = { calls: 0, retries: 0, rateLimited: 0 };
  private readonly deps: TransportDeps;
  private readonly o: TransportOptions;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly queue: PQueue;
  private readonly limiters: LimiterRegistry;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(deps: TransportDeps) {
    this.deps = deps;
    this.o = deps.options;
    this.sleep = deps.sleep ?? defaultSleep;
    this.random = deps.random ?? Math.random;
    this.ownsDispatcher = !deps.dispatcher;
    this.dispatcher =
      deps.dispatcher ??
      new Agent({
        // Keep-alive pools per origin, capped at the tenant's concurrency: a connection per slot.
        connections: this.o.concurrency,
        keepAliveTimeout: 10_000,
        pipelining: 1,
        connect: { timeout: Math.min(10_000, this.o.headersTimeoutMs) },
      });
    this.queue = new PQueue({ concurrency: this.o.concurrency });
    this.limiters = new LimiterRegistry({ now: deps.now, sleep: this.sleep });
  }

  /** Hears every connection-wide pause (the hourly quota spent) as it starts or is extended. */
  onTenantPause(listener: (pause: TenantPause) => void): () => void {
    return this.limiters.tenant.subscribe(listener);
  }

  async close(): Promise<void> {
    this.queue.clear();
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** One catalogue call: paced, capped, retried as its failure allows, parsed as JSON. */
  async send(req: SendRequest): Promise<ApiResponse> {
    const e = req.endpoint;
    const o = this.o;
    const url = safeUrl(req.url);
    const site = (status?: number): ErrorSite => ({ endpointId: e.id, method: e.method, url, status });
    this.checkHost(req.url, site());
    const limiter = this.limiters.for(limiterScope(req.url), req.auth.kind);
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const backoff = (n: number) =>
      backoffDelay(n, { baseMs: o.backoffBaseMs, maxMs: o.backoffMaxMs }, this.random);
    let failures = 0;
    let parseFailures = 0;
    let rateWaits = 0;
    let recovered = false;
    let sent = 0;

    for (;;) {
      const authorization = await req.auth.header();
      const ticket = await limiter.acquire(req.signal);
      let answer: RawAnswer | typeof PAUSED;
      try {
        answer = await this.queue.add(
          // A 429 may have paused this host while the call waited for a slot: go back to the limiter.
          async (): Promise<RawAnswer | typeof PAUSED> => {
            if (limiter.paused()) return PAUSED;
            if (sent++ > 0) this.stats.retries++;
            return this.once(req, authorization, payload);
          },
          { ...(req.signal ? { signal: req.signal } : {}) },
        );
      } catch (error) {
        ticket.settle(undefined);
        if (req.signal?.aborted) throw req.signal.reason;
        const problem = networkProblem(error);
        failures++;
        if (failures >= o.maxAttempts) {
          throw new NetworkError(site(), this.deps.redact(problem.detail), problem.code);
        }
        await this.sleep(backoff(failures), req.signal);
        continue;
      }
      if (answer === PAUSED) {
        ticket.settle(undefined);
        continue;
      }
      const rate = rateSignal(answer.headers, this.deps.now());
      ticket.settle(rate);
      const { status } = answer;

      if (status >= 200 && status < 300) {
        const parsed = parseJson(answer.text);
        if (parsed.ok) return { status, headers: answer.headers, body: parsed.value };
        // A truncated body may be a transfer cut short: worth a bounded number of retries.
        failures++;
        parseFailures++;
        if (parseFailures > o.maxParseRetries || failures >= o.maxAttempts) {
          throw new ResponseParseError(site(status), parsed.detail);
        }
        await this.sleep(backoff(failures), req.signal);
        continue;
      }

      const parsedError = parseJson(answer.text);
      const raw = errorMessageOf(parsedError.ok ? parsedError.value : answer.text);
      const message = raw === undefined ? undefined : this.deps.redact(raw);
      if (status === 401) {
        // Not every 401 is a refused credential (unauthorized.ts): a missing scope is not worth a refresh.
        const call: UnauthorizedCall = {
          endpoint: e,
          authKind: req.auth.kind,
          message,
          failureCategory: header(answer.headers, 'x-failure-category'),
          granted: req.auth.grantedScopes?.(),
        };
        const meaning = unauthorizedError(site(status), call);
        if (meaning) throw meaning;
        if (req.auth.recover && !recovered) {
          recovered = true;
          await req.auth.recover(authorization);
          continue;
        }
        throw credentialRejected(site(status), call);
      }
      if (status === 403) throw this.forbidden(req, site(status), message);
      if (status === 404) throw new NotFoundError(site(status), message);
      if (status >= 300 && status < 400) {
        throw new RedirectedError(site(status), redirectTarget(answer.headers, req.url));
      }

      const retryAfter = retryAfterMs(answer.headers, this.deps.now());
      // Atlassian's three limits ask for three answers (RateLimit-Reason, docs/atlassian/API.md
      // §0.3): the hourly quota pauses the whole tenant, the per-issue write limit only this call,
      // the burst limit (and a 429 that names none) every caller of this site and credential.
      const spentQuota = rate.policies?.find(
        (p) => !p.beta && p.remaining === 0 && rateLimitKind(p.name) === 'quota',
      );
      const named = status === 429 ? rateLimitKind(rate.reason) : 'unknown';
      const kind = status === 429 && named === 'unknown' && spentQuota ? 'quota' : named;
      if (kind === 'quota') {
        this.stats.rateLimited++;
        rateWaits++;
        const now = this.deps.now();
        const resetAt = rate.resetAt ?? spentQuota?.resetAt;
        const wait = retryAfter ?? (resetAt !== undefined ? Math.max(0, resetAt - now) : backoff(rateWaits));
        const detail = rate.reason ?? spentQuota?.name ?? 'quota';
        if (rateWaits > o.maxRateLimitWaits || wait > o.maxQuotaWaitMs) {
          throw new RateLimitedError(
            site(status),
            wait > o.maxQuotaWaitMs
              ? `Atlassian's hourly quota is spent (${detail}) for ${Math.ceil(wait / 60_000)} min, longer than a call may wait`
              : `Atlassian's hourly quota (${detail}) still spent after ${rateWaits - 1} waits`,
            wait,
          );
        }
        this.limiters.tenant.extend(now + wait, detail);
        continue;
      }
      if (kind === 'per-issue') {
        this.stats.rateLimited++;
        rateWaits++;
        const wait = retryAfter ?? backoff(rateWaits);
        if (rateWaits > o.maxRateLimitWaits || wait > o.maxRetryAfterMs) {
          throw new RateLimitedError(site(status), `the issue's write limit (${rate.reason})`, retryAfter);
        }
        await this.sleep(wait, req.signal);
        continue;
      }
      if (status === 429 || (status === 503 && retryAfter !== undefined)) {
        if (status === 429) {
          this.stats.rateLimited++;
          rateWaits++;
        } else {
          failures++;
        }
        const wait = retryAfter ?? backoff(rateWaits);
        if (status === 429 && (rateWaits > o.maxRateLimitWaits || wait > o.maxRetryAfterMs)) {
          throw new RateLimitedError(
            site(status),
            wait > o.maxRetryAfterMs
              ? `Retry-After ${Math.round(wait / 1000)} s is longer than the ${Math.round(o.maxRetryAfterMs / 1000)} s a call may wait`
              : `still limited after ${rateWaits - 1} waits`,
            retryAfter,
          );
        }
        if (status === 503 && (failures >= o.maxAttempts || wait > o.maxRetryAfterMs)) {
          throw new ServerError(site(status), message ?? 'service unavailable');
        }
        // Every caller of this host and credential waits, not just this one.
        limiter.pause(this.deps.now() + wait);
        continue;
      }
      if (status >= 500) {
        failures++;
        if (failures >= o.maxAttempts) throw new ServerError(site(status), message ?? `status ${status}`);
        await this.sleep(backoff(failures), req.signal);
        continue;
      }
      throw new RequestRejectedError(site(status), message ?? `status ${status}`);
    }
  }

  /**
   * A single POST outside the retry loop (the OAuth token endpoint, whose refresh must not be
   * replayed). Host-checked and timed out like every call.
   */
  async postOnce(
    endpoint: Endpoint,
    url: URL,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    const site: ErrorSite = { endpointId: endpoint.id, method: endpoint.method, url: safeUrl(url) };
    this.checkHost(url, site);
    const anonymous = { kind: 'anonymous' as const, header: async () => undefined };
    try {
      const answer = await this.once(
        { endpoint, url, auth: anonymous, signal, contentType: 'application/json' },
        undefined,
        JSON.stringify(body),
      );
      const parsed = parseJson(answer.text);
      return { status: answer.status, body: parsed.ok ? parsed.value : undefined };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const problem = networkProblem(error);
      throw new NetworkError(site, this.deps.redact(problem.detail), problem.code);
    }
  }

  private checkHost(url: URL, site: ErrorSite): void {
    const verdict = this.deps.policy(url);
    if (!verdict.allowed) throw new HostNotAllowedError(site, verdict.reason);
  }

  private async once(
    req: SendRequest,
    authorization: string | undefined,
    payload: string | undefined,
  ): Promise<RawAnswer> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'palisade',
      ...req.extraHeaders,
    };
    if (authorization) headers.authorization = authorization;
    if (payload !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    this.stats.calls++;
    const res = await request(req.url, {
      dispatcher: this.dispatcher,
      method: req.endpoint.method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      headersTimeout: this.o.headersTimeoutMs,
      bodyTimeout: this.o.bodyTimeoutMs,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text };
  }

  private forbidden(req: SendRequest, site: ErrorSite, message: string | undefined): ForbiddenError {
    const granted = req.auth.grantedScopes?.();
    if (granted) {
      const missing = req.endpoint.oauthScopes.filter((s) => !granted.includes(s));
      if (missing.length > 0) {
        const plural = missing.length > 1 ? 's' : '';
        return new ForbiddenError(
          site,
          `the OAuth token lacks the scope${plural} ${missing.join(', ')} — reconnect granting ${plural ? 'them' : 'it'}`,
          missing,
        );
      }
    }
    const keyNeeds = req.auth.kind === 'org-key' ? orgKeyNeeds(req.endpoint.orgKey) : undefined;
    if (keyNeeds) {
      // A scoped org key without the endpoint's scope: name the scope to add (org-key-access.ts).
      const detail = message ? ` (${message})` : '';
      return new ForbiddenError(site, `${describeOrgKeyNeeds(req.endpoint)}${detail}`, [keyNeeds]);
    }
    const who =
      req.auth.kind === 'org-key'
        ? 'the org API key'
        : req.auth.kind === 'anonymous'
          ? 'an anonymous caller'
          : req.auth.kind === 'access-token'
            ? 'the access token'
            : 'the account';
    return new ForbiddenError(
      site,
      message ? `${who} lacks the permission: ${message}` : `${who} lacks the permission this needs`,
      message ? [message] : [],
    );
  }
}
