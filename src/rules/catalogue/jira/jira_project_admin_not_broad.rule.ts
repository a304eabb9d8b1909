import { z } from 'zod';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { broadGroups } from './broad-groups.ts';

type ProjectRole = DatasetRecord<'jira.project-roles'>;

const isAdminRole = (role: { admin: boolean | null; roleName: string }) =>
  role.admin === true || (role.admin === null && /^administrators?$/i.test(role.roleName));

export const rule = defineRule({
  id: 'jira_project_admin_not_broad',
  title: 'Project administration is not granted to everyone with Jira access',
  area: 'jira',
  severity: 'medium',
  scope: 'site',
  resourceType: 'project',
  requires: ['jira.projects', 'jira.permission-schemes', 'jira.project-roles', 'jira.groups'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each live project, reads who holds Administer Projects: the grants of its permission scheme ' +
    '(`GET /rest/api/3/permissionscheme?expand=permissions`), the actors of the project roles those grants ' +
    'name and of the project’s admin role, "Administrators" (`GET /rest/api/3/project/{id}/role/{roleId}`). ' +
    'It fails when any of them is broad: Anyone, any logged-in user or every user of a product ' +
    '(`applicationRole`), a product access group (`GET /rest/api/3/group/bulk?accessType=user`, admin groups ' +
    'excepted) or a group named in the settings.',
  risk:
    'A project administrator changes the project’s permissions, roles, workflows and automation rules: when ' +
    'every user holds it, anyone can open the project to others, grant themselves access to restricted ' +
    'issues or plant automation that acts with the rule actor’s rights.',
  remediation: {
    ui: [
      'Open the project, then Project settings → People (or Access) and remove the product access group from the Administrators role.',
      'If the permission scheme grants Administer Projects to a broad group or to any logged-in user, edit it in Settings → Issues → Permission schemes.',
      'Grant project administration to a named group or the project lead instead.',
    ],
    api: [
      'Remove a group from a project role: DELETE /rest/api/3/project/{projectIdOrKey}/role/{roleId}?groupId={groupId}.',
      'Remove a scheme grant: DELETE /rest/api/3/permissionscheme/{schemeId}/permission/{permissionId}.',
    ],
  },
  references: [
    {
      title: 'Manage project permissions',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/',
    },
    {
      title: 'Jira REST API: project role actors',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-role-actors/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.4', '6.8'],
    'nist-800-53-r5': ['AC-6', 'AC-6(5)'],
    'iso-27001-2022': ['A.8.2', 'A.5.15'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  settings: z.object({
    broadGroups: z
      .array(z.string().min(1))
      .default([])
      .describe('More groups that hold everyone (an identity provider’s all-staff group), by name.'),
  }),
  evaluate(ctx) {
    const broad = broadGroups(ctx.items('jira.groups'), ctx.settings.broadGroups);
    const schemes = new Map(ctx.items('jira.permission-schemes').map((s) => [s.id, s]));
    // Grouped once: filtering every project's roles out of the site's list is quadratic (xl: 3,000
    // projects × 5,000 role records per site).
    const rolesByProject = new Map<string, ProjectRole[]>();
    for (const r of ctx.items('jira.project-roles')) {
      const list = rolesByProject.get(r.projectId);
      if (list) list.push(r);
      else rolesByProject.set(r.projectId, [r]);
    }
    return ctx
      .items('jira.projects')
      .filter((p) => !p.archived)
      .map((p): RuleOutcome => {
        const resource = { id: p.id, name: p.key };
        const projectRoles = rolesByProject.get(p.id) ?? [];
        const found = new Set<string>();
        const broadActors = (role: (typeof projectRoles)[number]) => {
          for (const a of role.actors) {
            if (a.type === 'group' && broad.has({ groupId: a.groupId, name: a.groupName })) {
              found.add(`group ${a.groupName ?? a.groupId} in the ${role.roleName} role`);
            }
          }
        };
        const scheme = p.permissionSchemeId === null ? undefined : schemes.get(p.permissionSchemeId);
        for (const g of scheme?.grants ?? []) {
          if (g.permission !== 'ADMINISTER_PROJECTS') continue;
          const via = ` (scheme ${scheme?.name})`;
          if (g.holderType === 'anyone') found.add(`Anyone on the web${via}`);
          else if (g.holderType === 'applicationRole') {
            found.add(
              `${g.holderParameter ? `every ${g.holderParameter} user` : 'any logged-in user'}${via}`,
            );
          } else if (
            g.holderType === 'group' &&
            broad.has({ groupId: g.holderValue, name: g.holderParameter })
          ) {
            found.add(`group ${g.holderParameter ?? g.holderValue}${via}`);
          } else if (g.holderType === 'projectRole') {
            const roleId = Number(g.holderValue ?? g.holderParameter);
            for (const role of projectRoles.filter((r) => r.roleId === roleId)) broadActors(role);
          }
        }
        for (const role of projectRoles.filter(isAdminRole)) broadActors(role);
        const evidence = { permissionScheme: scheme?.name ?? null, broadHolders: [...found] };
        if (found.size > 0) {
          return fail(resource, `Everyone can administer ${p.key}: ${[...found].join('; ')}.`, evidence);
        }
        if (!scheme) {
          return unknown(
            resource,
            `The permission scheme of ${p.key} is unknown, so who holds Administer Projects there cannot be told.`,
            evidence,
          );
        }
        return pass(resource, `Only named groups, roles and people administer ${p.key}.`, evidence);
      });
  },
});
