import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { broadGroups } from './broad-groups.ts';

export const rule = defineRule({
  id: 'jira_bulk_change_restricted',
  title: 'The global permission "Make bulk changes" is not granted to all users',
  area: 'jira',
  severity: 'low',
  scope: 'site',
  resourceType: 'global-permission',
  requires: ['attested.jira-global-permissions', 'jira.groups'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Jira has no public API that lists who holds a global permission, so a site admin attests the groups ' +
    'granted "Make bulk changes" (BULK_CHANGE) on the Global permissions page. The rule fails when Anyone on ' +
    'the web holds it, or a group that holds every user does: a product access group (`GET /rest/api/3/' +
    'group/bulk?accessType=user`, admin groups excepted) or a group named in the settings.',
  risk:
    'Atlassian warns that bulk change lets one user (or one stolen session) edit, move, delete or comment on ' +
    'thousands of issues at once, changes that are hard to undo.',
  remediation: {
    ui: [
      'In Jira, open Settings → System → Global permissions.',
      'Remove the product access groups (and Anyone) from "Make bulk changes".',
      'Grant it to a dedicated group of people who need it, then re-attest.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage global permissions',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-global-permissions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.8'],
    'nist-800-53-r5': ['AC-3', 'AC-6'],
    'iso-27001-2022': ['A.5.15', 'A.8.2'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  settings: z.object({
    broadGroups: z
      .array(z.string().min(1))
      .default([])
      .describe('More groups that hold everyone (an identity provider’s all-staff group), by name.'),
  }),
  evaluate(ctx) {
    const resource = { id: 'BULK_CHANGE', name: 'Make bulk changes' };
    const entry = ctx
      .attested('attested.jira-global-permissions')
      .value.permissions.find((p) => p.permission === 'BULK_CHANGE');
    if (!entry) {
      return [
        unknown(
          resource,
          'The global permissions attestation does not record Make bulk changes (BULK_CHANGE).',
        ),
      ];
    }
    const broad = broadGroups(ctx.items('jira.groups'), ctx.settings.broadGroups);
    const tooBroad = entry.groups.filter((g) => broad.has({ name: g }));
    const evidence = { groups: entry.groups, anyone: entry.anyone, broadGroups: tooBroad };
    if (entry.anyone) {
      return [fail(resource, 'Make bulk changes is granted to Anyone on the web.', evidence)];
    }
    if (tooBroad.length > 0) {
      return [
        fail(
          resource,
          `Make bulk changes is granted to ${tooBroad.join(', ')}, which every user is in.`,
          evidence,
        ),
      ];
    }
    const holders = entry.groups.length > 0 ? entry.groups.join(', ') : 'no group';
    return [pass(resource, `Make bulk changes is granted only to ${holders}.`, evidence)];
  },
});
