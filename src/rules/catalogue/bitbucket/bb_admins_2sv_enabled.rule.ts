import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { isWorkspaceAdmin, memberResource } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_admins_2sv_enabled',
  title: 'Every workspace admin has two-step verification on',
  area: 'bitbucket',
  severity: 'high',
  scope: 'site',
  resourceType: 'user',
  requires: ['bitbucket.members'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the workspace’s administrators (`owner` permission) and the `has_2fa_enabled` flag Bitbucket sends ' +
    'on their user record. Fails each admin without two-step verification; Bitbucket sends the flag for few ' +
    'accounts, so an admin it says nothing about is unknown (bb_2sv_required covers the whole workspace by attestation).',
  risk:
    'A workspace admin whose only factor is a password — phished, reused or sprayed — hands over every ' +
    'repository, variable and setting of the workspace.',
  remediation: {
    ui: [
      'Ask each admin named to turn on two-step verification for their Atlassian account (id.atlassian.com → Security).',
      'On Premium, require it for the whole workspace: Workspace settings → Access controls → Require two-step verification.',
      'If the accounts are managed, enforce it in admin.atlassian.com with an authentication policy.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Enable two-step verification',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/enable-two-step-verification/',
    },
    {
      title: 'Control access to private content in a workspace',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/control-access-to-private-content-in-a-workspace/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.5'],
    'nist-800-53-r5': ['IA-2(1)'],
    'iso-27001-2022': ['A.8.5'],
    soc2: ['CC6.1'],
  },
  evaluate(ctx) {
    return ctx
      .items('bitbucket.members')
      .filter(isWorkspaceAdmin)
      .map((m): RuleOutcome => {
        const resource = memberResource(m);
        const evidence = { userUuid: m.userUuid, permission: m.permission, has2faEnabled: m.has2faEnabled };
        if (m.has2faEnabled === null)
          return unknown(
            resource,
            `Bitbucket does not say whether ${m.displayName} uses two-step verification.`,
            evidence,
          );
        if (m.has2faEnabled) return pass(resource, `${m.displayName} uses two-step verification.`, evidence);
        return fail(
          resource,
          `Workspace admin ${m.displayName} signs in without two-step verification.`,
          evidence,
        );
      });
  },
});
