import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jira_permission_scheme_no_anyone',
  title: 'No permission scheme grants anything to Anyone (anonymous users)',
  area: 'jira',
  severity: 'critical',
  scope: 'site',
  resourceType: 'permission-scheme',
  requires: ['jira.permission-schemes'],
  optional: ['jira.projects'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every permission scheme with its grants (`GET /rest/api/3/permissionscheme?expand=permissions`) and ' +
    'fails each scheme that has a grant whose holder type is `anyone`, naming the projects that use it.',
  risk:
    'A Browse Projects grant to Anyone publishes the project to the internet, where search engines index it; ' +
    'Create Issues or Add Comments lets anyone inject content and links into it.',
  remediation: {
    ui: [
      'In Jira, open Settings → Issues → Permission schemes and select Permissions on the scheme.',
      'Remove every grant to "Anyone on the web" (public).',
      'Grant the permission to a group, a project role or "Any logged in user" instead.',
    ],
    api: [
      'List the scheme’s grants: GET /rest/api/3/permissionscheme/{schemeId}/permission.',
      'Delete each grant whose holder type is "anyone": DELETE /rest/api/3/permissionscheme/{schemeId}/permission/{permissionId}.',
      'Add the replacement grant: POST /rest/api/3/permissionscheme/{schemeId}/permission.',
    ],
  },
  references: [
    {
      title: 'Manage project permissions',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/',
    },
    {
      title: 'Jira REST API: permission schemes',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permission-schemes/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-14', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  settings: z.object({
    ignoreUnusedSchemes: z
      .boolean()
      .default(false)
      .describe(
        'Pass schemes no project uses. Off by default: assigning such a scheme to a project exposes it at once.',
      ),
  }),
  evaluate(ctx) {
    const projects = ctx.optional('jira.projects');
    return ctx.items('jira.permission-schemes').map((scheme) => {
      const resource = { id: String(scheme.id), name: scheme.name };
      const anyone = [
        ...new Set(scheme.grants.filter((g) => g.holderType === 'anyone').map((g) => g.permission)),
      ];
      const usedBy = projects?.filter((p) => p.permissionSchemeId === scheme.id).map((p) => p.key);
      const evidence = { anonymousPermissions: anyone, projects: usedBy ?? null };
      if (anyone.length === 0) return pass(resource, `${scheme.name} grants nothing to Anyone.`, evidence);
      // Without the project list we cannot tell an unused scheme, so it counts as used.
      if (ctx.settings.ignoreUnusedSchemes && usedBy?.length === 0) {
        return pass(
          resource,
          `${scheme.name} grants ${anyone.join(', ')} to Anyone but no project uses it.`,
          evidence,
        );
      }
      const where =
        usedBy === undefined
          ? ''
          : usedBy.length === 0
            ? ' (no project uses it yet)'
            : ` (used by ${usedBy.join(', ')})`;
      return fail(resource, `${scheme.name} grants ${anyone.join(', ')} to Anyone${where}.`, evidence);
    });
  },
});
