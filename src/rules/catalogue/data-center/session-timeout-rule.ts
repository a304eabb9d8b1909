import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, siteResource } from './product.ts';

// The idle session timeout of a Data Center site is the servlet container's <session-timeout> in
// each node's web.xml: no REST API reads it, so a system administrator attests it
// (attested.dc-session-timeout). Jira ships 300 minutes, Confluence 60.

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Jira application cookies (session cookie and its timeout)',
      url: 'https://confluence.atlassian.com/adminjiraserver0909/jira-application-cookies-1251416853.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Confluence cookies (session cookie and its timeout)',
      url: 'https://confluence.atlassian.com/conf88/confluence-cookies-1354500712.html',
    },
  ],
};

const WEB_XML: Record<DcProduct['product'], string> = {
  'jira-data-center': '<jira-install>/atlassian-jira/WEB-INF/web.xml',
  'confluence-data-center': '<confluence-install>/confluence/WEB-INF/web.xml',
};

export function sessionTimeoutRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `Idle ${p.name} sessions end within two hours`,
    area: p.area,
    severity: 'low',
    scope: 'site',
    resourceType: 'site',
    requires: ['attested.dc-session-timeout'],
    plan: 'any',
    credential: 'none',
    description:
      `No REST API reads ${p.name}’s idle session timeout (<session-timeout> in each node’s web.xml), so a system ` +
      'administrator attests it. Fails when sessions survive more idle minutes than the settings allow; without ' +
      'a current attestation the result is unknown.',
    risk:
      'A long idle timeout keeps an unattended browser signed in: anyone at a shared or unlocked computer, or ' +
      'holding a copied session cookie, acts as that person for hours.',
    remediation: {
      ui: [
        `On each ${p.name} node, set <session-timeout> in ${WEB_XML[p.product]} to 120 minutes or less.`,
        'Restart the nodes one at a time, repeat the change after every upgrade, and attest the new value.',
      ],
      api: null,
    },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['4.3'],
      'nist-800-53-r5': ['AC-11', 'AC-12'],
      'iso-27001-2022': ['A.8.5'],
      soc2: ['CC6.1'],
    },
    settings: z.object({
      maxIdleMinutes: z
        .number()
        .int()
        .positive()
        .default(120)
        .describe('Longest an idle session may last, in minutes.'),
    }),
    evaluate(ctx) {
      const { value, attestation } = ctx.attested('attested.dc-session-timeout');
      const { maxIdleMinutes } = ctx.settings;
      const resource = siteResource(ctx.site);
      const evidence = { idleTimeoutMinutes: value.idleTimeoutMinutes, maxIdleMinutes };
      const by = `attested by ${attestation.author}`;
      if (value.idleTimeoutMinutes > maxIdleMinutes) {
        return [
          fail(
            resource,
            `Idle ${p.name} sessions last ${value.idleTimeoutMinutes} minutes (${by}; at most ${maxIdleMinutes} allowed).`,
            evidence,
          ),
        ];
      }
      return [
        pass(
          resource,
          `Idle ${p.name} sessions end after ${value.idleTimeoutMinutes} minutes (${by}).`,
          evidence,
        ),
      ];
    },
  });
}
