import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';

// The password policy of the product's internal directory: Jira's Password policy (Disabled, Basic,
// Secure, Custom) and Confluence's password policy (Confluence 8.x, Security configuration). People
// who sign in through LDAP, Crowd or SSO are held to their directory's policy instead, but the
// internal directory keeps its local accounts (the first administrator, service accounts).

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → System → Password policy.',
    'Choose Secure, or Custom with a minimum length of at least 12 characters, and select Update.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → Security configuration and, where your version offers a password policy, turn it on with a minimum length of at least 12 characters.',
    'Otherwise keep local accounts to the break-glass minimum and let the corporate directory (User directories: LDAP, Active Directory or Crowd) and its password rules hold everyone else.',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Manage password security: password policy (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver0917/manage-password-security-1431245987.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Effect of directory order (Jira and Confluence user directories)',
      url: 'https://confluence.atlassian.com/spaces/USERMAN020/pages/255362544/_Directory+Order',
    },
  ],
};

export function passwordPolicyRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name}’s internal directory enforces a password policy of at least 12 characters`,
    severity: 'medium',
    ...siteCheck(p),
    requires: ['dc.password-policy'],
    description:
      `Reads the password policy of ${p.name}’s internal directory (\`dc.password-policy\`). Fails when no policy ` +
      'is enforced or when it allows passwords shorter than the settings’ minimum; unknown when the product did ' +
      'not say whether a policy is on, or its minimum length.',
    risk:
      'Without a policy, local accounts (often the first administrator and service accounts) can have short, ' +
      'guessable passwords that password spraying against the login page or REST API finds.',
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['5.2'],
      'nist-800-53-r5': ['IA-5(1)'],
      'iso-27001-2022': ['A.5.17'],
      soc2: ['CC6.1'],
    },
    settings: z.object({
      minimumLength: z
        .number()
        .int()
        .positive()
        .default(12)
        .describe('Shortest password the policy may allow.'),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.password-policy', p, (record, resource) => {
        const policy = record;
        const { minimumLength } = ctx.settings;
        const evidence = { ...policy, required: minimumLength };
        const level = policy.level ? ` (${policy.level})` : '';
        if (policy.enabled === false) {
          return fail(resource, `${p.name} enforces no password policy${level}.`, evidence);
        }
        if (policy.enabled === null) {
          return unknown(resource, `${p.name} did not say whether a password policy is on.`, evidence);
        }
        if (policy.minimumLength === null) {
          return unknown(
            resource,
            `A password policy is on${level}, but its minimum length was not reported.`,
            evidence,
          );
        }
        if (policy.minimumLength < minimumLength) {
          return fail(
            resource,
            `The password policy${level} allows ${policy.minimumLength}-character passwords (at least ${minimumLength} required).`,
            evidence,
          );
        }
        return pass(
          resource,
          `The password policy${level} requires at least ${policy.minimumLength} characters.`,
          evidence,
        );
      });
    },
  });
}
