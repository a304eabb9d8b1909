import type { AtlassianApi } from '../../atlassian/api.ts';
import { createAtlassianClient } from '../../atlassian/client.ts';
import type { BaseUrls } from '../../atlassian/urls.ts';
import { discoverOrg } from '../discover.ts';
import { ManagedConnectionError } from './connection-errors.ts';

// Palo Alto's onboarding lets a person give the org API key without listing the sites: Palisade
// asks the admin API for the org's workspaces (`POST /admin/v2/orgs/{orgId}/workspaces`, one per
// product of each site, catalogue `admin.workspaces.search`) and takes each distinct site origin.
// Only the fields relied on are read (`attributes.hostUrl`); a workspace without one is skipped.

export interface OrgSitesDeps {
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
}

export async function orgSiteUrls(
  orgApiKey: string,
  orgId: string | undefined,
  deps: OrgSitesDeps,
): Promise<string[]> {
  const api = createAtlassianClient({
    credentials: { orgApiKey },
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
    options: { maxAttempts: 5, headersTimeoutMs: 15_000, bodyTimeoutMs: 15_000, backoffMaxMs: 1_000 },
  });
  try {
    // Checks the key and finds the org when no id was given (DiscoveryError naming the problem).
    const org = await discoverOrg(api, orgId);
    const origins = new Set<string>();
    for await (const page of workspacePages(api, org.id)) {
      for (const workspace of page.items) {
        const host = (workspace as { attributes?: { hostUrl?: unknown } }).attributes?.hostUrl;
        if (typeof host !== 'string' || host === '') continue;
        try {
          origins.add(new URL(host.includes('://') ? host : `https://${host}`).origin);
        } catch {
          // A host Atlassian wrote oddly is not a site Palisade can read; the others still are.
        }
      }
    }
    if (origins.size === 0) {
      throw new ManagedConnectionError(
        'discovery_failed',
        `the organization ${org.name} lists no sites (no workspaces with a host URL)`,
        { fix: 'give the site URLs (siteUrls)' },
      );
    }
    return [...origins].sort();
  } finally {
    await api.close();
  }
}

/** The workspaces' pages; a key that may not list them is told to give the sites instead. */
async function* workspacePages(api: AtlassianApi, orgId: string) {
  try {
    yield* api.pages('admin.workspaces.search', { params: { orgId }, body: {} });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'forbidden') throw error;
    throw new ManagedConnectionError(
      'discovery_failed',
      'the org API key may not list the organization’s sites (it has scopes without read:workspaces:admin)',
      { cause: error, fix: 'give the site URLs (siteUrls), or an org API key without scopes' },
    );
  }
}
