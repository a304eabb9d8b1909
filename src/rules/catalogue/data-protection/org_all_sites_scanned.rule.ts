import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass } from '../../outcome.ts';
import { orgSites, productList } from '../../site-coverage.ts';

export const rule = defineRule({
  id: 'org_all_sites_scanned',
  title: 'Every Jira and Confluence site the organization holds is scanned',
  area: 'data-protection',
  severity: 'high',
  scope: 'org',
  resourceType: 'site',
  requires: ['org.workspaces'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads the organization’s product instances (admin API `POST /admin/v2/orgs/{orgId}/workspaces`) and ' +
    'matches each Jira or Confluence site, by cloud id, with the sites this scan read. Fails each online site ' +
    'the scan did not read (sandboxes included, and marked so), and each product the organization lists on a ' +
    'scanned site that the scan did not read. Offline workspaces and other products (Bitbucket, Trello…) are ' +
    'left out. The report’s coverage lists the same sites.',
  risk:
    'A clean report says nothing about a site it never read: its public spaces, open projects, admins and apps ' +
    'stay invisible while the organization looks clean. Sandboxes hold copies of production data and are ' +
    'often configured more loosely.',
  remediation: {
    ui: [
      'Open the report’s coverage: each site listed as not scanned is one this scan was not given.',
      'Scan again with every site, e.g. `palisade scan --site https://<site>.atlassian.net` once per site, with a credential that can read each one.',
      'Sites nobody uses any more: in admin.atlassian.com, open Apps (or Products) → Sites and remove them, so they stop holding data.',
    ],
    api: [
      'List the organization’s sites: POST /admin/v2/orgs/{orgId}/workspaces (attributes.hostUrl, sandbox.type).',
      'Check a URL’s cloud id before adding it: GET https://<site>.atlassian.net/_edge/tenant_info.',
    ],
  },
  references: [
    {
      title: 'Organizations REST API: workspaces',
      url: 'https://developer.atlassian.com/cloud/admin/organization/rest/api-group-workspaces/',
    },
    {
      title: 'What are sandboxes?',
      url: 'https://support.atlassian.com/organization-administration/docs/what-are-sandboxes/',
    },
    {
      title: 'Update a product URL',
      url: 'https://support.atlassian.com/organization-administration/docs/update-a-product-url/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['4.1'],
    'nist-800-53-r5': ['CM-8'],
    'iso-27001-2022': ['A.5.9'],
    soc2: ['CC7.1'],
  },
  settings: z.object({
    includeSandboxes: z
      .boolean()
      .default(true)
      .describe('Sandbox sites must be scanned too (they hold copies of production data).'),
  }),
  evaluate(ctx) {
    return orgSites(ctx.items('org.workspaces'), ctx.sites).map((site) => {
      const kind = site.sandbox ? 'sandbox site' : 'site';
      const where = site.url ? ` (${site.url})` : '';
      const resource = { id: site.cloudId, name: site.name };
      const evidence = {
        url: site.url,
        sandbox: site.sandbox,
        products: [...site.products],
        unread: [...site.unread],
      };
      if (site.unread.length === 0) {
        return pass(
          resource,
          `The ${kind} ${site.name} (${productList(site.products)}) is scanned.`,
          evidence,
        );
      }
      if (!site.scanned && site.sandbox && !ctx.settings.includeSandboxes) {
        return notApplicable(
          resource,
          `${site.name} is a sandbox, and sandboxes are left out by setting.`,
          evidence,
        );
      }
      if (!site.scanned) {
        return fail(
          resource,
          `The organization lists the ${kind} ${site.name}${where} with ${productList(site.products)}, but this ` +
            'scan did not read it: none of its checks ran.',
          evidence,
        );
      }
      return fail(
        resource,
        `The organization lists ${productList(site.unread)} on the ${kind} ${site.name}${where}, but this scan ` +
          'did not read it there (discovery did not find it with the credential used).',
        evidence,
      );
    });
  },
});
