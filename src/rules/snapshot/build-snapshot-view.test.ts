import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { catalogue } from '../catalogue/index.ts';
import { evaluateSnapshot } from '../evaluate.ts';
import { findDataset } from '../snapshot-view.ts';
import { buildSnapshotView } from './build-snapshot-view.ts';
import { ACME, STORE_NOW, saveTestConnection, storeSnapshot } from './testing/store-snapshot.ts';

const domains = [{ id: 'd1', name: 'acme.example', claimType: 'dns', status: 'verified', verified: true }];
const workspace = (cloudId: string, product: string, typeKey: string, name: string, sandbox = false) => ({
  id: `ari:cloud:${product}::site/${cloudId}`,
  cloudId,
  product,
  name,
  typeKey,
  status: 'online',
  hostUrl: null,
  usage: 3,
  sandbox,
});
const openScheme = {
  id: 10000,
  name: 'Open',
  description: null,
  grants: [
    { id: 1, permission: 'BROWSE_PROJECTS', holderType: 'anyone', holderParameter: null, holderValue: null },
  ],
};

forEachDatabase(
  'the view holds each dataset per scope with the outcome its sync recorded',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    await storeSnapshot(db, id, [
      { dataset: 'org.domains', items: domains },
      { dataset: 'jira.permission-schemes', scope: 'cloud-acme', items: [openScheme] },
      {
        dataset: 'jira.permission-schemes',
        scope: 'cloud-labs',
        items: [{ ...openScheme, id: 2, name: 'Labs' }],
      },
    ]);
    const version = await storeSnapshot(db, id, [
      { dataset: 'org.domains', items: domains },
      {
        dataset: 'org.users',
        status: 'forbidden',
        reason: 'no access',
        missingScope: 'read:directories:admin',
      },
      { dataset: 'org.api-tokens', status: 'partial', reason: 'admins only', items: [] },
      // Failed in this sync: the store still shows version 1's rows, the view must not.
      { dataset: 'jira.permission-schemes', scope: 'cloud-acme', status: 'failed', reason: 'HTTP 500' },
      {
        dataset: 'jira.permission-schemes',
        scope: 'cloud-labs',
        items: [{ ...openScheme, id: 2, name: 'Labs' }],
      },
    ]);
    const view = await buildSnapshotView(db, id, { now: STORE_NOW });
    assert.equal(version, 2);
    assert.equal(view.version, 2);
    assert.equal(view.now, STORE_NOW);
    assert.deepEqual(findDataset(view, 'org.domains', 'org')?.items, domains);
    assert.deepEqual(findDataset(view, 'org.domains', 'org')?.outcome, { status: 'ok' });
    assert.deepEqual(findDataset(view, 'org.users', 'org'), {
      name: 'org.users',
      scope: 'org',
      outcome: { status: 'forbidden', missingScope: 'read:directories:admin', reason: 'no access' },
      items: [],
    });
    assert.deepEqual(findDataset(view, 'org.api-tokens', 'org')?.outcome, {
      status: 'partial',
      reason: 'admins only',
    });
    const failed = findDataset(view, 'jira.permission-schemes', 'cloud-acme');
    assert.deepEqual(failed?.outcome, { status: 'failed', reason: 'HTTP 500' });
    assert.deepEqual(failed?.items, []);
    assert.deepEqual(
      findDataset(view, 'jira.permission-schemes', 'cloud-labs')?.items.map(
        (s) => (s as { name: string }).name,
      ),
      ['Labs'],
    );
    assert.equal(findDataset(view, 'org.policies', 'org'), undefined, 'not collected: absent from the view');

    // And the engine reads it so: unknown with the missing scope, a fail found on the labs site.
    const results = evaluateSnapshot(
      catalogue
        .map((e) => e.rule)
        .filter((r) => ['org_no_dormant_admins', 'jira_permission_scheme_no_anyone'].includes(r.meta.id)),
      view,
    ).results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.resource.scope, r.status, r.reasons?.[0]?.code ?? null]),
      [
        ['org_no_dormant_admins', 'org', 'unknown', 'dataset_forbidden'],
        ['jira_permission_scheme_no_anyone', 'cloud-acme', 'unknown', 'dataset_failed'],
        ['jira_permission_scheme_no_anyone', 'cloud-labs', 'fail', null],
      ],
    );
    assert.match(results[0]?.message ?? '', /lacks read:directories:admin/);
  },
);

forEachDatabase(
  'site and org facts come from the connection, the licence, the edition and the workspaces (sandbox too)',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    await storeSnapshot(db, id, [
      { dataset: 'org.organization', items: [{ id: 'org-1', name: 'Acme Corp' }] },
      {
        dataset: 'org.workspaces',
        items: [
          workspace('cloud-acme', 'jira', 'jira-software', 'acme'),
          workspace('cloud-acme', 'confluence', 'confluence', 'acme'),
          workspace('cloud-labs', 'jira', 'jira-software', 'acme-labs', true),
        ],
      },
      {
        dataset: 'jira.license',
        scope: 'cloud-acme',
        items: [
          { applicationId: 'jira-software', plan: 'PAID' },
          { applicationId: 'jira-servicedesk', plan: 'PAID' },
        ],
        key: (r) => (r as { applicationId: string }).applicationId,
      },
      {
        dataset: 'confluence.system-info',
        scope: 'cloud-acme',
        items: [{ cloudId: 'cloud-acme', baseUrl: null, edition: 'premium', siteTitle: 'Acme' }],
        key: () => 'system-info',
      },
      {
        dataset: 'jira.license',
        scope: 'cloud-labs',
        items: [{ applicationId: 'jira-software', plan: 'FREE' }],
        key: (r) => (r as { applicationId: string }).applicationId,
      },
    ]);
    const view = await buildSnapshotView(db, id, { now: STORE_NOW, datasets: ['org.domains'] });
    assert.deepEqual(view.org, { id: 'org-1', name: 'Acme Corp', guard: null, hasCredential: true });
    assert.deepEqual(view.sites, [
      {
        cloudId: 'cloud-acme',
        name: 'acme',
        url: 'https://acme.atlassian.net',
        products: { jira: null, 'jira-service-management': null, confluence: 'premium' },
        hasCredential: true,
        sandbox: false,
      },
      {
        cloudId: 'cloud-labs',
        name: 'acme-labs',
        url: 'https://acme-labs.atlassian.net',
        products: { jira: 'free' },
        hasCredential: true,
        sandbox: true,
      },
    ]);
    const stated = await buildSnapshotView(db, id, { now: STORE_NOW, guard: 'standard' });
    assert.equal(stated.org.guard, 'standard');
  },
);

forEachDatabase(
  'only the datasets asked for are in the view, so no rule passes on one left out',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    await storeSnapshot(db, id, [
      { dataset: 'org.domains', items: domains },
      { dataset: 'jira.permission-schemes', scope: 'cloud-acme', items: [] },
    ]);
    const view = await buildSnapshotView(db, id, { now: STORE_NOW, datasets: ['org.domains'] });
    assert.equal(findDataset(view, 'org.domains', 'org')?.items.length, 1);
    assert.equal(findDataset(view, 'jira.permission-schemes', 'cloud-acme'), undefined);
    const anyone = catalogue
      .map((e) => e.rule)
      .filter((r) => r.meta.id === 'jira_permission_scheme_no_anyone');
    assert.deepEqual(
      evaluateSnapshot(anyone, view).results.map((r) => [r.resource.scope, r.status]),
      [
        ['cloud-acme', 'unknown'],
        ['cloud-labs', 'unknown'],
      ],
    );
  },
);

forEachDatabase(
  'without an org API key the org has no credential, and its rules say so',
  async (_t, { db }) => {
    const id = await saveTestConnection(db, { ...ACME, orgId: null });
    await storeSnapshot(db, id, [
      {
        dataset: 'org.users',
        status: 'forbidden',
        reason: 'no org credentials',
        missingScope: 'org API key',
      },
    ]);
    const view = await buildSnapshotView(db, id, { now: STORE_NOW });
    assert.equal(view.org.hasCredential, false);
    assert.equal(view.org.id, 'conn-acme');
    const dormant = catalogue.map((e) => e.rule).filter((r) => r.meta.id === 'org_no_dormant_admins');
    assert.deepEqual(
      evaluateSnapshot(dormant, view).results.map((r) => [r.status, r.reasons?.[0]?.code]),
      [['unknown', 'credential_missing']],
    );
  },
);

forEachDatabase('an older complete version can be viewed; a missing one is refused', async (_t, { db }) => {
  const id = await saveTestConnection(db);
  await assert.rejects(buildSnapshotView(db, id, { now: STORE_NOW }), { code: 'no_complete_snapshot' });
  await assert.rejects(buildSnapshotView(db, 'nobody', { now: STORE_NOW }), { code: 'connection_not_found' });
  await storeSnapshot(db, id, [{ dataset: 'org.domains', items: domains }]);
  await storeSnapshot(db, id, [{ dataset: 'org.domains', items: [] }]);
  const old = await buildSnapshotView(db, id, { now: STORE_NOW, version: 1 });
  assert.equal(old.version, 1);
  assert.equal(findDataset(old, 'org.domains', 'org')?.items.length, 1);
  assert.equal(
    findDataset(await buildSnapshotView(db, id, { now: STORE_NOW }), 'org.domains', 'org')?.items.length,
    0,
  );
  await assert.rejects(buildSnapshotView(db, id, { now: STORE_NOW, version: 3 }), {
    code: 'no_complete_snapshot',
  });
});
