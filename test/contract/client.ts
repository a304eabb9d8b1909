import type { RunningSimulator } from '../../simulator/start.ts';
import { type Endpoint, endpoints } from '../../src/atlassian/catalogue/index.ts';
import { type Fixture, pathParam } from './fixture.ts';

// How a contract test calls a catalogue endpoint the way Palisade will: the right host (the site,
// api.atlassian.com, the Marketplace), the right credentials, real path parameters.

/**
 * Who calls: the site admin (Basic), the site admin through 3LO (a Bearer token on
 * `api.atlassian.com/ex/{product}/{cloudId}`), a plain member (Basic), the unscoped org API key,
 * the scoped one (`read:directories:admin` only), nobody, or a credential that is not valid.
 */
export type Caller =
  | 'admin'
  | 'oauth'
  | 'member'
  | 'org-key'
  | 'scoped-org-key'
  | 'anonymous'
  | 'wrong'
  /** Bitbucket: the workspace access token (Bearer). */
  | 'access-token';

export interface ContractRequest {
  /** What this variant shows, for messages (`as anonymous`). */
  label?: string;
  /** Defaults to the endpoint's first credential kind: org key, else admin Basic, else anonymous. */
  as?: Caller;
  /** The site a site endpoint is asked on, when not the fixture's (`Fixture.site`). */
  siteId?: string;
  /** Path parameters; any not given come from the fixture by name (fixture.ts `pathParam`). */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface Reply {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the raw text when it is not JSON (undefined when empty). */
  body: unknown;
  text: string;
}

/** The Data Center site an endpoint is called on: its product's; the Jira site for what both serve. */
function dataCenterSite(sim: RunningSimulator, e: Endpoint) {
  const product = e.product === 'confluence-data-center' ? 'confluence-data-center' : 'jira-data-center';
  const site = sim.info.dataCenterSites.find((s) => s.product === product);
  if (!site) throw new Error(`${e.id}: the simulator serves no ${product} site`);
  return site;
}

export function defaultCaller(e: Endpoint): Caller {
  if (e.auth.includes('pat')) return 'admin';
  if (e.auth.includes('org-key')) return 'org-key';
  if (e.auth.includes('basic')) return 'admin';
  return 'anonymous';
}

export function hostUrl(sim: RunningSimulator, f: Fixture, e: Endpoint, req: ContractRequest = {}): string {
  const siteId = req.siteId ?? f.site.id;
  // 3LO reaches site endpoints through the gateway: https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
  if (req.as === 'oauth' && e.host === 'site') {
    return `${sim.info.adminApiUrl}/ex/${e.product === 'confluence' ? 'confluence' : 'jira'}/${siteId}`;
  }
  switch (e.host) {
    case 'site': {
      const site = sim.info.sites.find((s) => s.cloudId === siteId);
      if (!site) throw new Error(`The simulator serves no site ${siteId}`);
      return site.url;
    }
    case 'api':
      return sim.info.adminApiUrl;
    case 'marketplace':
      return sim.info.marketplaceUrl;
    case 'auth':
      return sim.info.authUrl;
    case 'data-center':
      return dataCenterSite(sim, e).url;
    case 'bitbucket':
      return sim.info.bitbucketUrl;
  }
}

const basic = (email: string, token: string) =>
  `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

const CONTRACT_GRANT = 'contract-test-grant';
const CONTRACT_TOKEN = 'contract-test-3lo-access-token';

/**
 * A 3LO access token for the admin on every site with every classic scope the catalogue names,
 * minted straight into the simulator's OAuth state (the consent flow has its own tests).
 */
function oauthToken(sim: RunningSimulator, scopes: readonly string[]): string {
  const state = sim.context.state;
  if (!state.oauthGrants.has(CONTRACT_GRANT)) {
    state.oauthGrants.set(CONTRACT_GRANT, {
      id: CONTRACT_GRANT,
      clientId: sim.info.credentials.oauth.clientId,
      accountId: sim.info.credentials.admin.accountId,
      scopes: [...scopes],
      siteIds: state.tenant.sites.map((s) => s.id),
      revoked: false,
    });
  }
  state.oauthAccessTokens.set(CONTRACT_TOKEN, {
    token: CONTRACT_TOKEN,
    grantId: CONTRACT_GRANT,
    expiresAt: sim.context.now() + 3_600_000,
  });
  return CONTRACT_TOKEN;
}

export function authorization(sim: RunningSimulator, e: Endpoint, as: Caller): string | undefined {
  const c = sim.info.credentials;
  // Data Center: the site's personal access tokens, as Bearer.
  if (e.auth.includes('pat')) {
    const tokens = dataCenterSite(sim, e).credentials;
    if (as === 'admin') return `Bearer ${tokens.adminToken}`;
    if (as === 'member') return `Bearer ${tokens.userToken}`;
    if (as === 'wrong') return 'Bearer not-a-valid-token';
  }
  switch (as) {
    case 'admin':
      return basic(c.admin.email, c.admin.apiToken);
    case 'oauth':
      return `Bearer ${oauthToken(sim, [...new Set(endpoints.flatMap((x) => x.oauthScopes))])}`;
    case 'member':
      return basic(c.member.email, c.member.apiToken);
    case 'org-key':
      return `Bearer ${c.orgApiKey}`;
    case 'scoped-org-key':
      return `Bearer ${c.scopedOrgApiKey}`;
    case 'anonymous':
      return undefined;
    case 'access-token':
      return `Bearer ${c.bitbucket?.accessToken ?? 'no-bitbucket-workspace'}`;
    case 'wrong':
      return e.auth.includes('basic')
        ? basic(c.admin.email, 'ATATT3xNotTheRightToken')
        : 'Bearer not-a-valid-key';
  }
}

export function urlOf(sim: RunningSimulator, f: Fixture, e: Endpoint, req: ContractRequest): string {
  const path = e.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = req.params?.[name] ?? pathParam(f, name);
    if (value === undefined)
      throw new Error(`${e.id}: no value for path parameter {${name}} (give it in requests.ts)`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(req.query ?? {}).toString();
  return `${hostUrl(sim, f, e, req)}${path}${query ? `?${query}` : ''}`;
}

export async function fetchReply(
  method: string,
  url: string,
  authorizationHeader: string | undefined,
  body?: unknown,
): Promise<Reply> {
  const res = await fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      ...(authorizationHeader ? { authorization: authorizationHeader } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text === '' ? undefined : text;
  try {
    if (text !== '') parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text, the contract check reports it
  }
  return { method, url, status: res.status, headers: res.headers, body: parsed, text };
}

export function send(sim: RunningSimulator, f: Fixture, e: Endpoint, req: ContractRequest): Promise<Reply> {
  return fetchReply(
    e.method,
    urlOf(sim, f, e, req),
    authorization(sim, e, req.as ?? defaultCaller(e)),
    req.body,
  );
}

/** `GET http://127.0.0.1:1234/rest/api/3/project/search?... → 404: {...}` for failure messages. */
export function describeReply(r: Reply): string {
  // Fastify's own 404 for a path nobody registered: the route handler has not landed.
  if (r.status === 404 && /"message":"Route [A-Z]+:.* not found"/.test(r.text)) {
    return `${r.method} ${r.url} → 404: the simulator does not serve this route (yet)`;
  }
  const text = r.text.length > 400 ? `${r.text.slice(0, 397)}...` : r.text;
  return `${r.method} ${r.url} → ${r.status}: ${text || '(empty body)'}`;
}
