import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { CLASSIC_SITE_TOKEN } from '../atlassian/auth.ts';
import { openTestDatabase } from '../db/testing/test-database.ts';
import { adminAccess } from './collectors/test-support.ts';
import { syncConnection } from './sync-connection.ts';

// A whole sync with an API token created with scopes: the REST datasets are read through the
// gateway, and the app datasets that live on the site host only say plainly what would read them.

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tenant: tinyTenant() });
});
after(() => sim.stop());

test('a scoped API token reads Jira and Confluence through the gateway; UPM and GraphQL are forbidden, naming the classic token to use', async () => {
  const database = await openTestDatabase('sqlite');
  try {
    const sync = simConnection(sim.info, { id: 'scoped', user: 'scoped' });
    const result = await syncConnection({
      db: database.db,
      // The token is the org admin's: discovery would say so (an empty permission list is then
      // "grants nothing", not hidden).
      connection: { ...sync.connection, access: adminAccess(sync.connection.sites) },
      allowHosts: sync.allowHosts,
      baseUrls: sync.baseUrls,
    });
    assert.equal(result.status, 'success');
    const outcome = (dataset: string) => result.outcomes.filter((o) => o.dataset === dataset);
    for (const dataset of ['jira.projects', 'jira.permission-schemes', 'confluence.spaces', 'jira.users']) {
      assert.ok(outcome(dataset).length > 0, dataset);
      assert.deepEqual(
        outcome(dataset).map((o) => o.status),
        outcome(dataset).map(() => 'ok'),
        `${dataset}: ${JSON.stringify(outcome(dataset))}`,
      );
    }
    for (const dataset of ['apps.upm-jira', 'apps.upm-confluence', 'apps.forge']) {
      for (const o of outcome(dataset)) {
        assert.equal(o.status, 'forbidden', dataset);
        assert.equal(o.missingScope, CLASSIC_SITE_TOKEN, dataset);
        assert.match(o.reason ?? '', /served only on the site host, which refuses scoped tokens/, dataset);
      }
    }
    // Every credentialed Jira and Confluence call went through the gateway: nothing was refused.
    const counters = sim.context.counters.snapshot();
    const refused = Object.entries(counters.statuses).filter(([, byStatus]) => byStatus['401']);
    assert.deepEqual(refused, []);
    assert.ok((counters.calls['jira.projects.search'] ?? 0) > 0);
  } finally {
    await database.close();
  }
});

test('an org API key with scopes reads the org datasets its scopes open; the others are forbidden, naming what is missing', async () => {
  const database = await openTestDatabase('sqlite');
  try {
    const sync = simConnection(sim.info, { id: 'scoped-key' });
    const connection = {
      ...sync.connection,
      credentials: { ...sync.connection.credentials, orgApiKey: sim.info.credentials.scopedOrgApiKey },
    };
    const result = await syncConnection({
      db: database.db,
      connection,
      allowHosts: sync.allowHosts,
      baseUrls: sync.baseUrls,
    });
    assert.equal(result.status, 'success');
    const org = new Map(
      result.outcomes.filter((o) => o.scope === 'org').map((o) => [o.dataset, [o.status, o.missingScope]]),
    );
    // The tiny tenant's scoped key holds read:directories:admin only.
    assert.deepEqual(org.get('org.users'), ['ok', null]);
    assert.deepEqual(org.get('org.groups'), ['ok', null]);
    assert.deepEqual(org.get('org.organization'), ['ok', null]);
    assert.deepEqual(org.get('org.events'), ['forbidden', 'an org API key without scopes']);
    assert.deepEqual(org.get('org.domains'), ['forbidden', 'read:domains:admin']);
    assert.deepEqual(org.get('org.api-keys'), ['forbidden', 'read:keys:admin']);
    assert.deepEqual(org.get('org.api-tokens'), [
      'forbidden',
      'read:tokens:admin (or an org API key without scopes)',
    ]);
  } finally {
    await database.close();
  }
});
