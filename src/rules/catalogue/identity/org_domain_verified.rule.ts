import { UNKNOWN_DOMAIN_STATUS } from '../../../inventory/datasets/index.ts';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'org_domain_verified',
  title: 'At least one domain is verified',
  area: 'identity',
  severity: 'high',
  scope: 'org',
  resourceType: 'org',
  requires: ['org.domains'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads the organization’s domains (admin API `GET /admin/v1/orgs/{orgId}/domains`) and passes when at ' +
    'least one has the claim status `verified`.',
  risk:
    'Without a verified domain there are no managed accounts: SSO, two-step verification, password policy ' +
    'and deactivation then apply to nobody, and leavers keep their Atlassian accounts.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Domains and select Add domain.',
      'Verify it by DNS TXT record, HTML file upload or your identity provider.',
      'Claim the accounts at the domain (tell users first: claiming changes who manages their account).',
    ],
    api: null,
  },
  references: [
    {
      title: 'Verify a domain to manage accounts',
      url: 'https://support.atlassian.com/user-management/docs/verify-a-domain-to-manage-accounts/',
    },
    {
      title: 'Organizations REST API: domains',
      url: 'https://developer.atlassian.com/cloud/admin/organization/rest/api-group-domains/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.1', '5.6'],
    'nist-800-53-r5': ['AC-2', 'IA-4'],
    'iso-27001-2022': ['A.5.16'],
    soc2: ['CC6.2'],
  },
  evaluate(ctx) {
    const domains = ctx.items('org.domains');
    const org = { id: ctx.org.id, name: ctx.org.name };
    const evidence = { domains: domains.map((d) => ({ name: d.name, status: d.status })) };
    const verified = domains.filter((d) => d.verified);
    if (verified.length > 0) {
      return [pass(org, `Verified: ${verified.map((d) => d.name).join(', ')}.`, evidence)];
    }
    if (domains.length === 0) return [fail(org, 'The organization has no domain.', evidence)];
    const names = domains.map((d) => `${d.name} (${d.status})`).join(', ');
    // The admin API left a domain's claim status out: it may well be verified.
    const unstated = domains.filter((d) => d.status === UNKNOWN_DOMAIN_STATUS);
    if (unstated.length > 0) {
      return [
        unknown(
          org,
          `No domain is stated verified, and the verification of ${unstated.map((d) => d.name).join(', ')} is not given: ${names}.`,
          evidence,
        ),
      ];
    }
    return [fail(org, `No domain is verified: ${names}.`, evidence)];
  },
});
