import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';

// CAPTCHA after failed logins: Jira's "Maximum authentication attempts allowed" (General
// configuration; blank turns the CAPTCHA off) and Confluence's "CAPTCHA on login" (Security
// configuration). Both default to on after 3 failures.

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → System → General configuration and select Edit settings.',
    'Set "Maximum authentication attempts allowed" to 3 (a blank value turns the CAPTCHA off) and select Update.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → Security configuration and select Edit.',
    'Select Enable next to "CAPTCHA on login", set "Maximum authentication attempts allowed" to 3 and select Save.',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'User receives repeated CAPTCHA prompts on login to Jira Data Center',
      url: 'https://support.atlassian.com/jira/kb/user-receives-repeated-captcha-prompts-on-login-to-jira-data-center/',
    },
    {
      title: 'How to reset failed user login count in Jira Data Center',
      url: 'https://confluence.atlassian.com/jirakb/how-to-reset-failed-user-login-count-in-jira-data-center-442270086.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Configuring Captcha for failed logins (Confluence Data Center)',
      url: 'https://confluence.atlassian.com/display/CONF91/Configuring+Captcha+for+failed+logins',
    },
  ],
};

const SOURCE: Record<DcProduct['product'], string> = {
  'jira-data-center': 'the application property `jira.maximum.authentication.attempts.allowed`',
  'confluence-data-center': 'Security configuration’s "CAPTCHA on login"',
};

export function captchaRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name} asks for a CAPTCHA after a few failed logins`,
    severity: 'medium',
    ...siteCheck(p),
    requires: ['dc.security-settings'],
    description:
      `Reads whether ${p.name} shows a CAPTCHA after failed logins and after how many (\`dc.security-settings\`, ` +
      `from ${SOURCE[p.product]}). Fails when the CAPTCHA is off or comes later than the settings allow; unknown ` +
      'when the product did not say.',
    risk:
      'Without a CAPTCHA, a self-hosted login page and its REST API accept password guesses at machine speed: ' +
      'credential stuffing and brute force against every account, administrators included.',
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['4.1'],
      'nist-800-53-r5': ['AC-7', 'CM-6'],
      'iso-27001-2022': ['A.8.5'],
      soc2: ['CC6.1'],
    },
    settings: z.object({
      maxFailedLogins: z
        .number()
        .int()
        .positive()
        .default(5)
        .describe('Most failed logins allowed before the CAPTCHA must appear.'),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.security-settings', p, (record, resource) => {
        const { captchaEnabled, captchaAfterFailedLogins: after } = record;
        const { maxFailedLogins } = ctx.settings;
        const evidence = { captchaEnabled, captchaAfterFailedLogins: after, maxFailedLogins };
        if (captchaEnabled === false) {
          return fail(resource, `${p.name} never asks for a CAPTCHA after failed logins.`, evidence);
        }
        if (captchaEnabled === null) {
          return unknown(resource, `${p.name} did not say whether the CAPTCHA on login is on.`, evidence);
        }
        if (after === null) {
          return unknown(
            resource,
            `The CAPTCHA on login is on, but ${p.name} did not say after how many failed logins.`,
            evidence,
          );
        }
        if (after > maxFailedLogins) {
          return fail(
            resource,
            `${p.name} asks for a CAPTCHA only after ${after} failed logins (at most ${maxFailedLogins} allowed).`,
            evidence,
          );
        }
        return pass(resource, `${p.name} asks for a CAPTCHA after ${after} failed logins.`, evidence);
      });
    },
  });
}
