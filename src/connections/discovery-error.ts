import { PalisadeError } from '../errors.ts';
import type { RedirectProblem, RedirectRefusal, SiteRedirect } from './discovery-redirect.ts';

// Why discovery failed, typed for a caller that branches on it, and phrased once: the message
// names the problem, the fix names the input to change the way each surface names it (the CLI:
// its flags; see src/errors.ts `Surface`).

export type DiscoveryProblem =
  | { kind: 'not_a_site'; url: string }
  | { kind: 'no_products'; url: string }
  | { kind: 'site_credential_rejected'; url: string }
  | { kind: 'no_org' }
  | { kind: 'several_orgs'; orgIds: string[] }
  | { kind: 'org_key_rejected' }
  | { kind: 'org_not_visible'; orgId: string | undefined }
  | { kind: 'bitbucket_credential_rejected'; workspace: string }
  | { kind: 'bitbucket_workspace_not_found'; workspace: string }
  | { kind: 'bitbucket_workspace_forbidden'; workspace: string; message: string | undefined }
  | { kind: 'data_center_url_invalid'; why: 'not-a-url' | 'scheme' | 'credentials' }
  | { kind: 'data_center_host_not_allowed'; url: string; reason: string }
  | { kind: 'data_center_token_rejected'; url: string }
  | { kind: 'data_center_not_recognized'; url: string }
  | RedirectProblem;

const REDIRECT_REFUSALS: Record<RedirectRefusal, string> = {
  other_site: 'it is not the same site, nor a site of this organization (its cloud id differs)',
  unverified:
    'the URL names no cloud id of its own, and without an org API key that lists the org’s sites the target cannot be checked (give the org API key, or the target URL)',
  not_a_site: 'the target is not an Atlassian Cloud site',
  host_not_allowed: 'the target host is not Atlassian’s and not allow-listed (PALISADE_ALLOW_HOSTS)',
  redirects_again: 'the target redirects again (only one hop to the site itself is followed)',
  no_location: 'the answer names no target',
};

const hostOf = (url: string) => new URL(url).host;

/** The problem in words, and the fix as a template of src/errors.ts. */
function phrase(problem: DiscoveryProblem): { message: string; fix: string } {
  switch (problem.kind) {
    case 'not_a_site':
      return {
        message: `${problem.url} does not look like an Atlassian Cloud site (no cloud id at /_edge/tenant_info)`,
        fix: 'check {site}',
      };
    case 'no_products':
      return { message: `${problem.url} has neither Jira nor Confluence`, fix: 'check {site}' };
    case 'site_credential_rejected':
      return {
        message: `${hostOf(problem.url)} rejected the site credential (401: API token revoked, expired or not this account's)`,
        fix: 'check {siteCredential}',
      };
    case 'no_org':
      return { message: 'the org API key sees no organization', fix: 'check {orgApiKey}' };
    case 'several_orgs':
      return {
        message: `the org API key sees ${problem.orgIds.length} organizations`,
        fix: `pick one with {orgId} (${problem.orgIds.join(', ')})`,
      };
    case 'org_key_rejected':
      return {
        message: 'the admin API rejected the org API key (401: revoked, expired or mistyped)',
        fix: 'check {orgApiKey}',
      };
    case 'org_not_visible':
      return {
        message: `the org API key cannot see organization ${problem.orgId ?? ''}`.trim(),
        fix: 'check {orgId} and {orgApiKey}',
      };
    case 'bitbucket_credential_rejected':
      return {
        message: `api.bitbucket.org rejected the credential for workspace ${problem.workspace} (401: token revoked, expired, mistyped, or not this account's)`,
        fix: 'check {bitbucketCredential}',
      };
    case 'bitbucket_workspace_not_found':
      return {
        message: `Bitbucket has no workspace ${problem.workspace} that this credential can see (404)`,
        fix: 'check {bitbucketWorkspace}',
      };
    case 'bitbucket_workspace_forbidden':
      return {
        message: `Bitbucket refused workspace ${problem.workspace} to this credential (403${problem.message ? `: ${problem.message}` : ''})`,
        fix: 'check {bitbucketWorkspace} and {bitbucketCredential}',
      };
    case 'data_center_url_invalid':
      return {
        // The given text is never echoed: a user name and password in it, or a token pasted into the
        // wrong field, would reach the response and the logs.
        message: {
          'not-a-url': 'the Data Center base URL is not a URL',
          scheme: 'the Data Center base URL is not an http:// or https:// URL',
          credentials:
            'the Data Center base URL carries a user name or password; give the address alone (the personal access token has its own field)',
        }[problem.why],
        fix: 'check {dataCenterUrl}',
      };
    case 'data_center_host_not_allowed':
      return {
        message: `${problem.url} is not allow-listed for Data Center (${problem.reason})`,
        fix: `add {allowHost:${hostOf(problem.url)}} if you trust it`,
      };
    case 'data_center_token_rejected':
      return {
        message: `${hostOf(problem.url)} rejected the personal access token (401: revoked, expired, mistyped, or another instance's)`,
        fix: 'check {dataCenterToken}',
      };
    case 'data_center_not_recognized':
      return {
        message: `${problem.url} answers neither as Jira Data Center (/rest/api/2/serverInfo) nor as Confluence Data Center (/rest/applinks/1.0/manifest)`,
        fix: 'check {dataCenterUrl} (the base URL, context path included)',
      };
    case 'redirect_not_followed':
      return {
        message: `${hostOf(problem.url)} redirects ${problem.location ? `to ${problem.location}` : 'without saying where'}, which Palisade does not follow: ${REDIRECT_REFUSALS[problem.reason]}`,
        fix: 'check {site}',
      };
  }
}

export class DiscoveryError extends PalisadeError {
  override readonly name = 'DiscoveryError';
  readonly code = 'discovery_failed' as const;
  readonly problem: DiscoveryProblem;

  constructor(problem: DiscoveryProblem, options?: { cause?: unknown }) {
    const { message, fix } = phrase(problem);
    super(message, { ...options, fix });
    this.problem = problem;
  }
}

/** The note a followed redirect is reported with. */
export function describeRedirect(redirect: SiteRedirect): string {
  const why =
    redirect.matchedBy === 'tenant_info' ? 'the same site (same cloud id)' : 'a site of this organization';
  return `${hostOf(redirect.from)} redirects to ${hostOf(redirect.to)}, ${why}: scanning ${redirect.to}`;
}
