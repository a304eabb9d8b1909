import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jira_public_sharing_disabled',
  title: 'Public sharing of filters and dashboards is turned off',
  area: 'jira',
  severity: 'high',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.jira-public-sharing', 'jira.filters', 'jira.dashboards'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'No public API reads the "Public sharing" setting of General configuration, so a site admin attests it. ' +
    'The rule also reads the filters and dashboards with their share permissions (`GET /rest/api/3/filter/' +
    'search`, `GET /rest/api/3/dashboard/search`) as evidence: it fails when the setting is attested on, and ' +
    'when it is attested off while filters or dashboards are still shared with the public (`global`).',
  risk:
    'While public sharing is on, any user with the Share dashboards and filters permission can publish a ' +
    'filter or dashboard to the whole internet in one click, and its JQL, names and results leak.',
  remediation: {
    ui: [
      'In Jira, open Settings → System → General configuration and select Edit settings.',
      'Set Public sharing to OFF and select Update.',
      'Remove the public shares that remain (see jira_no_public_filters and jira_no_public_dashboards), then re-attest.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Prevent or remove public access',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/prevent-or-remove-public-access/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3', '4.1'],
    'nist-800-53-r5': ['AC-22', 'CM-6'],
    'iso-27001-2022': ['A.5.15', 'A.8.9'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(ctx) {
    const { value, attestation } = ctx.attested('attested.jira-public-sharing');
    const filters = ctx
      .items('jira.filters')
      .filter((f) => f.sharePermissions.some((s) => s.type === 'global'));
    const dashboards = ctx
      .items('jira.dashboards')
      .filter((d) => d.sharePermissions.some((s) => s.type === 'global'));
    const resource = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name ?? 'site' };
    const evidence = {
      publicSharingEnabled: value.publicSharingEnabled,
      publicFilters: filters.map((f) => f.name),
      publicDashboards: dashboards.map((d) => d.name),
    };
    const exposed = `${filters.length} filters and ${dashboards.length} dashboards are shared with the public`;
    if (value.publicSharingEnabled) {
      return [
        fail(resource, `Public sharing is on (attested by ${attestation.author}); ${exposed}.`, evidence),
      ];
    }
    if (filters.length + dashboards.length > 0) {
      return [
        fail(
          resource,
          `Public sharing is attested off, yet ${exposed}: they predate the change or the attestation is out of date.`,
          evidence,
        ),
      ];
    }
    return [
      pass(resource, 'Public sharing is off and no filter or dashboard is shared with the public.', evidence),
    ];
  },
});
