import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, ofProduct } from './product.ts';

// Application links let the linked application act in this one (OAuth with impersonation acts as
// any user). A link to a host outside the organization's domains is a trust nobody may have
// reviewed; plain HTTP exposes its tokens, and Trusted Applications and basic access are the
// legacy authentication Atlassian retired in favour of OAuth 2.0.

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → Applications → Application links.',
    'Delete links to hosts you do not recognise; for the others, edit the link to use an https:// URL and OAuth (not Trusted Applications or basic access).',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → Application links.',
    'Delete links to hosts you do not recognise; for the others, edit the link to use an https:// URL and OAuth (not Trusted Applications or basic access).',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Using AppLinks to link to other applications (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver0820/using-applinks-to-link-to-other-applications-1095776626.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Linking to another application (Confluence Data Center)',
      url: 'https://confluence.atlassian.com/doc/linking-to-another-application-360677690.html',
    },
  ],
};

/**
 * The domain a site's own links may point into: its host without the first label (jira.acme.com →
 * acme.com). None for an IP address or a single-label host, which name no organization.
 */
export function ownDomain(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (/^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[')) return undefined;
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  return labels.length > 2 ? labels.slice(1).join('.') : host;
}

const within = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

export function applicationLinksRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name}’s application links point to known hosts over HTTPS with OAuth`,
    area: p.area,
    severity: 'medium',
    scope: 'site',
    resourceType: 'application-link',
    requires: ['dc.application-links', 'dc.server-info'],
    plan: 'any',
    credential: 'site-admin',
    description:
      `Reads ${p.name}’s application links (\`dc.application-links\`, \`GET /rest/applinks/3.0/applicationlink\`) ` +
      'and the base URL the product is configured with (`dc.server-info`). One result per link: fails a link whose ' +
      'host is outside the base URL’s domain and the trusted domains of the settings, a link over plain HTTP, and a ' +
      'link authenticating with Trusted Applications or basic access.',
    risk:
      'An application link is standing trust: with OAuth impersonation or Trusted Applications, the linked ' +
      'application can act as any user here. A link to an unknown or plain-HTTP host hands that trust to whoever ' +
      'controls or intercepts it.',
    remediation: {
      ui: UI[p.product],
      api: ['DELETE /rest/applinks/3.0/applicationlink/{id} removes a link.'],
    },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['3.10', '15.1'],
      'nist-800-53-r5': ['AC-20', 'SC-8', 'CM-7'],
      'iso-27001-2022': ['A.5.14', 'A.8.21'],
      soc2: ['CC6.6', 'CC6.7'],
    },
    settings: z.object({
      trustedDomains: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Domains links may point to besides the site’s own domain (e.g. bitbucket.partner.example).',
        ),
    }),
    evaluate(ctx) {
      // The product's configured base URL (what its users and links know it by) names the
      // organization's domain better than the URL Palisade connects to, which may be internal.
      const configured = ctx.items('dc.server-info').find((r) => r.product === p.product)?.baseUrl;
      const own = ownDomain(configured) ?? ownDomain(ctx.site?.url);
      const trusted = [
        ...(own ? [own] : []),
        ...ctx.settings.trustedDomains.map((d) => d.trim().toLowerCase()),
      ];
      return ofProduct(ctx.items('dc.application-links'), p).map((link) => {
        const host = link.host.toLowerCase();
        const problems: string[] = [];
        if (!trusted.some((d) => within(host, d)))
          problems.push(`its host ${host} is outside ${trusted.join(', ') || 'any trusted domain'}`);
        const plain = [link.rpcUrl, link.displayUrl].some((u) => u.toLowerCase().startsWith('http://'));
        if (plain) problems.push('it uses plain HTTP');
        if (link.trustedApps === true) problems.push('it authenticates with Trusted Applications');
        if (link.basicAccess === true) problems.push('it authenticates with basic access');
        const resource = { id: link.id, name: `${link.name} (${host})` };
        const evidence = {
          type: link.type,
          host,
          rpcUrl: link.rpcUrl,
          oauth: link.oauth,
          oauthImpersonation: link.oauthImpersonation,
          trustedApps: link.trustedApps,
          basicAccess: link.basicAccess,
        };
        if (problems.length > 0)
          return fail(resource, `The link to ${link.name}: ${problems.join('; ')}.`, evidence);
        return pass(resource, `The link to ${link.name} points to ${host} over HTTPS.`, evidence);
      });
    },
  });
}
