import { SimError } from '../http/errors.ts';
import type { Call, Registrar } from '../http/serve.ts';
import { productOfScope } from './oauth-scopes.ts';

// GET https://api.atlassian.com/oauth/token/accessible-resources: the sites a 3LO token reaches.
// https://developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/
// The docs show one entry per product ("A Jira site", "A Confluence site"), each with that
// product's scopes: a token with Jira and Confluence scopes on one site gets two entries with the
// same `id`, so clients must de-duplicate by cloud id. Scopes of no product (`offline_access`,
// `read:me`) are not listed; a grant holding only those gets one entry per site with them.

export interface AccessibleResource {
  id: string;
  url: string;
  name: string;
  scopes: string[];
  avatarUrl: string;
}

// The site avatar is served by Atlassian's CDN, not the site; the docs' example uses this one.
const AVATAR = 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png';

function accessibleResources(call: Call): AccessibleResource[] {
  if (call.principal.kind !== 'oauth') throw new SimError(401, 'Unauthorized');
  const grant = call.principal.grant;
  const byProduct = {
    jira: grant.scopes.filter((s) => productOfScope(s) === 'jira'),
    confluence: grant.scopes.filter((s) => productOfScope(s) === 'confluence'),
  };
  const resources: AccessibleResource[] = [];
  for (const siteId of grant.siteIds) {
    const site = call.ctx.state.sitesById.get(siteId);
    if (!site) continue;
    const entry = (scopes: string[]): AccessibleResource => ({
      id: site.id,
      url: call.ctx.urls.sites.get(site.id) ?? `https://${site.name}.atlassian.net`,
      name: site.name,
      scopes,
      avatarUrl: AVATAR,
    });
    const products = (['jira', 'confluence'] as const).filter((p) => site[p] && byProduct[p].length > 0);
    if (products.length === 0 && byProduct.jira.length + byProduct.confluence.length === 0) {
      resources.push(entry(grant.scopes));
    }
    for (const p of products) resources.push(entry(byProduct[p]));
  }
  return resources;
}

export function accessibleResourcesRoute(r: Registrar): void {
  r.serve('oauth.accessibleResources.list', accessibleResources);
}
