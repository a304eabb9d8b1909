import type { Kysely } from 'kysely';
import type { CallOptions } from '../../atlassian/api.ts';
import type { Credentials } from '../../atlassian/credentials.ts';
import type { Database } from '../../db/schema.ts';
import { saveConnection } from '../../inventory/connections.ts';
import { syncVersion, T0 } from '../../inventory/testing/store-helpers.ts';
import { type Actor, APPS_REVOKE } from './actor.ts';
import type { WriteApi } from './write-client.ts';

// Test helpers (only *.test.ts import this): a connection with a snapshot of apps, actors, write
// credentials and a recording fake of the Atlassian client.

export const CONNECTION = 'conn-actions';
export const SITE = { cloudId: 'site-1', url: 'https://acme.atlassian.net' };
export const LABS = { cloudId: 'site-2', url: 'https://acme-labs.atlassian.net' };

export const REVOKER: Actor = { id: 'u-riley', name: 'Riley Chen', rights: ['findings:read', APPS_REVOKE] };
export const READER: Actor = { id: 'u-dana', name: 'Dana Ops', rights: ['findings:read'] };

export const ADMIN_WRITE: Credentials = {
  site: { kind: 'basic', email: 'riley.chen@acme.example', apiToken: 'ATATT3x-write-token' },
};

function upm(key: string, name: string, remotable: boolean) {
  return {
    key,
    name,
    version: '1.0.0',
    enabled: true,
    userInstalled: true,
    optional: true,
    remotable,
    usesLicensing: false,
    vendorName: 'Vendor',
    vendorUrl: null,
  };
}

function installation(appKey: string, name: string, framework: 'connect' | 'forge', appId: string | null) {
  return {
    appKey,
    product: 'jira',
    name,
    framework,
    appId,
    version: '1.0.0',
    enabled: true,
    userInstalled: true,
    vendorName: 'Vendor',
    environmentType: null,
    scopes: [],
    egress: [],
    license: null,
    appAccountId: null,
    installedAt: null,
    installedBy: null,
    installedByName: null,
    installSource: null,
  };
}

/**
 * A connection of two sites whose complete snapshot shows the Connect app `com.evil.sync` on both
 * Jira sites, the Forge app `com.good.forge` (listed by UPM) on the first and a Forge app UPM does
 * not list (`forge:f-1`) on the second. Returns the snapshot version.
 */
export async function seedApps(db: Kysely<Database>): Promise<number> {
  await saveConnection(
    db,
    {
      id: CONNECTION,
      name: 'Acme',
      sites: [
        { ...SITE, products: ['jira', 'confluence'] },
        { ...LABS, products: ['jira'] },
      ],
    },
    T0,
  );
  const items = (rows: Record<string, unknown>[], key: (r: Record<string, unknown>) => string) => [
    rows.map((data) => ({ key: key(data), data })),
  ];
  return syncVersion(db, CONNECTION, [
    {
      dataset: 'apps.upm-jira',
      scope: SITE.cloudId,
      pages: items(
        [upm('com.evil.sync', 'Evil Sync', true), upm('com.good.forge', 'Good Forge', false)],
        (r) => String(r.key),
      ),
    },
    {
      dataset: 'apps.upm-jira',
      scope: LABS.cloudId,
      pages: items([upm('com.evil.sync', 'Evil Sync', true)], (r) => String(r.key)),
    },
    {
      dataset: 'apps.installations',
      scope: SITE.cloudId,
      pages: items(
        [
          installation('com.evil.sync', 'Evil Sync', 'connect', null),
          installation('com.good.forge', 'Good Forge', 'forge', 'g-1'),
        ],
        (r) => `jira:${String(r.appKey)}`,
      ),
    },
    {
      dataset: 'apps.installations',
      scope: LABS.cloudId,
      pages: items(
        [
          installation('com.evil.sync', 'Evil Sync', 'connect', null),
          installation('forge:f-1', 'Lone Forge', 'forge', 'f-1'),
        ],
        (r) => `jira:${String(r.appKey)}`,
      ),
    },
  ]);
}

export interface RecordedCall {
  endpointId: string;
  site: string | undefined;
  pluginKey: string | number | undefined;
  body: unknown;
}

export interface FakeApi {
  createApi: (credentials: Credentials) => WriteApi;
  calls: RecordedCall[];
  /** Credentials each client was built with. */
  built: Credentials[];
  closed: number;
}

/** A recording client; `answer` may throw an Atlassian error for a call. */
export function fakeApi(answer: (call: RecordedCall) => unknown = () => undefined): FakeApi {
  const fake: FakeApi = {
    calls: [],
    built: [],
    closed: 0,
    createApi: (credentials) => {
      fake.built.push(credentials);
      return {
        async call<T>(endpointId: string, options: CallOptions = {}): Promise<T> {
          const call = {
            endpointId,
            site: options.site?.url,
            pluginKey: options.params?.pluginKey,
            body: options.body,
          };
          fake.calls.push(call);
          return answer(call) as T;
        },
        pages: () => {
          throw new Error('actions never page');
        },
        stats: () => ({ calls: fake.calls.length, retries: 0, rateLimited: 0 }),
        close: async () => {
          fake.closed++;
        },
      };
    },
  };
  return fake;
}

export const siteOf = (url: string) => ({ endpointId: 'upm.jira.delete', method: 'DELETE', url });
