import type { SyncTarget } from '../../sync/sync-target.ts';
import type { OAuthBundle } from '../credentials/credential-store.ts';
import type { ManagedScanDeps } from '../managed/scan-request.ts';

// FOUNDATION PLACEHOLDER — the OAuth work replaces it: the target of an OAuth connection, its
// site credential an OAuthCredential whose rotated tokens are saved before use.
export async function oauthScanConnection(
  _deps: ManagedScanDeps,
  connectionId: string,
  _bundle: OAuthBundle,
): Promise<SyncTarget> {
  throw new Error(`OAuth scans are not built yet (${connectionId})`);
}
