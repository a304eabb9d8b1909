import type { SimContext } from '../core/context.ts';
import { SimError } from '../http/errors.ts';
import type { Registrar } from '../http/serve.ts';
import type { Domain, Org } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { v1Page } from './admin-pages.ts';

// Organizations and domains, Organizations REST API v1 (spec admin-organizations-v1: OrgPage,
// Org, DomainPage, Domain). https://developer.atlassian.com/cloud/admin/organization/rest/api-group-orgs/

export function orgUrl(ctx: SimContext, orgId: string, version: 'v1' | 'v2' = 'v1'): string {
  return `${ctx.urls.api}/admin/${version}/orgs/${orgId}`;
}

function renderOrg(ctx: SimContext, org: Org) {
  const self = orgUrl(ctx, org.id);
  return {
    id: org.id,
    type: 'orgs',
    attributes: { name: org.name },
    relationships: {
      domains: { links: { related: `${self}/domains` } },
      users: { links: { related: `${self}/users` } },
    },
    links: { self },
  };
}

// The spec's claim status enum is lower case (verified, unverified, missing_token, ...); the
// tenant keeps the admin UI's words. A failed check leaves the DNS/HTTP token missing.
const claimStatus = { VERIFIED: 'verified', PENDING: 'unverified', FAILED: 'missing_token' } as const;

function renderDomain(ctx: SimContext, orgId: string, domain: Domain) {
  return {
    id: domain.id,
    type: 'domains',
    attributes: {
      name: domain.name,
      // The spec knows only `dns` and `http` claims; an IdP-verified claim has no type to show.
      claim: {
        ...(domain.claim.type === 'idp' ? {} : { type: domain.claim.type }),
        status: claimStatus[domain.claim.status],
      },
    },
    links: { self: `${orgUrl(ctx, orgId)}/domains/${domain.id}` },
  };
}

export function orgRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.orgs.list', (call) => {
    const page = v1Page(call, [call.ctx.state.tenant.org], (org) => renderOrg(call.ctx, org));
    return { data: page.data, links: page.links };
  });

  serveAdmin(r, 'admin.orgs.get', (call) => ({ data: renderOrg(call.ctx, call.ctx.state.tenant.org) }));

  serveAdmin(r, 'admin.domains.list', (call) => {
    const { org, domains } = call.ctx.state.tenant;
    const page = v1Page(call, domains, (d) => renderDomain(call.ctx, org.id, d));
    return { data: page.data, links: page.links };
  });

  serveAdmin(r, 'admin.domains.get', (call) => {
    const { org, domains } = call.ctx.state.tenant;
    const domain = domains.find((d) => d.id === call.params.domainId);
    if (!domain)
      throw new SimError(404, `Domain ${call.params.domainId} was not found.`, { code: 'ADMIN-404-3' });
    return { data: renderDomain(call.ctx, org.id, domain) };
  });
}
