import { createHash } from 'node:crypto';
import type { SiteRef } from '../../atlassian/api.ts';
import { createAtlassianClient } from '../../atlassian/client.ts';
import type { ConnectionToSync } from '../../sync/sync-connection.ts';
import type { Progress } from '../progress/progress.ts';
import { type DiscoveredOrg, discoverOrg, discoverSite } from './discover.ts';
import type { ScanTarget } from './scan-request.ts';

// Turns a scan's target (site URLs, credentials) into the connection the sync takes: each site's
// cloud id and products, the org's id and name. The CLI's connection id is derived from what it
// scans (the org, or the sites' cloud ids), so repeated scans into one --db build one history.

// Discovery fails fast: a wrong URL or a closed port should not wait through a sync's patience.
const DISCOVERY_OPTIONS = {
  maxAttempts: 2,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  backoffMaxMs: 1_000,
};

export interface PreparedConnection {
  connection: ConnectionToSync;
  org: DiscoveredOrg | undefined;
}

export function connectionIdFor(org: DiscoveredOrg | undefined, sites: readonly SiteRef[]): string {
  if (org) return `org-${org.id}`;
  const ids = sites.map((s) => s.cloudId).sort();
  return `sites-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`;
}

export async function prepareConnection(target: ScanTarget, progress: Progress): Promise<PreparedConnection> {
  const api = createAtlassianClient({
    credentials: {
      ...(target.siteCredential ? { site: { kind: 'basic', ...target.siteCredential } } : {}),
      ...(target.org ? { orgApiKey: target.org.apiKey } : {}),
    },
    allowHosts: target.allowHosts,
    baseUrls: target.baseUrls,
    options: DISCOVERY_OPTIONS,
  });
  try {
    let org: DiscoveredOrg | undefined;
    if (target.org) {
      progress.phase('checking the org API key');
      org = await discoverOrg(api, target.org.id);
    }
    const sites: SiteRef[] = [];
    for (const url of target.sites) {
      progress.phase(`discovering ${new URL(url).host}`);
      sites.push(await discoverSite(api, url));
    }
    const first = sites[0];
    const name = org?.name ?? (first ? new URL(first.url).host : 'Atlassian');
    return {
      org,
      connection: {
        id: connectionIdFor(org, sites),
        name,
        orgId: org?.id,
        sites,
        credentials: {
          ...(target.siteCredential ? { site: { kind: 'basic', ...target.siteCredential } } : {}),
          ...(target.org ? { orgApiKey: target.org.apiKey } : {}),
        },
      },
    };
  } finally {
    await api.close();
  }
}
