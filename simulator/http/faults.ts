import { z } from 'zod';
import { Random } from '../core/random.ts';
import { type VarianceConfig, varianceSchema } from './variance.ts';

// Faults are switchable per run (CLI `--faults`) and at run time (control API `PUT /faults`),
// and each rule can be narrowed to endpoints by id or id prefix (`jira.users`, `jira.*`).

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
  })
  .strict();

export const faultConfigSchema = z
  .object({
    seed: z.number().int().optional(),
    rateLimit: rateLimitSchema.optional(),
    rules: z.array(faultRuleSchema).default([]),
    /** Answers vary as real tenants' do, within what the docs allow (http/variance.ts). */
    variance: varianceSchema.optional(),
  })
  .strict();

export type FaultConfig = z.infer<typeof faultConfigSchema>;
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
}
