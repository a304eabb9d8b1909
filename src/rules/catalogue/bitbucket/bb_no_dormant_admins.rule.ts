import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { daysSince, isWorkspaceAdmin, memberResource, WORKSPACE_ACCESS_DOCS } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_no_dormant_admins',
  title: 'No workspace admin has been inactive for more than 90 days',
  area: 'bitbucket',
  severity: 'medium',
  scope: 'site',
  resourceType: 'user',
  requires: ['bitbucket.members'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the workspace’s administrators (`owner` permission) and when each last accessed the workspace ' +
    '(`last_accessed`), and fails each admin inactive for longer than the configured number of days (90 by ' +
    'default). Bitbucket stops sending the date once the workspace’s users are managed in admin.atlassian.com; ' +
    'those admins are unknown here (org_no_dormant_admins covers managed accounts).',
  risk:
    'An admin account nobody uses is nobody’s to notice when it is taken over, and keeps full control of the ' +
    'workspace after its owner changed role or left.',
  remediation: {
    ui: [
      'Confirm with each admin named whether they still need the role.',
      'In Bitbucket, open Workspace settings → User groups (or the workspace’s users in admin.atlassian.com) and remove the Administrator permission, or the account, from those who do not.',
    ],
    api: null,
  },
  references: WORKSPACE_ACCESS_DOCS,
  compliance: {
    'cis-controls-v8': ['5.3'],
    'nist-800-53-r5': ['AC-2(3)', 'AC-6(7)'],
    'iso-27001-2022': ['A.5.18', 'A.8.2'],
    soc2: ['CC6.2'],
  },
  settings: z.object({
    maxIdleDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Days without access before a workspace admin is dormant.'),
  }),
  evaluate(ctx) {
    const { maxIdleDays } = ctx.settings;
    return ctx
      .items('bitbucket.members')
      .filter(isWorkspaceAdmin)
      .map((m): RuleOutcome => {
        const resource = memberResource(m);
        const evidence = { userUuid: m.userUuid, lastAccessed: m.lastAccessed, addedOn: m.addedOn };
        if (m.lastAccessed === null)
          return unknown(
            resource,
            `Bitbucket does not say when ${m.displayName} last accessed the workspace.`,
            evidence,
          );
        const idle = daysSince(m.lastAccessed, ctx.now);
        if (idle > maxIdleDays)
          return fail(
            resource,
            `Workspace admin ${m.displayName} last accessed the workspace ${idle} days ago.`,
            evidence,
          );
        return pass(resource, `${m.displayName} accessed the workspace ${idle} days ago.`, evidence);
      });
  },
});
