import { defineRule } from '../../define-rule.ts';
import { publicShareOutcomes } from './public-shares.ts';

export const rule = defineRule({
  id: 'jira_no_public_dashboards',
  title: 'No dashboard is shared with the public',
  area: 'jira',
  severity: 'high',
  scope: 'site',
  resourceType: 'dashboard',
  requires: ['jira.dashboards'],
  optional: ['jira.users'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the dashboards with their share permissions (`GET /rest/api/3/dashboard/search?expand=' +
    'sharePermissions`) and fails each dashboard with a share permission of type `global` (shared with the ' +
    'public, anyone on the web). The search lists what the Palisade account can see, which includes every ' +
    'public dashboard. The site passes when none is public.',
  risk:
    'A public dashboard opens without logging in: its gadgets show issue data, names and statistics to ' +
    'anyone with the link, and search engines index it.',
  remediation: {
    ui: [
      'In Jira, open Settings → System → Shared dashboards and look for "Shared with the public".',
      'Choose … → Change owner and make yourself the owner of the dashboard.',
      'Open the dashboard, choose … → Edit and sharing, and remove the public share (share it with a group or project instead).',
    ],
    api: [
      'Read the dashboard: GET /rest/api/3/dashboard/{id}.',
      'Replace its share permissions without the global one: PUT /rest/api/3/dashboard/{id} with the new sharePermissions.',
    ],
  },
  references: [
    {
      title: 'Prevent or remove public access',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/prevent-or-remove-public-access/',
    },
    {
      title: 'Jira REST API: dashboards',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dashboards/',
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
      ctx.items('jira.dashboards'),
      { one: 'Dashboard', many: 'dashboards' },
      ctx.optional('jira.users'),
      ctx.site,
    );
  },
});
