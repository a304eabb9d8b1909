import type { AtlassianApi, SiteRef } from '../../atlassian/api.ts';
import { CliError } from '../cli-error.ts';

// What a scan needs to know before it syncs, from the fewest and cheapest calls:
// - a site's cloud id: `GET {site}/_edge/tenant_info`, unauthenticated (catalogue site.tenantInfo);
// - its products: `GET /rest/api/3/serverInfo` (Jira) and `GET /wiki/rest/api/settings/systemInfo`
//   (Confluence), one small object each. A site without the product answers 404. They are sent
//   WITH the site credential, so a rejected token fails here with the site named, before a sync
//   starts (Atlassian answers 401 to a bad credential even on endpoints anonymous users may call).
//   systemInfo needs only the "Can use" permission; a 403 still proves Confluence is there.
// - the org: `GET /admin/v1/orgs/{orgId}` (its name, and a check of the org API key), or, without
//   `--org-id`, `GET /admin/v1/orgs`: the one org the key can see.
// Atlassian has no endpoint listing a site's products without credentials, and accessible-resources
// needs OAuth, so probing each product is the documented way for API-token callers.

export interface DiscoveredOrg {
  id: string;
  name: string;
}

interface CodedError {
  code?: unknown;
}

const codeOf = (error: unknown): unknown => (error as CodedError | null)?.code;

async function hasProduct(api: AtlassianApi, endpointId: string, site: SiteRef): Promise<boolean> {
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
    const info = await api.call<{ cloudId: string }>('site.tenantInfo', {
      site: { cloudId: '', url, products: [] },
    });
    cloudId = info.cloudId;
  } catch (error) {
    if (
      codeOf(error) === 'not_found' ||
      codeOf(error) === 'request_rejected' ||
      codeOf(error) === 'response_parse'
    ) {
      throw new CliError(
        'not_found',
        `${url} does not look like an Atlassian Cloud site (no cloud id at /_edge/tenant_info) — check --site`,
      );
    }
    throw error;
  }
  const probe: SiteRef = { cloudId, url, products: [] };
  const products: SiteRef['products'] = [];
  try {
    if (await hasProduct(api, 'jira.serverInfo', probe)) products.push('jira');
    if (await hasProduct(api, 'confluence.systemInfo', probe)) products.push('confluence');
  } catch (error) {
    if (codeOf(error) === 'credential_rejected') {
      throw new CliError(
        'credential_rejected',
        `${new URL(url).host} rejected the site credential (401: API token revoked, expired or not this account's) — check --email and --api-token (PALISADE_EMAIL / PALISADE_API_TOKEN)`,
      );
    }
    throw error;
  }
  if (products.length === 0) {
    throw new CliError('not_found', `${url} has neither Jira nor Confluence — check --site`);
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
      const answer = await api.call<{ data: OrgResource }>('admin.orgs.get', { params: { orgId } });
      return { id: answer.data.id, name: answer.data.attributes?.name ?? answer.data.id };
    }
    const orgs: OrgResource[] = [];
    for await (const page of api.pages<OrgResource>('admin.orgs.list')) orgs.push(...page.items);
    const [only] = orgs;
    if (only === undefined) {
      throw new CliError('not_found', 'the org API key sees no organization — check --org-api-key');
    }
    if (orgs.length > 1) {
      throw new CliError(
        'usage',
        `the org API key sees ${orgs.length} organizations — pick one with --org-id (${orgs.map((o) => o.id).join(', ')})`,
      );
    }
    return { id: only.id, name: only.attributes?.name ?? only.id };
  } catch (error) {
    const code = codeOf(error);
    if (code === 'credential_rejected') {
      throw new CliError(
        'credential_rejected',
        'the admin API rejected the org API key (401: revoked, expired or mistyped) — check --org-api-key (PALISADE_ORG_API_KEY)',
      );
    }
    if (code === 'not_found' || code === 'forbidden') {
      throw new CliError(
        'not_found',
        `the org API key cannot see organization ${orgId ?? ''} — check --org-id and --org-api-key`,
      );
    }
    throw error;
  }
}
