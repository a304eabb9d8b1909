import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, unknown } from '../../outcome.ts';
import { inUse, policyResource } from '../identity/auth-policies.ts';

export const rule = defineRule({
  id: 'org_api_token_creation_restricted',
  title: 'User API tokens are blocked in every authentication policy except those that need them',
  area: 'tokens',
  severity: 'high',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested authentication policies (no public API reads them, ACCESS-1838) and fails each ' +
    'policy in use whose "User API tokens" setting lets members create and use API tokens, except the ' +
    'policies named in the settings as needing them (integration and service accounts — and the policy of ' +
    'the account Palisade connects with when it uses an e-mail and API token rather than OAuth).',
  risk:
    'A user API token is a non-interactive credential that skips SSO, two-step verification and session ' +
    'limits: every member allowed to create one can leave a long-lived key to your data in a script or repo.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies and select Edit on the policy.',
      'On the Settings page, under User API tokens, select Block, and save.',
      'Move accounts that genuinely need tokens into a dedicated policy, and name it in this rule’s settings.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Authentication policy settings for your organizations',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/authentication-policy-settings-for-your-organizations/',
    },
    {
      title: 'Understand user API tokens',
      url: 'https://support.atlassian.com/organization-administration/docs/understand-user-api-tokens/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.7', '5.5'],
    'nist-800-53-r5': ['IA-5', 'AC-6', 'CM-7'],
    'iso-27001-2022': ['A.5.17', 'A.8.5'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    allowedPolicies: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Names of the policies whose members need user API tokens (integration and service accounts; the ' +
          'policy of the account Palisade connects with, if it uses an API token).',
      ),
  }),
  evaluate(ctx) {
    const allowed = new Set(ctx.settings.allowedPolicies);
    const { policies } = ctx.attested('attested.authentication-policies').value;
    return policies.map((policy) => {
      const resource = policyResource(policy);
      const blocked = policy.userApiTokensBlocked;
      const evidence = {
        userApiTokensBlocked: blocked ?? null,
        members: policy.members ?? null,
        isDefault: policy.isDefault,
      };
      if (blocked === true) return pass(resource, `${policy.name} blocks user API tokens.`, evidence);
      if (allowed.has(policy.name)) {
        return notApplicable(resource, `${policy.name} is declared as needing user API tokens.`, evidence);
      }
      if (!inUse(policy)) return pass(resource, `${policy.name} has no members.`, evidence);
      if (blocked === undefined) {
        return unknown(
          resource,
          `${policy.name}: cannot decide without the attested User API tokens setting.`,
          evidence,
        );
      }
      const who = policy.members === undefined ? 'its members' : `its ${policy.members} members`;
      const lands = policy.isDefault ? ', and every new account lands in it' : '';
      return fail(resource, `${policy.name} lets ${who} create and use API tokens${lands}.`, evidence);
    });
  },
});
