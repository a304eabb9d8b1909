import { z } from 'zod';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass } from '../../outcome.ts';

type Policy = DatasetRecord<'org.policies'>;
type Workspace = DatasetRecord<'org.workspaces'>;

/** `ari:cloud:jira::site/<cloudId>` → product and cloud id. */
function siteAri(id: string): { product: string; cloudId: string } | null {
  const m = /^ari:cloud:([a-z-]+)::site\/([0-9a-zA-Z-]+)$/.exec(id);
  return m ? { product: m[1] as string, cloudId: (m[2] as string).toLowerCase() } : null;
}

/** A policy resource is the workspace itself: same id, or the same product of the same site. */
function sameWorkspace(resourceId: string, w: Workspace): boolean {
  if (resourceId === w.id) return true;
  const ari = siteAri(resourceId);
  return (
    ari !== null && w.cloudId !== null && ari.cloudId === w.cloudId.toLowerCase() && ari.product === w.product
  );
}

/**
 * The policy lists locations as the realm (`EU`) or its AWS regions (`eu-central-1`): the format of
 * `rule.in` for data residency is not documented, so both are accepted.
 */
function inLocation(value: string, location: string): boolean {
  const v = value.trim().toLowerCase();
  const l = location.trim().toLowerCase();
  return v === l || v.startsWith(`${l}-`);
}

export const rule = defineRule({
  id: 'org_data_residency_pinned',
  title: 'Data residency pins every product to the required location (EU by default)',
  area: 'data-protection',
  severity: 'medium',
  scope: 'org',
  resourceType: 'site',
  requires: ['org.policies', 'org.workspaces'],
  plan: 'standard',
  credential: 'org-api-key',
  description:
    'Conditional on a residency obligation (the required location setting; null: not applicable). Reads ' +
    'the product instances (admin API `POST /admin/v2/orgs/{orgId}/workspaces`) and the `data-residency` ' +
    'policies (`GET /admin/v1/orgs/{orgId}/policies`), and fails each Jira or Confluence instance not ' +
    'covered by an enabled policy whose locations (`rule.in`, realm or AWS regions) all lie in the ' +
    'required location, or whose move there is still pending.',
  risk:
    'Unpinned products may hold their in-scope data in any Atlassian region, which breaks contractual or ' +
    'regulatory residency commitments (GDPR transfer terms, public-sector rules).',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security (or Data management) → Data residency.',
      'For each product not pinned to the required location, select View details → Set location, pick the location and a move window.',
      'Review which Marketplace apps move with the product, then submit the request.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Understand data residency',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/understand-data-residency/',
    },
    {
      title: 'Move Atlassian app data to another location',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/move-data-to-another-location/',
    },
    {
      title: 'Organizations REST API: policies',
      url: 'https://developer.atlassian.com/cloud/admin/organization/rest/api-group-policies/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.1'],
    'nist-800-53-r5': ['SA-9'],
    'iso-27001-2022': ['A.5.23', 'A.5.34'],
  },
  settings: z.object({
    requiredLocation: z
      .string()
      .min(1)
      .nullable()
      .default('EU')
      .describe(
        'The location products must be pinned to (EU, US, AU…); null when there is no residency obligation.',
      ),
    products: z
      .array(z.string().min(1))
      .default(['jira', 'confluence'])
      .describe(
        'Product types to check, matched as prefixes (jira covers jira-software and jira-servicedesk).',
      ),
  }),
  evaluate(ctx) {
    const location = ctx.settings.requiredLocation;
    if (location === null) {
      return [
        notApplicable(
          { type: 'org', id: ctx.org.id, name: ctx.org.name },
          'No data residency location is required.',
        ),
      ];
    }
    const policies = ctx.items('org.policies').filter((p) => p.type === 'data-residency');
    const workspaces = ctx
      .items('org.workspaces')
      .filter(
        (w) => w.product !== null && ctx.settings.products.some((p) => (w.product as string).startsWith(p)),
      );
    return workspaces.map((w) => {
      const resource = { id: w.id, name: `${w.name} (${w.product})` };
      const covering = policies
        .map((p) => ({ policy: p, resource: p.resources.find((r) => sameWorkspace(r.id, w)) }))
        .filter(
          (c): c is { policy: Policy; resource: Policy['resources'][number] } => c.resource !== undefined,
        );
      const evidence = {
        requiredLocation: location,
        policies: covering.map((c) => ({
          name: c.policy.name,
          status: c.policy.status,
          locations: [...c.policy.ruleValues],
          applicationStatus: c.resource.applicationStatus,
        })),
      };
      const pinned = covering.filter(
        (c) =>
          c.policy.enabled &&
          c.policy.ruleValues.length > 0 &&
          c.policy.ruleValues.every((v) => inLocation(v, location)),
      );
      const settled = pinned.filter(
        (c) => c.resource.applicationStatus === 'applied' || c.resource.applicationStatus === null,
      );
      if (settled.length > 0) return pass(resource, `${resource.name} is pinned to ${location}.`, evidence);
      if (pinned.length > 0) {
        const status = pinned.map((c) => c.resource.applicationStatus).join(', ');
        return fail(
          resource,
          `${resource.name} is not pinned to ${location} yet (move ${status}).`,
          evidence,
        );
      }
      const elsewhere = covering.filter((c) => c.policy.enabled).flatMap((c) => c.policy.ruleValues);
      if (elsewhere.length > 0) {
        return fail(
          resource,
          `${resource.name} is pinned to ${[...new Set(elsewhere)].join(', ')}, not ${location}.`,
          evidence,
        );
      }
      return fail(
        resource,
        `${resource.name} is not pinned to any location: its data may be held in any region.`,
        evidence,
      );
    });
  },
});
