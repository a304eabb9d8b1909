import type { SimulatorInfo } from './start.ts';

// What a client of a running simulator derives from its start information (start.ts): the hosts
// Palisade must allow-list to reach it, and every secret it handed out (none may ever be printed).

/**
 * The hosts of the listeners a scan reads through: the sites, the admin API, the Marketplace, the
 * auth server, Bitbucket and the Data Center instances (not the control API).
 */
export function listenerHosts(info: SimulatorInfo): string[] {
  return [
    ...info.sites.map((s) => s.url),
    info.adminApiUrl,
    info.marketplaceUrl,
    info.authUrl,
    info.bitbucketUrl,
    // Data Center instances are reached only where the operator allow-lists them.
    ...info.dataCenterSites.map((s) => s.url),
  ].map((u) => new URL(u).host);
}

/** Every credential the simulator handed out: API tokens, org API keys, OAuth and access tokens. */
export function issuedSecrets(info: SimulatorInfo): string[] {
  const c = info.credentials;
  return [
    c.admin.apiToken,
    c.member.apiToken,
    ...(c.scopedApiToken ? [c.scopedApiToken.apiToken] : []),
    c.orgApiKey,
    c.scopedOrgApiKey,
    c.oauth.clientSecret,
    ...(c.bitbucket ? [c.bitbucket.accessToken] : []),
    ...info.dataCenterSites.flatMap((s) => [s.credentials.adminToken, s.credentials.userToken]),
  ];
}
