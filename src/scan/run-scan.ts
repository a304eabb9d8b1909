import type { Kysely } from 'kysely';
import { type BanAlert, enforceBans } from '../app-risk/actions/index.ts';
import type { Credentials } from '../atlassian/credentials.ts';
import type { BaseUrls } from '../atlassian/urls.ts';
import { type ConnectRequest, connect } from '../connections/connect.ts';
import { type BitbucketConnectRequest, connectBitbucket } from '../connections/connect-bitbucket.ts';
import { connectDataCenter, type DataCenterConnectRequest } from '../connections/connect-data-center.ts';
import type { Database } from '../db/schema.ts';
import type { FindingChange } from '../findings/track-findings.ts';
import type { Connection } from '../inventory/connections.ts';
import type { Report } from '../report/model.ts';
import { defaultCollectors } from '../sync/collectors/index.ts';
import { planTasks, type SyncPlan } from '../sync/plan-tasks.ts';
import type { SyncProgress } from '../sync/run-sync.ts';
import { storeMarketplaceCache, syncConnection } from '../sync/sync-connection.ts';
import type { SyncTarget } from '../sync/sync-target.ts';
import { assess } from './assess.ts';
import { ScanError } from './scan-error.ts';
import { holdScanLease, type LeaseOptions } from './scan-lease.ts';

// One scan of one connection, the same for the CLI's `scan` and `demo`, the server and the
// workers: load or create the connection → take its lease (one scan per connection at a time,
// scan-lease.ts) → sync a new snapshot → enforce the bans on it → assess it (rules, app risk,
// exceptions, findings tracked against the previous evaluation, scores, the report model). What a
// person watching sees is the caller's business: the observer hears each step.

export interface ScanDeps {
  db: Kysely<Database>;
  now: () => Date;
  /** Non-Atlassian hosts Palisade may call (the simulator, a proxy). */
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
  /** Aborting stops the sync between pages; the next scan resumes it. */
  signal?: AbortSignal | undefined;
  observer?: ScanObserver | undefined;
  lease?: LeaseOptions | undefined;
}

/** What a scan tells whoever watches it, step by step; every method optional. */
export interface ScanObserver {
  /** A step: "discovering acme.atlassian.net", a followed redirect, "evaluating snapshot 3". */
  phase?(text: string): void;
  /** The sync is about to start with this plan (the datasets per scope, and those skipped). */
  planned?(target: SyncTarget, plan: SyncPlan): void;
  sync?(event: SyncProgress): void;
  /**
   * The sync ended, published or not; with its run and the API calls it made when it returned
   * (absent when it threw: interrupted, the lease lost).
   */
  synced?(outcome?: SyncOutcome): void;
}

/** What a scan's sync did: its run (the per-dataset outcomes are the run's) and its API calls. */
export interface SyncOutcome {
  runId: string;
  status: 'success' | 'error';
  reason: string | null;
  /** API calls made, retries, and 429s met (and waited out). */
  api: { calls: number; retries: number; rateLimited: number };
}

export interface ScanRequest {
  /**
   * The connection: created from what a person gives (site URLs and credentials, through
   * discovery; or, `kind: 'bitbucket'`, a Bitbucket workspace and its credential; or,
   * `kind: 'data-center'`, a Data Center base URL and personal access token), or a target
   * discovered before (a stored connection with its credentials).
   */
  connection: ConnectRequest | BitbucketConnectRequest | DataCenterConnectRequest | { target: SyncTarget };
  /**
   * Write consent: banned apps found installed again are uninstalled with it (never the read
   * credential); a Data Center instance's is an administrator's personal access token.
   */
  writeCredential?: Credentials | undefined;
}

export interface ScanResult {
  /** The connection scanned (its credentials are not part of it). */
  connection: Connection;
  snapshotVersion: number;
  /** Findings new, regressed, resolved or changed against the previous evaluated snapshot. */
  changes: FindingChange[];
  /** Banned apps found installed again, one alert per site and product. */
  alerts: BanAlert[];
  report: Report;
  /** The sync run that published the snapshot and the API calls it made. */
  sync: SyncOutcome;
}

export async function runScan(deps: ScanDeps, request: ScanRequest): Promise<ScanResult> {
  const observer = deps.observer ?? {};
  const phase = (text: string) => observer.phase?.(text);
  const connectDeps = { allowHosts: deps.allowHosts, baseUrls: deps.baseUrls, onStep: phase };
  const given = request.connection;
  const target =
    'target' in given
      ? given.target
      : 'kind' in given
        ? given.kind === 'data-center'
          ? (await connectDataCenter(given, connectDeps)).target
          : (await connectBitbucket(given, connectDeps)).target
        : (await connect(given, connectDeps)).target;

  const lease = await holdScanLease(deps.db, target.id, deps.now, deps.lease);
  const stopped = () => (lease.lost() ? (lease.signal.reason as ScanError) : undefined);
  try {
    const synced = await sync(deps, target, observer, lease.signal).catch((error: unknown) => {
      throw stopped() ?? error;
    });
    const { snapshotVersion } = synced;
    const bans = await enforceBans({
      db: deps.db,
      connection: {
        id: target.id,
        ...(request.writeCredential ? { writeCredentials: request.writeCredential } : {}),
      },
      snapshotVersion,
      allowHosts: deps.allowHosts,
      baseUrls: deps.baseUrls,
      now: deps.now,
    });
    phase(`evaluating snapshot ${snapshotVersion}`);
    const { evaluation, report } = await assess(deps.db, target.id, {
      version: snapshotVersion,
      now: deps.now(),
    });
    const lost = stopped();
    if (lost) throw lost;
    return {
      connection: { id: target.id, name: target.name, orgId: target.orgId ?? null, sites: target.sites },
      snapshotVersion,
      changes: evaluation.changes,
      alerts: bans.alerts,
      report,
      sync: synced.outcome,
    };
  } finally {
    await lease.release();
  }
}

/** Syncs every dataset of the target into a new snapshot; its version and the run, or `sync_stopped`. */
async function sync(
  deps: ScanDeps,
  target: SyncTarget,
  observer: ScanObserver,
  leaseSignal: AbortSignal,
): Promise<{ snapshotVersion: number; outcome: SyncOutcome }> {
  const collectors = defaultCollectors({
    marketplaceCache: storeMarketplaceCache(deps.db, deps.now),
    palisadeAccountId: target.palisadeAccountId,
  });
  observer.planned?.(target, planTasks(collectors, target));
  let result: Awaited<ReturnType<typeof syncConnection>> | undefined;
  try {
    result = await syncConnection({
      db: deps.db,
      connection: target,
      allowHosts: deps.allowHosts,
      baseUrls: deps.baseUrls,
      collectors,
      now: deps.now,
      onProgress: (event) => observer.sync?.(event),
      signal: deps.signal ? AbortSignal.any([deps.signal, leaseSignal]) : leaseSignal,
    });
  } finally {
    observer.synced?.(result ? outcomeOf(result) : undefined);
  }
  if (result.status !== 'success' || result.snapshotVersion === null) {
    // Today only a credential rejected during the sync ends a run without a snapshot.
    throw new ScanError(
      'sync_stopped',
      target.id,
      `the sync stopped: ${result.reason ?? 'no snapshot was published'}`,
    );
  }
  return { snapshotVersion: result.snapshotVersion, outcome: outcomeOf(result) };
}

function outcomeOf(result: Awaited<ReturnType<typeof syncConnection>>): SyncOutcome {
  return { runId: result.runId, status: result.status, reason: result.reason, api: result.api };
}
