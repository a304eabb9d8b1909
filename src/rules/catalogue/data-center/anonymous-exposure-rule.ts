import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, ofProduct, siteCheck } from './product.ts';

// CHECKS.md dc_anonymous_exposure: what an unauthenticated visitor reaches. The user picker
// answering anonymous requests is the user-enumeration class of CVE-2019-8449 (Jira) and
// CVE-2020-14181; Confluence adds "Anonymous access to remote API". Anonymous use of the product
// itself is sometimes intended (a public knowledge base): a setting says so.

/** The permissions that only let anonymous visitors use the product (what a public site needs). */
const USE_PERMISSIONS = new Set(['USE', 'USECONFLUENCE']);

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → System → Global permissions and remove the group "Anyone" from every permission.',
    'Check each permission scheme (Issues → Permission schemes) for grants to "Anyone on the web" (Public) and remove them.',
    'If the user picker still answers anonymously, block `/rest/api/2/user/picker` and `/secure/QueryComponent!Default.jspa` for unauthenticated requests at the reverse proxy and upgrade to a fixed version.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → Global permissions → Edit permissions.',
    'Under Anonymous access, clear "Use Confluence" and "View user profiles" unless the site is meant to be public.',
    'In Security configuration, clear "Anonymous access to remote API" and select Save.',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Managing global permissions (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver103/managing-global-permissions-1489807379.html',
    },
    {
      title: 'JRASERVER-69796: user enumeration through the user picker (CVE-2019-8449)',
      url: 'https://jira.atlassian.com/browse/JRASERVER-69796',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Global permissions overview (Confluence Data Center)',
      url: 'https://confluence.atlassian.com/display/CONF615/Global+Permissions+Overview',
    },
  ],
};

export function anonymousExposureRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `Anonymous visitors cannot use ${p.name}, list its users or call its API`,
    severity: 'high',
    ...siteCheck(p),
    requires: ['dc.security-settings', 'dc.global-permissions'],
    description:
      `Reads ${p.name}’s anonymous access settings and an unauthenticated probe of the user picker ` +
      '(`dc.security-settings`), and the global permissions held by anonymous users (`dc.global-permissions`: ' +
      'Jira’s group "Anyone", Confluence’s anonymous permissions). Fails when anonymous visitors hold any global ' +
      'permission, when the user picker answers them, or (Confluence) when the remote API accepts them; anonymous ' +
      'use of the product itself passes only when the settings declare the site public. Unknown when a setting ' +
      'was not reported and nothing fails.',
    risk:
      'Anonymous access exposes projects, spaces, filters and dashboards to the internet; an anonymous user ' +
      'picker lets anyone enumerate account names for password spraying (CVE-2019-8449, CVE-2020-14181).',
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['3.3', '6.8'],
      'nist-800-53-r5': ['AC-14', 'AC-22', 'AC-3'],
      'iso-27001-2022': ['A.5.15', 'A.8.3'],
      soc2: ['CC6.1', 'CC6.6'],
    },
    settings: z.object({
      publicSiteIntended: z
        .boolean()
        .default(false)
        .describe(
          'The site is meant to be public: anonymous use of the product (Jira USE, Confluence USECONFLUENCE) is not a finding.',
        ),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.security-settings', p, (record, resource) => {
        const s = record;
        const { publicSiteIntended } = ctx.settings;
        const anonymousPermissions = ofProduct(ctx.items('dc.global-permissions'), p)
          .filter((g) => g.anonymous)
          .map((g) => g.permission)
          .sort();
        const problems: string[] = [];
        const unreported: string[] = [];
        const judge = (value: boolean | null, problem: string, what: string) => {
          if (value === true) problems.push(problem);
          else if (value === null) unreported.push(what);
        };
        // Anonymous access is derived from (or shown by) the anonymous global permissions: when they
        // are listed below, they say it more precisely than a second clause would.
        if (!publicSiteIntended && anonymousPermissions.length === 0)
          judge(s.anonymousAccess, 'anonymous visitors can use the product', 'anonymous access');
        if (p.product === 'jira-data-center') {
          judge(
            s.anonymousUserPicker,
            'the user picker lists users to anonymous visitors',
            'the anonymous user picker',
          );
        } else {
          // Confluence has no user-picker probe: its anonymous "View user profiles" is a global
          // permission (judged below); a probe result, when a collector sends one, still counts.
          if (s.anonymousUserPicker === true)
            problems.push('the user picker lists users to anonymous visitors');
          judge(
            s.anonymousRemoteApi,
            'the remote API accepts anonymous calls',
            'anonymous remote API access',
          );
        }
        const held = anonymousPermissions.filter(
          (perm) => !(publicSiteIntended && USE_PERMISSIONS.has(perm)),
        );
        if (held.length > 0) problems.push(`anonymous users hold the global permissions ${held.join(', ')}`);
        const evidence = {
          anonymousAccess: s.anonymousAccess,
          anonymousUserPicker: s.anonymousUserPicker,
          anonymousRemoteApi: s.anonymousRemoteApi,
          anonymousPermissions,
          publicSiteIntended,
        };
        if (problems.length > 0) return fail(resource, `On ${p.name}, ${problems.join('; ')}.`, evidence);
        if (unreported.length > 0) {
          return unknown(resource, `${p.name} did not report ${unreported.join(', ')}.`, evidence);
        }
        return pass(
          resource,
          publicSiteIntended
            ? `${p.name} is public by intent, but anonymous visitors hold nothing beyond using it.`
            : `Anonymous visitors can neither use ${p.name} nor list its users.`,
          evidence,
        );
      });
    },
  });
}
