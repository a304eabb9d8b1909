import { DEFAULT_TRANSPORT_OPTIONS } from '../atlassian/transport.ts';
import type { BaseUrls } from '../atlassian/urls.ts';
import type { SyncTarget } from '../sync/sync-target.ts';
import { connectionIdFor } from './connection-id.ts';
import { type DiscoveredOrg, discoverConnection } from './discover.ts';
import { describeRedirect } from './discovery-error.ts';

// Creates a connection from what a person gives (site URLs, a site credential, an org API key):
// discovery (discover.ts) learns each site's cloud id and products, the org, what the credential
// may see, and follows a renamed site's redirect; the result is the target a sync reads. Problems
// are DiscoveryErrors (discovery-error.ts) naming the input to fix.

/**
 * Discovery retries a 5xx as often as the sync does (a site answering 503 three times in ten is
 * common under load and should not abort a run the sync would survive), but fails sooner on a
 * wrong URL or a closed port: shorter timeouts and backoff.
 */
export const DISCOVERY_OPTIONS = {
  maxAttempts: DEFAULT_TRANSPORT_OPTIONS.maxAttempts,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  backoffMaxMs: 1_000,
};

export interface ConnectRequest {
  /** Site origins, e.g. `https://acme.atlassian.net`. */
  sites: readonly string[];
  siteCredential?: { email: string; apiToken: string } | undefined;
  /** Org-level checks: the org API key, and the org id (looked up from the key when absent). */
  org?: { id: string | undefined; apiKey: string } | undefined;
}

export interface ConnectDeps {
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
  /** Each step and note ("discovering acme.atlassian.net", a followed redirect), for progress. */
  onStep?: ((text: string) => void) | undefined;
}

export interface Connected {
  target: SyncTarget;
  org: DiscoveredOrg | undefined;
}

export async function connect(request: ConnectRequest, deps: ConnectDeps): Promise<Connected> {
  const step = deps.onStep ?? (() => {});
  const credentials = {
    ...(request.siteCredential ? { site: { kind: 'basic' as const, ...request.siteCredential } } : {}),
    ...(request.org ? { orgApiKey: request.org.apiKey } : {}),
  };
  const discovered = await discoverConnection({
    sites: request.sites,
    credentials,
    ...(request.org ? { orgId: request.org.id ?? null } : {}),
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
    options: DISCOVERY_OPTIONS,
    onStep: step,
  });
  const { org, sites, access } = discovered;
  for (const redirect of discovered.redirects) step(describeRedirect(redirect));
  const first = sites[0];
  if (discovered.credentials.site?.kind === 'basic' && discovered.credentials.site.scoped) {
    step('the API token has scopes: reading sites through api.atlassian.com/ex/… (no UPM or GraphQL)');
  }
  return {
    org,
    target: {
      id: connectionIdFor(org, sites),
      name: org?.name ?? (first ? new URL(first.url).host : 'Atlassian'),
      orgId: org?.id ?? null,
      sites,
      // The site token marked scoped when only the gateway takes it.
      credentials: discovered.credentials,
      access,
      palisadeAccountId: discovered.siteAccountId,
    },
  };
}
