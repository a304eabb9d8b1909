import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import {
  adminRoles,
  breakGlassAccounts,
  canSignIn,
  coveredBySso,
  isPerson,
  ssoCoveredAccounts,
  userEvidence,
  userResource,
} from './org-accounts.ts';

export const rule = defineRule({
  id: 'org_admins_strong_auth',
  title: 'Every org and site admin signs in with SSO or two-step verification',
  area: 'accounts',
  severity: 'high',
  scope: 'org',
  resourceType: 'user',
  requires: ['org.users'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads every account of the organization’s directories (admin API v2 users: `platformRoles`, ' +
    '`mfaEnabled`) and fails each admin (org admin, site admin, user access admin or any other `*-admin` ' +
    'platform role) who can sign in without two-step verification, unless the settings declare the account ' +
    'signs in through enforced SSO. No public API says which authentication policy an admin is in, so the ' +
    'enrolment the directory reports is the evidence; break-glass accounts always need 2SV.',
  risk:
    'Taking over an admin is taking over the tenant: one phished or reused password on an admin without a ' +
    'second factor opens every product, app install and security setting.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies.',
      'Move every admin into a policy that enforces SSO or sets two-step verification to Mandatory.',
      'Prefer security keys for admins; ask the listed admins to enrol at id.atlassian.com → Security.',
    ],
    api: [
      'Move admins into the hardened policy: POST /admin/control/v1/orgs/{orgId}/auth-policy/{policyId}/add-users with their e-mail addresses.',
    ],
  },
  references: [
    {
      title: 'Enforce two-step verification',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/enforce-two-step-verification/',
    },
    {
      title: 'What are the different types of admin roles?',
      url: 'https://support.atlassian.com/user-management/docs/what-are-the-different-types-of-admin-roles/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.5'],
    'nist-800-53-r5': ['IA-2(1)', 'AC-6(5)'],
    'iso-27001-2022': ['A.8.2', 'A.8.5'],
    soc2: ['CC6.1'],
  },
  settings: z.object({ ssoCoveredAccounts, breakGlassAccounts }),
  evaluate(ctx) {
    const breakGlass = new Set(ctx.settings.breakGlassAccounts);
    const admins = ctx
      .items('org.users')
      .filter((u) => isPerson(u) && canSignIn(u) && adminRoles(u).length > 0);
    const outcomes: RuleOutcome[] = [];
    let sso = 0;
    for (const admin of admins) {
      if (coveredBySso(admin, ctx.settings.ssoCoveredAccounts, breakGlass)) {
        sso += 1;
        continue;
      }
      if (admin.mfaEnabled === true) continue;
      const roles = adminRoles(admin)
        .map((r) => r.replace(/^atlassian\//, ''))
        .join(', ');
      const evidence = { ...userEvidence(admin), managementSource: admin.managementSource };
      if (admin.mfaEnabled === null) {
        outcomes.push(
          unknown(
            userResource(admin),
            `The directory does not say whether ${admin.name} (${roles}) has two-step verification.`,
            evidence,
          ),
        );
        continue;
      }
      const where =
        admin.claimStatus === 'managed' ? '' : '; the account is not managed, so no policy applies to it';
      outcomes.push(
        fail(
          userResource(admin),
          `${admin.name} (${roles}) signs in without two-step verification${where}.`,
          evidence,
        ),
      );
    }
    if (outcomes.length > 0) return outcomes;
    const org = { type: 'org' as const, id: ctx.org.id, name: ctx.org.name };
    return [
      pass(
        org,
        `All ${admins.length} admins have two-step verification${sso > 0 ? ` or sign in through SSO (${sso})` : ''}.`,
        { admins: admins.length, ssoCovered: sso },
      ),
    ];
  },
});
