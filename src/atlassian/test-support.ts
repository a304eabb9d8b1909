// Test-only helpers for the connector's tests: a simulator tenant big enough to page through,
// a client pointed at a harness, and the control API's faults and counters. Only *.test.ts files
// import this (it imports the simulator, which nothing else in src/ may).

import { randomUUID } from 'node:crypto';
import type { FaultConfigInput } from '../../simulator/http/faults.ts';
import type { OrgEvent, Tenant, User } from '../../simulator/tenant/model.ts';
import type { Harness } from '../../simulator/testing/harness.ts';
import { TINY, tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import type { SiteRef } from './api.ts';
import { type AtlassianClient, type AtlassianClientDeps, createAtlassianClient } from './client.ts';
import type { Credentials } from './credentials.ts';

/** The tiny tenant plus `users` managed accounts with Jira access on site A and `events` org events. */
export function biggerTenant(users: number, events = 0, now = new Date('2026-11-01T12:00:00Z')): Tenant {
  const t = tinyTenant(now);
  const template = t.users.find((u) => u.accountId === TINY.member) as User;
  for (let i = 0; i < users; i++) {
    const n = String(i).padStart(5, '0');
    t.users.push({
      ...template,
      accountId: `5b10a2844c2016570${n}f`,
      name: `User ${n}`,
      nickname: `User${n}`,
      email: `user${n}@acme.example`,
      productAccess: [{ siteId: TINY.siteA, product: 'jira', lastActive: null }],
    });
  }
  const jiraUsers = t.groups.find((g) => g.name === 'jira-software-users-acme');
  jiraUsers?.memberIds.push(...t.users.slice(-users).map((u) => u.accountId));
  for (let i = 0; i < events; i++) {
    const event: OrgEvent = {
      id: randomUUID(),
      time: new Date(now.getTime() - (i + 20) * 60_000).toISOString(),
      action: 'user_added_to_group',
      actor: { id: TINY.admin, name: 'Ada Admin' },
      context: [],
      container: [],
      location: null,
    };
    t.events.push(event);
  }
  return t;
}

export function siteA(h: Harness): SiteRef {
  return { cloudId: TINY.siteA, url: h.siteA, products: ['jira', 'confluence'] };
}

/** The harness's listeners as allow-listed hosts and base URLs. */
export function simulatorDeps(h: Harness): Pick<AtlassianClientDeps, 'allowHosts' | 'baseUrls'> {
  return {
    allowHosts: [h.siteA, h.siteB, h.api, h.marketplace, h.auth].map((u) => new URL(u).host),
    baseUrls: { api: h.api, marketplace: h.marketplace, auth: h.auth },
  };
}

export const adminCredentials: Credentials = {
  site: { kind: 'basic', email: 'ada@acme.example', apiToken: TINY.adminToken },
  orgApiKey: TINY.orgKey,
};

export function clientFor(h: Harness, overrides: Partial<AtlassianClientDeps> = {}): AtlassianClient {
  return createAtlassianClient({ credentials: adminCredentials, ...simulatorDeps(h), ...overrides });
}

export async function setFaults(h: Harness, config: FaultConfigInput): Promise<void> {
  const res = await h.send('PUT', `${h.control}/faults`, config);
  if (!res.ok) throw new Error(`PUT /faults answered ${res.status}: ${await res.text()}`);
}

export async function resetCounters(h: Harness): Promise<void> {
  await h.send('POST', `${h.control}/counters/reset`, undefined);
}

export interface SimCounters {
  totalCalls: number;
  calls: Record<string, number>;
  statuses: Record<string, Record<string, number>>;
  served429: number;
  served5xx: number;
  malformed: number;
  hung: number;
}

export function counters(h: Harness): Promise<SimCounters> {
  return h.json<SimCounters>(`${h.control}/counters`);
}

/** Every item of a walk, and its pages' tokens. */
export async function walk<T>(
  pages: AsyncIterable<{ items: T[]; next: string | null }>,
): Promise<{ items: T[]; tokens: (string | null)[] }> {
  const items: T[] = [];
  const tokens: (string | null)[] = [];
  for await (const page of pages) {
    items.push(...page.items);
    tokens.push(page.next);
  }
  return { items, tokens };
}
