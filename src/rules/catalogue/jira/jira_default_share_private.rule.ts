import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jira_default_share_private',
  title: 'New filters and dashboards are private by default',
  area: 'jira',
  severity: 'low',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.jira-default-share-scope'],
  plan: 'any',
  credential: 'none',
  description:
    'The site-wide default (Default user preferences → Default sharing for filters and dashboards) has no ' +
    'public read API: `GET /rest/api/3/filter/defaultShareScope` answers only for the calling user. So a site ' +
    'admin attests it, and the rule passes when the default is Private.',
  risk:
    'With a Public default every new filter and dashboard is shared with all logged-in users, external ' +
    'collaborators included, unless its owner remembers to restrict it.',
  remediation: {
    ui: [
      'In Jira, open Settings → System → Default user preferences and select Edit default values.',
      'Set Default sharing for filters and dashboards (Default access) to Private and select Update.',
    ],
    api: ['Only per user: PUT /rest/api/3/filter/defaultShareScope with {"scope":"PRIVATE"} as each user.'],
  },
  references: [
    {
      title: 'Prevent or remove public access',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/prevent-or-remove-public-access/',
    },
    {
      title: 'Jira REST API: default share scope',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-filter-sharing/#api-rest-api-3-filter-defaultsharescope-get',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3', '4.1'],
    'nist-800-53-r5': ['AC-3', 'CM-6'],
    'iso-27001-2022': ['A.5.15', 'A.8.9'],
    soc2: ['CC6.1'],
  },
  evaluate(ctx) {
    const { value } = ctx.attested('attested.jira-default-share-scope');
    const resource = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name ?? 'site' };
    const evidence = { defaultSharing: value.defaultSharing };
    if (value.defaultSharing === 'private') {
      return [pass(resource, 'New filters and dashboards are private by default.', evidence)];
    }
    return [
      fail(resource, 'New filters and dashboards are shared with every logged-in user by default.', evidence),
    ];
  },
});
