import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { domainVerification } from '../../domain-verification.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { PUBLIC_EMAIL_DOMAINS } from './public-email-domains.ts';

export const rule = defineRule({
  id: 'org_approved_domains_safe',
  title: 'Approved domains are only verified company domains, never public e-mail providers',
  area: 'accounts',
  severity: 'high',
  scope: 'org',
  resourceType: 'domain',
  requires: ['attested.approved-domains', 'org.domains'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads the attested approved domains (App access settings → Approved domains; no public API reads ' +
    'them) and the organization’s verified domains (admin API `GET /admin/v1/orgs/{orgId}/domains`). Fails ' +
    'every approved public e-mail domain (gmail.com, outlook.com… and those added in the settings), and ' +
    'every approved domain the organization has not verified unless admin approval is required for it.',
  risk:
    'An approved domain lets anyone with an address there join your apps: "@gmail.com" approved means the ' +
    'whole internet can sign up and read what your users can read.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Apps → App access settings (Products → User access settings) → Approved domains.',
      'Remove every public e-mail domain.',
      'For partner domains you keep, tick Admin approval → Required, or verify the domain if it is yours.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Control how users get access to products',
      url: 'https://support.atlassian.com/user-management/docs/control-how-users-get-access-to-products/',
    },
    {
      title: 'Verify a domain to manage accounts',
      url: 'https://support.atlassian.com/user-management/docs/verify-a-domain-to-manage-accounts/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.1'],
    'nist-800-53-r5': ['AC-2', 'AC-14'],
    'iso-27001-2022': ['A.5.15', 'A.5.18'],
    soc2: ['CC6.2'],
  },
  settings: z.object({
    extraPublicDomains: z
      .array(z.string().min(1))
      .default([])
      .describe('More public e-mail providers to treat like gmail.com (regional webmail, ISP mail).'),
  }),
  evaluate(ctx) {
    const { verified, unstated } = domainVerification(ctx.items('org.domains'));
    const extra = new Set(ctx.settings.extraPublicDomains.map((d) => d.toLowerCase()));
    return ctx.attested('attested.approved-domains').value.domains.map((approved) => {
      const name = approved.domain.toLowerCase();
      const resource = { id: name, name };
      const evidence = {
        verified: verified.has(name),
        adminApprovalRequired: approved.adminApprovalRequired ?? null,
        apps: approved.apps ?? null,
      };
      if (PUBLIC_EMAIL_DOMAINS.has(name) || extra.has(name)) {
        return fail(
          resource,
          `${name} is a public e-mail provider: anyone can create an address there and join.`,
          evidence,
        );
      }
      if (verified.has(name))
        return pass(resource, `${name} is a verified domain of the organization.`, evidence);
      if (approved.adminApprovalRequired === true) {
        return pass(
          resource,
          `${name} is not verified, but every request from it needs an admin’s approval.`,
          evidence,
        );
      }
      if (unstated.has(name)) {
        return unknown(
          resource,
          `Whether ${name} is verified is not given by the admin API, and its users join without admin approval.`,
          evidence,
        );
      }
      return fail(
        resource,
        `${name} is not a verified domain of the organization and its users join without admin approval.`,
        evidence,
      );
    });
  },
});
