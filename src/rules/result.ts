import type { SiteProduct } from './areas.ts';
import type { AttestationRef } from './attestation.ts';
import type { SubjectName } from './attestation-subjects.ts';
import type { RulePlan } from './plans.ts';
import type { ResourceType } from './resource-types.ts';

// What an evaluation produces: one result per rule and resource. JSON-safe, so it can be stored,
// diffed (src/findings) and reported without conversion.

/**
 * - `pass` / `fail`: the rule ran on the data and decided.
 * - `unknown`: it could not decide (data forbidden, failed or partial, no attestation…); never a pass.
 * - `not_applicable`: the plan or product lacks the feature.
 * - `excepted`: a failing result covered by a current exception (src/findings/exceptions.ts).
 */
export const RESULT_STATUSES = ['pass', 'fail', 'unknown', 'not_applicable', 'excepted'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export interface ResourceRef {
  type: ResourceType;
  /** Stable within its type and scope: an account id, a scheme id, a policy name… */
  id: string;
  name?: string;
  /** `org`, or the cloud id of the site the resource belongs to. */
  scope: string;
}

/** Identity of a resource across snapshots: what exceptions and findings refer to. */
export function resourceKey(resource: ResourceRef): string {
  return `${resource.scope}:${resource.type}:${resource.id}`;
}

/** Identity of a result across snapshots: the rule and the resource. */
export function resultKey(result: Pick<RuleResult, 'ruleId' | 'resource'>): string {
  return `${result.ruleId}|${resourceKey(result.resource)}`;
}

/** Why a result is `unknown` or `not_applicable`. */
export type ResultReason =
  | {
      code: 'dataset_forbidden';
      dataset: string;
      scope: string;
      missingScope: string | null;
      detail: string | null;
    }
  | { code: 'dataset_failed'; dataset: string; scope: string; detail: string | null }
  | { code: 'dataset_not_collected'; dataset: string; scope: string; detail: string | null }
  | { code: 'dataset_partial'; dataset: string; scope: string; detail: string | null }
  | { code: 'attestation_missing'; subject: SubjectName; scope: string }
  | {
      code: 'attestation_expired';
      subject: SubjectName;
      scope: string;
      attestationId: string;
      expiredAt: string;
    }
  | {
      code: 'attestation_invalid';
      subject: SubjectName;
      scope: string;
      attestationId: string;
      detail: string;
    }
  | { code: 'governance_missing' }
  | { code: 'credential_missing'; credential: 'org-api-key' | 'site-admin' }
  | {
      code: 'product_absent';
      /** The site products the rule applies to, any one sufficing. */
      appliesTo: readonly SiteProduct[];
      /** The products this site has. */
      site: readonly SiteProduct[];
    }
  | { code: 'plan_lacks_feature'; requires: RulePlan; current: string }
  | { code: 'plan_unknown'; requires: RulePlan }
  | { code: 'invalid_settings'; detail: string }
  | { code: 'rule_error'; detail: string }
  | { code: 'rule_reported'; detail: string };

export type ReasonCode = ResultReason['code'];

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };
export type Evidence = Readonly<Record<string, JsonValue>>;

export interface ExceptionRef {
  id: string;
  owner: string;
  justification: string;
  expiresAt: string;
}

export interface RuleResult {
  ruleId: string;
  resource: ResourceRef;
  status: ResultStatus;
  /** One sentence a person can act on: what was found, or why nothing could be decided. */
  message: string;
  /**
   * What the verdict stands on: `complete` data, `partial` data (some dataset was partial), or
   * `none` (the engine decided without running the rule: missing data, plan, product).
   * Findings only treat a vanished resource as resolved when its rule ran on complete data.
   */
  basis: 'complete' | 'partial' | 'none';
  /** Non-empty for engine-decided `unknown` / `not_applicable`, and for rule-reported ones. */
  reasons?: ResultReason[];
  evidence?: Evidence;
  /** The attestations the verdict relied on (auditors ask who said so, and until when). */
  attestations?: AttestationRef[];
  /** Set when `excepted`. */
  exception?: ExceptionRef;
}
