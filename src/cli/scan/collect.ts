import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { defaultCollectors } from '../../sync/collectors/index.ts';
import { describeRole } from '../../sync/credential-access.ts';
import { planTasks } from '../../sync/plan-tasks.ts';
import {
  type ConnectionSyncResult,
  type ConnectionToSync,
  storeMarketplaceCache,
  syncConnection,
} from '../../sync/sync-connection.ts';
import { CliError } from '../cli-error.ts';
import type { Progress, ProgressScope } from '../progress/progress.ts';

// The sync step of a scan: every collector over the connection, with one progress bar per scope.
// The plan is computed here too (a pure function) only to know each scope's dataset count.

export interface CollectDeps {
  db: Kysely<Database>;
  connection: ConnectionToSync;
  baseUrls: { api: string; marketplace: string; auth: string };
  allowHosts: readonly string[];
  progress: Progress;
  now: () => Date;
  signal?: AbortSignal | undefined;
}

function scopesOf(connection: ConnectionToSync, plan: ReturnType<typeof planTasks>): ProgressScope[] {
  const count = (scope: string) => plan.tasks.filter((t) => t.scope === scope).length;
  const scopes: ProgressScope[] = [];
  if (count('org') > 0) scopes.push({ scope: 'org', label: `org ${connection.name}`, total: count('org') });
  for (const site of connection.sites) {
    scopes.push({ scope: site.cloudId, label: new URL(site.url).host, total: count(site.cloudId) });
  }
  return scopes;
}

/** Per site, the datasets the site credential lacks the admin right for (discovery said so). */
function adminOnlySkips(
  connection: ConnectionToSync,
  plan: ReturnType<typeof planTasks>,
): { label: string; reason: string }[] {
  return connection.sites.flatMap((site) => {
    const refused = plan.skipped.filter((s) => s.scope === site.cloudId);
    const role = connection.access?.[site.cloudId]?.role;
    if (refused.length === 0 || !role) return [];
    const rights = [...new Set(refused.flatMap((s) => s.missingScope?.split(' or ') ?? []))];
    return [
      {
        label: `${plural(refused.length, 'admin-only dataset')} on ${new URL(site.url).host}`,
        reason: `the site credential is ${describeRole(role)}, not ${rights.join(' nor ')}: they will say unknown`,
      },
    ];
  });
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export async function collect(
  deps: CollectDeps,
): Promise<ConnectionSyncResult & { snapshotVersion: number }> {
  const { connection } = deps;
  const collectors = defaultCollectors({
    marketplaceCache: storeMarketplaceCache(deps.db, deps.now),
    palisadeAccountId: connection.palisadeAccountId,
  });
  const plan = planTasks(collectors, connection);
  const skippedOrg = plan.skipped.filter((s) => s.scope === 'org');
  deps.progress.plan(scopesOf(connection, plan), [
    ...(skippedOrg.length > 0
      ? [{ label: 'org-level checks', reason: 'no --org-api-key given: they will say unknown' }]
      : []),
    ...adminOnlySkips(connection, plan),
  ]);
  let result: ConnectionSyncResult;
  try {
    result = await syncConnection({
      db: deps.db,
      connection,
      allowHosts: deps.allowHosts,
      baseUrls: deps.baseUrls,
      collectors,
      now: deps.now,
      onProgress: (event) => deps.progress.sync(event),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } finally {
    deps.progress.end();
  }
  if (result.status !== 'success' || result.snapshotVersion === null) {
    // Today only a credential rejected during the sync ends a run without a snapshot.
    throw new CliError(
      'credential_rejected',
      `the sync stopped: ${result.reason ?? 'no snapshot was published'} — check the credentials given (--api-token, --org-api-key) and scan again`,
    );
  }
  return { ...result, snapshotVersion: result.snapshotVersion };
}
