import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Kysely } from 'kysely';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { endpoints } from '../../src/atlassian/catalogue/index.ts';
import type { Database } from '../../src/db/schema.ts';
import { openTestDatabase } from '../../src/db/testing/test-database.ts';
import { readDataset } from '../../src/inventory/read-dataset.ts';
import { type ConnectionSyncResult, syncConnection } from '../../src/sync/sync-connection.ts';
import type { SyncTarget } from '../../src/sync/sync-target.ts';
import { startSimulatedOrg } from './simulated-org.ts';

// The demo synced through each 401 Atlassian sends to a credential that works, and through one
// it sends to a credential that does not: only the last stops the sync.

const org = await startSimulatedOrg({ scenario: 'demo' });
after(() => org.stop());

interface Counters {
  calls: Record<string, number>;
  statuses: Record<string, Record<string, number>>;
}
const counters = () => org.control.send<Counters>('GET', '/counters');

async function syncInto(
  connection: SyncTarget,
  check: (result: ConnectionSyncResult, db: Kysely<Database>) => Promise<void>,
): Promise<void> {
  await org.control.reset();
  const database = await openTestDatabase('sqlite');
  try {
    const result = await syncConnection({
      db: database.db,
      connection,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
    });
    await check(result, database.db);
  } finally {
    await database.close();
  }
}

const outcomesOf = (result: ConnectionSyncResult, dataset: string) =>
  result.outcomes.filter((o) => o.dataset === dataset);

const acme = () => {
  const site = org.sync.connection.sites.find((s) =>
    org.expected.sites.some((t) => t.id === s.cloudId && t.name === 'acme'),
  );
  assert.ok(site);
  return site;
};

test('with Confluence’s “Anonymous access to remote API” off, the probe records the refusal and the sync publishes', async () => {
  await org.control.reset();
  await org.control.send('POST', '/tenant/anonymous-access', {
    kind: 'confluence-remote-api',
    site: 'acme',
    enabled: false,
  });
  const database = await openTestDatabase('sqlite');
  try {
    const result = await syncConnection({
      db: database.db,
      connection: org.sync.connection,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
    });
    assert.equal(result.status, 'success', result.reason ?? '');
    const [probe] = outcomesOf(result, 'confluence.anonymous').filter((o) => o.scope === acme().cloudId);
    assert.equal(probe?.status, 'ok');
    const [record] = await readDataset<Record<string, unknown>>(
      database.db,
      org.sync.connection.id,
      'confluence.anonymous',
      {
        scope: acme().cloudId,
      },
    );
    // The demo's acme grants anonymous "Use Confluence": the credential still reads it.
    assert.deepEqual(record?.data, {
      siteAccess: true,
      operations: [{ operation: 'use', targetType: 'application' }],
      visibleSpaceKeys: [],
      anonymousRefused: true,
    });
    const c = await counters();
    assert.equal(c.statuses['confluence.anonymousUser.get']?.['401'], 1);
    assert.equal(
      c.calls['jira.myself.get'] ?? 0,
      0,
      'a refused anonymous probe never questions a credential',
    );
  } finally {
    await database.close();
  }
});

test('a member’s API token: UPM’s 401 makes the app datasets forbidden (not a site admin) after one canary, and the sync publishes', async () => {
  const member = simConnection(org.sim.info, { user: 'member' }).connection;
  await syncInto(member, async (result) => {
    assert.equal(result.status, 'success', result.reason ?? '');
    assert.ok(result.snapshotVersion !== null);
    const upm = [...outcomesOf(result, 'apps.upm-jira'), ...outcomesOf(result, 'apps.upm-confluence')];
    assert.ok(upm.length >= 2);
    for (const o of upm) {
      assert.equal(o.status, 'forbidden', `${o.dataset}@${o.scope}: ${o.reason}`);
      assert.equal(o.missingScope, 'site administrator');
      assert.match(
        o.reason ?? '',
        /^the account is not a site administrator: the Universal Plugin Manager answered 401/,
      );
    }
    const c = await counters();
    assert.ok((c.statuses['upm.jira.list']?.['401'] ?? 0) >= 1);
    assert.equal(c.calls['jira.myself.get'], 1, 'every 401 judged by one canary');
  });
});

test('an OAuth grant without some scopes: those datasets are forbidden naming the scope, with no refresh and no canary', async () => {
  const lacking = ['read:audit-log:confluence', 'manage:jira-configuration'];
  const scopes = [...new Set(endpoints.flatMap((e) => e.oauthScopes))].filter((s) => !lacking.includes(s));
  await org.control.reset();
  const state = org.sim.context.state;
  state.oauthGrants.set('integration-grant', {
    id: 'integration-grant',
    clientId: org.sim.info.credentials.oauth.clientId,
    accountId: org.sim.info.credentials.admin.accountId,
    scopes,
    siteIds: state.tenant.sites.map((s) => s.id),
    revoked: false,
  });
  const expiresAt = org.sim.context.now() + 3_600_000;
  state.oauthAccessTokens.set('integration-token', {
    token: 'integration-token',
    grantId: 'integration-grant',
    expiresAt,
  });
  const connection: SyncTarget = {
    ...org.sync.connection,
    credentials: {
      ...org.sync.connection.credentials,
      site: {
        kind: 'oauth',
        clientId: org.sim.info.credentials.oauth.clientId,
        clientSecret: org.sim.info.credentials.oauth.clientSecret,
        tokens: { accessToken: 'integration-token', refreshToken: null, expiresAt, scopes },
        onTokens: () => {},
      },
    },
  };
  const database = await openTestDatabase('sqlite');
  try {
    await org.control.resetCounters();
    const result = await syncConnection({
      db: database.db,
      connection,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
    });
    assert.equal(result.status, 'success', result.reason ?? '');
    const audit = outcomesOf(result, 'confluence.audit');
    assert.ok(audit.length > 0);
    for (const o of audit) {
      assert.equal(o.status, 'forbidden');
      assert.equal(o.missingScope, 'read:audit-log:confluence');
      assert.match(o.reason ?? '', /scope does not match/);
    }
    const missingJira = result.outcomes.filter((o) => o.missingScope === 'manage:jira-configuration');
    assert.ok(missingJira.length > 0, 'the Jira datasets needing manage:jira-configuration say so');
    const c = await counters();
    assert.ok((c.statuses['confluence.auditRecords.list']?.['401'] ?? 0) >= 1, 'the gateway answered 401');
    assert.equal(c.calls['oauth.token.exchange'] ?? 0, 0, 'a missing scope is not worth a refresh');
    assert.equal(c.calls['jira.myself.get'] ?? 0, 0);
  } finally {
    await database.close();
  }
});

test('a token revoked mid-sync fails the canary too: the sync stops as before, after one canary per credential', async () => {
  await org.control.reset();
  // The site token only (the org key keeps working), so its canary is the one asked.
  await org.control.faults({
    rules: [{ endpoints: ['jira.*', 'confluence.*', 'upm.*'], revokeAfterCalls: 30 }],
  });
  const database = await openTestDatabase('sqlite');
  try {
    const result = await syncConnection({
      db: database.db,
      connection: org.sync.connection,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
    });
    assert.equal(result.status, 'error');
    // The reason names the credential and the host that refused it.
    assert.match(
      result.reason ?? '',
      /^the site credential \(e-mail and API token\) was refused by 127\.0\.0\.1:\d+ \(401: revoked or expired\) — reconnect$/,
    );
    assert.equal(result.snapshotVersion, null);
    const c = await counters();
    assert.equal(c.calls['jira.myself.get'] ?? 0, 1);
    assert.equal(c.statuses['jira.myself.get']?.['401'], 1);
  } finally {
    await org.control.faults({});
    await database.close();
  }
});
