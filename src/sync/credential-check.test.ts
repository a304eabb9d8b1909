import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import type { AtlassianApi, CallOptions, Page } from '../atlassian/api.ts';
import { CredentialRejectedError, type ErrorSite } from '../atlassian/errors.ts';
import type { Database } from '../db/schema.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { getRun } from '../inventory/sync-runs.ts';
import type { Collector } from './collector.ts';
import { credentialOf } from './credential-check.ts';
import { runSync } from './run-sync.ts';
import { fakeCollector, pagesOf } from './testing/fake-collector.ts';
import { CONNECTION, saveTestConnection } from './testing/sync-fixture.ts';

// A dataset's 401 ends the sync only when the credential fails a canary call too; otherwise the
// dataset is forbidden with the reason, and the snapshot is published.

const now = () => new Date('2025-06-01T12:00:00Z');

const upm401 = (product: 'jira' | 'confluence') =>
  new CredentialRejectedError(
    {
      endpointId: `upm.${product}.list`,
      method: 'GET',
      url: `acme.atlassian.net${product === 'jira' ? '' : '/wiki'}/rest/plugins/1.0/`,
      status: 401,
    },
    undefined,
    { authKind: 'basic', serverMessage: 'Must have permission to access this resource.' },
  );

/** An API that answers only the canaries, the way `answer` says, and counts them. */
function canaryApi(answer: (endpointId: string) => 'ok' | 'rejected') {
  const canaries: string[] = [];
  const api: AtlassianApi = {
    call: async <T>(endpointId: string, _options?: CallOptions): Promise<T> => {
      canaries.push(endpointId);
      await new Promise((r) => setTimeout(r, 5));
      if (answer(endpointId) === 'rejected') {
        const at: ErrorSite = { endpointId, method: 'GET', url: 'x', status: 401 };
        throw new CredentialRejectedError(at, undefined, { authKind: 'basic' });
      }
      return { accountId: 'ada' } as T;
    },
    pages: <T>(): AsyncIterable<Page<T>> => {
      throw new Error('no walks here');
    },
    stats: () => ({ calls: canaries.length, retries: 0, rateLimited: 0 }),
  };
  return { api, canaries };
}

function upmCollectors(): Collector[] {
  return [
    fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 3, 2) }),
    fakeCollector({
      dataset: 'apps.upm-jira',
      scope: 'site',
      product: 'jira',
      pages: pagesOf('p', 4, 2),
      failAt: { page: 1, error: upm401('jira') },
    }),
    fakeCollector({
      dataset: 'apps.upm-confluence',
      scope: 'site',
      product: 'confluence',
      pages: pagesOf('c', 2, 2),
      failAt: { page: 0, error: upm401('confluence') },
    }),
  ];
}

async function syncWith(db: Kysely<Database>, api: AtlassianApi, collectors: Collector[]) {
  await saveTestConnection(db);
  return runSync({ db, api, collectors, connection: CONNECTION, now });
}

forEachDatabase(
  'UPM’s 401 to a working credential makes the app datasets forbidden (not a site admin) and the sync publishes',
  async (_t, { db }) => {
    const { api, canaries } = canaryApi(() => 'ok');
    const result = await syncWith(db, api, upmCollectors());
    assert.equal(result.status, 'success');
    assert.equal(result.snapshotVersion, 1);
    assert.equal(result.reason, '2 forbidden of 3 datasets');
    const upm = result.outcomes.filter((o) => o.dataset.startsWith('apps.upm'));
    assert.deepEqual(
      upm.map((o) => [o.dataset, o.status, o.missingScope]),
      [
        ['apps.upm-confluence', 'forbidden', 'site administrator'],
        ['apps.upm-jira', 'forbidden', 'site administrator'],
      ],
    );
    for (const o of upm) {
      assert.match(o.reason ?? '', /^the account is not a site administrator: the Universal Plugin Manager/);
      assert.match(o.reason ?? '', /"Must have permission to access this resource\."/);
    }
    // Two 401s, one canary: the site credential asked on the Jira site.
    assert.deepEqual(canaries, ['jira.myself.get']);
    assert.equal((await getRun(db, result.runId))?.status, 'success');
  },
);

forEachDatabase(
  'a 401 whose canary is refused too stops the sync as a rejected credential, after one canary',
  async (_t, { db }) => {
    const { api, canaries } = canaryApi(() => 'rejected');
    const result = await syncWith(db, api, upmCollectors());
    assert.equal(result.status, 'error');
    const named =
      'the site credential (e-mail and API token) was refused by acme.atlassian.net (401: revoked or expired) — reconnect';
    assert.equal(result.reason, named);
    assert.equal(result.snapshotVersion, null);
    assert.ok(result.outcomes.some((o) => o.status === 'failed' && o.reason === named));
    assert.deepEqual(canaries, ['jira.myself.get']);
  },
);

forEachDatabase(
  'an org key refused while the site credential works is judged by the org key’s own canary',
  async (_t, { db }) => {
    const { api, canaries } = canaryApi((id) => (id === 'admin.orgs.get' ? 'rejected' : 'ok'));
    const refused = new CredentialRejectedError(
      {
        endpointId: 'admin.users.list',
        method: 'GET',
        url: 'api.atlassian.com/admin/v1/orgs/org-1/users',
        status: 401,
      },
      undefined,
      { authKind: 'org-key' },
    );
    const result = await syncWith(db, api, [
      fakeCollector({ dataset: 'org.users', pages: pagesOf('u', 3, 2), failAt: { page: 0, error: refused } }),
    ]);
    assert.equal(result.status, 'error');
    assert.deepEqual(canaries, ['admin.orgs.get']);
  },
);

test('the refused credential is the one the call carried, else the endpoint’s, else the collector’s', () => {
  const at = { endpointId: 'jira.auditRecords.list', method: 'GET', url: 'x', status: 401 };
  assert.equal(
    credentialOf(new CredentialRejectedError(at, undefined, { authKind: 'org-key' }), 'site'),
    'org',
  );
  assert.equal(
    credentialOf(new CredentialRejectedError(at, undefined, { authKind: 'oauth' }), 'org'),
    'site',
  );
  // A GraphQL field error carries no credential kind: the catalogue says which one the endpoint takes.
  assert.equal(credentialOf({ code: 'credential_rejected', endpointId: 'admin.events.list' }, 'site'), 'org');
  assert.equal(
    credentialOf({ code: 'credential_rejected', endpointId: 'graphql.appInstallations.list' }, 'none'),
    'site',
  );
  assert.equal(credentialOf({ code: 'credential_rejected', endpointId: 'not.in.catalogue' }, 'org'), 'org');
});
