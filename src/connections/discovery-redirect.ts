import type { AtlassianApi, SiteRef } from '../atlassian/api.ts';
import { parseSiteAri } from '../sync/collectors/org-workspaces.ts';

// A site URL that answers with a redirect: a renamed site (Atlassian keeps the old name bound to
// the site and redirects every request to the new one,
// https://support.atlassian.com/organization-administration/docs/update-a-product-url/) or a
// custom domain. The client never follows redirects; discovery follows ONE, and only to the same
// organization's site: the target's cloud id (`GET {target}/_edge/tenant_info`, unauthenticated,
// so no credential reaches a host before it is known) must equal the cloud id the given URL
// itself names, or be one of the org's sites (`POST /admin/v2/orgs/{orgId}/workspaces`, read
// only when needed and only with the org key). Anything else is refused, naming both URLs.
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-workspaces/

export interface SiteRedirect {
  /** The URL given to the scan. */
  from: string;
  /** The site's own URL, which the scan uses. */
  to: string;
  cloudId: string;
  /** How the target was shown to be the same org's site. */
  matchedBy: 'tenant_info' | 'org_workspaces';
}

export type RedirectRefusal =
  /** The target is another site: neither the given URL's cloud id nor one of the org's sites. */
  | 'other_site'
  /** The given URL names no cloud id and no org key lists the org's sites: nothing to compare with. */
  | 'unverified'
  /** The target is not an Atlassian site (no cloud id at `/_edge/tenant_info`). */
  | 'not_a_site'
  /** The target host is neither Atlassian's nor allow-listed. */
  | 'host_not_allowed'
  /** The target redirects too (only one hop is followed), or back to where it came from. */
  | 'redirects_again'
  /** A redirect without a Location header. */
  | 'no_location';

/** Why discovery refused a site URL's redirect (a `DiscoveryProblem` kind, discover.ts). */
export interface RedirectProblem {
  kind: 'redirect_not_followed';
  url: string;
  /** Where it redirects (the site's base URL when known). */
  location: string | undefined;
  reason: RedirectRefusal;
}

export type DiscoveredSite =
  | {
      site: SiteRef;
      /** Set when the given URL redirected to the site's own URL. */
      redirect?: SiteRedirect;
    }
  | { problem: RedirectProblem };

/** discover.ts `discoverSite`: cloud id and products of a site URL (passed in: no import cycle). */
export type DiscoverSite = (api: AtlassianApi, url: string) => Promise<SiteRef>;

interface CodedError {
  code?: unknown;
  location?: unknown;
}

const codeOf = (error: unknown): unknown => (error as CodedError | null)?.code;

/** The Location of a redirect the client refused to follow; undefined for any other error. */
function redirectOf(error: unknown): { location: string | undefined } | undefined {
  if (codeOf(error) !== 'redirected') return undefined;
  const location = (error as CodedError).location;
  return { location: typeof location === 'string' ? location : undefined };
}

/** A site's base URL is its origin: Atlassian serves every product at the root of the host. */
function siteBase(location: string): string | undefined {
  try {
    return new URL(location).origin;
  } catch {
    return undefined;
  }
}

type CloudIdAnswer = { cloudId: string } | { refusal: RedirectRefusal };

async function cloudIdOf(api: AtlassianApi, url: string): Promise<CloudIdAnswer> {
  try {
    const info = await api.call('site.tenantInfo.get', {
      site: { cloudId: '', url, products: [] },
    });
    const cloudId = typeof info?.cloudId === 'string' ? info.cloudId.trim() : '';
    return cloudId ? { cloudId } : { refusal: 'not_a_site' };
  } catch (error) {
    const code = codeOf(error);
    if (code === 'host_not_allowed') return { refusal: 'host_not_allowed' };
    if (code === 'redirected') return { refusal: 'redirects_again' };
    if (code === 'not_found' || code === 'request_rejected' || code === 'response_parse') {
      return { refusal: 'not_a_site' };
    }
    throw error;
  }
}

/** The cloud ids of the org's sites, or undefined when the org key cannot list them. */
async function orgCloudIds(api: AtlassianApi, orgId: string): Promise<Set<string> | undefined> {
  const ids = new Set<string>();
  try {
    for await (const page of api.pages('admin.workspaces.search', {
      params: { orgId },
      body: {},
    })) {
      for (const w of page.items) {
        const site = typeof w?.id === 'string' ? parseSiteAri(w.id) : null;
        if (site) ids.add(site.cloudId);
      }
    }
    return ids;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'forbidden' || code === 'not_found' || code === 'credential_rejected') return undefined;
    throw error;
  }
}

function refuse(url: string, location: string | undefined, reason: RedirectRefusal): DiscoveredSite {
  return { problem: { kind: 'redirect_not_followed', url, location, reason } };
}

/**
 * Discovers a site; when the URL redirects, follows it once to the same org's site and says so,
 * or answers a `redirect_not_followed` problem. Other failures are thrown as `discoverSite` throws them.
 */
export async function discoverSiteFollowingRedirect(
  api: AtlassianApi,
  url: string,
  orgId: string | undefined,
  discoverSite: DiscoverSite,
): Promise<DiscoveredSite> {
  let redirect: { location: string | undefined };
  try {
    return { site: await discoverSite(api, url) };
  } catch (error) {
    const found = redirectOf(error);
    if (!found) throw error;
    redirect = found;
  }
  const target = redirect.location === undefined ? undefined : siteBase(redirect.location);
  if (target === undefined) return refuse(url, redirect.location, 'no_location');
  if (target === new URL(url).origin) return refuse(url, redirect.location, 'redirects_again');

  const source = await cloudIdOf(api, url);
  const answer = await cloudIdOf(api, target);
  if ('refusal' in answer) return refuse(url, target, answer.refusal);
  const cloudId = answer.cloudId.toLowerCase();
  let matchedBy: SiteRedirect['matchedBy'];
  if ('cloudId' in source) {
    // The given URL names its site: the target must be that very site.
    if (source.cloudId.toLowerCase() !== cloudId) return refuse(url, target, 'other_site');
    matchedBy = 'tenant_info';
  } else {
    // The given URL redirects everything: the target must be one of the org's sites.
    const ids = orgId === undefined ? undefined : await orgCloudIds(api, orgId);
    if (ids === undefined) return refuse(url, target, 'unverified');
    if (!ids.has(cloudId)) return refuse(url, target, 'other_site');
    matchedBy = 'org_workspaces';
  }

  let site: SiteRef;
  try {
    site = await discoverSite(api, target);
  } catch (error) {
    if (redirectOf(error)) return refuse(url, target, 'redirects_again');
    throw error;
  }
  return { site, redirect: { from: url, to: target, cloudId: site.cloudId, matchedBy } };
}
