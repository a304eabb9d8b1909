import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';

// "Remember my login": a long-lived cookie (Seraph's `autologin.cookie.age` in seraph-config.xml,
// two weeks by default) that signs the browser in again without a password. Neither product sets it
// from the administration screens; Confluence Data Center even turns it on silently in a cluster.

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'On each Jira node, set `autologin.cookie.age` in <jira-install>/atlassian-jira/WEB-INF/classes/seraph-config.xml to 1209600 seconds (14 days) or less.',
    'Restart each node, and repeat the change after every upgrade.',
  ],
  'confluence-data-center': [
    'On each Confluence node, set `autologin.cookie.age` in <confluence-install>/confluence/WEB-INF/classes/seraph-config.xml to 1209600 seconds (14 days) or less.',
    'Restart each node, and repeat the change after every upgrade (to hide the option, see the knowledge base article on configuring "Remember me").',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Jira application cookies (the "remember my login" cookie)',
      url: 'https://confluence.atlassian.com/adminjiraserver0909/jira-application-cookies-1251416853.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Confluence cookies (the "remember me" cookie)',
      url: 'https://confluence.atlassian.com/conf88/confluence-cookies-1354500712.html',
    },
    {
      title: 'How to configure the "Remember Me" feature in Confluence',
      url: 'https://confluence.atlassian.com/confkb/how-to-configure-the-remember-me-feature-in-confluence-118686062.html',
    },
  ],
};

export function rememberMeRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name}’s "remember my login" sign-ins expire within two weeks`,
    severity: 'low',
    ...siteCheck(p),
    requires: ['dc.security-settings'],
    description:
      `Reads whether ${p.name} offers "remember my login" and how many days its cookie lasts ` +
      '(`dc.security-settings`). Passes when it is off or lasts at most the days of the settings; fails when it ' +
      'lasts longer; unknown when the product did not report either.',
    risk:
      'A remember-me cookie signs a browser in without a password or SSO for its whole life: a shared or stolen ' +
      'laptop, or a copied cookie, keeps access long after the person should have signed in again.',
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['4.3'],
      'nist-800-53-r5': ['AC-12', 'SC-10'],
      'iso-27001-2022': ['A.8.5'],
      soc2: ['CC6.1'],
    },
    settings: z.object({
      maxDays: z
        .number()
        .int()
        .positive()
        .default(14)
        .describe('Longest a remember-me sign-in may last, in days.'),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.security-settings', p, (record, resource) => {
        const { rememberMeEnabled: enabled, rememberMeDays: days } = record;
        const { maxDays } = ctx.settings;
        const evidence = { rememberMeEnabled: enabled, rememberMeDays: days, maxDays };
        if (enabled === false)
          return pass(resource, `${p.name} does not offer "remember my login".`, evidence);
        if (enabled === null) {
          return unknown(resource, `${p.name} did not say whether "remember my login" is offered.`, evidence);
        }
        if (days === null) {
          return unknown(resource, `"Remember my login" is on, but its lifetime was not reported.`, evidence);
        }
        if (days > maxDays) {
          return fail(
            resource,
            `"Remember my login" keeps people signed in for ${days} days (at most ${maxDays}).`,
            evidence,
          );
        }
        return pass(resource, `"Remember my login" sign-ins expire after ${days} days.`, evidence);
      });
    },
  });
}
