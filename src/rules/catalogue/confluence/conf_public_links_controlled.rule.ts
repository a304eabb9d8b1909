import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import type { RuleOutcome } from '../../outcome.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_public_links_controlled',
  title: 'Public links are disallowed site-wide, or blocked for every sensitive space',
  area: 'confluence',
  severity: 'high',
  scope: 'site',
  resourceType: 'space',
  requires: ['attested.confluence-public-links'],
  plan: 'standard',
  credential: 'none',
  description:
    'Attestation: no public API reads public link settings, so a Confluence admin attests the site toggle ' +
    'and the status of the spaces (Global permissions → Public links). Passes when the site disallows ' +
    'public links. Otherwise each sensitive space named in the settings must be "Blocked from allowing" ' +
    '(Premium and Enterprise) or "Not allowed" (Standard, where blocking does not exist); with no sensitive ' +
    'space declared, a site that allows public links fails.',
  risk:
    'While public links are allowed, anyone who can read a page can publish it to the internet in one ' +
    'click, bypassing page restrictions; only "Blocked" stops space admins from re-allowing it.',
  remediation: {
    ui: [
      'In Confluence, open Settings → Security → Global permissions and select the Public links tab.',
      'Turn off "Allow public links on this site", or set each sensitive space to "Blocked from allowing".',
      'Record the new state in Palisade’s attestation of Confluence public links.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Set up and manage public links',
      url: 'https://support.atlassian.com/confluence-cloud/docs/set-up-and-manage-public-links/',
    },
    {
      title: 'Manage public links across Confluence Cloud',
      url: 'https://support.atlassian.com/confluence-cloud/docs/manage-public-links-across-confluence-cloud/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-21', 'AC-22'],
    'iso-27001-2022': ['A.5.14', 'A.8.12'],
    soc2: ['CC6.1', 'CC6.7'],
  },
  settings: z.object({
    sensitiveSpaces: z
      .array(z.string().min(1))
      .default([])
      .describe('Keys of the spaces that must never have public links when the site allows them.'),
  }),
  evaluate(ctx) {
    const site = { type: 'site' as const, id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    const links = ctx.attested('attested.confluence-public-links').value;
    if (!links.siteAllowed) {
      return [pass(site, 'Public links are not allowed on this site.', { siteAllowed: false })];
    }
    if (ctx.settings.sensitiveSpaces.length === 0) {
      return [
        fail(
          site,
          'Public links are allowed on this site and no sensitive space is declared to check for blocking.',
          { siteAllowed: true },
        ),
      ];
    }
    // Blocking exists only on Premium and Enterprise; on Standard "Not allowed" is the strongest status.
    const plan = ctx.site?.products.confluence ?? null;
    const canBlock = plan !== 'standard';
    const statuses = new Map((links.spaces ?? []).map((s) => [s.key.toUpperCase(), s.status]));
    return ctx.settings.sensitiveSpaces.map((key): RuleOutcome => {
      const resource = { id: key.toUpperCase(), name: key };
      const status = statuses.get(key.toUpperCase());
      const evidence = { siteAllowed: true, status: status ?? null, plan };
      if (status === undefined)
        return unknown(resource, `The attestation does not record the public links status of ${key}.`);
      if (status === 'blocked')
        return pass(resource, `${key} is blocked from allowing public links.`, evidence);
      if (status === 'not-allowed' && !canBlock) {
        return pass(resource, `${key} does not allow public links (blocking needs Premium).`, evidence);
      }
      if (status === 'not-allowed') {
        return fail(
          resource,
          `${key} does not allow public links, but its space admins can re-allow them.`,
          evidence,
        );
      }
      return fail(resource, `${key} allows public links.`, evidence);
    });
  },
});
