import { defineRule } from '../../define-rule.ts';
import { unknown } from '../../outcome.ts';
import { judge, policyResource } from './auth-policies.ts';

export const rule = defineRule({
  id: 'org_default_policy_secure',
  title: 'The default authentication policy, where new accounts land, enforces SSO or requires 2SV',
  area: 'identity',
  severity: 'high',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested authentication policies (no public API reads them, ACCESS-1838) and judges each ' +
    'default policy (there is one per directory): it passes when it enforces single sign-on, or, where SSO ' +
    'cannot be enforced (the local directory, or no Atlassian Guard), when it requires two-step verification.',
  risk:
    'New and newly claimed accounts land in the default policy. If it is the weak one, every account created ' +
    'or provisioned since the last review signs in with a password alone until someone moves it.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies.',
      'On the hardened policy (SSO enforced, or two-step verification required), open ••• → Make default policy.',
      'Move the exceptions (break-glass, service accounts) into their own non-default policies.',
    ],
    api: null,
  },
  references: [
    {
      title: 'What is a default authentication policy?',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/what-is-a-default-authentication-policy/',
    },
    {
      title: 'Authentication policy settings for your organizations',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/authentication-policy-settings-for-your-organizations/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['4.1', '6.3', '6.7'],
    'nist-800-53-r5': ['CM-6', 'IA-2', 'IA-2(2)'],
    'iso-27001-2022': ['A.8.5', 'A.8.9'],
    soc2: ['CC6.1'],
  },
  evaluate(ctx) {
    const { policies } = ctx.attested('attested.authentication-policies').value;
    const defaults = policies.filter((p) => p.isDefault);
    if (defaults.length === 0) {
      return [
        unknown(
          { type: 'org', id: ctx.org.id, name: ctx.org.name },
          'The attestation marks no policy as the default; every organization has one — re-attest.',
        ),
      ];
    }
    return defaults.map((policy) => {
      const evidence = {
        ssoEnforced: policy.ssoEnforced,
        twoStepVerification: policy.twoStepVerification ?? null,
        members: policy.members ?? null,
      };
      if (policy.ssoEnforced) {
        return judge(
          policyResource(policy),
          policy.name,
          { problems: [], gaps: [] },
          `${policy.name} (default) enforces SSO.`,
          evidence,
        );
      }
      const twoStep = policy.twoStepVerification;
      return judge(
        policyResource(policy),
        `${policy.name} (default)`,
        {
          problems: twoStep === 'optional' ? ['neither enforces SSO nor requires two-step verification'] : [],
          gaps: twoStep === undefined ? ['its attested two-step verification setting'] : [],
        },
        `${policy.name} (default) requires two-step verification (SSO is not enforced).`,
        evidence,
      );
    });
  },
});
