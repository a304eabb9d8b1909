import type { Connection, ConnectionList } from './types.ts';

// The kinds of connection the Integrations window lists in rows of their own: Atlassian Cloud (an
// organization and its sites), Bitbucket Cloud (a workspace) and Data Center (a self-managed Jira
// or Confluence instance). Each connection's kind is the server's (`kind`, from its stored
// credential).

export type ConnectionKind = Connection['kind'];
export const KINDS = ['atlassian', 'bitbucket', 'data-center'] as const satisfies readonly ConnectionKind[];

export interface KindInfo {
  /** The row's name in the window. */
  row: string;
  /** What one domain of this kind is called: "1 workspace", "2 instances". */
  unit: [one: string, many: string];
  /** Where a screen reader's region and the row's button point. */
  regionId: string;
}

export const KIND_INFO: Record<ConnectionKind, KindInfo> = {
  atlassian: { row: 'Atlassian', unit: ['domain', 'domains'], regionId: 'atlassian-domains' },
  bitbucket: { row: 'Bitbucket', unit: ['workspace', 'workspaces'], regionId: 'bitbucket-domains' },
  'data-center': { row: 'Data Center', unit: ['instance', 'instances'], regionId: 'data-center-domains' },
};

/** "1 workspace", "3 instances". */
export function countOf(kind: ConnectionKind, n: number): string {
  const [one, many] = KIND_INFO[kind].unit;
  return `${n} ${n === 1 ? one : many}`;
}

export function connectionsOfKind(connections: readonly Connection[], kind: ConnectionKind): Connection[] {
  return connections.filter((c) => c.kind === kind);
}

/** The credentials request's fields a new key can go in (`PUT /api/v1/connections/{id}/credentials`). */
export type KeyField = 'apiToken' | 'accessToken' | 'personalAccessToken';

/**
 * The credential field a new key replaces: a Data Center instance's personal access token; a
 * Bitbucket workspace's access token, or the admin's API token when that is what reads it; else an
 * API token.
 */
export function keyFieldOf(connection: Pick<Connection, 'kind' | 'bitbucketCredential'>): KeyField {
  if (connection.kind === 'data-center') return 'personalAccessToken';
  if (connection.kind === 'bitbucket' && connection.bitbucketCredential !== 'api-token') return 'accessToken';
  return 'apiToken';
}

/** A row's worst last sync, as the server picks it per kind (`worstLastSyncByKind`). */
export type WorstLastSync = NonNullable<ConnectionList['worstLastSync']>;

const PRODUCT_LABEL: Record<string, string> = {
  jira: 'Jira',
  'jira-service-management': 'Jira Service Management',
  confluence: 'Confluence',
  bitbucket: 'Bitbucket',
  'jira-data-center': 'Jira Data Center',
  'confluence-data-center': 'Confluence Data Center',
};

/** A product as the window names it (an unknown one as the server spells it). */
export function productLabel(product: string): string {
  return PRODUCT_LABEL[product] ?? product;
}
