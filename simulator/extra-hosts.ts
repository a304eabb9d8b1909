import type { FastifyInstance } from 'fastify';
import type { SimContext } from './core/context.ts';
import { redirectRoutes } from './http/redirect-host.ts';
import { type ForeignSiteState, foreignSiteRoutes } from './routes/foreign-site.ts';
import type { Tenant } from './tenant/model.ts';

// The hosts beside the tenant's own: other organizations' sites (`tenant.foreignSites`) and hosts
// that redirect (`tenant.redirects`: a renamed site's old name, a custom domain). They bind after
// every other listener, so a tenant without them keeps the same ports as before.

export interface ForeignSiteInfo {
  name: string;
  cloudId: string;
  url: string;
}

export interface RedirectInfo {
  /** The redirecting host's name (`acme-old`) and base URL. */
  from: string;
  url: string;
  /** The host it redirects to (a site or foreign site name) and its base URL. */
  to: string;
  toUrl: string;
}

export interface ExtraHosts {
  foreignSites: ForeignSiteInfo[];
  redirects: RedirectInfo[];
  /** Per foreign site name: requests that reached it with credentials (there should be none). */
  foreignState: Map<string, ForeignSiteState>;
}

export interface ListenerKit {
  newListener(): FastifyInstance;
  listen(app: FastifyInstance): Promise<string>;
}

export async function startExtraHosts(
  tenant: Tenant,
  ctx: SimContext,
  kit: ListenerKit,
  apps: FastifyInstance[],
): Promise<ExtraHosts> {
  const urls = new Map<string, string>();
  for (const site of tenant.sites) urls.set(site.name, ctx.urls.sites.get(site.id) ?? '');
  const foreignSites: ForeignSiteInfo[] = [];
  const foreignState = new Map<string, ForeignSiteState>();
  for (const site of tenant.foreignSites ?? []) {
    if (urls.has(site.name)) throw new Error(`foreign site "${site.name}" is also a site of the tenant`);
    const app = kit.newListener();
    const state: ForeignSiteState = { authorizationSeen: 0 };
    foreignSiteRoutes(app, site, state);
    apps.push(app);
    const url = await kit.listen(app);
    urls.set(site.name, url);
    foreignState.set(site.name, state);
    foreignSites.push({ name: site.name, cloudId: site.cloudId, url });
  }
  const redirects: RedirectInfo[] = [];
  for (const redirect of tenant.redirects ?? []) {
    const toUrl = urls.get(redirect.to);
    if (toUrl === undefined) {
      throw new Error(`redirect from "${redirect.from}" names an unknown host "${redirect.to}"`);
    }
    if (urls.has(redirect.from)) throw new Error(`redirect from "${redirect.from}" shadows a site`);
    const app = kit.newListener();
    redirectRoutes(app, () => toUrl);
    apps.push(app);
    const url = await kit.listen(app);
    redirects.push({ from: redirect.from, url, to: redirect.to, toUrl });
  }
  return { foreignSites, redirects, foreignState };
}
