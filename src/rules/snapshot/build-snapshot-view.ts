import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type ConnectionRecord, getConnection } from '../../inventory/connections.ts';
import { type DatasetOutcomeRecord, snapshotOutcomes } from '../../inventory/dataset-outcomes.ts';
import { getSnapshot, latestSnapshot } from '../../inventory/snapshots.ts';
import type { GuardTier } from '../plans.ts';
import type { DatasetView, OrgFacts, SiteFacts, SnapshotView } from '../snapshot-view.ts';
import { hasItems, toDatasetOutcome } from './dataset-outcome.ts';
import { SnapshotViewError } from './errors.ts';
import { readSnapshotItems } from './read-items.ts';
import {
  type LicenceApplication,
  siteName,
  siteProducts,
  siteSandbox,
  type WorkspaceFacts,
} from './site-facts.ts';

// Builds the engine's input from the store: one complete snapshot version of a connection, each
// dataset's items per scope and the outcome the sync run that published it recorded, and the
// org and site facts. Only datasets read completely or in part carry items (a failed dataset's
// rows are the previous sync's, and the engine must not see them as current); a dataset with no
// outcome row was not collected and is left out of the view, which the engine reads as such.
//
// What stays unknown (null), because no public API says it:
// - the Atlassian Guard tier (`org.guard`): rules that need Guard are `unknown` (plan_unknown)
//   unless the caller passes `guard` (an admin's statement of the subscription);
// - the Jira plan beyond Free: the licence says `PAID`, not Standard/Premium/Enterprise (see
//   site-facts.ts), so Jira plan-gated rules are `unknown` on paid Jira-only sites.

export interface BuildSnapshotViewOptions {
  /** A complete snapshot version; the latest complete one when absent. */
  version?: number;
  /** The evaluation time rules see. */
  now: Date;
  /**
   * Only these datasets (the rules' `requires` and `optional`; the fact datasets are always read):
   * a scan need not load what none of its rules reads. All datasets when absent.
   */
  datasets?: readonly string[];
  /** The org's Atlassian Guard tier when someone has stated it; null (unknown) by default. */
  guard?: GuardTier | null;
}

/** Datasets the builder reads for site and org facts, whether or not a rule asks for them. */
const FACT_DATASETS = ['org.organization', 'org.workspaces', 'jira.license', 'confluence.system-info'];

/** The reasons the sync gives when it had no credential for a scope (src/sync plan-tasks / error-outcome). */
const NO_CREDENTIAL = /^no org credentials$|no credential of a kind/;

export async function buildSnapshotView(
  db: Kysely<Database>,
  connectionId: string,
  options: BuildSnapshotViewOptions,
): Promise<SnapshotView> {
  const connection = await getConnection(db, connectionId);
  if (!connection) throw new SnapshotViewError('connection_not_found', `no connection ${connectionId}`);
  const version = await resolveVersion(db, connectionId, options.version);

  const records = await snapshotOutcomes(db, connectionId, version);
  const wanted = options.datasets ? new Set([...options.datasets, ...FACT_DATASETS]) : undefined;
  const datasets: DatasetView[] = [];
  for (const record of records) {
    // Datasets not asked for are left out, not handed over empty: a rule that reads one anyway
    // is then `unknown` (not collected) rather than passing on "no items".
    if (wanted !== undefined && !wanted.has(record.dataset)) continue;
    const view: DatasetView = {
      name: record.dataset,
      scope: record.scope,
      outcome: toDatasetOutcome(record),
      items: [],
    };
    datasets.push(view);
  }
  const loaded = [...new Set(datasets.filter((d) => hasItems(d.outcome)).map((d) => d.name))];
  const items = await readSnapshotItems(db, connectionId, version, loaded);
  for (const view of datasets) {
    if (hasItems(view.outcome)) view.items = items.get(view.name)?.get(view.scope) ?? [];
  }

  return {
    version,
    now: options.now,
    org: orgFacts(connection, datasets, records, options.guard ?? null),
    sites: connection.sites.map((site) => siteFacts(site, datasets, records)),
    datasets,
  };
}

async function resolveVersion(
  db: Kysely<Database>,
  connectionId: string,
  version: number | undefined,
): Promise<number> {
  if (version === undefined) {
    const latest = await latestSnapshot(db, connectionId);
    if (!latest) {
      throw new SnapshotViewError(
        'no_complete_snapshot',
        `connection ${connectionId} has no complete snapshot yet`,
      );
    }
    return latest.version;
  }
  const snapshot = await getSnapshot(db, connectionId, version);
  if (snapshot?.status !== 'complete') {
    throw new SnapshotViewError(
      'no_complete_snapshot',
      `connection ${connectionId} has no complete snapshot version ${version}`,
    );
  }
  return version;
}

function itemsOf<T>(datasets: readonly DatasetView[], name: string, scope: string): readonly T[] | undefined {
  const view = datasets.find((d) => d.name === name && d.scope === scope);
  return view && hasItems(view.outcome) ? (view.items as readonly T[]) : undefined;
}

/** A credential is connected unless every dataset of the scope was refused for lack of one. */
function credentialConnected(records: readonly DatasetOutcomeRecord[], scope: string): boolean {
  const mine = records.filter((r) => r.scope === scope);
  return !(
    mine.length > 0 && mine.every((r) => r.status === 'forbidden' && NO_CREDENTIAL.test(r.reason ?? ''))
  );
}

function orgFacts(
  connection: ConnectionRecord,
  datasets: readonly DatasetView[],
  records: readonly DatasetOutcomeRecord[],
  guard: GuardTier | null,
): OrgFacts {
  const org = itemsOf<{ id: string; name: string }>(datasets, 'org.organization', 'org')?.[0];
  return {
    id: org?.id ?? connection.orgId ?? connection.id,
    name: org?.name ?? connection.name,
    guard,
    hasCredential: connection.orgId !== null && credentialConnected(records, 'org'),
  };
}

function siteFacts(
  site: ConnectionRecord['sites'][number],
  datasets: readonly DatasetView[],
  records: readonly DatasetOutcomeRecord[],
): SiteFacts {
  const workspaces = (itemsOf<WorkspaceFacts>(datasets, 'org.workspaces', 'org') ?? []).filter(
    (w) => w.cloudId?.toLowerCase() === site.cloudId.toLowerCase(),
  );
  const licence = itemsOf<LicenceApplication>(datasets, 'jira.license', site.cloudId);
  const systemInfo = itemsOf<{ edition: string | null }>(datasets, 'confluence.system-info', site.cloudId);
  const sandbox = siteSandbox(workspaces);
  const serverInfo = itemsOf<{ baseUrl?: string | null }>(datasets, 'dc.server-info', site.cloudId)?.[0];
  return {
    cloudId: site.cloudId,
    name: siteName(site.url, workspaces, serverInfo?.baseUrl),
    url: site.url,
    products: siteProducts({
      products: site.products,
      licence,
      edition: systemInfo === undefined ? undefined : (systemInfo[0]?.edition ?? null),
      workspaces,
    }),
    hasCredential: credentialConnected(records, site.cloudId),
    ...(sandbox === undefined ? {} : { sandbox }),
  };
}
