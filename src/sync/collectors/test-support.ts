// Test-only helpers for the collector tests: the tiny tenant's sites as SiteRefs, a client on a
// harness, an in-memory inventory that runs collectors in the sync plan's order, and the
// simulator's call counters. Only *.test.ts files import this (it reaches the simulator).

import type { Harness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, SiteRef } from '../../atlassian/api.ts';
import { type AtlassianClient, createAtlassianClient } from '../../atlassian/client.ts';
import type { Credentials } from '../../atlassian/credentials.ts';
import type { CollectedItem, Collector, CollectorContext, CollectorPage } from '../collector.ts';
import type { CredentialAccess, SiteAccess } from '../credential-access.ts';
import { planTasks } from '../plan-tasks.ts';
import type { MarketplaceCache } from './apps-marketplace.ts';

export const NOW = new Date('2026-11-01T12:00:00Z');

export function tinySites(h: Harness): SiteRef[] {
  return [
    { cloudId: TINY.siteA, url: h.siteA, products: ['jira', 'confluence'] },
    { cloudId: TINY.siteB, url: h.siteB, products: ['jira'] },
  ];
}

export const ADMIN: Credentials = {
  site: { kind: 'basic', email: 'ada@acme.example', apiToken: TINY.adminToken },
  orgApiKey: TINY.orgKey,
};

/** What discovery tells of an org admin (the tiny tenant's Ada, the demo's admin) on these sites. */
export function adminAccess(sites: readonly SiteRef[]): CredentialAccess {
  return Object.fromEntries(
    sites.map((s): [string, SiteAccess] => [
      s.cloudId,
      {
        cloudId: s.cloudId,
        accountId: null,
        jiraAccess: s.products.includes('jira'),
        jiraAdmin: s.products.includes('jira'),
        siteAdmin: true,
        ...(s.products.includes('confluence') ? { confluenceAccess: true, confluenceAdmin: true } : {}),
        orgAdmin: true,
        role: 'org-admin',
        evidence: [],
      },
    ]),
  );
}

export function client(h: Harness, credentials: Credentials = ADMIN): AtlassianClient {
  return createAtlassianClient({
    credentials,
    allowHosts: [h.siteA, h.siteB, h.api, h.marketplace, h.auth].map((u) => new URL(u).host),
    baseUrls: { api: h.api, marketplace: h.marketplace, auth: h.auth },
  });
}

/** Calls the simulator served, per endpoint id, since the last reset. */
export async function served(h: Harness): Promise<Record<string, number>> {
  const c = await h.json<{ calls: Record<string, number> }>(`${h.control}/counters`);
  return c.calls;
}

export async function resetServed(h: Harness): Promise<void> {
  await h.send('POST', `${h.control}/counters/reset`, undefined);
}

export function memoryCache(): MarketplaceCache & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: async (appKey, version) => entries.get(`${appKey}@${version}`),
    put: async (appKey, version, answer) => {
      entries.set(`${appKey}@${version}`, answer);
    },
  };
}

/** Datasets by `dataset@scope`, as the store would hold them for one run. */
export class MemoryInventory {
  readonly data = new Map<string, CollectedItem[]>();

  get(dataset: string, scope: string): CollectedItem[] {
    return this.data.get(`${dataset}@${scope}`) ?? [];
  }

  records<T = Record<string, unknown>>(dataset: string, scope: string): T[] {
    return this.get(dataset, scope).map((i) => i.data as T);
  }

  put(dataset: string, scope: string, items: CollectedItem[]): void {
    const existing = new Map(this.get(dataset, scope).map((i) => [i.key, i]));
    for (const item of items) existing.set(item.key, item);
    this.data.set(`${dataset}@${scope}`, [...existing.values()]);
  }
}

export interface RunOptions {
  api: AtlassianApi;
  inventory?: MemoryInventory;
  site?: SiteRef;
  orgId?: string;
  resumeFrom?: string | null;
  since?: string | null;
  now?: Date;
  /** Stop after this many pages (a simulated crash). */
  maxPages?: number;
  /** The scope `ctx.items` reads by default (the task's). */
  scope?: string;
  orgDatasets?: ReadonlySet<string>;
  /** What the credential may see on the site (discovery's answer); unknown when absent. */
  access?: SiteAccess;
}

/** Runs one collector; its pages (with any partial note), and their items stored in the inventory under its scope. */
export async function runCollector(collector: Collector, options: RunOptions): Promise<CollectorPage[]> {
  const inventory = options.inventory ?? new MemoryInventory();
  const scope = options.scope ?? (collector.scope === 'org' ? 'org' : (options.site?.cloudId ?? 'site'));
  const ctx: CollectorContext = {
    api: options.api,
    site: collector.scope === 'site' ? options.site : undefined,
    orgId: options.orgId,
    resumeFrom: options.resumeFrom ?? null,
    since: options.since ?? null,
    now: options.now ?? NOW,
    ...(options.access ? { access: options.access } : {}),
    items: async (dataset, s) =>
      inventory.get(dataset, s ?? (options.orgDatasets?.has(dataset) ? 'org' : scope)),
  };
  const pages: CollectorPage[] = [];
  for await (const page of collector.collect(ctx)) {
    pages.push(page);
    inventory.put(collector.dataset, scope, page.items);
    if (options.maxPages !== undefined && pages.length >= options.maxPages) break;
  }
  return pages;
}

/** Runs every collector for the org and sites in the sync plan's order. */
export async function syncAll(
  collectors: readonly Collector[],
  options: {
    api: AtlassianApi;
    orgId?: string;
    sites: SiteRef[];
    inventory?: MemoryInventory;
    now?: Date;
    access?: CredentialAccess;
  },
): Promise<{ inventory: MemoryInventory; pages: Map<string, CollectorPage[]>; calls: Map<string, number> }> {
  const inventory = options.inventory ?? new MemoryInventory();
  const plan = planTasks(collectors, { orgId: options.orgId, sites: options.sites, access: options.access });
  const pages = new Map<string, CollectorPage[]>();
  // Tasks run one after the other: the client's count between two is the calls of one task.
  const calls = new Map<string, number>();
  for (const task of plan.tasks) {
    const before = options.api.stats().calls;
    pages.set(
      task.id,
      await runCollector(task.collector, {
        api: options.api,
        inventory,
        ...(task.site ? { site: task.site } : {}),
        ...(options.orgId ? { orgId: options.orgId } : {}),
        scope: task.scope,
        orgDatasets: task.orgDatasets,
        ...(options.now ? { now: options.now } : {}),
        ...(task.access ? { access: task.access } : {}),
      }),
    );
    calls.set(task.id, options.api.stats().calls - before);
  }
  return { inventory, pages, calls };
}
