import { bitbucketSite } from '../atlassian/api.ts';
import { createAtlassianClient } from '../atlassian/client.ts';
import type { BitbucketCredential } from '../atlassian/credentials.ts';
import { isAtlassianError } from '../atlassian/errors.ts';
import { type ConnectDeps, type Connected, DISCOVERY_OPTIONS } from './connect.ts';
import { bitbucketConnectionIdFor } from './connection-id.ts';
import { DiscoveryError } from './discovery-error.ts';

// Connects a Bitbucket Cloud workspace: a connection of kind `bitbucket`, whose one site is the
// workspace (product `bitbucket`, `https://bitbucket.org/{workspace}`, its uuid the site id).
// The credential is a workspace access token (Bearer) or an admin's e-mail and API token (Basic);
// one call, `GET /2.0/workspaces/{workspace}`, proves it reaches the workspace and names it.
// What only admins may read (branch restrictions, keys, webhooks, variables) a member's
// credential is refused by the sync, dataset by dataset, saying so.
// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/#api-workspaces-workspace-get

export interface BitbucketConnectRequest {
  kind: 'bitbucket';
  /** The workspace slug (`acme` in `bitbucket.org/acme`). */
  workspace: string;
  credential: BitbucketCredential;
}

/** A workspace slug as Bitbucket allows one: lower-case letters, digits, `-` and `_`. */
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

export async function connectBitbucket(
  request: BitbucketConnectRequest,
  deps: ConnectDeps,
): Promise<Connected> {
  const workspace = request.workspace.trim().toLowerCase();
  if (!SLUG.test(workspace)) throw new DiscoveryError({ kind: 'bitbucket_workspace_not_found', workspace });
  deps.onStep?.(`reading Bitbucket workspace ${workspace}`);
  const credentials = { bitbucket: request.credential };
  const api = createAtlassianClient({
    credentials,
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
    options: DISCOVERY_OPTIONS,
  });
  try {
    const ws = await api.call('bitbucket.workspace.get', { params: { workspace } });
    const name = typeof ws.name === 'string' && ws.name.trim() !== '' ? ws.name : ws.slug;
    const site = bitbucketSite({ slug: ws.slug, uuid: ws.uuid });
    return {
      org: undefined,
      target: {
        id: bitbucketConnectionIdFor(ws.uuid),
        name: `${name} (Bitbucket)`,
        orgId: null,
        sites: [site],
        credentials,
      },
    };
  } catch (error) {
    if (isAtlassianError(error)) {
      if (error.code === 'credential_rejected') {
        throw new DiscoveryError({ kind: 'bitbucket_credential_rejected', workspace }, { cause: error });
      }
      if (error.code === 'not_found') {
        throw new DiscoveryError({ kind: 'bitbucket_workspace_not_found', workspace }, { cause: error });
      }
      if (error.code === 'forbidden') {
        const reason = (error as { reason?: unknown }).reason;
        throw new DiscoveryError(
          {
            kind: 'bitbucket_workspace_forbidden',
            workspace,
            message: typeof reason === 'string' ? reason : undefined,
          },
          { cause: error },
        );
      }
    }
    throw error;
  } finally {
    await api.close();
  }
}
