import assert from 'node:assert/strict';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { deleteConnection, getConnection, listConnections, saveConnection } from './connections.ts';
import { ensureOutcomes, finishOutcome, listOutcomes, snapshotOutcomes } from './dataset-outcomes.ts';
import { getMarketplaceApp, putMarketplaceApp } from './marketplace-cache.ts';
import { beginSnapshot, publishSnapshot } from './snapshots.ts';
import { createRun, findUnfinishedRun, finishRun, listRuns, startRun } from './sync-runs.ts';
import { T0 } from './testing/store-helpers.ts';

const site = { cloudId: 'c1', url: 'https://acme.atlassian.net', products: ['jira' as const] };

forEachDatabase(
  'connections are saved, updated, listed and deleted with everything they own',
  async (_t, { db }) => {
    await saveConnection(db, { id: 'a', name: 'Acme', sites: [site] }, T0);
    await saveConnection(
      db,
      { id: 'a', name: 'Acme Corp', orgId: 'org-1', sites: [site] },
      new Date('2025-02-01T00:00:00Z'),
    );
    const saved = await getConnection(db, 'a');
    assert.deepEqual(saved && { ...saved }, {
      id: 'a',
      name: 'Acme Corp',
      orgId: 'org-1',
      sites: [site],
      createdAt: T0.toISOString(),
      updatedAt: '2025-02-01T00:00:00.000Z',
    });
    assert.equal((await listConnections(db)).length, 1);
    await createRun(db, { id: 'r1', connectionId: 'a' }, T0);
    await beginSnapshot(db, 'a', T0);
    assert.equal(await deleteConnection(db, 'a'), true);
    assert.equal(await getConnection(db, 'a'), undefined);
    assert.equal((await db.selectFrom('sync_runs').selectAll().execute()).length, 0);
    assert.equal((await db.selectFrom('snapshots').selectAll().execute()).length, 0);
  },
);

forEachDatabase('only one run per connection can be unfinished at a time', async (_t, { db }) => {
  await saveConnection(db, { id: 'a', name: 'Acme', sites: [] }, T0);
  await createRun(db, { id: 'r1', connectionId: 'a' }, T0);
  await assert.rejects(createRun(db, { id: 'r2', connectionId: 'a' }, T0));
  await finishRun(db, 'r1', { status: 'error', reason: 'x' }, T0);
  await createRun(db, { id: 'r2', connectionId: 'a' }, new Date('2025-01-02T00:00:00Z'));
  assert.equal((await findUnfinishedRun(db, 'a'))?.id, 'r2');
  assert.deepEqual(
    (await listRuns(db, 'a')).map((r) => r.id),
    ['r2', 'r1'],
  );
});

forEachDatabase('the outcomes of a snapshot are those of the run that published it', async (_t, { db }) => {
  await saveConnection(db, { id: 'a', name: 'Acme', sites: [] }, T0);
  await createRun(db, { id: 'r1', connectionId: 'a' }, T0);
  const version = await beginSnapshot(db, 'a', T0);
  await startRun(db, 'r1', { snapshotVersion: version, datasetsTotal: 2 }, T0);
  await ensureOutcomes(db, 'r1', [
    { dataset: 'org.users', scope: 'org' },
    { dataset: 'org.policies', scope: 'org' },
  ]);
  await ensureOutcomes(db, 'r1', [{ dataset: 'org.users', scope: 'org' }]);
  await finishOutcome(db, { runId: 'r1', dataset: 'org.users', scope: 'org' }, { status: 'ok' }, T0);
  await finishOutcome(
    db,
    { runId: 'r1', dataset: 'org.policies', scope: 'org' },
    { status: 'forbidden', reason: 'no scope', missingScope: 'read:policies' },
    T0,
  );
  assert.deepEqual(await snapshotOutcomes(db, 'a', version), []);
  await publishSnapshot(db, 'a', version, T0);
  await finishRun(db, 'r1', { status: 'success', reason: null }, T0);
  const outcomes = await snapshotOutcomes(db, 'a', version);
  assert.deepEqual(
    outcomes.map((o) => [o.dataset, o.status, o.missingScope]),
    [
      ['org.policies', 'forbidden', 'read:policies'],
      ['org.users', 'ok', null],
    ],
  );
  assert.equal((await listOutcomes(db, 'r1')).length, 2);
});

forEachDatabase(
  'the Marketplace cache returns an app version it has and replaces it on put',
  async (_t, { db }) => {
    assert.equal(await getMarketplaceApp(db, 'com.acme.app', '1.0.0'), undefined);
    await putMarketplaceApp(
      db,
      { appKey: 'com.acme.app', version: '1.0.0', data: { vendor: 'Acme', cloudFortified: true } },
      T0,
    );
    const later = new Date('2025-03-01T00:00:00Z');
    await putMarketplaceApp(
      db,
      { appKey: 'com.acme.app', version: '1.0.0', data: { vendor: 'Acme Inc' } },
      later,
    );
    const hit = await getMarketplaceApp<{ vendor: string }>(db, 'com.acme.app', '1.0.0');
    assert.deepEqual(hit, {
      appKey: 'com.acme.app',
      version: '1.0.0',
      fetchedAt: later.toISOString(),
      data: { vendor: 'Acme Inc' },
    });
    assert.equal(await getMarketplaceApp(db, 'com.acme.app', '2.0.0'), undefined);
  },
);
