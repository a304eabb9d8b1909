import assert from 'node:assert/strict';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { previousCursor } from './cursors.ts';
import { rollbackDataset } from './dataset-rollback.ts';
import { DatasetWriter } from './dataset-writer.ts';
import { diffCounts, listDatasets, readAtVersion, readDataset } from './read-dataset.ts';
import { beginSnapshot, discardSnapshot, latestSnapshot, publishSnapshot } from './snapshots.ts';
import {
  countItemRows,
  seedConnection,
  syncVersion,
  T0,
  users,
  writeDataset,
} from './testing/store-helpers.ts';

const keys = (items: { key: string }[]) => items.map((i) => i.key);

forEachDatabase(
  'a reader during a sync sees the previous snapshot until it is published',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    const v1 = await syncVersion(db, conn, [{ dataset: 'users', pages: [users('ann', 'bob')] }]);

    const v2 = await beginSnapshot(db, conn, T0);
    await writeDataset(db, {
      connectionId: conn,
      version: v2,
      dataset: 'users',
      pages: [users('bob', 'cid')],
    });
    assert.equal((await latestSnapshot(db, conn))?.version, v1);
    assert.deepEqual(keys(await readDataset(db, conn, 'users')), ['ann', 'bob']);
    await assert.rejects(readDataset(db, conn, 'users', { version: v2 }), { code: 'snapshot_not_found' });

    await publishSnapshot(db, conn, v2, T0);
    assert.deepEqual(keys(await readDataset(db, conn, 'users')), ['bob', 'cid']);
    assert.deepEqual(keys(await readDataset(db, conn, 'users', { version: v1 })), ['ann', 'bob']);
    assert.deepEqual(await diffCounts(db, conn, v1, v2), [
      { dataset: 'users', scope: 'org', added: 1, changed: 0, removed: 1 },
    ]);
  },
);

forEachDatabase('a resync with nothing changed writes no item rows', async (_t, { db }) => {
  const conn = await seedConnection(db);
  const pages = [users('ann', 'bob'), users('cid')];
  await syncVersion(db, conn, [{ dataset: 'users', pages }]);
  const before = await countItemRows(db, conn);
  const v2 = await syncVersion(db, conn, [{ dataset: 'users', pages: [users('cid'), users('bob', 'ann')] }]);
  assert.equal(await countItemRows(db, conn), before);
  assert.deepEqual(keys(await readDataset(db, conn, 'users', { version: v2 })), ['ann', 'bob', 'cid']);
});

forEachDatabase('a changed item adds exactly one row and closes exactly one', async (_t, { db }) => {
  const conn = await seedConnection(db);
  const v1 = await syncVersion(db, conn, [{ dataset: 'users', pages: [users('ann', 'bob')] }]);
  const changed = [{ key: 'ann', data: { name: 'ann', active: false } }, ...users('bob')];
  const v2 = await syncVersion(db, conn, [{ dataset: 'users', pages: [changed] }]);

  const rows = await db
    .selectFrom('inventory_items')
    .selectAll()
    .where('key', '=', 'ann')
    .orderBy('added_in')
    .execute();
  assert.deepEqual(
    rows.map((r) => [r.added_in, r.removed_in]),
    [
      [v1, v2],
      [v2, null],
    ],
  );
  assert.equal(await countItemRows(db, conn), 3);
  const now = await readDataset<{ active: boolean }>(db, conn, 'users');
  assert.equal(now.find((i) => i.key === 'ann')?.data.active, false);
  const before = await readDataset<{ active: boolean }>(db, conn, 'users', { version: v1 });
  assert.equal(before.find((i) => i.key === 'ann')?.data.active, true);
  assert.deepEqual(await diffCounts(db, conn, v1, v2), [
    { dataset: 'users', scope: 'org', added: 0, changed: 1, removed: 0 },
  ]);
});

forEachDatabase(
  'an item that disappears from a snapshot dataset is closed, not deleted',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    const v1 = await syncVersion(db, conn, [{ dataset: 'users', pages: [users('ann', 'bob', 'cid')] }]);
    const v2 = await beginSnapshot(db, conn, T0);
    const result = await writeDataset(db, {
      connectionId: conn,
      version: v2,
      dataset: 'users',
      pages: [users('ann', 'cid')],
    });
    await publishSnapshot(db, conn, v2, T0);
    assert.equal(result.removed, 1);
    assert.deepEqual(keys(await readDataset(db, conn, 'users')), ['ann', 'cid']);
    assert.deepEqual(keys(await readDataset(db, conn, 'users', { version: v1 })), ['ann', 'bob', 'cid']);
    assert.deepEqual(await diffCounts(db, conn, v1, v2), [
      { dataset: 'users', scope: 'org', added: 0, changed: 0, removed: 1 },
    ]);
  },
);

forEachDatabase('an empty page set empties the dataset in the new version', async (_t, { db }) => {
  const conn = await seedConnection(db);
  await syncVersion(db, conn, [{ dataset: 'users', pages: [users('ann')] }]);
  await syncVersion(db, conn, [{ dataset: 'users', pages: [] }]);
  assert.deepEqual(await readDataset(db, conn, 'users'), []);
});

forEachDatabase('a rolled-back dataset shows the previous data in the new version', async (_t, { db }) => {
  const conn = await seedConnection(db);
  await syncVersion(db, conn, [
    { dataset: 'users', pages: [users('ann', 'bob')] },
    { dataset: 'groups', pages: [users('admins')] },
  ]);
  const v2 = await beginSnapshot(db, conn, T0);
  await writeDataset(db, { connectionId: conn, version: v2, dataset: 'groups', pages: [users('devs')] });
  // users: one page written (a change, a new key), then the dataset fails.
  const writer = await DatasetWriter.open(db, {
    connectionId: conn,
    dataset: 'users',
    scope: 'org',
    version: v2,
    kind: 'snapshot',
  });
  const changed = [{ key: 'ann', data: { name: 'ann', active: false } }, ...users('dan')];
  writer.commit(await db.transaction().execute((trx) => writer.writePage(trx, { index: 0, items: changed })));
  await db
    .transaction()
    .execute((trx) => rollbackDataset(trx, { connectionId: conn, dataset: 'users', scope: 'org' }, v2));
  await publishSnapshot(db, conn, v2, T0);

  const now = await readDataset<{ active: boolean }>(db, conn, 'users');
  assert.deepEqual(keys(now), ['ann', 'bob']);
  assert.equal(now[0]?.data.active, true);
  assert.deepEqual(keys(await readDataset(db, conn, 'groups')), ['devs']);
  assert.equal(await countItemRows(db, conn), 4);
});

forEachDatabase(
  'a discarded version leaves no trace and the next version starts clean',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    await syncVersion(db, conn, [{ dataset: 'users', pages: [users('ann', 'bob')] }]);
    const v2 = await beginSnapshot(db, conn, T0);
    await writeDataset(db, { connectionId: conn, version: v2, dataset: 'users', pages: [users('cid')] });
    await discardSnapshot(db, conn, v2);
    assert.equal(await countItemRows(db, conn), 2);
    const v3 = await syncVersion(db, conn, [{ dataset: 'users', pages: [users('ann', 'bob')] }]);
    assert.equal(v3, v2 + 1);
    assert.deepEqual(keys(await readDataset(db, conn, 'users')), ['ann', 'bob']);
    assert.equal(await countItemRows(db, conn), 2);
  },
);

forEachDatabase(
  'append datasets keep every event and advance the cursor only when published',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    const events = (...ids: string[]) =>
      ids.map((id) => ({ key: id, data: { id, action: 'app.installed' } }));
    const v1 = await syncVersion(db, conn, [
      { dataset: 'audit', kind: 'append', pages: [events('e1', 'e2')], cursor: 't2' },
    ]);
    const v2 = await beginSnapshot(db, conn, T0);
    assert.equal(await previousCursor(db, { connectionId: conn, dataset: 'audit', scope: 'org' }, v2), 't2');
    await writeDataset(db, {
      connectionId: conn,
      version: v2,
      dataset: 'audit',
      kind: 'append',
      pages: [events('e3')],
      cursor: 't3',
    });
    // Not published yet: the cursor a new run would start from is still the published one.
    assert.equal(
      await previousCursor(db, { connectionId: conn, dataset: 'audit', scope: 'org' }, v2 + 1),
      't2',
    );
    await publishSnapshot(db, conn, v2, T0);
    assert.equal(
      await previousCursor(db, { connectionId: conn, dataset: 'audit', scope: 'org' }, v2 + 1),
      't3',
    );
    assert.deepEqual(keys(await readDataset(db, conn, 'audit')), ['e1', 'e2', 'e3']);
    assert.deepEqual(keys(await readDataset(db, conn, 'audit', { version: v1 })), ['e1', 'e2']);
  },
);

forEachDatabase('a failed append dataset keeps the previous cursor', async (_t, { db }) => {
  const conn = await seedConnection(db);
  await syncVersion(db, conn, [{ dataset: 'audit', kind: 'append', pages: [users('e1')], cursor: 't1' }]);
  const v2 = await beginSnapshot(db, conn, T0);
  await writeDataset(db, {
    connectionId: conn,
    version: v2,
    dataset: 'audit',
    kind: 'append',
    pages: [users('e2')],
    cursor: 't2',
  });
  await db
    .transaction()
    .execute((trx) => rollbackDataset(trx, { connectionId: conn, dataset: 'audit', scope: 'org' }, v2));
  await publishSnapshot(db, conn, v2, T0);
  assert.equal(
    await previousCursor(db, { connectionId: conn, dataset: 'audit', scope: 'org' }, v2 + 1),
    't1',
  );
  assert.deepEqual(keys(await readDataset(db, conn, 'audit')), ['e1']);
});

forEachDatabase(
  'a dataset resumed by a new writer still closes keys only earlier pages saw',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    await syncVersion(db, conn, [{ dataset: 'users', pages: [users('ann', 'bob', 'cid')] }]);
    const v2 = await beginSnapshot(db, conn, T0);
    const ref = {
      connectionId: conn,
      dataset: 'users',
      scope: 'org',
      version: v2,
      kind: 'snapshot' as const,
    };
    const first = await DatasetWriter.open(db, ref);
    first.commit(
      await db.transaction().execute((trx) => first.writePage(trx, { index: 0, items: users('ann') })),
    );
    // The process dies here; another opens a fresh writer and goes on from page 1.
    const second = await DatasetWriter.open(db, ref);
    second.commit(
      await db.transaction().execute((trx) => second.writePage(trx, { index: 1, items: users('dan') })),
    );
    const done = await db.transaction().execute((trx) => second.complete(trx));
    await publishSnapshot(db, conn, v2, T0);
    assert.equal(done.removed, 2);
    assert.deepEqual(keys(await readDataset(db, conn, 'users')), ['ann', 'dan']);
  },
);

forEachDatabase(
  'items are stored per scope and a staged version can be read before publishing',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    await syncVersion(db, conn, [
      { dataset: 'projects', scope: 'site-1', pages: [users('P1')] },
      { dataset: 'projects', scope: 'site-2', pages: [users('P2', 'P3')] },
    ]);
    assert.deepEqual(keys(await readDataset(db, conn, 'projects', { scope: 'site-2' })), ['P2', 'P3']);
    assert.deepEqual(
      (await readDataset(db, conn, 'projects')).map((i) => `${i.scope}/${i.key}`),
      ['site-1/P1', 'site-2/P2', 'site-2/P3'],
    );
    const v2 = await beginSnapshot(db, conn, T0);
    await writeDataset(db, {
      connectionId: conn,
      version: v2,
      dataset: 'projects',
      scope: 'site-1',
      pages: [users('P9')],
    });
    assert.deepEqual(
      keys(await readAtVersion(db, { connectionId: conn, dataset: 'projects', scope: 'site-1' }, v2)),
      ['P9'],
    );
    assert.deepEqual(await listDatasets(db, conn, v2), [
      { dataset: 'projects', scope: 'site-1', items: 1 },
      { dataset: 'projects', scope: 'site-2', items: 2 },
    ]);
  },
);

forEachDatabase(
  'an item carrying a credential field is refused and nothing of its page is stored',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    const version = await beginSnapshot(db, conn, T0);
    const items = [
      ...users('ann'),
      { key: 'svc', data: { name: 'svc', auth: { api_token: 'ATATT-secret' } } },
    ];
    await assert.rejects(
      writeDataset(db, { connectionId: conn, version, dataset: 'users', pages: [items] }),
      (error: Error) => {
        assert.equal((error as Error & { code: string }).code, 'credential_in_data');
        assert.match(error.message, /\$\.auth\.api_token/);
        assert.doesNotMatch(error.message, /ATATT/);
        return true;
      },
    );
    assert.equal(await countItemRows(db, conn), 0);
  },
);

forEachDatabase('duplicate keys within a version keep one row with the last data', async (_t, { db }) => {
  const conn = await seedConnection(db);
  await syncVersion(db, conn, [
    { dataset: 'users', pages: [users('ann'), [{ key: 'ann', data: { name: 'ann', active: false } }]] },
  ]);
  const all = await readDataset<{ active: boolean }>(db, conn, 'users');
  assert.deepEqual(
    all.map((i) => [i.key, i.data.active]),
    [['ann', false]],
  );
  assert.equal(await countItemRows(db, conn), 1);
});
