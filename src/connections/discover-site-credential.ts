import type { AtlassianApi, EndpointId, SiteRef } from '../atlassian/api.ts';
import type { BasicCredential } from '../atlassian/credentials.ts';

// What the site credential is, learnt at discovery:
// - A classic API token works on the site host. A token created with scopes is refused there (401)
//   and accepted only through the gateway `api.atlassian.com/ex/{jira|confluence}/{cloudId}`, with
//   the same Basic header (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/).
//   So when the site host refuses a Basic credential, `GET /rest/api/3/myself` through the gateway
//   tells them apart: 200 = a scoped token; a refused scope = a scoped token without that scope
//   (the gateway knew the token); another 401 = a token that is wrong everywhere. A site without
//   Jira is asked for Confluence's system info instead (a 404 says the product is not there).
// - The account it belongs to (`myself`), so Palisade can find its own token among the org's and
//   warn before it expires.

interface CodedError {
  code?: unknown;
}

const codeOf = (error: unknown): unknown => (error as CodedError | null)?.code;

/** The account id `/myself` names, or undefined when it cannot be read (no Jira, not permitted). */
export async function siteAccountId(api: AtlassianApi, site: SiteRef): Promise<string | undefined> {
  if (!site.products.includes('jira')) return undefined;
  try {
    const me = await api.call('jira.myself.get', { site });
    return typeof me.accountId === 'string' ? me.accountId : undefined;
  } catch (error) {
    if (codeOf(error) === 'credential_rejected') throw error;
    return undefined;
  }
}

export interface ScopedTokenProbe {
  /** Whether the gateway took the credential as an API token with scopes. */
  scoped: boolean;
  /** Its account, when `/myself` answered through the gateway. */
  accountId: string | undefined;
}

/**
 * Asks the gateway, with the same credential marked as scoped, whether it is an API token with
 * scopes. `gateway` is a client holding `{ ...credential, scoped: true }`.
 */
export async function probeScopedToken(
  gateway: AtlassianApi,
  url: string,
  credential: BasicCredential,
): Promise<ScopedTokenProbe> {
  const no: ScopedTokenProbe = { scoped: false, accountId: undefined };
  if (credential.kind !== 'basic' || credential.scoped) return no;
  let cloudId: string;
  try {
    cloudId = (await gateway.call('site.tenantInfo.get', { site: { cloudId: '', url, products: [] } }))
      .cloudId;
  } catch {
    return no;
  }
  const probes: [SiteRef['products'][number], EndpointId][] = [
    ['jira', 'jira.myself.get'],
    ['confluence', 'confluence.systemInfo.get'],
  ];
  for (const [product, endpointId] of probes) {
    const site: SiteRef = { cloudId, url, products: [product] };
    try {
      const body: unknown = await gateway.call(endpointId, { site });
      const accountId =
        product === 'jira' && typeof body === 'object' && body !== null && 'accountId' in body
          ? typeof body.accountId === 'string'
            ? body.accountId
            : undefined
          : undefined;
      return { scoped: true, accountId };
    } catch (error) {
      const code = codeOf(error);
      // The gateway knew the token but not this scope (a 403, or the 401 "scope does not match").
      if (code === 'forbidden') return { scoped: true, accountId: undefined };
      if (code === 'not_found') continue;
      return no;
    }
  }
  return no;
}
