import type { AppGovernance } from './app-governance.ts';
import { evaluatePolicies } from './app-policies.ts';
import type { Attestation } from './attestation.ts';
import type { RuleOutcome } from './outcome.ts';
import { describeReasons } from './reasons.ts';
import { gatherRequirements, indexDatasets, type Requirements } from './requirements.ts';
import { RESOURCE_TYPES } from './resource-types.ts';
import type { ResultReason, RuleResult } from './result.ts';
import type { Rule, RuleContext } from './rule.ts';
import { type ScopeUnit, scopeUnits } from './scope-units.ts';
import { resolveSettings } from './settings.ts';
import type { SnapshotView } from './snapshot-view.ts';

// The rule engine: every rule, in every scope unit it applies to, over one snapshot. Pure: the
// same snapshot, settings, attestations and governance state give the same results. Per unit, in
// this order:
//   1. product or plan lacks the feature → `not_applicable`; plan unknown, credential missing → `unknown`
//   2. the organization's settings override is invalid → `unknown`
//   3. a required dataset is forbidden, failed or not collected, an attestation is missing or
//      expired, or the governance state is not given → `unknown` with the reasons (the rule is
//      not called)
//   4. the rule runs on the data; if it throws, or returns a malformed outcome → `unknown`
//   5. a `pass` that stands on a partial dataset → `unknown`
// Then the organization's app policies in the governance state, one result per app
// (app-policies.ts). Exceptions (`excepted`) are applied afterwards by src/findings/exceptions.ts.

export interface EvaluateOptions {
  /** This organization's settings overrides, by rule id (only the settings that differ). */
  settings?: Readonly<Record<string, unknown>>;
  attestations?: readonly Attestation[];
  /** Palisade's app governance state for this snapshot; rules that require it are `unknown` without. */
  governance?: AppGovernance | undefined;
}

export interface Evaluation {
  snapshotVersion: number;
  evaluatedAt: string;
  results: RuleResult[];
  /** Attestations that lapsed: the results they backed are `unknown` until someone re-attests. */
  expiredAttestations: Attestation[];
}

export function evaluateSnapshot(
  rules: readonly Rule[],
  snapshot: SnapshotView,
  options: EvaluateOptions = {},
): Evaluation {
  const index = indexDatasets(snapshot.datasets);
  const inputs = { attestations: options.attestations ?? [], governance: options.governance };
  const results: RuleResult[] = [];
  const expired = new Map<string, Attestation>();
  for (const rule of rules) {
    const settings = resolveSettings(rule, options.settings?.[rule.meta.id]);
    for (const unit of scopeUnits(rule, snapshot)) {
      if (unit.blocked) {
        results.push(engineResult(rule, unit, unit.blocked.status, unit.blocked.reasons));
        continue;
      }
      if (!settings.ok) {
        results.push(
          engineResult(rule, unit, 'unknown', [{ code: 'invalid_settings', detail: settings.detail }]),
        );
        continue;
      }
      const req = gatherRequirements(rule, unit, index, inputs, snapshot.now);
      for (const a of req.expired) expired.set(a.id, a);
      if (req.missing.length > 0) {
        results.push(engineResult(rule, unit, 'unknown', req.missing));
        continue;
      }
      results.push(...runRule(rule, unit, req, settings.value, snapshot));
    }
  }
  if (options.governance) {
    results.push(...evaluatePolicies(options.governance.policies, options.governance.apps.values()));
  }
  return {
    snapshotVersion: snapshot.version,
    evaluatedAt: snapshot.now.toISOString(),
    results,
    expiredAttestations: [...expired.values()],
  };
}

function engineResult(
  rule: Rule,
  unit: ScopeUnit,
  status: 'unknown' | 'not_applicable',
  reasons: ResultReason[],
): RuleResult {
  return {
    ruleId: rule.meta.id,
    resource: unit.resource,
    status,
    message: describeReasons(reasons),
    basis: 'none',
    reasons,
  };
}

function runRule(
  rule: Rule,
  unit: ScopeUnit,
  req: Requirements,
  settings: Record<string, unknown>,
  snapshot: SnapshotView,
): RuleResult[] {
  const attestationRefs = [...req.attested.values()].map((a) => a.attestation);
  const ctx: RuleContext = {
    now: snapshot.now,
    settings,
    org: snapshot.org,
    site: unit.site,
    sites: snapshot.sites,
    items: (name) => {
      const items = req.datasets.get(name);
      if (!items) throw new Error(`${name} is not in requires`);
      return items as never;
    },
    optional: (name) => {
      if (!rule.meta.optional.includes(name)) throw new Error(`${name} is not in optional`);
      return req.optional.get(name) as never;
    },
    attested: (name) => {
      const found = req.attested.get(name);
      if (!found) throw new Error(`${name} is not in requires`);
      return found as never;
    },
    governance: (name) => {
      if (!req.governance) throw new Error(`${name} is not in requires`);
      return req.governance;
    },
  };
  let outcomes: readonly RuleOutcome[];
  try {
    outcomes = rule.evaluate(ctx);
    checkOutcomes(outcomes, rule.meta.resourceType);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [engineResult(rule, unit, 'unknown', [{ code: 'rule_error', detail }])];
  }
  if (outcomes.length === 0) {
    // Complete data with nothing in it: nothing can fail (no schemes, no filters…).
    outcomes = [
      {
        resource: unit.resource,
        status: 'pass',
        message: `Nothing to check: no ${rule.meta.resourceType} found.`,
      },
    ];
  }
  const partial = req.partial.length > 0;
  return outcomes.map((o): RuleResult => {
    const result: RuleResult = {
      ruleId: rule.meta.id,
      resource: {
        type: o.resource.type ?? rule.meta.resourceType,
        id: o.resource.id,
        ...(o.resource.name !== undefined ? { name: o.resource.name } : {}),
        scope: unit.scope,
      },
      status: o.status,
      message: o.message,
      basis: partial ? 'partial' : 'complete',
      ...(o.evidence ? { evidence: o.evidence } : {}),
      ...(attestationRefs.length > 0 ? { attestations: attestationRefs } : {}),
    };
    if (o.status === 'unknown' || o.status === 'not_applicable') {
      result.reasons = [{ code: 'rule_reported', detail: o.message }];
    }
    if (o.status === 'pass' && partial) {
      result.status = 'unknown';
      result.reasons = req.partial;
      result.message = `${o.message} ${describeReasons(req.partial)}`;
    }
    return result;
  });
}

const STATUSES = new Set(['pass', 'fail', 'unknown', 'not_applicable']);
const TYPES = new Set<string>(RESOURCE_TYPES);

/** A malformed outcome is a bug in the rule: report it rather than store a result nobody can key. */
function checkOutcomes(outcomes: readonly RuleOutcome[], defaultType: string): void {
  if (!Array.isArray(outcomes)) throw new Error('evaluate must return an array of outcomes');
  const seen = new Set<string>();
  for (const o of outcomes) {
    if (!STATUSES.has(o.status)) throw new Error(`invalid status "${String(o.status)}"`);
    if (typeof o.resource?.id !== 'string' || o.resource.id === '')
      throw new Error('an outcome has no resource id');
    if (o.resource.type !== undefined && !TYPES.has(o.resource.type)) {
      throw new Error(`unknown resource type "${o.resource.type}"`);
    }
    if (typeof o.message !== 'string' || o.message.trim() === '') {
      throw new Error(`the outcome for ${o.resource.id} has no message`);
    }
    const key = `${o.resource.type ?? defaultType}:${o.resource.id}`;
    if (seen.has(key)) throw new Error(`resource ${o.resource.id} was returned twice`);
    seen.add(key);
  }
}
