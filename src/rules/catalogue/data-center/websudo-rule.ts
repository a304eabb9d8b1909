import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';

// Secure administrator sessions (WebSudo): the administrator types the password again before the
// administration screens, and the elevated session ends after a few idle minutes. Jira turns it off
// only in jira-config.properties (`jira.websudo.is.disabled`), Confluence in Security configuration.

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'On each Jira node, remove `jira.websudo.is.disabled = true` from <jira-home>/jira-config.properties (secure administrator sessions are on by default).',
    'Set `jira.websudo.timeout` to 10 minutes or less, or remove it to keep the default, then restart each node.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → Security configuration and select Edit.',
    'Select Enable next to "Secure administrator sessions", set the minutes before invalidation to 10 and select Save.',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Configuring secure administrator sessions (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver/configuring-secure-administrator-sessions-938847890.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Configuring secure administrator sessions (Confluence Data Center)',
      url: 'https://confluence.atlassian.com/display/CONF78/Configuring+Secure+Administrator+Sessions',
    },
  ],
};

export function websudoRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `Secure administrator sessions (WebSudo) are on in ${p.name}, with a short timeout`,
    severity: 'medium',
    ...siteCheck(p),
    requires: ['dc.security-settings'],
    description:
      `Reads whether ${p.name} asks administrators for their password again before its administration ` +
      'screens (secure administrator sessions, "WebSudo") and how long such a session lasts ' +
      '(`dc.security-settings`). Fails when it is off or lasts longer than the settings allow; unknown when ' +
      'the product did not say. A disabled WebSudo system plugin is judged by the security plugins check.',
    risk:
      'Without WebSudo, a hijacked or left-open administrator browser session (cross-site request forgery, ' +
      'a stolen session cookie) reaches every administration function without the password.',
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['4.3', '6.5'],
      'nist-800-53-r5': ['AC-12', 'IA-11'],
      'iso-27001-2022': ['A.8.5'],
      soc2: ['CC6.1'],
    },
    settings: z.object({
      maxTimeoutMinutes: z
        .number()
        .int()
        .positive()
        .default(30)
        .describe(
          'Longest a secure administrator session may stay idle, in minutes (the products default to 10).',
        ),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.security-settings', p, (record, resource) => {
        const { webSudoEnabled, webSudoTimeoutMinutes: timeout } = record;
        const { maxTimeoutMinutes } = ctx.settings;
        const evidence = { webSudoEnabled, webSudoTimeoutMinutes: timeout, maxTimeoutMinutes };
        if (webSudoEnabled === false) {
          return fail(
            resource,
            `Secure administrator sessions are off: ${p.name} administrators reach the administration screens without typing their password again.`,
            evidence,
          );
        }
        if (webSudoEnabled === null) {
          return unknown(
            resource,
            `${p.name} did not say whether secure administrator sessions are on.`,
            evidence,
          );
        }
        if (timeout !== null && timeout > maxTimeoutMinutes) {
          return fail(
            resource,
            `Secure administrator sessions last ${timeout} idle minutes (at most ${maxTimeoutMinutes} allowed).`,
            evidence,
          );
        }
        // A timeout the product did not report is its default (10 minutes in both products).
        return pass(
          resource,
          `Secure administrator sessions are on${timeout !== null ? ` and end after ${timeout} idle minutes` : ''}.`,
          evidence,
        );
      });
    },
  });
}
