import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_no_active_public_links',
  title: 'No internal page has an active public link that nobody approved',
  area: 'confluence',
  severity: 'high',
  scope: 'site',
  resourceType: 'space',
  requires: ['attested.confluence-public-links'],
  plan: 'standard',
  credential: 'none',
  description:
    'Attestation: no public API lists public links, so a Confluence admin attests the table of pages with ' +
    'an active public link (Global permissions → Public links) and whether each was approved as meant to be ' +
    'public. Each space with an unapproved link fails; links in spaces declared public pass. A site that ' +
    'disallows public links has no active link.',
  risk:
    'An active public link is live internet exposure of the page, whatever its restrictions say, and stays ' +
    'live until someone turns it off.',
  remediation: {
    ui: [
      'In Confluence, open Settings → Security → Global permissions → Public links and review the active links.',
      'Turn off each link its page owner does not confirm; block public links for sensitive spaces.',
      'Record the reviewed list in Palisade’s attestation of Confluence public links.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage public links across Confluence Cloud',
      url: 'https://support.atlassian.com/confluence-cloud/docs/manage-public-links-across-confluence-cloud/',
    },
    {
      title: 'How secure are public links?',
      url: 'https://support.atlassian.com/confluence-cloud/docs/how-secure-are-public-links/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-21', 'AC-22'],
    'iso-27001-2022': ['A.5.14', 'A.8.12'],
    soc2: ['CC6.7'],
  },
  settings: z.object({
    publicSpaces: z
      .array(z.string().min(1))
      .default([])
      .describe('Keys of spaces whose pages are meant to be shared publicly (release notes, FAQs).'),
  }),
  evaluate(ctx) {
    const site = { type: 'site' as const, id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    const links = ctx.attested('attested.confluence-public-links').value;
    if (!links.siteAllowed) {
      return [
        pass(site, 'Public links are not allowed on this site, so no link is active.', {
          siteAllowed: false,
        }),
      ];
    }
    if (links.activeLinks === undefined) {
      return [unknown(site, 'The attestation does not list the active public links.')];
    }
    if (links.activeLinks.length === 0) {
      return [pass(site, 'No page has an active public link.', { siteAllowed: true, activeLinks: 0 })];
    }
    const publicSpaces = new Set(ctx.settings.publicSpaces.map((k) => k.toUpperCase()));
    const bySpace = new Map<string, { page: string; approved: boolean }[]>();
    for (const link of links.activeLinks) {
      const key = link.space.toUpperCase();
      bySpace.set(key, [...(bySpace.get(key) ?? []), { page: link.page, approved: link.approved }]);
    }
    return [...bySpace].map(([key, pages]) => {
      const resource = { id: key };
      const unapproved = publicSpaces.has(key) ? [] : pages.filter((p) => !p.approved).map((p) => p.page);
      const evidence = { pages: pages.map((p) => ({ ...p })), declaredPublic: publicSpaces.has(key) };
      if (unapproved.length === 0) {
        return pass(resource, `${key} has ${pages.length} public link(s), all meant to be public.`, evidence);
      }
      return fail(resource, `${key} has public links nobody approved: ${unapproved.join('; ')}.`, evidence);
    });
  },
});
