import type { SiteRef } from '../atlassian/api.ts';
import { type DatasetAccess, datasets, readsOnSite } from '../inventory/datasets/index.ts';
import type { Collector } from './collector.ts';
import { judgeAccess, type SiteAccess } from './credential-access.ts';
import { SyncPlanError } from './sync-errors.ts';
import type { SyncScope } from './sync-target.ts';

// Expands collectors into the datasets of one run: org collectors once (when org credentials
// were given), site collectors once per site that has their product (those without one, the app
// datasets, once per Jira or Confluence site). Dependencies become edges
// between those tasks, and tasks come out in dependency order. A site dataset whose declared admin
// right (src/inventory/datasets `access`) the credential is known to lack is decided here:
// `forbidden` without a call, or read and marked `partial` (credential-access.ts).

export const NO_ORG_CREDENTIALS = 'no org credentials';

export interface DatasetTask {
  /** `dataset@scope`. */
  id: string;
  collector: Collector;
  dataset: string;
  /** 'org' or the site's cloud id. */
  scope: string;
  site: SiteRef | undefined;
  /** Ids of the tasks that must finish first. */
  after: string[];
  /** Dependencies that will not run in this run (their outcome is already decided). */
  skippedDependencies: string[];
  /** Datasets whose collector is org-scoped: `ctx.items` reads them from the org scope. */
  orgDatasets: ReadonlySet<string>;
  /** Site datasets: what the credential may see on the site, when discovery established it. */
  access?: SiteAccess;
  /** Why the dataset can only be partial before it is read (a right the credential lacks). */
  limits?: { reason: string; missing: string };
}

/** A dataset whose outcome is known before the run starts. */
export interface SkippedDataset {
  dataset: string;
  scope: string;
  status: 'forbidden';
  reason: string;
  missingScope: string | null;
}

export interface SyncPlan {
  tasks: DatasetTask[];
  skipped: SkippedDataset[];
}

export type PlanConnection = Omit<SyncScope, 'id'>;

const declaredAccess: ReadonlyMap<string, DatasetAccess | undefined> = new Map(
  datasets.map((d) => [d.name, d.access]),
);

export function planTasks(collectors: readonly Collector[], connection: PlanConnection): SyncPlan {
  const byDataset = new Map<string, Collector>();
  for (const c of collectors) {
    if (byDataset.has(c.dataset)) throw new SyncPlanError(`two collectors fill dataset ${c.dataset}`);
    byDataset.set(c.dataset, c);
  }

  const orgDatasets = new Set(collectors.filter((c) => c.scope === 'org').map((c) => c.dataset));
  const newTask = (collector: Collector, scope: string, site: SiteRef | undefined): DatasetTask => ({
    id: taskId(collector.dataset, scope),
    collector,
    dataset: collector.dataset,
    scope,
    site,
    after: [],
    skippedDependencies: [],
    orgDatasets,
  });

  const tasks = new Map<string, DatasetTask>();
  const skipped: SkippedDataset[] = [];
  for (const c of collectors) {
    if (c.scope === 'org') {
      if (connection.orgId) tasks.set(taskId(c.dataset, 'org'), newTask(c, 'org', undefined));
      else {
        skipped.push({
          dataset: c.dataset,
          scope: 'org',
          status: 'forbidden',
          reason: NO_ORG_CREDENTIALS,
          missingScope: 'org API key',
        });
      }
      continue;
    }
    for (const site of connection.sites) {
      if (!readsOnSite(c, site.products)) continue;
      const access = connection.access?.[site.cloudId];
      const judged = judgeAccess(declaredAccess.get(c.dataset), access, site.products);
      if (judged.kind === 'forbidden') {
        skipped.push({
          dataset: c.dataset,
          scope: site.cloudId,
          status: 'forbidden',
          reason: judged.reason,
          missingScope: judged.missing,
        });
        continue;
      }
      const task = newTask(c, site.cloudId, site);
      if (access) task.access = access;
      if (judged.kind === 'partial') task.limits = { reason: judged.reason, missing: judged.missing };
      tasks.set(task.id, task);
    }
  }
  const skippedIds = new Set(skipped.map((s) => taskId(s.dataset, s.scope)));

  for (const task of tasks.values()) {
    for (const dependency of task.collector.dependsOn ?? []) {
      const producer = byDataset.get(dependency);
      // Not collected by this run at all: ctx.items reads what earlier syncs stored.
      if (!producer) continue;
      const candidates =
        producer.scope === 'org'
          ? [taskId(dependency, 'org')]
          : task.scope === 'org'
            ? connection.sites.map((s) => taskId(dependency, s.cloudId))
            : [taskId(dependency, task.scope)];
      for (const id of candidates) {
        if (tasks.has(id)) task.after.push(id);
        else if (skippedIds.has(id)) task.skippedDependencies.push(id);
      }
    }
  }
  return { tasks: topologicalOrder(tasks), skipped };
}

export function taskId(dataset: string, scope: string): string {
  return `${dataset}@${scope}`;
}

function topologicalOrder(tasks: Map<string, DatasetTask>): DatasetTask[] {
  const ordered: DatasetTask[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (task: DatasetTask, path: string[]): void => {
    const s = state.get(task.id);
    if (s === 'done') return;
    if (s === 'visiting')
      throw new SyncPlanError(`collectors depend on each other: ${[...path, task.id].join(' → ')}`);
    state.set(task.id, 'visiting');
    for (const id of task.after) {
      const dependency = tasks.get(id);
      if (dependency) visit(dependency, [...path, task.id]);
    }
    state.set(task.id, 'done');
    ordered.push(task);
  };
  for (const task of tasks.values()) visit(task, []);
  return ordered;
}
