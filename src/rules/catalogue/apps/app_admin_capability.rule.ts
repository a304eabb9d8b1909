import { adminScopes } from '../../../app-risk/model/scopes.ts';
import { defineAppRule, scopesEvidence, whyScopesUnreadable } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_admin_capability',
  title: 'No app holds site administration (Connect ADMIN or a Forge manage:*-configuration scope)',
  area: 'apps',
  severity: 'high',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, reads its granted scopes — Forge scopes from the GraphQL gateway, Connect scopes ' +
    'from the Marketplace listing of the installed version — and fails when one administers the product: ' +
    'Connect ADMIN or a Forge manage:*-configuration scope. Unknown when the scopes are not readable.',
  risk:
    'An app with administration scopes can change permission schemes, groups and global settings: full ' +
    'administrative power held by a third party and by anyone who compromises it.',
  remediation: {
    ui: [
      'Confirm with the app owner that the app needs administration; record the decision in Palisade.',
      'Restrict it with an app access rule, or replace it with a least-privilege alternative.',
      'Uninstall it where the need is not confirmed (Apps → Manage apps).',
    ],
    api: [
      'DELETE /rest/plugins/1.0/{appKey}-key (UPM) uninstalls a Connect app; Forge apps only in the admin UI.',
    ],
  },
  references: [
    {
      title: 'Scopes for Connect apps',
      url: 'https://developer.atlassian.com/cloud/jira/platform/scopes-for-connect-apps/',
    },
    {
      title: 'Forge and OAuth 2.0 scopes',
      url: 'https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.4', '2.5'],
    'nist-800-53-r5': ['AC-6', 'AC-6(5)', 'SA-9'],
    'iso-27001-2022': ['A.8.2', 'A.5.19'],
    soc2: ['CC6.3', 'CC9.2'],
  },
  check(i, { resource }) {
    if (i.scopesSource === null) {
      return unknown(
        resource,
        `Whether ${i.name} administers the site is unknown: ${whyScopesUnreadable(i)}.`,
      );
    }
    const admin = adminScopes(i.scopes);
    const evidence = { scopes: admin, source: scopesEvidence(i), vendor: i.vendorName };
    return admin.length > 0
      ? fail(resource, `${i.name} holds administration scopes: ${admin.join(', ')}.`, evidence)
      : pass(resource, `${i.name} holds no administration scope.`, { source: scopesEvidence(i) });
  },
});
