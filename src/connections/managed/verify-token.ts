import type { BaseUrls } from '../../atlassian/urls.ts';
import { type Connected, type ConnectRequest, connect } from '../connect.ts';
import { type BitbucketConnectRequest, connectBitbucket } from '../connect-bitbucket.ts';
import {
  connectDataCenter,
  type DataCenterConnectRequest,
  normalizeDataCenterUrl,
} from '../connect-data-center.ts';
import type { ApiTokenBundle } from '../credentials/credential-store.ts';
import { ManagedConnectionError } from './connection-errors.ts';
import { orgSiteUrls } from './org-sites.ts';
import { type PermissionEntry, permissionCheck } from './permission-check.ts';

// Verify before save: what a person gives is tried against Atlassian (discovery, connect.ts) and
// only what worked is stored. A failure throws the PalisadeError naming what failed (a rejected
// token or key, a URL that is no site: `discovery_failed`, 422) and nothing is saved by anyone.

export interface VerifyDeps {
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
}

export interface Verified {
  connected: Connected;
  /** The bundle to store: the given one with the sites discovery read (origins, redirects followed). */
  bundle: ApiTokenBundle;
  permissions: PermissionEntry[];
}

/** Whether the bundle has a credential Palisade can read with at all. */
export function requireSomeCredential(bundle: {
  adminEmail?: string | undefined;
  apiToken?: string | undefined;
  orgApiKey?: string | undefined;
}): void {
  const site = Boolean(bundle.adminEmail && bundle.apiToken);
  if (!site && !bundle.orgApiKey) {
    throw new ManagedConnectionError(
      'missing_credentials',
      'give adminEmail and apiToken (a site admin’s API token), orgApiKey (the org API key), or both',
    );
  }
  if (!site && (bundle.adminEmail || bundle.apiToken)) {
    throw new ManagedConnectionError(
      'missing_credentials',
      bundle.apiToken
        ? 'apiToken needs adminEmail (the account the token belongs to)'
        : 'adminEmail needs apiToken',
    );
  }
}

export function connectRequestOf(bundle: ApiTokenBundle, sites: readonly string[]): ConnectRequest {
  return {
    sites,
    ...(bundle.adminEmail && bundle.apiToken
      ? { siteCredential: { email: bundle.adminEmail, apiToken: bundle.apiToken } }
      : {}),
    ...(bundle.orgApiKey ? { org: { id: bundle.orgId, apiKey: bundle.orgApiKey } } : {}),
  };
}

/** A Bitbucket workspace's credential: its access token, or an admin's e-mail and API token. */
export function bitbucketConnectRequestOf(bundle: ApiTokenBundle): BitbucketConnectRequest {
  const given = bundle.bitbucket;
  if (!given)
    throw new ManagedConnectionError('invalid_input', 'the credential names no Bitbucket workspace');
  if (given.accessToken) {
    return {
      kind: 'bitbucket',
      workspace: given.workspace,
      credential: { kind: 'access-token', token: given.accessToken },
    };
  }
  if (bundle.adminEmail && bundle.apiToken) {
    return {
      kind: 'bitbucket',
      workspace: given.workspace,
      credential: { kind: 'basic', email: bundle.adminEmail, apiToken: bundle.apiToken },
    };
  }
  throw new ManagedConnectionError(
    'missing_credentials',
    'give accessToken (a workspace access token), or adminEmail and apiToken of a workspace admin',
  );
}

/** A Bitbucket workspace: connected with its credential alone (no sites, no org key beside it). */
async function verifyBitbucketBundle(bundle: ApiTokenBundle, deps: VerifyDeps): Promise<Verified> {
  if (bundle.orgApiKey || (bundle.siteUrls && bundle.siteUrls.length > 0)) {
    throw new ManagedConnectionError(
      'invalid_input',
      'a Bitbucket workspace is a connection of its own: add the sites and the org key as another connection',
    );
  }
  const connected = await connectBitbucket(bitbucketConnectRequestOf(bundle), deps);
  return { connected, bundle, permissions: permissionCheck(connected.target) };
}

/** A Data Center instance's base URL and personal access token. */
export function dataCenterConnectRequestOf(bundle: ApiTokenBundle): DataCenterConnectRequest {
  const given = bundle.dataCenter;
  if (!given)
    throw new ManagedConnectionError('invalid_input', 'the credential names no Data Center instance');
  return { kind: 'data-center', baseUrl: given.baseUrl, personalAccessToken: given.personalAccessToken };
}

/** A Data Center instance: connected with its personal access token alone (no sites, no org key). */
async function verifyDataCenterBundle(bundle: ApiTokenBundle, deps: VerifyDeps): Promise<Verified> {
  if (bundle.orgApiKey || bundle.apiToken || (bundle.siteUrls && bundle.siteUrls.length > 0)) {
    throw new ManagedConnectionError(
      'invalid_input',
      'a Data Center instance is a connection of its own, read with its personal access token: add Cloud sites and the org key as another connection',
    );
  }
  const connected = await connectDataCenter(dataCenterConnectRequestOf(bundle), deps);
  const given = bundle.dataCenter;
  const stored: ApiTokenBundle = given
    ? { ...bundle, dataCenter: { ...given, baseUrl: normalizeDataCenterUrl(given.baseUrl) } }
    : bundle;
  return { connected, bundle: stored, permissions: permissionCheck(connected.target) };
}

export async function verifyTokenBundle(bundle: ApiTokenBundle, deps: VerifyDeps): Promise<Verified> {
  if (bundle.bitbucket) return verifyBitbucketBundle(bundle, deps);
  if (bundle.dataCenter) return verifyDataCenterBundle(bundle, deps);
  requireSomeCredential(bundle);
  let sites = normalizeSiteUrls(bundle.siteUrls ?? []);
  const siteCredential = Boolean(bundle.adminEmail && bundle.apiToken);
  if (!siteCredential) {
    // Sites are read with a site credential; the org API key alone reads the organization only.
    if (sites.length > 0) {
      throw new ManagedConnectionError(
        'missing_credentials',
        'siteUrls need adminEmail and apiToken to read the sites; with orgApiKey alone Palisade reads the organization (users, groups, policies, API keys) only',
      );
    }
  } else if (sites.length === 0) {
    if (!bundle.orgApiKey) {
      throw new ManagedConnectionError(
        'missing_credentials',
        'give siteUrls, or orgApiKey so that Palisade finds the organization’s sites',
      );
    }
    sites = await orgSiteUrls(bundle.orgApiKey, bundle.orgId, deps);
  }
  const connected = await connect(connectRequestOf(bundle, sites), deps);
  return {
    connected,
    bundle: {
      ...bundle,
      // The org id discovery confirmed, so later scans check the same org.
      ...(connected.org ? { orgId: connected.org.id } : {}),
      // Sites the person named are kept; sites found through the org are found again at every
      // scan, so a site added to the org later is scanned too (and a renamed one followed).
      siteUrls: bundle.siteUrls !== undefined && bundle.siteUrls.length > 0 ? sites : undefined,
    },
    permissions: permissionCheck(connected.target),
  };
}

function normalizeSiteUrls(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw.includes('://') ? raw : `https://${raw}`);
    } catch {
      throw new ManagedConnectionError('invalid_input', `siteUrls: ${JSON.stringify(raw)} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ManagedConnectionError('invalid_input', `siteUrls: ${url.origin} is not an http(s) URL`);
    }
    out.add(url.origin);
  }
  return [...out];
}
