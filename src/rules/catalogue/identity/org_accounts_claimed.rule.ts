import { defineRule } from '../../define-rule.ts';
import { domainVerification } from '../../domain-verification.ts';
import { fail, notApplicable, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { canSignIn, isPerson, userEvidence, userResource } from '../accounts/org-accounts.ts';

export const rule = defineRule({
  id: 'org_accounts_claimed',
  title: 'Every account at a verified domain is a managed account',
  area: 'identity',
  severity: 'medium',
  scope: 'org',
  resourceType: 'user',
  requires: ['org.users', 'org.domains'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads every account of the organization’s directories (admin API v2 `GET /admin/v2/orgs/{orgId}/' +
    'directories/-/users`: `claimStatus`, the e-mail domain, account status) and the verified domains ' +
    '(`GET /admin/v1/orgs/{orgId}/domains`). Fails each person’s account that can sign in, has an e-mail ' +
    'address at a verified domain and is not `managed`. App, customer, deactivated and closed accounts ' +
    'are not checked; with no verified domain the check does not apply (org_domain_verified fails instead).',
  risk:
    'An unmanaged account at your own domain sits outside your authentication policies (SSO, two-step ' +
    'verification, session limits) and your offboarding: deactivating the person in the identity provider ' +
    'does not close it, so a leaver keeps access.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Domains and select the verified domain.',
      'Select Claim accounts (tell the people first: their account becomes managed by the organization).',
      'Check Directory → Managed accounts: the listed accounts should now appear there.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Verify a domain to manage accounts',
      url: 'https://support.atlassian.com/user-management/docs/verify-a-domain-to-manage-accounts/',
    },
    {
      title: 'What are managed accounts?',
      url: 'https://support.atlassian.com/user-management/docs/what-are-managed-accounts/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.1', '5.6'],
    'nist-800-53-r5': ['AC-2', 'IA-4'],
    'iso-27001-2022': ['A.5.16'],
    soc2: ['CC6.2'],
  },
  evaluate(ctx) {
    const org = { type: 'org' as const, id: ctx.org.id, name: ctx.org.name };
    const { verified, unstated } = domainVerification(ctx.items('org.domains'));
    if (verified.size === 0 && unstated.size > 0) {
      return [
        unknown(
          org,
          `No domain is stated verified, and the verification of ${[...unstated].join(', ')} is not given.`,
        ),
      ];
    }
    if (verified.size === 0) {
      return [
        notApplicable(org, 'No domain is verified, so no account can be claimed (see org_domain_verified).'),
      ];
    }
    const atDomains = ctx
      .items('org.users')
      .filter((u) => isPerson(u) && canSignIn(u) && verified.has((u.emailDomain ?? '').toLowerCase()));
    const outcomes: RuleOutcome[] = [];
    for (const user of atDomains) {
      if (user.claimStatus === 'managed') continue;
      if (user.claimStatus === null) {
        outcomes.push(
          unknown(
            userResource(user),
            `${user.name} has no claim status in the directory.`,
            userEvidence(user),
          ),
        );
        continue;
      }
      outcomes.push(
        fail(
          userResource(user),
          `${user.name} (${user.emailDomain}) is at a verified domain but not managed by the organization.`,
          userEvidence(user),
        ),
      );
    }
    if (outcomes.length > 0) return outcomes;
    const domains = [...verified].sort().join(', ');
    return [
      pass(org, `All ${atDomains.length} active accounts at ${domains} are managed.`, {
        verifiedDomains: [...verified].sort(),
        accounts: atDomains.length,
      }),
    ];
  },
});
