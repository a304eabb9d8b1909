import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import {
  breakGlassAccounts,
  canSignIn,
  coveredBySso,
  isPerson,
  ssoCoveredAccounts,
  userEvidence,
  userResource,
} from '../accounts/org-accounts.ts';

export const rule = defineRule({
  id: 'org_2sv_enforced_non_sso',
  title: 'Every managed account that does not sign in through SSO has two-step verification',
  area: 'identity',
  severity: 'high',
  scope: 'org',
  resourceType: 'user',
  requires: ['org.users'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads every account of the organization’s directories (admin API v2 `GET /admin/v2/orgs/{orgId}/' +
    'directories/-/users`, field `mfaEnabled`) and fails each managed person’s account that can sign in ' +
    'without two-step verification, unless the settings declare it signs in through enforced SSO. This is ' +
    'the ground truth the policy setting aims at; whether a policy "requires" 2SV can only be attested ' +
    '(no public API reads authentication policies) and is checked for the default policy by ' +
    'org_default_policy_secure. Unmanaged accounts are org_accounts_claimed’s and org_external_users_reviewed’s.',
  risk:
    'An account protected by a password alone falls to phishing, password reuse and credential stuffing, ' +
    'and Atlassian API tokens created from it are never challenged for a second factor.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies and edit each policy without SSO.',
      'In the Settings tab set Two-step verification to Mandatory (Required in older pages), and save.',
      'Or enforce SSO on the policy: the identity provider then supplies the second factor.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Enforce two-step verification',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/enforce-two-step-verification/',
    },
    {
      title: 'Authentication policy settings for your organizations',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/authentication-policy-settings-for-your-organizations/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.3'],
    'nist-800-53-r5': ['IA-2(1)', 'IA-2(2)'],
    'iso-27001-2022': ['A.8.5'],
    soc2: ['CC6.1'],
  },
  settings: z.object({ ssoCoveredAccounts, breakGlassAccounts }),
  evaluate(ctx) {
    const breakGlass = new Set(ctx.settings.breakGlassAccounts);
    const managed = ctx
      .items('org.users')
      .filter((u) => isPerson(u) && canSignIn(u) && u.claimStatus === 'managed');
    const checked = managed.filter((u) => !coveredBySso(u, ctx.settings.ssoCoveredAccounts, breakGlass));
    const outcomes: RuleOutcome[] = [];
    for (const user of checked) {
      if (user.mfaEnabled === true) continue;
      const evidence = { ...userEvidence(user), managementSource: user.managementSource };
      outcomes.push(
        user.mfaEnabled === null
          ? unknown(
              userResource(user),
              `The directory does not say whether ${user.name} has two-step verification.`,
              evidence,
            )
          : fail(userResource(user), `${user.name} signs in without two-step verification.`, evidence),
      );
    }
    if (outcomes.length > 0) return outcomes;
    const covered = managed.length - checked.length;
    const org = { type: 'org' as const, id: ctx.org.id, name: ctx.org.name };
    return [
      pass(
        org,
        covered > 0
          ? `All ${checked.length} managed accounts outside SSO have two-step verification (${covered} declared as signing in through SSO).`
          : `All ${checked.length} managed accounts have two-step verification.`,
        { checked: checked.length, ssoCovered: covered },
      ),
    ];
  },
});
