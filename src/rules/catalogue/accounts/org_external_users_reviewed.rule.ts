import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { domainVerification } from '../../domain-verification.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { canSignIn, isPerson, userEvidence, userResource } from './org-accounts.ts';

export const rule = defineRule({
  id: 'org_external_users_reviewed',
  title: 'No external account (outside the verified domains) has app access without review',
  area: 'accounts',
  severity: 'medium',
  scope: 'org',
  resourceType: 'user',
  requires: ['org.users', 'org.domains'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads every account of the organization’s directories (admin API v2 users: the e-mail domain, ' +
    '`counts.resources` = how many apps it can use, status) and the verified domains. Fails each person’s ' +
    'account that can sign in, has access to at least one app and whose e-mail domain is neither verified ' +
    'nor a partner domain approved in the settings. A reviewed account is recorded as an exception with an ' +
    'expiry (quarterly review); JSM portal customers, app accounts and accounts without app access are not judged.',
  risk:
    'External accounts are outside your authentication policies and your offboarding: the contractor who ' +
    'left the partner company last year still reads your Jira and Confluence with a password you never see.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Users and filter by the listed accounts.',
      'Remove app access the person no longer needs (or the account from the organization); turn guests and portal users into the matching role.',
      'For partners you keep, record an exception with an expiry, or approve the partner’s domain in this rule’s settings.',
    ],
    api: [
      'Suspend an account’s access: POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend.',
      'Or remove it from the groups that grant app access: DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}.',
    ],
  },
  references: [
    {
      title: 'What are external users?',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/who-are-external-users/',
    },
    {
      title: 'Control how users get access to products',
      url: 'https://support.atlassian.com/user-management/docs/control-how-users-get-access-to-products/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.1', '6.2'],
    'nist-800-53-r5': ['AC-2', 'AC-20', 'IA-8'],
    'iso-27001-2022': ['A.5.18', 'A.5.19'],
    soc2: ['CC6.2', 'CC6.3'],
  },
  settings: z.object({
    approvedExternalDomains: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Partner e-mail domains whose accounts are reviewed and accepted as a whole (e.g. a long-term contractor).',
      ),
  }),
  evaluate(ctx) {
    // Accounts at a domain whose verification is not given are neither internal nor external.
    const { verified, unstated } = domainVerification(ctx.items('org.domains'));
    const internal = new Set([
      ...verified,
      ...ctx.settings.approvedExternalDomains.map((d) => d.toLowerCase()),
    ]);
    const people = ctx
      .items('org.users')
      .filter((u) => isPerson(u) && canSignIn(u) && u.productAccessCount !== 0);
    const outcomes: RuleOutcome[] = [];
    for (const user of people) {
      const domain = user.emailDomain?.toLowerCase() ?? null;
      if (domain !== null && internal.has(domain)) continue;
      const evidence = { ...userEvidence(user), productAccessCount: user.productAccessCount };
      if (domain !== null && unstated.has(domain)) {
        outcomes.push(
          unknown(
            userResource(user),
            `Whether ${domain} (${user.name}’s e-mail domain) is verified is not given by the admin API.`,
            evidence,
          ),
        );
        continue;
      }
      if (domain === null || user.productAccessCount === null) {
        outcomes.push(
          unknown(
            userResource(user),
            `The directory does not give ${user.name}’s ${domain === null ? 'e-mail domain' : 'app access'}.`,
            evidence,
          ),
        );
        continue;
      }
      outcomes.push(
        fail(
          userResource(user),
          `${user.name} (${domain}) is external and can use ${user.productAccessCount} app(s): review the access.`,
          evidence,
        ),
      );
    }
    if (outcomes.length > 0) return outcomes;
    return [
      pass(
        { type: 'org', id: ctx.org.id, name: ctx.org.name },
        `All ${people.length} accounts with app access are at verified or approved domains.`,
        { accountsWithAccess: people.length },
      ),
    ];
  },
});
