// The outbound allow-list. Palisade holds credentials that open a whole Atlassian organization,
// so a URL built from data (a site URL stored at connect time, a `next` link Atlassian returns)
// must never send them elsewhere: only Atlassian's own hosts over https, plus the hosts an
// operator allow-lists (`PALISADE_ALLOW_HOSTS`: the simulator, a Data Center proxy), are reachable.

const ATLASSIAN_HOSTS = new Set([
  'api.atlassian.com',
  'marketplace.atlassian.com',
  'auth.atlassian.com',
  // Bitbucket Cloud's REST API: https://developer.atlassian.com/cloud/bitbucket/rest/intro/
  'api.bitbucket.org',
]);

/** `*.atlassian.net`: one or more labels before it (`acme.atlassian.net`), never the bare domain. */
function isAtlassianHost(hostname: string): boolean {
  return ATLASSIAN_HOSTS.has(hostname) || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.atlassian\.net$/.test(hostname);
}

interface AllowEntry {
  host: string;
  wildcard: boolean;
  port: string | undefined;
}

function parseEntry(entry: string): AllowEntry {
  const lower = entry.trim().toLowerCase();
  const wildcard = lower.startsWith('*.');
  const rest = wildcard ? lower.slice(2) : lower;
  const colon = rest.lastIndexOf(':');
  const hasPort = colon > 0 && /^\d+$/.test(rest.slice(colon + 1));
  return {
    host: hasPort ? rest.slice(0, colon) : rest,
    wildcard,
    port: hasPort ? rest.slice(colon + 1) : undefined,
  };
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : protocol === 'http:' ? '80' : '');

export type HostVerdict = { allowed: true } | { allowed: false; reason: string };

export type HostPolicy = (url: URL) => HostVerdict;

/**
 * The policy for a list of operator entries (`host`, `host:port`, `*.domain`, `*.domain:port`;
 * an entry without a port allows every port of that host).
 */
export function createHostPolicy(allowHosts: readonly string[]): HostPolicy {
  const entries = allowHosts.filter((h) => h.trim().length > 0).map(parseEntry);
  const allowListed = (url: URL): boolean => {
    const hostname = url.hostname.toLowerCase();
    const port = url.port || defaultPort(url.protocol);
    return entries.some(
      (e) =>
        (e.wildcard ? hostname.endsWith(`.${e.host}`) : hostname === e.host) &&
        (e.port === undefined || e.port === port),
    );
  };
  return (url) => {
    if (url.username || url.password) return { allowed: false, reason: 'URLs with credentials are refused' };
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { allowed: false, reason: `protocol ${url.protocol} is not allowed` };
    }
    const hostname = url.hostname.toLowerCase();
    if (isAtlassianHost(hostname)) {
      // Atlassian serves only https; plain http to its hosts would put the credential on the wire.
      if (url.protocol !== 'https:')
        return { allowed: false, reason: `${hostname} must be reached over https` };
      if (url.port === '' || allowListed(url)) return { allowed: true };
      return { allowed: false, reason: `${hostname}:${url.port} is not Atlassian's https port` };
    }
    if (allowListed(url)) return { allowed: true };
    return {
      allowed: false,
      reason: `${url.host} is not an Atlassian host and not in PALISADE_ALLOW_HOSTS`,
    };
  };
}
