import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { notApplicable, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { breakGlassAccounts, canSignIn, isOrgAdmin, type OrgUser } from '../accounts/org-accounts.ts';
import { type AuthPolicy, inUse, judge, policyResource } from './auth-policies.ts';

export const rule = defineRule({
  id: 'org_break_glass_minimal',
  title: 'The break-glass policy without SSO holds at most 2 accounts, all org admins with 2SV',
  area: 'identity',
  severity: 'medium',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies', 'org.users'],
  plan: 'guard-standard',
  credential: 'org-api-key',
  description:
    'Judges each break-glass policy named in the settings from the attested authentication policies (no ' +
    'public API reads them, ACCESS-1838): it may hold at most the configured number of members and must ' +
    'require two-step verification. The break-glass accounts named in the settings are then looked up in ' +
    'the directory (admin API v2 users): each must be an org admin with two-step verification, and the ' +
    'policy may hold no one else. Without a declared break-glass policy, an organization that enforces SSO ' +
    'is unknown until one is declared.',
  risk:
    'Emergency access that skips SSO is a standing bypass of the identity provider: each extra member, ' +
    'non-admin or account without a second factor widens the population that can sign in with a password.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies and add a dedicated policy (no SSO, two-step verification Mandatory).',
      'Move into it only the one or two org admin accounts kept for emergencies, and nobody else.',
      'Name the policy and the accounts in this rule’s settings (and the policy in org_sso_enforced’s), and document the exception.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Edit authentication settings and members',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/edit-authentication-settings-and-members/',
    },
    {
      title: 'CISA SCuBA Google Workspace baseline (break-glass super admin accounts)',
      url: 'https://github.com/cisagov/ScubaGoggles/blob/main/scubagoggles/baselines/commoncontrols.md',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.5', '6.5'],
    'nist-800-53-r5': ['AC-2(7)', 'AC-6(5)', 'IA-2(1)'],
    'iso-27001-2022': ['A.8.2', 'A.8.5'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  settings: z.object({
    breakGlassPolicies: z
      .array(z.string().min(1))
      .default([])
      .describe('Names of the emergency-access authentication policies (as in org_sso_enforced).'),
    breakGlassAccounts,
    maxMembers: z
      .number()
      .int()
      .positive()
      .default(2)
      .describe('Most accounts a break-glass policy may hold.'),
  }),
  evaluate(ctx) {
    const { policies } = ctx.attested('attested.authentication-policies').value;
    const users = new Map(ctx.items('org.users').map((u) => [u.accountId, u]));
    const org = { type: 'org' as const, id: ctx.org.id, name: ctx.org.name };
    const declared = ctx.settings.breakGlassPolicies;
    if (!policies.some((p) => p.ssoEnforced)) {
      return [
        notApplicable(
          org,
          'No policy enforces SSO, so there is no SSO bypass to keep small (see org_sso_enforced).',
        ),
      ];
    }
    if (declared.length === 0) {
      const bypass = policies.filter((p) => !p.ssoEnforced && inUse(p)).map((p) => p.name);
      if (bypass.length === 0)
        return [pass(org, 'Every policy in use enforces SSO: there is no break-glass bypass.')];
      return [
        unknown(
          org,
          `Policies without SSO (${bypass.join(', ')}) exist but none is declared as break-glass in this rule’s settings.`,
          { policiesWithoutSso: bypass },
        ),
      ];
    }
    return declared.map((name): RuleOutcome => {
      const policy = policies.find((p) => p.name === name);
      if (!policy) {
        return unknown(
          { type: 'authentication-policy', id: name, name },
          `The declared break-glass policy ${name} is not in the attestation: re-attest or correct the setting.`,
        );
      }
      return judgeBreakGlass(policy, ctx.settings.breakGlassAccounts, ctx.settings.maxMembers, users);
    });
  },
});

function judgeBreakGlass(
  policy: AuthPolicy,
  accountIds: readonly string[],
  maxMembers: number,
  users: ReadonlyMap<string, OrgUser>,
): RuleOutcome {
  const problems: string[] = [];
  const gaps: string[] = [];
  const evidence = {
    ssoEnforced: policy.ssoEnforced,
    members: policy.members ?? null,
    twoStepVerification: policy.twoStepVerification ?? null,
    accounts: accountIds.map((id) => {
      const u = users.get(id);
      return { accountId: id, orgAdmin: u ? isOrgAdmin(u) : null, mfaEnabled: u?.mfaEnabled ?? null };
    }),
  };
  if (policy.ssoEnforced) {
    return pass(policyResource(policy), `${policy.name} enforces SSO, so it bypasses nothing.`, evidence);
  }
  if (policy.members === undefined) gaps.push('its attested member count');
  else if (policy.members > maxMembers) problems.push(`${policy.members} members, more than ${maxMembers}`);
  if (policy.twoStepVerification === undefined) gaps.push('its attested two-step verification setting');
  else if (policy.twoStepVerification !== 'required') problems.push('two-step verification is optional');
  if (accountIds.length === 0)
    gaps.push('the break-glass accounts (name them in the breakGlassAccounts setting)');
  else if (policy.members !== undefined && policy.members > accountIds.length) {
    problems.push(
      `${policy.members - accountIds.length} member(s) beyond the ${accountIds.length} declared break-glass accounts`,
    );
  }
  for (const id of accountIds) {
    const user = users.get(id);
    if (!user) {
      problems.push(`declared account ${id} is not in the directory`);
      continue;
    }
    if (!isOrgAdmin(user)) problems.push(`${user.name} is not an org admin`);
    if (user.mfaEnabled === false) problems.push(`${user.name} has no two-step verification`);
    else if (user.mfaEnabled === null)
      gaps.push(`whether ${user.name} has two-step verification (the directory does not say)`);
    if (!canSignIn(user))
      problems.push(
        `${user.name} cannot sign in (deactivated or suspended), so it is no break-glass account`,
      );
  }
  return judge(
    policyResource(policy),
    policy.name,
    { problems, gaps },
    `${policy.name} holds ${policy.members} org admin(s), all with two-step verification.`,
    evidence,
  );
}
