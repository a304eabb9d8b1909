import type { Kysely } from 'kysely';
import type { Credentials } from '../../atlassian/credentials.ts';
import type { BaseUrls } from '../../atlassian/urls.ts';
import type { Database } from '../../db/schema.ts';
import { PalisadeError } from '../../errors.ts';
import type { SyncTarget } from '../../sync/sync-target.ts';
import type { ConnectRequest } from '../connect.ts';
import type { BitbucketConnectRequest } from '../connect-bitbucket.ts';
import type { DataCenterConnectRequest } from '../connect-data-center.ts';
import { loadCredential, writeCredentialsOf } from '../credentials/credential-store.ts';
import type { SecretBox } from '../credentials/secret-box.ts';
import { oauthScanConnection } from '../oauth/oauth-scan-connection.ts';
import { orgSiteUrls } from './org-sites.ts';
import { bitbucketConnectRequestOf, dataCenterConnectRequestOf } from './verify-token.ts';

// What a scan of a server-managed connection reads its organization with: its stored credentials,
// opened only here, at the moment the scan starts (never kept beyond it). The api-token method
// is a ConnectRequest (discovery runs at every scan, so renamed sites and new products are
// followed); the OAuth method a discovered target whose access token refreshes itself and whose
// rotated refresh token is stored before it is used (oauth/).

export interface ManagedScanDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
  now: () => Date;
  /** The OAuth app (the server's `settings.oauth`): OAuth connections refresh with it. */
  oauth?: { clientId: string; clientSecret: string } | undefined;
}

export interface ManagedScanRequest {
  connection: ConnectRequest | BitbucketConnectRequest | DataCenterConnectRequest | { target: SyncTarget };
  writeCredential?: Credentials | undefined;
}

export class NoCredentialError extends PalisadeError {
  override readonly name = 'NoCredentialError';
  readonly code = 'credential_missing' as const;
}

export async function scanRequestFor(
  deps: ManagedScanDeps,
  connectionId: string,
): Promise<ManagedScanRequest> {
  const read = await loadCredential(deps.db, deps.secretBox, connectionId, 'read');
  if (!read) throw new NoCredentialError(`connection ${connectionId} has no stored credential`);
  const write = await loadCredential(deps.db, deps.secretBox, connectionId, 'write');
  const writeCredential = write ? writeCredentialsOf(write.bundle) : undefined;
  const bundle = read.bundle;
  if (bundle.method === 'oauth') {
    return { connection: { target: await oauthScanConnection(deps, connectionId, bundle) }, writeCredential };
  }
  // A Bitbucket workspace: its one call of discovery again, then the scan (connect-bitbucket.ts).
  if (bundle.bitbucket) return { connection: bitbucketConnectRequestOf(bundle), writeCredential };
  // A Data Center instance: its product and the token's rights discovered again, then the scan.
  if (bundle.dataCenter) return { connection: dataCenterConnectRequestOf(bundle), writeCredential };
  // Without named sites, the org's sites are read again at every scan (org-sites.ts).
  const sites =
    bundle.siteUrls && bundle.siteUrls.length > 0
      ? bundle.siteUrls
      : bundle.orgApiKey && bundle.adminEmail && bundle.apiToken
        ? await orgSiteUrls(bundle.orgApiKey, bundle.orgId, deps)
        : [];
  const connection: ConnectRequest = {
    sites,
    ...(bundle.adminEmail && bundle.apiToken
      ? { siteCredential: { email: bundle.adminEmail, apiToken: bundle.apiToken } }
      : {}),
    ...(bundle.orgApiKey ? { org: { id: bundle.orgId, apiKey: bundle.orgApiKey } } : {}),
  };
  return { connection, writeCredential };
}
