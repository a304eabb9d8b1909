import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

/** Ranges that let every address through: an allowlist holding one restricts nothing. */
const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

export const rule = defineRule({
  id: 'org_ip_allowlist_enabled',
  title: 'At least one IP allowlist is enabled and applied to products',
  area: 'data-protection',
  severity: 'high',
  scope: 'org',
  resourceType: 'org',
  requires: ['org.policies'],
  plan: 'premium',
  credential: 'org-api-key',
  description:
    'Reads the organization’s policies (admin API `GET /admin/v1/orgs/{orgId}/policies`) and passes when an ' +
    '`ip-allowlist` policy has the status `enabled`, restricts something (no 0.0.0.0/0 range) and is applied ' +
    '(`applicationStatus` `applied`) to at least one product. Names the allowlists and the products they cover.',
  risk:
    'Without an allowlist a stolen password, session or API token works from anywhere on the internet; with ' +
    'one, it only works from the company’s networks.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → IP allowlisting and select Create allowlist (or edit a disabled one).',
      'Enter your office, VPN and CI egress ranges, and check that your own address is among them.',
      'Select the products it applies to and enable it.',
    ],
    api: [
      'Enable the allowlist: PUT /admin/v1/orgs/{orgId}/policies/{policyId} with attributes.status "enabled".',
      'Apply it to a product: POST /admin/v1/orgs/{orgId}/policies/{policyId}/resources.',
    ],
  },
  references: [
    {
      title: 'Specify IP addresses for product access',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/specify-ip-addresses-for-product-access/',
    },
    {
      title: 'Organizations REST API: policies',
      url: 'https://developer.atlassian.com/cloud/admin/organization/rest/api-group-policies/',
    },
  ],
  compliance: {
    'nist-800-53-r5': ['SC-7', 'AC-17', 'AC-3'],
    'iso-27001-2022': ['A.8.20', 'A.8.21'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(ctx) {
    const org = { id: ctx.org.id, name: ctx.org.name };
    const allowlists = ctx.items('org.policies').filter((p) => p.type === 'ip-allowlist');
    const evidence = {
      allowlists: allowlists.map((p) => ({
        name: p.name,
        status: p.status,
        ranges: p.ruleValues.length,
        resources: p.resources.map((r) => ({ id: r.id, applicationStatus: r.applicationStatus })),
      })),
    };
    if (allowlists.length === 0) return [fail(org, 'The organization has no IP allowlist.', evidence)];
    const enabled = allowlists.filter((p) => p.enabled);
    if (enabled.length === 0) {
      const names = allowlists.map((p) => p.name ?? p.id).join(', ');
      return [fail(org, `No IP allowlist is enabled (${names}: disabled).`, evidence)];
    }
    const effective = enabled.filter((p) => !p.ruleValues.some((v) => EVERYWHERE.has(v.trim())));
    if (effective.length === 0) {
      return [
        fail(
          org,
          'Every enabled IP allowlist admits all addresses (0.0.0.0/0), so it restricts nothing.',
          evidence,
        ),
      ];
    }
    // A null status means Atlassian did not say; only a failed, pending or removed application is no cover.
    const applied = effective.flatMap((p) =>
      p.resources
        .filter((r) => r.applicationStatus === 'applied' || r.applicationStatus === null)
        .map((r) => r.id),
    );
    if (applied.length === 0) {
      const statuses = effective.flatMap((p) => p.resources.map((r) => r.applicationStatus ?? 'unknown'));
      const why =
        statuses.length === 0
          ? 'applies to no product'
          : `is not applied yet (${[...new Set(statuses)].join(', ')})`;
      return [fail(org, `The enabled IP allowlist ${why}.`, evidence)];
    }
    const names = effective.map((p) => p.name ?? p.id).join(', ');
    return [
      pass(org, `IP allowlisting is on (${names}) and applied to ${applied.length} product(s).`, evidence),
    ];
  },
});
