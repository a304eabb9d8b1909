import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, unknown } from '../../outcome.ts';
import { belowPremium } from './access-controls.ts';
import { workspaceResource } from './workspace.ts';

/** Ranges that let every address through: an allowlist holding one restricts nothing. */
const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

export const rule = defineRule({
  id: 'bb_ip_allowlist',
  title: 'The workspace’s private content can only be reached from allowlisted IP addresses',
  area: 'bitbucket',
  severity: 'medium',
  scope: 'site',
  resourceType: 'workspace',
  requires: ['attested.bitbucket-access-controls'],
  plan: 'any',
  credential: 'none',
  description:
    'No public API reads a workspace’s Access controls, or its plan, so a workspace admin attests them. Passes ' +
    'when IP allowlisting is on and restricts something (no 0.0.0.0/0 or ::/0 range); fails when it is off or ' +
    'admits every address. IP allowlisting is a Bitbucket Premium feature: on the Free and Standard plans the ' +
    'rule is not applicable.',
  risk:
    'Without an allowlist, a stolen password, app password or access token clones the code from anywhere on the ' +
    'internet; with one, only from the company’s networks and CI.',
  remediation: {
    ui: [
      'In Bitbucket, open Workspace settings → Access controls.',
      'Under IP allowlisting, add your office, VPN and CI egress addresses or ranges, check your own address is among them, and Update.',
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
      title: 'IP allowlisting fallback for administrators',
      url: 'https://support.atlassian.com/bitbucket-cloud/kb/ip-allowlisting-fallback-for-administrators/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.7'],
    'nist-800-53-r5': ['SC-7', 'AC-17', 'AC-3'],
    'iso-27001-2022': ['A.8.20', 'A.8.21'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(ctx) {
    const { value } = ctx.attested('attested.bitbucket-access-controls');
    const resource = workspaceResource(ctx.site);
    const ranges = value.allowedIpRanges ?? [];
    const evidence = {
      plan: value.plan,
      ipAllowlistEnabled: value.ipAllowlistEnabled ?? null,
      ranges: ranges.length,
    };
    const below = belowPremium(value);
    if (below)
      return [notApplicable(resource, `IP allowlisting needs Bitbucket Premium; ${below}.`, evidence)];
    if (value.ipAllowlistEnabled === undefined)
      return [unknown(resource, 'The attestation does not record whether IP allowlisting is on.', evidence)];
    if (!value.ipAllowlistEnabled)
      return [
        fail(resource, 'IP allowlisting is off: private content can be reached from any address.', evidence),
      ];
    if (ranges.some((r) => EVERYWHERE.has(r.trim())))
      return [
        fail(
          resource,
          'The IP allowlist admits every address (0.0.0.0/0), so it restricts nothing.',
          evidence,
        ),
      ];
    const count = ranges.length > 0 ? ` (${ranges.length} address range(s))` : '';
    return [pass(resource, `IP allowlisting is on${count}.`, evidence)];
  },
});
