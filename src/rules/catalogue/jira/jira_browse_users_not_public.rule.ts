import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jira_browse_users_not_public',
  title: 'The global permission "Browse users and groups" is not granted to anyone on the web',
  area: 'jira',
  severity: 'high',
  scope: 'site',
  resourceType: 'global-permission',
  requires: ['jira.anonymous-permissions'],
  plan: 'any',
  credential: 'none',
  description:
    'Unauthenticated probe: Jira has no public API that lists global-permission grants, so Palisade asks ' +
    '`GET /rest/api/3/mypermissions?permissions=USER_PICKER` without credentials; Jira answers for the ' +
    'anonymous user, and `havePermission: true` means the permission is granted to "Anyone on the web".',
  risk:
    'Anyone on the internet can list your users and groups (names, account ids, avatars) through the user ' +
    'picker, which feeds targeted phishing and password spraying against your staff.',
  remediation: {
    ui: [
      'In Jira, open Settings → System → Global permissions.',
      'Find "Browse users and groups" and remove "Anyone on the web" (public).',
      'Keep it granted to the product access groups that need it.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Prevent or remove public access',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/prevent-or-remove-public-access/',
    },
    {
      title: 'Manage global permissions',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-global-permissions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-14', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(ctx) {
    const resource = { id: 'USER_PICKER', name: 'Browse users and groups' };
    const site = ctx.items('jira.anonymous-permissions').find((r) => r.scope === 'site');
    if (!site?.probed.includes('USER_PICKER')) {
      return [
        unknown(resource, 'The anonymous probe did not ask about Browse users and groups (USER_PICKER).'),
      ];
    }
    const refused = site.anonymousRefused === true;
    const evidence = {
      anonymousHolds: site.held.includes('USER_PICKER'),
      ...(refused ? { anonymousRefused: true } : {}),
    };
    if (site.held.includes('USER_PICKER')) {
      return [
        fail(
          resource,
          'Anonymous visitors hold Browse users and groups: anyone on the web can list your users.',
          evidence,
        ),
      ];
    }
    const why = refused ? ' The site refuses unauthenticated calls (401 to the anonymous probe).' : '';
    return [pass(resource, `Anonymous visitors cannot browse users and groups.${why}`, evidence)];
  },
});
