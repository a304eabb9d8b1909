import type { SiteRef } from '../../src/atlassian/api.ts';
import type { SyncTarget } from '../../src/sync/sync-target.ts';
import type { SimulatorInfo } from '../start.ts';
import { listenerHosts } from '../start-info.ts';

// Turns what a running simulator printed into a Palisade connection: its sites, the admin's
// API token, the org API key, the listeners as base URLs, and those listeners allow-listed
// (Palisade refuses any host that is not Atlassian's or allow-listed).

export interface SimConnection {
  connection: SyncTarget;
  baseUrls: { api: string; marketplace: string; auth: string; bitbucket?: string };
  allowHosts: string[];
}

export function simConnection(
  info: SimulatorInfo,
  options: { id?: string; org?: boolean; user?: 'admin' | 'member' | 'scoped' } = {},
): SimConnection {
  const sites: SiteRef[] = info.sites.map((s) => ({
    cloudId: s.cloudId,
    url: s.url,
    products: (['jira', 'confluence'] as const).filter((p) => s.products[p] !== undefined),
  }));
  // `scoped`: the admin's API token with scopes, which only the gateway takes.
  const scoped = options.user === 'scoped' ? info.credentials.scopedApiToken : undefined;
  if (options.user === 'scoped' && !scoped) throw new Error('the tenant has no scoped API token');
  const who = scoped ?? info.credentials[options.user === 'member' ? 'member' : 'admin'];
  const withOrg = options.org ?? true;
  return {
    connection: {
      id: options.id ?? `sim-${info.org.id}`,
      name: info.org.name,
      orgId: withOrg ? info.org.id : undefined,
      sites,
      credentials: {
        site: {
          kind: 'basic',
          email: who.email,
          apiToken: who.apiToken,
          ...(scoped ? { scoped: true } : {}),
        },
        ...(withOrg ? { orgApiKey: info.credentials.orgApiKey } : {}),
      },
    },
    baseUrls: {
      api: info.adminApiUrl,
      marketplace: info.marketplaceUrl,
      auth: info.authUrl,
      bitbucket: info.bitbucketUrl,
    },
    allowHosts: listenerHosts(info),
  };
}
