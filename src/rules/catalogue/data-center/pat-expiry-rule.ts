import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';

// CHECKS.md dc_pat_expiry: personal access tokens (Jira 8.14+, Confluence 7.9+) can be made to
// expire, and their longest lifetime capped, with system properties (`atlassian.pats.mandatory.
// expiry.enabled`, `atlassian.pats.max.expiry.days`, `atlassian.pats.enabled`). Older versions do
// not expose them at all: the dataset says so (`exposed: false`) and the rule answers unknown.

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Using personal access tokens (Jira Data Center)',
      url: 'https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Using personal access tokens (Confluence Data Center)',
      url: 'https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html',
    },
  ],
};

export function patExpiryRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name} personal access tokens must expire within a year`,
    severity: 'medium',
    ...siteCheck(p),
    requires: ['dc.access-token-policy'],
    description:
      `Reads ${p.name}’s personal access token policy (\`dc.access-token-policy\`). Passes when people may not ` +
      'create tokens at all, or when every token must expire within the days of the settings; fails when tokens ' +
      'may live forever or longer; unknown when the version does not expose the policy or a value was not reported.',
    risk:
      'A token that never expires is a password that outlives its purpose, its owner’s job and every rotation: ' +
      'leaked in a script or CI log, it keeps working with its owner’s full rights.',
    remediation: {
      ui: [
        `On each ${p.name} node, set the system properties atlassian.pats.mandatory.expiry.enabled=true and atlassian.pats.max.expiry.days=365 (setenv.sh / JVM options), then restart the node.`,
        'Ask the owners of tokens without an expiry to replace them (profile → Personal access tokens), and revoke what is no longer used.',
      ],
      api: null,
    },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['5.2', '6.2'],
      'nist-800-53-r5': ['IA-5', 'AC-2'],
      'iso-27001-2022': ['A.5.17'],
      soc2: ['CC6.1', 'CC6.2'],
    },
    settings: z.object({
      maxExpiryDays: z
        .number()
        .int()
        .positive()
        .default(365)
        .describe('Longest lifetime a personal access token may have, in days.'),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.access-token-policy', p, (record, resource) => {
        const t = record;
        const { maxExpiryDays } = ctx.settings;
        const evidence = { ...t, required: maxExpiryDays };
        if (!t.exposed) {
          return unknown(
            resource,
            `This ${p.name} version does not expose its personal access token policy (it lives in system properties).`,
            evidence,
          );
        }
        if (t.creationEnabled === false) {
          return pass(resource, `People cannot create personal access tokens on ${p.name}.`, evidence);
        }
        if (t.expiryRequired === false) {
          return fail(
            resource,
            `${p.name} personal access tokens may be created without an expiry date.`,
            evidence,
          );
        }
        if (t.expiryRequired === null || t.creationEnabled === null) {
          return unknown(resource, `${p.name} did not report whether tokens must expire.`, evidence);
        }
        if (t.maxExpiryDays === null) {
          return unknown(
            resource,
            'Tokens must expire, but their longest lifetime was not reported.',
            evidence,
          );
        }
        if (t.maxExpiryDays > maxExpiryDays) {
          return fail(
            resource,
            `Personal access tokens may live ${t.maxExpiryDays} days (at most ${maxExpiryDays} allowed).`,
            evidence,
          );
        }
        return pass(resource, `Personal access tokens expire within ${t.maxExpiryDays} days.`, evidence);
      });
    },
  });
}
