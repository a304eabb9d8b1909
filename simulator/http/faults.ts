import { z } from 'zod';
import { Random } from '../core/random.ts';
import { type VarianceConfig, varianceSchema } from './variance.ts';

// Faults are switchable per run (CLI `--faults`) and at run time (control API `PUT /faults`),
// and each rule can be narrowed to endpoints by id or id prefix (`jira.users.search`, `jira.*`).

const endpointMatch = z
  .array(z.string().min(1))
  .optional()
  .describe('Endpoint ids this rule applies to; `prefix.*` matches a family; absent = every endpoint.');

export const rateLimitSchema = z
  .object({
    /** Tokens added per second to each credential's bucket, per host. */
    perSecond: z.number().positive(),
    /** Bucket size: how many calls may burst before 429s start. */
    burst: z.number().int().positive(),
    endpoints: endpointMatch,
    /**
     * Which headers describe the bucket (http/rate-limit.ts): `atlassian` (default) as documented
     * since 2026 — `X-RateLimit-Limit`/`-Remaining` and the `RateLimit-Policy`/`RateLimit` burst
     * policy on every response, `X-RateLimit-Reset` only with a 429; `counts-only` —
     * `X-RateLimit-Limit`/`-Remaining` alone; `legacy` — `X-RateLimit-Limit`, `-Remaining`,
     * `-Reset` and `-NearLimit` on every response.
     */
    headers: z.enum(['atlassian', 'counts-only', 'legacy']).optional(),
  })
  .strict();

/**
 * Atlassian's hourly points quota (one point per call here), counted across the whole tenant —
 * every host and credential — in fixed windows from the first call. Enforced, a spent quota
 * answers 429 with `RateLimit-Reason: <product>-quota-tenant-based` and a Retry-After up to the
 * window's end; not enforced, it only sends the informational `Beta-RateLimit*` headers.
 */
export const hourlyQuotaSchema = z
  .object({
    /** Calls the window allows. */
    calls: z.number().int().positive(),
    /** The window, in seconds (Atlassian's is an hour; tests shorten it). */
    windowSeconds: z.number().int().positive().default(3600),
    /** false: the Beta phase, headers only, never a 429. */
    enforced: z.boolean().default(true),
    endpoints: endpointMatch,
  })
  .strict();

export const faultRuleSchema = z
  .object({
    endpoints: endpointMatch,
    /** Added to every matching response. */
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    /** Share of calls answered with `errorStatus` (default 500). */
    errorRate: z.number().min(0).max(1).optional(),
    /** A 5xx, or 404 / 410 for an endpoint Atlassian has retired (e.g. a Confluence v1 listing). */
    errorStatus: z.union([z.literal(404), z.literal(410), z.number().int().min(500).max(599)]).optional(),
    /** Share of calls that never answer (the connection stays open until the client gives up). */
    hangRate: z.number().min(0).max(1).optional(),
    /** Share of calls answered 200 with a truncated, unparseable JSON body. */
    malformedRate: z.number().min(0).max(1).optional(),
    /** The credential used for the call is revoked once it has made this many calls. */
    revokeAfterCalls: z.number().int().positive().optional(),
    /**
     * Pages larger than this take longer than the 10 s Atlassian allows a search: answered 409
     * (the admin `users/search` does so; a smaller page succeeds).
     */
    slowPageAbove: z.number().int().positive().optional(),
  })
  .strict();

export const faultConfigSchema = z
  .object({
    seed: z.number().int().optional(),
    rateLimit: rateLimitSchema.optional(),
    hourlyQuota: hourlyQuotaSchema.optional(),
    rules: z.array(faultRuleSchema).default([]),
    /** Answers vary as real tenants' do, within what the docs allow (http/variance.ts). */
    variance: varianceSchema.optional(),
  })
  .strict();

export type FaultConfig = z.infer<typeof faultConfigSchema>;
/** A fault configuration as written (defaults not yet filled in): what `PUT /faults` accepts. */
export type FaultConfigInput = z.input<typeof faultConfigSchema>;
export type FaultRule = z.infer<typeof faultRuleSchema>;

export function matchesEndpoint(patterns: readonly string[] | undefined, endpointId: string): boolean {
  if (!patterns) return true;
  return patterns.some((p) => (p.endsWith('.*') ? endpointId.startsWith(p.slice(0, -1)) : p === endpointId));
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error'; status: number }
  | { kind: 'hang' }
  | { kind: 'malformed' };

/** Decides, call by call, which fault (if any) a matching request suffers. */
export class FaultEngine {
  private config: FaultConfig = { rules: [] };
  private random = new Random(1);
  private readonly callsByCredential = new Map<string, number>();

  constructor(config?: FaultConfig) {
    if (config) this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.random = new Random(config.seed ?? 1);
    this.callsByCredential.clear();
  }

  get(): FaultConfig {
    return this.config;
  }

  latencyFor(endpointId: string): number {
    let total = 0;
    for (const rule of this.config.rules) {
      if (rule.latencyMs && matchesEndpoint(rule.endpoints, endpointId)) total += rule.latencyMs;
    }
    return total;
  }

  decide(endpointId: string): FaultDecision {
    for (const rule of this.config.rules) {
      if (!matchesEndpoint(rule.endpoints, endpointId)) continue;
      if (rule.hangRate && this.random.chance(rule.hangRate)) return { kind: 'hang' };
      if (rule.errorRate && this.random.chance(rule.errorRate)) {
        return { kind: 'error', status: rule.errorStatus ?? 500 };
      }
      if (rule.malformedRate && this.random.chance(rule.malformedRate)) return { kind: 'malformed' };
    }
    return { kind: 'none' };
  }

  /** Counts a credential's call; true when a revoke-after rule says it must now be revoked. */
  countAndCheckRevoke(endpointId: string, credentialId: string): boolean {
    const calls = (this.callsByCredential.get(credentialId) ?? 0) + 1;
    this.callsByCredential.set(credentialId, calls);
    return this.config.rules.some(
      (r) =>
        r.revokeAfterCalls !== undefined &&
        matchesEndpoint(r.endpoints, endpointId) &&
        calls > r.revokeAfterCalls,
    );
  }

  /** The variance to apply to successful answers, if switched on. */
  variance(): VarianceConfig | undefined {
    return this.config.variance;
  }

  rateLimitFor(endpointId: string) {
    const rl = this.config.rateLimit;
    return rl && matchesEndpoint(rl.endpoints, endpointId) ? rl : undefined;
  }

  hourlyQuotaFor(endpointId: string) {
    const q = this.config.hourlyQuota;
    return q && matchesEndpoint(q.endpoints, endpointId) ? q : undefined;
  }

  /** The largest page a matching rule lets through before answering 409 (undefined: any size). */
  slowPageAboveFor(endpointId: string): number | undefined {
    let smallest: number | undefined;
    for (const rule of this.config.rules) {
      if (rule.slowPageAbove === undefined || !matchesEndpoint(rule.endpoints, endpointId)) continue;
      smallest = Math.min(smallest ?? Number.POSITIVE_INFINITY, rule.slowPageAbove);
    }
    return smallest;
  }
}
