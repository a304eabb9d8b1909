import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';

// Public sign-up: Jira's mode (`jira.mode` = public lets anyone create an account from the login
// page) and Confluence's user sign-up options (public, trusted domains, admin only).

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → System → General configuration and select Edit settings.',
    'Set Mode to Private (only administrators create accounts) and select Update.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → User sign up options.',
    'Choose "Only administrators can add users", or restrict sign-up to trusted e-mail domains, and select Save.',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Manage password security: public sign-up and CAPTCHA (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver0917/manage-password-security-1431245987.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Enabling or disabling public signup (Confluence)',
      url: 'https://confluence.atlassian.com/spaces/CONF40/pages/269985204/Enabling+or+Disabling+Public+Signup',
    },
  ],
};

export function publicSignupRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `Nobody can sign up to ${p.name} without an administrator`,
    severity: 'high',
    ...siteCheck(p),
    requires: ['dc.security-settings'],
    description:
      `Reads ${p.name}’s sign-up mode (\`dc.security-settings\`: Jira’s \`jira.mode\`, Confluence’s user sign up ` +
      'options). Fails when anyone who reaches the login page may create an account; sign-up limited to trusted ' +
      'e-mail domains passes. Unknown when the product did not say.',
    risk:
      'Public sign-up turns every visitor into a logged-in user: whatever is granted to all users (projects, ' +
      'spaces, the user list, filters) becomes readable by anyone who can reach the site.',
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['5.1', '6.1'],
      'nist-800-53-r5': ['AC-2', 'AC-3'],
      'iso-27001-2022': ['A.5.16', 'A.5.18'],
      soc2: ['CC6.2'],
    },
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.security-settings', p, (record, resource) => {
        const { publicSignup, signupMode } = record;
        const evidence = { publicSignup, signupMode };
        const mode = signupMode ? ` (mode: ${signupMode})` : '';
        if (publicSignup === true) {
          return fail(resource, `Anyone who reaches ${p.name} can create an account${mode}.`, evidence);
        }
        if (publicSignup === null) {
          return unknown(resource, `${p.name} did not say whether public sign-up is on${mode}.`, evidence);
        }
        return pass(resource, `Public sign-up is off${mode}.`, evidence);
      });
    },
  });
}
