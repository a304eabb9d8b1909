import { z } from 'zod';
import { APP_FRAMEWORKS } from '../app-risk/model/app.ts';
import { CLASSIFICATION_STATES } from '../app-risk/model/classification.ts';
import { AppRiskError } from '../app-risk/model/errors.ts';
import { CAPABILITIES } from '../app-risk/model/scopes.ts';
import { RISK_BANDS } from '../app-risk/model/score.ts';
import { SEVERITIES } from './severity.ts';

// A small declarative policy language for apps, stored per connection and evaluated on every scan:
// each policy is a rule the organization wrote (app-policies.ts). A policy names a situation that
// must not exist; an app in it is a violation, reported as a finding. Three shapes:
//
//   { id, description, severity, when: { scopesAny: ['ACT_AS_USER'], vendorWithoutBugBounty: true } }
//   { id, description, severity, onlyVendors: { vendors: ['Atlassian', 'Bluefin Labs'], capabilityAtLeast: 'admin' } }
//   { id, description, severity, noDevelopmentMode: true }
//
// Every condition given in `when` must hold for a violation. Scope and domain patterns accept `*`
// (`manage:*-configuration`, `*.example.com`); vendor names compare case-insensitively.

const capability = z.enum(CAPABILITIES);
const pattern = z.string().trim().min(1);

export const conditionSchema = z
  .strictObject({
    /** The app holds at least one of these scopes. */
    scopesAny: z.array(pattern).min(1).optional(),
    /** Its most powerful grant is at least this capability. */
    capabilityAtLeast: capability.optional(),
    /** Its vendor runs no bug bounty (Atlassian counts as running one). */
    vendorWithoutBugBounty: z.boolean().optional(),
    /** Its vendor is in no security programme (bug bounty, Cloud Fortified, Cloud Security Participant). */
    vendorWithoutTrustProgramme: z.boolean().optional(),
    vendorIn: z.array(pattern).min(1).optional(),
    vendorNotIn: z.array(pattern).min(1).optional(),
    frameworkIn: z.array(z.enum(APP_FRAMEWORKS)).min(1).optional(),
    /** Installed in development mode (Forge development or staging environment). */
    developmentMode: z.boolean().optional(),
    /** Not listed on the Marketplace (private, unknown or development-mode). */
    unlisted: z.boolean().optional(),
    /** Installed by a non-admin somewhere. */
    userInstalled: z.boolean().optional(),
    /** Sends data outside Atlassian (Connect, or Forge with egress). */
    egress: z.boolean().optional(),
    egressDomainsAny: z.array(pattern).min(1).optional(),
    riskScoreAtLeast: z.number().int().min(0).max(100).optional(),
    bandIn: z.array(z.enum(RISK_BANDS)).min(1).optional(),
    classificationIn: z
      .array(z.enum(CLASSIFICATION_STATES as [string, ...string[]]))
      .min(1)
      .optional(),
    /** Only these apps (by key). */
    appKeyIn: z.array(pattern).min(1).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'a condition needs at least one test',
  });

export type PolicyCondition = z.infer<typeof conditionSchema>;

const base = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a policy id is lower-case letters, digits and dashes (2–63)'),
  description: z.string().trim().min(3),
  severity: z.enum(SEVERITIES),
  /** The only effect so far: the app is reported as violating the policy. */
  effect: z.literal('violation').default('violation'),
};

export const appPolicySchema = z.union([
  z.strictObject({ ...base, when: conditionSchema }),
  z.strictObject({
    ...base,
    onlyVendors: z
      .strictObject({
        vendors: z.array(pattern).min(1),
        capabilityAtLeast: capability.optional(),
        scopesAny: z.array(pattern).min(1).optional(),
      })
      .refine((o) => o.capabilityAtLeast !== undefined || o.scopesAny !== undefined, {
        message: 'say what only these vendors may hold: capabilityAtLeast or scopesAny',
      }),
  }),
  z.strictObject({ ...base, noDevelopmentMode: z.literal(true) }),
]);

export type AppPolicy = z.infer<typeof appPolicySchema>;
export type AppPolicyInput = z.input<typeof appPolicySchema>;

export function parsePolicy(input: unknown): AppPolicy {
  const parsed = appPolicySchema.safeParse(input);
  if (!parsed.success) throw new AppRiskError('invalid_policy', z.prettifyError(parsed.error));
  return parsed.data;
}

/** Every policy shape as the one condition it stands for. */
export function conditionOf(policy: AppPolicy): PolicyCondition {
  if ('when' in policy) return policy.when;
  if ('onlyVendors' in policy) {
    const o = policy.onlyVendors;
    return {
      vendorNotIn: o.vendors,
      ...(o.capabilityAtLeast ? { capabilityAtLeast: o.capabilityAtLeast } : {}),
      ...(o.scopesAny ? { scopesAny: o.scopesAny } : {}),
    };
  }
  return { developmentMode: true };
}

/** The rule id a policy's results carry (its findings are keyed by it). */
export function policyRuleId(policyId: string): string {
  return `app_policy:${policyId}`;
}

/** `*` matches any run of characters; everything else literally, case-insensitively. */
export function matchesPattern(value: string, patternText: string): boolean {
  const escaped = patternText.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i').test(value);
}
