import { describedCollectors } from '../../sync/collectors/index.ts';
import { NO_ORG_CREDENTIALS, planTasks } from '../../sync/plan-tasks.ts';
import type { SyncTarget } from '../../sync/sync-target.ts';

// Palo Alto's "verify permissions": per dataset and scope (the org, or a site), whether the
// credential reads it and why not — from what discovery established (`SyncTarget.access`) and each
// dataset's declared `access`, through the sync's own plan (`planTasks`), so the answer is the one
// the first scan will act on, without running it.

export interface PermissionEntry {
  dataset: string;
  /** 'org' or the site's host. */
  scope: string;
  product?: 'jira' | 'confluence' | 'bitbucket' | undefined;
  readable: boolean;
  /** Why it is not readable, or why only partly. */
  reason?: string | undefined;
}

const NO_SITE_CREDENTIAL =
  'no site credential (admin e-mail and API token): the sites are read with the org API key only where it reaches';

export function permissionCheck(target: SyncTarget): PermissionEntry[] {
  const collectors = describedCollectors({ palisadeAccountId: target.palisadeAccountId });
  const productOf = new Map(collectors.map((c) => [c.dataset, c.product]));
  const hostOf = new Map(target.sites.map((s) => [s.cloudId, new URL(s.url).host]));
  const scopeName = (scope: string) => (scope === 'org' ? 'org' : (hostOf.get(scope) ?? scope));
  const plan = planTasks(collectors, target);
  // A Bitbucket workspace's site is read with the workspace's own credential, a Data Center
  // instance's with its personal access token.
  const hasSiteCredential =
    target.credentials.site !== undefined ||
    target.credentials.bitbucket !== undefined ||
    target.credentials.dataCenterToken !== undefined;
  const entries: PermissionEntry[] = [];
  for (const task of plan.tasks) {
    const product = productOf.get(task.dataset);
    const entry: PermissionEntry = {
      dataset: task.dataset,
      scope: scopeName(task.scope),
      ...(product ? { product } : {}),
      readable: true,
    };
    if (task.scope !== 'org' && !hasSiteCredential) {
      entry.readable = false;
      entry.reason = NO_SITE_CREDENTIAL;
    } else if (task.limits) entry.reason = `partial: ${task.limits.reason}`;
    entries.push(entry);
  }
  for (const skipped of plan.skipped) {
    const product = productOf.get(skipped.dataset);
    entries.push({
      dataset: skipped.dataset,
      scope: scopeName(skipped.scope),
      ...(product ? { product } : {}),
      readable: false,
      reason:
        skipped.reason === NO_ORG_CREDENTIALS ? 'needs the org API key, which was not given' : skipped.reason,
    });
  }
  return entries.sort((a, b) =>
    a.scope === b.scope
      ? a.dataset < b.dataset
        ? -1
        : 1
      : a.scope === 'org'
        ? -1
        : b.scope === 'org'
          ? 1
          : a.scope < b.scope
            ? -1
            : 1,
  );
}
