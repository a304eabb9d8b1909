import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_anonymous_site_disabled',
  title: 'Site-level anonymous access ("Use Confluence" for anonymous users) is off',
  area: 'confluence',
  severity: 'critical',
  scope: 'site',
  resourceType: 'site',
  requires: ['confluence.anonymous'],
  plan: 'any',
  credential: 'none',
  description:
    'Unauthenticated probe: Palisade asks the site, without credentials, what the anonymous user may do ' +
    '(`GET /wiki/rest/api/user/anonymous?expand=operations`) and fails when the answer includes `use` on ' +
    '`application` — the global "Use Confluence" permission granted to anonymous users. The spaces an ' +
    'anonymous space listing returns are reported alongside. A site whose "Anonymous access to remote API" ' +
    "is off refuses the probe (401); the anonymous user's permissions are then read with the site " +
    'credential, since browser access is a separate setting.',
  risk:
    'With anonymous use on, any space whose admin grants anonymous access is published to the internet, ' +
    'where search engines index it and nobody can tell who read what.',
  remediation: {
    ui: [
      'In Confluence, open Settings → Security → Global permissions and select the Anonymous access tab.',
      'Select Edit and clear "Use Confluence" (and "View user profiles") for anonymous users, then save.',
      'On role-based sites, open Settings → Anonymous access and turn anonymous access off for the site.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage global permissions in Confluence Cloud',
      url: 'https://support.atlassian.com/confluence-cloud/docs/manage-global-permissions/',
    },
    {
      title: 'Confluence REST API v1: get anonymous user',
      url: 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-users/#api-wiki-rest-api-user-anonymous-get',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-14', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(ctx) {
    const site = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    return ctx.items('confluence.anonymous').map((probe) => {
      const refused = probe.anonymousRefused === true;
      const evidence = {
        siteAccess: probe.siteAccess,
        operations: probe.operations.map((o) => `${o.operation}/${o.targetType}`),
        visibleSpaceKeys: [...probe.visibleSpaceKeys],
        ...(refused ? { anonymousApiRefused: true } : {}),
      };
      // The remote API refusing anonymous callers does not close the site to anonymous browsers.
      const api = refused
        ? ' Unauthenticated API calls are refused ("Anonymous access to remote API" is off).'
        : '';
      if (probe.siteAccess === null) {
        return unknown(
          site,
          'The site refuses unauthenticated API calls ("Anonymous access to remote API" is off) and no ' +
            "credential could read the anonymous user's permissions, so whether anonymous visitors may use " +
            'Confluence in the browser is unknown.',
          evidence,
        );
      }
      if (!probe.siteAccess) {
        return pass(site, `Anonymous users cannot use Confluence on this site.${api}`, evidence);
      }
      if (refused) {
        return fail(
          site,
          `Anonymous users may use Confluence on this site.${api} Browsers still reach whatever spaces grant anonymous access.`,
          evidence,
        );
      }
      const visible =
        probe.visibleSpaceKeys.length > 0
          ? ` An anonymous visitor can list ${probe.visibleSpaceKeys.length} space(s): ${probe.visibleSpaceKeys.join(', ')}.`
          : ' No space is readable anonymously yet, but any space admin can publish one.';
      return fail(site, `Anonymous users may use Confluence on this site.${visible}`, evidence);
    });
  },
});
