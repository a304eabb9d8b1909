import { defineRule } from '../../define-rule.ts';
import { publicShareOutcomes } from './public-shares.ts';

export const rule = defineRule({
  id: 'jira_no_public_filters',
  title: 'No filter is shared with the public',
  area: 'jira',
  severity: 'high',
  scope: 'site',
  resourceType: 'filter',
  requires: ['jira.filters'],
  optional: ['jira.users'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every filter of the site with its share permissions (`GET /rest/api/3/filter/search?expand=' +
    'sharePermissions&overrideSharePermissions=true`, which an admin sees whatever the sharing) and fails each ' +
    'filter with a share permission of type `global` (shared with the public, anyone on the web). The site ' +
    'passes when none is.',
  risk:
    'A public filter can be opened by anyone without logging in: its name, JQL, owner and, where projects ' +
    'are browsable, its results leak, and search engines index them.',
  remediation: {
    ui: [
      'In Jira, open Settings → System → Shared filters and look for "Shared with the public".',
      'Choose … → Change owner and make yourself the owner of the filter.',
      'Open Filters → View all filters, edit the filter and remove the public share (share it with a group or project instead).',
    ],
    api: [
      'List the share permissions: GET /rest/api/3/filter/{id}/permission.',
      'Delete the public one: DELETE /rest/api/3/filter/{id}/permission/{permissionId}.',
    ],
  },
  references: [
    {
      title: 'Prevent or remove public access',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/prevent-or-remove-public-access/',
    },
    {
      title: 'Jira REST API: filter sharing',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-filter-sharing/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3', 'A.8.12'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(ctx) {
    return publicShareOutcomes(
      ctx.items('jira.filters'),
      { one: 'Filter', many: 'filters' },
      ctx.optional('jira.users'),
      ctx.site,
    );
  },
});
