import type { Connection, ConnectionList, Domain, LastSync } from './types.ts';

// The kinds of connection the Integrations window lists in rows of their own: Atlassian Cloud (an
// organization and its sites), Bitbucket Cloud (a workspace) and Data Center (a self-managed Jira
// or Confluence instance). The list answer carries no kind, so it is read from the domains'
// products (a workspace's is `bitbucket`, an instance's `jira-data-center` or
// `confluence-data-center`), tolerating a `kind` field should the server add one.

export const KINDS = ['atlassian', 'bitbucket', 'data-center'] as const;
export type ConnectionKind = (typeof KINDS)[number];

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

const DATA_CENTER_PRODUCTS = new Set(['jira-data-center', 'confluence-data-center']);

export function kindOf(connection: Connection): ConnectionKind {
  const declared = (connection as { kind?: unknown }).kind;
  if (declared === 'bitbucket' || declared === 'data-center') return declared;
  const products: string[] = connection.domains.flatMap((d) => d.products);
  if (products.some((p) => DATA_CENTER_PRODUCTS.has(p))) return 'data-center';
  if (products.length > 0 && products.every((p) => p === 'bitbucket')) return 'bitbucket';
  return 'atlassian';
}

export function connectionsOfKind(connections: readonly Connection[], kind: ConnectionKind): Connection[] {
  return connections.filter((c) => kindOf(c) === kind);
}

export type WorstLastSync = NonNullable<ConnectionList['worstLastSync']>;

/**
 * The domain of these connections that needs a look most, in the server's order: the server's own
 * pick when it is one of them (it alone knows how far over its limit a sync is); otherwise an
 * excessive last sync, then a domain never synced, then the one synced longest ago.
 */
export function worstOfKind(
  connections: readonly Connection[],
  serverWorst: ConnectionList['worstLastSync'],
): WorstLastSync | null {
  if (serverWorst && connections.some((c) => c.id === serverWorst.connectionId)) return serverWorst;
  const domains = connections.flatMap((c) => c.domains.map((d) => ({ connectionId: c.id, domain: d })));
  const byAge = (a: { domain: Domain }, b: { domain: Domain }) =>
    (a.domain.lastSync?.at ?? '') < (b.domain.lastSync?.at ?? '') ? -1 : 1;
  const excessive = domains.filter((d) => d.domain.lastSync?.excessive).sort(byAge);
  const never = domains.filter((d) => d.domain.lastSync === null);
  const oldest = domains.filter((d) => d.domain.lastSync !== null).sort(byAge);
  const worst = excessive[0] ?? never[0] ?? oldest[0];
  if (!worst) return null;
  const lastSync: LastSync | null = worst.domain.lastSync;
  return {
    connectionId: worst.connectionId,
    host: worst.domain.host,
    lastSync,
    excessive: lastSync?.excessive ?? false,
    reason: lastSync ? (lastSync.reason ?? null) : 'not synced yet',
  };
}

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
