import type { AtlassianApi, EndpointId, SiteRef } from '../atlassian/api.ts';
import {
  type AtlassianClient,
  type AtlassianClientDeps,
  createAtlassianClient,
} from '../atlassian/client.ts';
import type { Credentials } from '../atlassian/credentials.ts';
import type { CredentialAccess } from '../sync/credential-access.ts';
import { discoverCredentialAccess } from './discover-access.ts';
import { probeScopedToken, siteAccountId as siteAccountIdOf } from './discover-site-credential.ts';
import { DiscoveryError } from './discovery-error.ts';
import { discoverSiteFollowingRedirect, type SiteRedirect } from './discovery-redirect.ts';

// What a scan needs to know before it syncs, from the fewest and cheapest calls:
// - a site's cloud id: `GET {site}/_edge/tenant_info`, unauthenticated (catalogue site.tenantInfo.get);
// - its products: `GET /rest/api/3/serverInfo` (Jira) and `GET /wiki/rest/api/settings/systemInfo`
//   (Confluence), one small object each. A site without the product answers 404. They are sent
//   WITH the site credential, so a rejected token fails here with the site named, before a sync
//   starts (Atlassian answers 401 to a bad credential even on endpoints anonymous users may call).
//   systemInfo needs only the "Can use" permission; a 403 still proves Confluence is there.
// - the org: `GET /admin/v1/orgs/{orgId}` (its name, and a check of the org API key), or, without an
//   org id, `GET /admin/v1/orgs`: the one org the key can see.
// Atlassian has no endpoint listing a site's products without credentials, and accessible-resources
// needs OAuth, so probing each product is the documented way for API-token callers.
// A URL that redirects (a renamed site, a custom domain) is followed once, only to the same org's
// site, and reported in `redirects` (discovery-redirect.ts).
// A site host that refuses the API token may be refusing a token with scopes, which works through
// the gateway only: discover-site-credential.ts asks the gateway, and the sync then goes through it.
// The site credential's account (`myself`, one call) lets Palisade find its own token later.

export interface DiscoveredOrg {
  id: string;
  name: string;
}

interface CodedError {
  code?: unknown;
}

const codeOf = (error: unknown): unknown => (error as CodedError | null)?.code;

async function hasProduct(api: AtlassianApi, endpointId: EndpointId, site: SiteRef): Promise<boolean> {
  try {
    await api.call(endpointId, { site });
    return true;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'not_found') return false;
    if (code === 'forbidden') return true;
    throw error;
  }
}

export async function discoverSite(api: AtlassianApi, url: string): Promise<SiteRef> {
  let cloudId: string;
  try {
    const info = await api.call('site.tenantInfo.get', {
      site: { cloudId: '', url, products: [] },
    });
    cloudId = info.cloudId;
  } catch (error) {
    if (
      codeOf(error) === 'not_found' ||
      codeOf(error) === 'request_rejected' ||
      codeOf(error) === 'response_parse' ||
      // JSON without a cloud id: another kind of server (allow-listed by mistake), not a changed Atlassian.
      codeOf(error) === 'schema_drift'
    ) {
      throw new DiscoveryError({ kind: 'not_a_site', url }, { cause: error });
    }
    throw error;
  }
  const probe: SiteRef = { cloudId, url, products: [] };
  const products: SiteRef['products'] = [];
  try {
    if (await hasProduct(api, 'jira.serverInfo.get', probe)) products.push('jira');
    if (await hasProduct(api, 'confluence.systemInfo.get', probe)) products.push('confluence');
  } catch (error) {
    if (codeOf(error) === 'credential_rejected') {
      throw new DiscoveryError({ kind: 'site_credential_rejected', url }, { cause: error });
    }
    throw error;
  }
  if (products.length === 0) {
    throw new DiscoveryError({ kind: 'no_products', url });
  }
  return { cloudId, url, products };
}

interface OrgResource {
  id: string;
  attributes?: { name?: string };
}

export async function discoverOrg(api: AtlassianApi, orgId: string | undefined): Promise<DiscoveredOrg> {
  try {
    if (orgId !== undefined) {
      const answer = await api.call('admin.orgs.get', { params: { orgId } });
      return { id: answer.data.id, name: answer.data.attributes?.name ?? answer.data.id };
    }
    const orgs: OrgResource[] = [];
    for await (const page of api.pages('admin.orgs.list')) orgs.push(...page.items);
    const [only] = orgs;
    if (only === undefined) {
      throw new DiscoveryError({ kind: 'no_org' });
    }
    if (orgs.length > 1) {
      throw new DiscoveryError({ kind: 'several_orgs', orgIds: orgs.map((o) => o.id) });
    }
    return { id: only.id, name: only.attributes?.name ?? only.id };
  } catch (error) {
    if (error instanceof DiscoveryError) throw error;
    const code = codeOf(error);
    if (code === 'credential_rejected')
      throw new DiscoveryError({ kind: 'org_key_rejected' }, { cause: error });
    if (code === 'not_found' || code === 'forbidden') {
      throw new DiscoveryError({ kind: 'org_not_visible', orgId }, { cause: error });
    }
    throw error;
  }
}

export interface DiscoverInput {
  sites: readonly string[];
  credentials: Credentials;
  /** The org to check; `null` = the one org the key sees; undefined = no org credentials. */
  orgId?: string | null;
  allowHosts: readonly string[];
  baseUrls?: AtlassianClientDeps['baseUrls'];
  options?: AtlassianClientDeps['options'];
  /** Called before each step ("checking the org API key", "discovering acme.atlassian.net"). */
  onStep?: (step: string) => void;
}

/** What discovery learnt: connect.ts turns it into the sync target. */
export interface Discovery {
  org: DiscoveredOrg | undefined;
  sites: SiteRef[];
  /** The credentials to sync with: the site token marked `scoped` when only the gateway took it. */
  credentials: Credentials;
  /** The account the site credential belongs to (`myself`), when Palisade could read it. */
  siteAccountId: string | undefined;
  /** What the site credential may see on each site (discover-access.ts). */
  access: CredentialAccess;
  /** Site URLs that redirected to the same org's site, which is scanned instead (discovery-redirect.ts). */
  redirects: SiteRedirect[];
}

/**
 * Discovers the org (when an org key is given), every site (following a renamed site's redirect to
 * the same org, discovery-redirect.ts; through the gateway for a scoped token,
 * discover-site-credential.ts), and what the site credential may see on each (discover-access.ts),
 * with short-lived clients.
 */
export async function discoverConnection(input: DiscoverInput): Promise<Discovery> {
  const clients: AtlassianClient[] = [];
  const clientFor = (credentials: Credentials): AtlassianClient => {
    const client = createAtlassianClient({
      credentials,
      allowHosts: input.allowHosts,
      ...(input.baseUrls ? { baseUrls: input.baseUrls } : {}),
      ...(input.options ? { options: input.options } : {}),
    });
    clients.push(client);
    return client;
  };
  let credentials = input.credentials;
  let api = clientFor(credentials);
  try {
    let org: DiscoveredOrg | undefined;
    if (input.orgId !== undefined) {
      input.onStep?.('checking the org API key');
      org = await discoverOrg(api, input.orgId ?? undefined);
    }
    const sites: SiteRef[] = [];
    const redirects: SiteRedirect[] = [];
    let siteAccountId: string | undefined;
    for (const url of input.sites) {
      input.onStep?.(`discovering ${new URL(url).host}`);
      let found: Awaited<ReturnType<typeof discoverSiteFollowingRedirect>>;
      try {
        found = await discoverSiteFollowingRedirect(api, url, org?.id, discoverSite);
      } catch (error) {
        // A token the site host refuses may be one with scopes: those work through the gateway only.
        const scoped = await asScopedToken(error, credentials, url, clientFor);
        if (!scoped) throw error;
        ({ credentials, api } = scoped);
        siteAccountId ??= scoped.accountId;
        found = await discoverSiteFollowingRedirect(api, url, org?.id, discoverSite);
      }
      if ('problem' in found) throw new DiscoveryError(found.problem);
      sites.push(found.site);
      if (found.redirect) redirects.push(found.redirect);
    }
    const access = await discoverCredentialAccess(api, sites, {
      orgId: org?.id,
      ...(input.onStep ? { onStep: input.onStep } : {}),
    });
    // Access discovery read `myself` on the Jira sites; ask once more only where it could not.
    siteAccountId ??= Object.values(access).find((a) => a.accountId !== null)?.accountId ?? undefined;
    const first = sites.find((s) => s.products.includes('jira'));
    if (siteAccountId === undefined && first && credentials.site) {
      siteAccountId = await siteAccountIdOf(api, first);
    }
    return { org, sites, credentials, siteAccountId, access, redirects };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** The credentials and client to go on with when a refused Basic credential is a scoped token. */
async function asScopedToken(
  error: unknown,
  credentials: Credentials,
  url: string,
  clientFor: (credentials: Credentials) => AtlassianClient,
): Promise<{ credentials: Credentials; api: AtlassianClient; accountId: string | undefined } | undefined> {
  const site = credentials.site;
  if (!(error instanceof DiscoveryError) || error.problem.kind !== 'site_credential_rejected')
    return undefined;
  if (site?.kind !== 'basic' || site.scoped) return undefined;
  const next: Credentials = { ...credentials, site: { ...site, scoped: true } };
  const gateway = clientFor(next);
  const probe = await probeScopedToken(gateway, url, site);
  return probe.scoped ? { credentials: next, api: gateway, accountId: probe.accountId } : undefined;
}
