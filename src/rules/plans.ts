// Plans and the Atlassian Guard tiers a control can need (CHECKS.md "Plan"). A rule names the
// lowest one where its control exists; below it the engine reports `not_applicable` rather than
// `fail` (the ScubaGear/Maester "NotRun" lesson), and when the plan is not known, `unknown`.

/** Product plans, lowest first. */
export const PRODUCT_PLANS = ['free', 'standard', 'premium', 'enterprise'] as const;
export type ProductPlan = (typeof PRODUCT_PLANS)[number];

/** Atlassian Guard (formerly Access) subscription of the org, lowest first. */
export const GUARD_TIERS = ['none', 'standard', 'premium'] as const;
export type GuardTier = (typeof GUARD_TIERS)[number];

/** What a rule needs: `any` plan, a minimum product plan, or a minimum Guard tier. */
export const RULE_PLANS = [
  'any',
  'standard',
  'premium',
  'enterprise',
  'guard-standard',
  'guard-premium',
] as const;
export type RulePlan = (typeof RULE_PLANS)[number];

/** How the baseline and the `unknown` / `not_applicable` messages name each requirement. */
export const RULE_PLAN_LABELS: Readonly<Record<RulePlan, string>> = {
  any: 'every plan',
  standard: 'the Standard plan or above',
  premium: 'the Premium plan or above',
  enterprise: 'the Enterprise plan',
  'guard-standard': 'Atlassian Guard Standard',
  'guard-premium': 'Atlassian Guard Premium',
};

export function productPlanAtLeast(plan: ProductPlan, minimum: ProductPlan): boolean {
  return PRODUCT_PLANS.indexOf(plan) >= PRODUCT_PLANS.indexOf(minimum);
}

export function guardTierAtLeast(tier: GuardTier, minimum: GuardTier): boolean {
  return GUARD_TIERS.indexOf(tier) >= GUARD_TIERS.indexOf(minimum);
}
