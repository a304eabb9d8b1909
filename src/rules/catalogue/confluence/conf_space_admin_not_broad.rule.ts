import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { broadGroups } from './broad-groups.ts';

export const rule = defineRule({
  id: 'conf_space_admin_not_broad',
  title: 'No broad group (the product access group) holds Space admin or Delete space',
  area: 'confluence',
  severity: 'medium',
  scope: 'site',
  resourceType: 'space',
  requires: ['confluence.spaces', 'confluence.groups'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every space’s permissions (`GET /wiki/rest/api/space?expand=permissions`) and the groups that ' +
    'confer Confluence access (`GET /wiki/rest/api/group?accessType=user|admin|site-admin`), and fails each ' +
    'space where a broad group — one that confers plain product access and no admin access, or a name ' +
    'declared in the settings — holds `administer` or `delete` on the space.',
  risk:
    'When everyone with Confluence access administers a space, anyone can change its permissions (open it to ' +
    'anonymous users or externals), export it, or delete it and everything in it.',
  remediation: {
    ui: [
      'In the space, open Space settings → Permissions (Users on role-based sites).',
      'Remove Admin and Delete space from the product access group (e.g. confluence-users-<site>).',
      'Grant space administration to a named group of the space’s owners instead.',
    ],
    api: [
      'List the space’s permissions: GET /wiki/api/v2/spaces/{id}/permissions.',
      'Remove the broad group’s administer and delete grants: DELETE /wiki/rest/api/space/{spaceKey}/permission/{id}.',
    ],
  },
  references: [
    {
      title: 'Assign space permissions',
      url: 'https://support.atlassian.com/confluence-cloud/docs/assign-space-permissions/',
    },
    {
      title: 'Confluence REST API v1: groups',
      url: 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-group/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.8', '5.4'],
    'nist-800-53-r5': ['AC-6', 'AC-6(5)'],
    'iso-27001-2022': ['A.8.2', 'A.5.15'],
    soc2: ['CC6.3'],
  },
  settings: z.object({
    broadGroups: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'More group names to treat as broad (e.g. an all-employees group that confers no product access).',
      ),
  }),
  evaluate(ctx) {
    const broad = broadGroups(ctx.items('confluence.groups'), ctx.settings.broadGroups);
    return ctx.items('confluence.spaces').map((space) => {
      const resource = { id: space.key, name: space.name };
      const risky = space.permissions.filter(
        (p) =>
          p.subjectType === 'group' &&
          (p.operation === 'administer' || (p.operation === 'delete' && p.targetType === 'space')) &&
          broad.has(p.groupId, p.groupName),
      );
      const byGroup = new Map<string, string[]>();
      for (const p of risky) {
        const name = p.groupName ?? p.groupId ?? 'unknown group';
        byGroup.set(name, [...(byGroup.get(name) ?? []), `${p.operation}/${p.targetType}`]);
      }
      const evidence = {
        broadGrants: [...byGroup].map(([group, operations]) => ({ group, operations })),
        broadGroups: broad.names,
      };
      if (byGroup.size === 0)
        return pass(resource, `${space.key} gives no broad group admin or delete rights.`, evidence);
      const list = [...byGroup].map(([group, ops]) => `${group} (${ops.join(', ')})`).join('; ');
      return fail(resource, `${space.key} lets broad groups administer or delete it: ${list}.`, evidence);
    });
  },
});
