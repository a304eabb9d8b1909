import type { AtlassianApi, SiteRef } from '../atlassian/api.ts';
import { createAtlassianClient } from '../atlassian/client.ts';
import { isAtlassianError } from '../atlassian/errors.ts';
import { createHostPolicy } from '../atlassian/hosts.ts';
import { DATA_CENTER_PRODUCT_NAMES, type DataCenterProduct } from '../inventory/datasets/data-center.ts';
import { roleOf, type SiteAccess, type SiteRights } from '../sync/credential-access.ts';
import { type ConnectDeps, type Connected, DISCOVERY_OPTIONS } from './connect.ts';
import { dataCenterConnectionIdFor } from './connection-id.ts';
import { DiscoveryError } from './discovery-error.ts';

// Connects a Jira or Confluence Data Center instance: a connection of kind `data-center`, whose
// one site is the instance (its base URL, context path included) holding its one product. The
// credential is a personal access token sent as Bearer
// (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html).
//
// - The base URL must be allow-listed by the operator (PALISADE_ALLOW_HOSTS / --allow-host): a
//   self-hosted server is nobody's but the operator's to trust, and an Atlassian Cloud host is
//   not a Data Center instance.
// - The product is discovered: Jira answers `GET /rest/api/2/serverInfo`
//   (https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#api/2/serverInfo), Confluence
//   has none and answers its application-links manifest `GET /rest/applinks/1.0/manifest`; each
//   product's paths answer 404 on the other.
// - The token is verified by a read every signed-in user may make (Jira's `mypermissions`,
//   Confluence's space list): a 401 there is a wrong token and nothing is connected.
// - The connection (and site) id is named by the base URL the product says it has, so the instance
//   reached at another address (a proxy, a moved port) stays one connection with one history.
// - What the token may read is recorded as the site's access: a plain user's admin-only datasets
//   are then `forbidden` before any call, rather than UPM's bare 401 to non-admins reading as a
//   revoked credential.

export interface DataCenterConnectRequest {
  kind: 'data-center';
  /** The instance's base URL, context path included (`https://jira.example.com/jira`). */
  baseUrl: string;
  personalAccessToken: string;
}

/** The base URL as the collectors join paths to it: origin and context path, no trailing slash. */
export function normalizeDataCenterUrl(given: string): string {
  let url: URL;
  try {
    url = new URL(given.trim());
  } catch {
    throw new DiscoveryError({ kind: 'data_center_url_invalid', why: 'not-a-url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DiscoveryError({ kind: 'data_center_url_invalid', why: 'scheme' });
  }
  if (url.username || url.password)
    throw new DiscoveryError({ kind: 'data_center_url_invalid', why: 'credentials' });
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host.toLowerCase()}${path}`;
}

/** Refuses a base URL the operator has not allow-listed, and Atlassian's own (Cloud) hosts. */
function requireAllowListed(baseUrl: string, allowHosts: readonly string[]): void {
  const url = new URL(baseUrl);
  if (createHostPolicy([])(url).allowed) {
    throw new DiscoveryError({
      kind: 'data_center_host_not_allowed',
      url: baseUrl,
      reason: 'an Atlassian Cloud host: connect it as a Cloud site',
    });
  }
  const verdict = createHostPolicy(allowHosts)(url);
  if (!verdict.allowed) {
    throw new DiscoveryError({ kind: 'data_center_host_not_allowed', url: baseUrl, reason: verdict.reason });
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const codeOf = (error: unknown): string | undefined => (isAtlassianError(error) ? error.code : undefined);

/** Which product answers at the base URL, with the name it gives itself; undefined: neither. */
async function productAt(
  api: AtlassianApi,
  site: SiteRef,
): Promise<{ product: DataCenterProduct; title: string | undefined; ownUrl: string } | undefined> {
  try {
    const info = await api.call('dc.jira.serverInfo.get', { site });
    return { product: 'jira-data-center', title: text(info.serverTitle), ownUrl: info.baseUrl };
  } catch (error) {
    if (codeOf(error) !== 'not_found') throw error;
  }
  try {
    const manifest = await api.call('dc.confluence.manifest.get', { site });
    return { product: 'confluence-data-center', title: text(manifest.name), ownUrl: manifest.url };
  } catch (error) {
    if (codeOf(error) !== 'not_found') throw error;
  }
  return undefined;
}

/** The token's rights: a plain user's read proves it works, an admin read says whether it administers. */
async function rightsOn(
  api: AtlassianApi,
  site: SiteRef,
  product: DataCenterProduct,
): Promise<{ rights: SiteRights; evidence: string[] }> {
  if (product === 'jira-data-center') {
    // https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/#api/2/-getPermissions
    const mine = await api.call('dc.jira.myPermissions.get', {
      site,
      query: { permissions: 'ADMINISTER,SYSTEM_ADMIN' },
    });
    const held = (key: string): boolean | undefined => {
      const have = (mine.permissions[key] as { havePermission?: unknown } | undefined)?.havePermission;
      return typeof have === 'boolean' ? have : undefined;
    };
    const admin = held('ADMINISTER');
    const systemAdmin = held('SYSTEM_ADMIN');
    const jiraAdmin = admin === true || systemAdmin === true ? true : admin === false ? false : undefined;
    return {
      rights: { jiraAccess: true, ...(jiraAdmin !== undefined ? { jiraAdmin } : {}) },
      evidence: [`Jira mypermissions: ADMINISTER ${word(admin)}, SYSTEM_ADMIN ${word(systemAdmin)}`],
    };
  }
  // Every signed-in user may list the spaces they see: the token works.
  await api.call('dc.confluence.space.list', { site, query: { limit: 1 } });
  // The global permissions are Confluence administrators' only (403 otherwise).
  // https://developer.atlassian.com/server/confluence/rest/v1000/api-group-global-permissions/
  try {
    await api.call('dc.confluence.globalPermissions.list', { site });
    return {
      rights: { confluenceAccess: true, confluenceAdmin: true },
      evidence: ['Confluence permissions: read'],
    };
  } catch (error) {
    const code = codeOf(error);
    if (code === 'forbidden') {
      return {
        rights: { confluenceAccess: true, confluenceAdmin: false },
        evidence: ['Confluence permissions: refused (403)'],
      };
    }
    if (code === 'credential_rejected') throw error;
    // Versions before 10 lack the resource (404): the plugin list, the right the admin datasets
    // and write consent need, tells instead.
    return upmRights(api, site, code);
  }
}

/**
 * Whether the token administers Confluence, asked of UPM: it lists the plugins to administrators
 * and answers 401 to anyone else, a token the space list just accepted included
 * (https://developer.atlassian.com/platform/marketplace/upm-rest-api/). Any other failure leaves
 * the right unknown: the reads then say what they were refused.
 */
async function upmRights(
  api: AtlassianApi,
  site: SiteRef,
  permissionsCode: string | undefined,
): Promise<{ rights: SiteRights; evidence: string[] }> {
  const unreadable = `Confluence permissions: could not tell (${permissionsCode ?? 'error'})`;
  try {
    await api.call('dc.upm.plugins.list', { site });
    return {
      rights: { confluenceAccess: true, confluenceAdmin: true },
      evidence: [unreadable, 'Confluence plugins (UPM): read'],
    };
  } catch (error) {
    const code = codeOf(error);
    if (code === 'credential_rejected' || code === 'forbidden') {
      return {
        rights: { confluenceAccess: true, confluenceAdmin: false },
        evidence: [unreadable, `Confluence plugins (UPM): refused (${code === 'forbidden' ? 403 : 401})`],
      };
    }
    return {
      rights: { confluenceAccess: true },
      evidence: [unreadable, `Confluence plugins (UPM): could not tell (${code ?? 'error'})`],
    };
  }
}

/**
 * The base URL the product says it has (Jira's and Confluence's "Base URL" setting): the name the
 * instance keeps when it is reached at another address (a proxy, a moved port), so the same
 * instance stays one connection. Undefined when it is no URL.
 */
function ownBaseUrl(given: string): string | undefined {
  try {
    return normalizeDataCenterUrl(given);
  } catch {
    return undefined;
  }
}

function word(held: boolean | undefined): string {
  return held === undefined ? 'unknown' : held ? 'held' : 'not held';
}

export async function connectDataCenter(
  request: DataCenterConnectRequest,
  deps: ConnectDeps,
): Promise<Connected> {
  const baseUrl = normalizeDataCenterUrl(request.baseUrl);
  requireAllowListed(baseUrl, deps.allowHosts);
  const host = new URL(baseUrl).host;
  deps.onStep?.(`reading the Data Center instance at ${host}`);
  const credentials = { dataCenterToken: request.personalAccessToken };
  const api = createAtlassianClient({
    credentials,
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
    options: DISCOVERY_OPTIONS,
  });
  try {
    const probe: SiteRef = { cloudId: baseUrl, url: baseUrl, products: [] };
    const found = await productAt(api, probe);
    if (!found) throw new DiscoveryError({ kind: 'data_center_not_recognized', url: baseUrl });
    const id = dataCenterConnectionIdFor(ownBaseUrl(found.ownUrl) ?? baseUrl);
    const site: SiteRef = { cloudId: id, url: baseUrl, products: [found.product] };
    const { rights, evidence } = await rightsOn(api, site, found.product);
    const access: SiteAccess = {
      cloudId: id,
      accountId: null,
      ...rights,
      role: roleOf(rights, site.products),
      evidence,
    };
    const title = found.title?.trim() ? found.title.trim() : host;
    return {
      org: undefined,
      target: {
        id,
        name: `${title} (${DATA_CENTER_PRODUCT_NAMES[found.product]})`,
        orgId: null,
        sites: [site],
        credentials,
        access: { [id]: access },
      },
    };
  } catch (error) {
    if (codeOf(error) === 'credential_rejected') {
      throw new DiscoveryError({ kind: 'data_center_token_rejected', url: baseUrl }, { cause: error });
    }
    throw error;
  } finally {
    await api.close();
  }
}
