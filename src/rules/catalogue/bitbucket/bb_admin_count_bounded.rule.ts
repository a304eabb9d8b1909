import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { isWorkspaceAdmin, WORKSPACE_ACCESS_DOCS, workspaceResource } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_admin_count_bounded',
  title: 'Between 2 and 4 people administer the Bitbucket workspace',
  area: 'bitbucket',
  severity: 'medium',
  scope: 'site',
  resourceType: 'workspace',
  requires: ['bitbucket.members'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the workspace’s members and their permission (`GET /2.0/workspaces/{workspace}/permissions`) and ' +
    'counts the workspace administrators (`owner`). Fails above the maximum (4 by default: blast radius) and ' +
    'below the minimum (2: nobody left to administer the workspace when the only admin leaves).',
  risk:
    'A workspace admin can make any repository public, change every branch restriction, read and change ' +
    'Pipelines variables, add webhooks and access keys, and grant access to anyone: each admin account is a ' +
    'path to all of the workspace’s code.',
  remediation: {
    ui: [
      'In Bitbucket, open Workspace settings → User groups (or the workspace’s Users page in admin.atlassian.com).',
      'Remove the Administrator permission from people who do not need it; give them project or repository admin instead.',
      'If there is only one admin, add a second trusted person.',
    ],
    api: null,
  },
  references: WORKSPACE_ACCESS_DOCS,
  compliance: {
    'cis-controls-v8': ['5.4', '6.8'],
    'nist-800-53-r5': ['AC-2(7)', 'AC-6', 'AC-6(5)'],
    'iso-27001-2022': ['A.8.2'],
    soc2: ['CC6.3'],
  },
  settings: z.object({
    minAdmins: z
      .number()
      .int()
      .positive()
      .default(2)
      .describe('Fewest workspace admins (below it one departure leaves nobody to administer it).'),
    maxAdmins: z.number().int().positive().default(4).describe('Most workspace admins.'),
  }),
  evaluate(ctx) {
    const { minAdmins, maxAdmins } = ctx.settings;
    const admins = ctx.items('bitbucket.members').filter(isWorkspaceAdmin);
    const names = admins.map((m) => m.displayName).join(', ');
    const resource = workspaceResource(ctx.site);
    const evidence = { admins: admins.map((m) => ({ userUuid: m.userUuid, name: m.displayName })) };
    if (admins.length > maxAdmins)
      return [
        fail(resource, `${admins.length} workspace admins, more than ${maxAdmins}: ${names}.`, evidence),
      ];
    if (admins.length < minAdmins)
      return [
        fail(
          resource,
          admins.length === 0
            ? `No workspace admin was found (at least ${minAdmins} needed).`
            : `${admins.length} workspace admin, fewer than ${minAdmins}: ${names}.`,
          evidence,
        ),
      ];
    return [pass(resource, `${admins.length} workspace admins: ${names}.`, evidence)];
  },
});
