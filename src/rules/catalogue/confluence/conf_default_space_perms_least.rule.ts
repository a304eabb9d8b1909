import { z } from 'zod';
import { DEFAULT_SPACE_PERMISSIONS } from '../../attestation-subjects-confluence.ts';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { broadGroups } from './broad-groups.ts';

export const rule = defineRule({
  id: 'conf_default_space_perms_least',
  title: 'Default space permissions give anonymous users nothing and broad groups no admin or delete rights',
  area: 'confluence',
  severity: 'medium',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.confluence-default-space-permissions', 'confluence.groups'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Attestation and API: no public API reads default space permissions, so a Confluence admin attests ' +
    'them; the groups that confer Confluence access are read from `GET /wiki/rest/api/group?accessType=…` ' +
    'to tell broad groups (plain product access, no admin access) from admin groups. Fails when the ' +
    'Anonymous row grants anything, or "All licensed users" or a broad group gets a forbidden permission ' +
    '(by default administer, delete-space and delete-content).',
  risk:
    'Every new space inherits the defaults: an anonymous or all-users admin/delete default repeats the flaw ' +
    'in each space created from then on, silently.',
  remediation: {
    ui: [
      'In Confluence, open Settings → Security → Space permissions → Default space permissions (or Defaults for new spaces).',
      'Remove every anonymous permission, and Admin and Delete rights from the product access group and All licensed users.',
      'Record the new defaults in Palisade’s attestation of Confluence default space permissions.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Set default access for all new spaces created',
      url: 'https://support.atlassian.com/confluence-cloud/docs/set-default-access-for-all-new-spaces-created/',
    },
    {
      title: 'Assign space permissions',
      url: 'https://support.atlassian.com/confluence-cloud/docs/assign-space-permissions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['4.1', '6.8', '3.3'],
    'nist-800-53-r5': ['CM-2', 'CM-6', 'AC-6'],
    'iso-27001-2022': ['A.8.9', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  settings: z.object({
    forbiddenForBroadGroups: z
      .array(z.enum(DEFAULT_SPACE_PERMISSIONS))
      .default(['administer', 'delete-space', 'delete-content'])
      .describe('Default permissions that all licensed users and broad groups must not get.'),
    broadGroups: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'More group names to treat as broad, besides the groups that confer plain Confluence access.',
      ),
  }),
  evaluate(ctx) {
    const site = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    const defaults = ctx.attested('attested.confluence-default-space-permissions').value;
    const broad = broadGroups(ctx.items('confluence.groups'), ctx.settings.broadGroups);
    const forbidden = new Set<string>(ctx.settings.forbiddenForBroadGroups);
    const problems: string[] = [];
    if (defaults.anonymous.length > 0) problems.push(`Anonymous gets ${defaults.anonymous.join(', ')}`);
    const allUsers = (defaults.allLicensedUsers ?? []).filter((p) => forbidden.has(p));
    if (allUsers.length > 0) problems.push(`All licensed users get ${allUsers.join(', ')}`);
    for (const group of defaults.groups) {
      if (!broad.has(null, group.name)) continue;
      const bad = group.permissions.filter((p) => forbidden.has(p));
      if (bad.length > 0) problems.push(`${group.name} gets ${bad.join(', ')}`);
    }
    const evidence = {
      anonymous: [...defaults.anonymous],
      allLicensedUsers: defaults.allLicensedUsers ? [...defaults.allLicensedUsers] : null,
      groups: defaults.groups.map((g) => ({ name: g.name, permissions: [...g.permissions] })),
      broadGroups: broad.names,
    };
    if (problems.length === 0) {
      return [
        pass(
          site,
          'New spaces start with no anonymous access and no broad admin or delete rights.',
          evidence,
        ),
      ];
    }
    return [fail(site, `Every new space inherits: ${problems.join('; ')}.`, evidence)];
  },
});
