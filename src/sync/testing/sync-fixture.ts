import type { Kysely } from 'kysely';
import type { SiteRef } from '../../atlassian/api.ts';
import type { Database } from '../../db/schema.ts';
import { saveConnection } from '../../inventory/connections.ts';
import type { SyncConnection } from '../run-sync.ts';
import { type FakeCollector, fakeCollector, pagesOf } from './fake-collector.ts';

// The connection and collectors the engine tests and the SIGKILL child share.

export const SITES: SiteRef[] = [
  { cloudId: 'site-j', url: 'https://acme.atlassian.net', products: ['jira'] },
  { cloudId: 'site-c', url: 'https://acme-wiki.atlassian.net', products: ['confluence'] },
];

export const CONNECTION: SyncConnection = { id: 'conn-1', orgId: 'org-1', sites: SITES };

export async function saveTestConnection(
  db: Kysely<Database>,
  connection: SyncConnection = CONNECTION,
): Promise<void> {
  await saveConnection(
    db,
    { id: connection.id, name: 'Acme', orgId: connection.orgId ?? null, sites: [...connection.sites] },
    new Date('2025-01-01T00:00:00Z'),
  );
}

/** A sync slow enough to be killed mid-run: 3 datasets, 60 items each, in pages of 5. */
export function slowCollectors(delayMs: number): FakeCollector[] {
  return [
    fakeCollector({ dataset: 'org.users', pages: pagesOf('user', 60, 5), delayMs }),
    fakeCollector({ dataset: 'org.groups', pages: pagesOf('group', 60, 5), delayMs }),
    fakeCollector({
      dataset: 'jira.projects',
      scope: 'site',
      product: 'jira',
      pages: pagesOf('project', 60, 5),
      delayMs,
    }),
  ];
}

export const SLOW_SYNC_ITEMS = 180;
