import { createHash } from 'node:crypto';
import type { ConnectionSite } from '../inventory/connections.ts';

/**
 * A connection's id, derived from what is read: `org-<orgId>` with an org API key, otherwise
 * `sites-<hash of the sites' cloud ids>`. Scans of the same organization into one database are
 * therefore one history, whoever starts them (the CLI, the server, a worker).
 */
export function connectionIdFor(org: { id: string } | undefined, sites: readonly ConnectionSite[]): string {
  if (org) return `org-${org.id}`;
  const ids = sites.map((s) => s.cloudId).sort();
  return `sites-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`;
}

/**
 * A Bitbucket workspace's connection id: `bitbucket-<workspace uuid>` (without braces), the uuid
 * being the one name a workspace keeps when its slug changes.
 */
export function bitbucketConnectionIdFor(workspaceUuid: string): string {
  return `bitbucket-${workspaceUuid.replace(/[{}]/g, '').toLowerCase()}`;
}

/**
 * A Data Center instance's connection id (also its site id): `dc-<hash of its base URL>`, the one
 * it says it has (Jira's serverInfo `baseUrl`, Confluence's manifest `url`). The REST APIs name no
 * server id a plain user may read; the configured base URL is the instance's name.
 */
export function dataCenterConnectionIdFor(baseUrl: string): string {
  return `dc-${createHash('sha256').update(baseUrl).digest('hex').slice(0, 16)}`;
}
