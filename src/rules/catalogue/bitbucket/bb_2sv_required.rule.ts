import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, unknown } from '../../outcome.ts';
import { belowPremium } from './access-controls.ts';
import { workspaceResource } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_2sv_required',
  title: 'The workspace requires two-step verification to access its private content',
  area: 'bitbucket',
  severity: 'high',
  scope: 'site',
  resourceType: 'workspace',
  requires: ['attested.bitbucket-access-controls'],
  plan: 'any',
  credential: 'none',
  description:
    'No public API reads a workspace’s Access controls, or its plan, so a workspace admin attests them. Passes ' +
    'when "Require two-step verification" is selected; fails when it is not. The setting is a Bitbucket Premium ' +
    'feature: on the Free and Standard plans the rule is not applicable (managed accounts can still be held to ' +
    'two-step verification by an authentication policy, see org_2sv_enforced_non_sso).',
  risk:
    'Without it, a phished or reused password is enough to read, clone and push to every private repository ' +
    'the account can reach.',
  remediation: {
    ui: [
      'In Bitbucket, open Workspace settings → Access controls.',
      'Select "Require two-step verification" and Update; members without it are prompted to turn it on.',
      'Re-attest the workspace’s access controls in Palisade.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Control access to private content in a workspace',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/control-access-to-private-content-in-a-workspace/',
    },
    {
      title: 'Enable two-step verification',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/enable-two-step-verification/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.3', '6.5'],
    'nist-800-53-r5': ['IA-2(1)', 'IA-2(2)'],
    'iso-27001-2022': ['A.8.5'],
    soc2: ['CC6.1'],
  },
  evaluate(ctx) {
    const { value } = ctx.attested('attested.bitbucket-access-controls');
    const resource = workspaceResource(ctx.site);
    const evidence = {
      plan: value.plan,
      twoStepVerificationRequired: value.twoStepVerificationRequired ?? null,
    };
    const below = belowPremium(value);
    if (below)
      return [
        notApplicable(
          resource,
          `Requiring two-step verification needs Bitbucket Premium; ${below}.`,
          evidence,
        ),
      ];
    if (value.twoStepVerificationRequired === undefined)
      return [
        unknown(
          resource,
          'The attestation does not record whether two-step verification is required.',
          evidence,
        ),
      ];
    if (value.twoStepVerificationRequired)
      return [
        pass(
          resource,
          'The workspace requires two-step verification to access its private content.',
          evidence,
        ),
      ];
    return [
      fail(
        resource,
        'The workspace does not require two-step verification: a password alone opens its private repositories.',
        evidence,
      ),
    ];
  },
});
