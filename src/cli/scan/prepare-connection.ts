import { createHash } from 'node:crypto';
import type { SiteRef } from '../../atlassian/api.ts';
import {
  type DiscoveredOrg,
  DiscoveryError,
  type DiscoveryProblem,
  discoverConnection,
} from '../../sync/discover.ts';
import type { RedirectRefusal, SiteRedirect } from '../../sync/discovery-redirect.ts';
import type { ConnectionToSync } from '../../sync/sync-connection.ts';
import { CliError } from '../cli-error.ts';
import type { Progress } from '../progress/progress.ts';
import type { ScanTarget } from './scan-request.ts';

// Turns a scan's target (site URLs, credentials) into the connection the sync takes: each site's
// cloud id and products, the org's id and name. The CLI's connection id is derived from what it
// scans (the org, or the sites' cloud ids), so repeated scans into one --db build one history.

// Discovery fails fast: a wrong URL or a closed port should not wait through a sync's patience.
const DISCOVERY_OPTIONS = {
  maxAttempts: 2,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  backoffMaxMs: 1_000,
};

export interface PreparedConnection {
  connection: ConnectionToSync;
  org: DiscoveredOrg | undefined;
}

export function connectionIdFor(org: DiscoveredOrg | undefined, sites: readonly SiteRef[]): string {
  if (org) return `org-${org.id}`;
  const ids = sites.map((s) => s.cloudId).sort();
  return `sites-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`;
}

/** The one line a discovery problem is printed as, naming the flag to fix. */
function describeProblem(problem: DiscoveryProblem): CliError {
  switch (problem.kind) {
    case 'not_a_site':
      return new CliError(
        'not_found',
        `${problem.url} does not look like an Atlassian Cloud site (no cloud id at /_edge/tenant_info) — check --site`,
      );
    case 'no_products':
      return new CliError('not_found', `${problem.url} has neither Jira nor Confluence — check --site`);
    case 'site_credential_rejected':
      return new CliError(
        'credential_rejected',
        `${new URL(problem.url).host} rejected the site credential (401: API token revoked, expired or not this account's) — check --email and --api-token (PALISADE_EMAIL / PALISADE_API_TOKEN)`,
      );
    case 'no_org':
      return new CliError('not_found', 'the org API key sees no organization — check --org-api-key');
    case 'several_orgs':
      return new CliError(
        'usage',
        `the org API key sees ${problem.orgIds.length} organizations — pick one with --org-id (${problem.orgIds.join(', ')})`,
      );
    case 'org_key_rejected':
      return new CliError(
        'credential_rejected',
        'the admin API rejected the org API key (401: revoked, expired or mistyped) — check --org-api-key (PALISADE_ORG_API_KEY)',
      );
    case 'org_not_visible':
      return new CliError(
        'not_found',
        `the org API key cannot see organization ${problem.orgId ?? ''} — check --org-id and --org-api-key`,
      );
    case 'redirect_not_followed':
      return new CliError(
        'not_found',
        `${new URL(problem.url).host} redirects ${problem.location ? `to ${problem.location}` : 'without saying where'}, which Palisade does not follow: ${REDIRECT_REFUSALS[problem.reason]} — check --site`,
      );
  }
}

const REDIRECT_REFUSALS: Record<RedirectRefusal, string> = {
  other_site: 'it is not the same site, nor a site of this organization (its cloud id differs)',
  unverified:
    'the URL names no cloud id of its own, and without an org API key that lists the org’s sites the target cannot be checked (give --org-api-key, or give the target URL)',
  not_a_site: 'the target is not an Atlassian Cloud site',
  host_not_allowed: 'the target host is not Atlassian’s and not allow-listed (PALISADE_ALLOW_HOSTS)',
  redirects_again: 'the target redirects again (only one hop to the site itself is followed)',
  no_location: 'the answer names no target',
};

/** The note a followed redirect is reported with. */
export function describeRedirect(redirect: SiteRedirect): string {
  const why =
    redirect.matchedBy === 'tenant_info' ? 'the same site (same cloud id)' : 'a site of this organization';
  return `${new URL(redirect.from).host} redirects to ${new URL(redirect.to).host}, ${why}: scanning ${redirect.to}`;
}

export async function prepareConnection(target: ScanTarget, progress: Progress): Promise<PreparedConnection> {
  const credentials = {
    ...(target.siteCredential ? { site: { kind: 'basic' as const, ...target.siteCredential } } : {}),
    ...(target.org ? { orgApiKey: target.org.apiKey } : {}),
  };
  let discovered: Awaited<ReturnType<typeof discoverConnection>>;
  try {
    discovered = await discoverConnection({
      sites: target.sites,
      credentials,
      ...(target.org ? { orgId: target.org.id ?? null } : {}),
      allowHosts: target.allowHosts,
      baseUrls: target.baseUrls,
      options: DISCOVERY_OPTIONS,
      onStep: (step) => progress.phase(step),
    });
  } catch (error) {
    if (error instanceof DiscoveryError) throw describeProblem(error.problem);
    throw error;
  }
  const { org, sites, access } = discovered;
  for (const redirect of discovered.redirects) progress.phase(describeRedirect(redirect));
  const first = sites[0];
  const name = org?.name ?? (first ? new URL(first.url).host : 'Atlassian');
  if (discovered.credentials.site?.kind === 'basic' && discovered.credentials.site.scoped) {
    progress.phase(
      'the API token has scopes: reading sites through api.atlassian.com/ex/… (no UPM or GraphQL)',
    );
  }
  return {
    org,
    connection: {
      id: connectionIdFor(org, sites),
      name,
      orgId: org?.id,
      sites,
      // The site token marked scoped when only the gateway takes it.
      credentials: discovered.credentials,
      access,
      palisadeAccountId: discovered.siteAccountId,
    },
  };
}
