import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { deleteConnection } from '../../inventory/connections.ts';
import { seedConnection } from '../../inventory/testing/store-helpers.ts';
import { appendActionLog, listActionLog } from './action-log.ts';
import { alertedInSnapshot, alertKey, type BanAlert, insertBanAlert, listBanAlerts } from './ban-alerts.ts';
import { getBan, listBans, putBan, removeBan } from './bans.ts';

// The ban list, the action log and ban alerts, on SQLite and PostgreSQL.

const riley = { id: 'u-riley', name: 'Riley Chen' };

forEachDatabase(
  'a ban is one entry per app and connection; banning again updates it; lifting deletes it',
  async (_t, { db }) => {
    const conn = await seedConnection(db);
    await putBan(db, {
      connectionId: conn,
      appKey: 'com.evil',
      reason: 'exfiltrates',
      actor: riley,
      bannedAt: '2025-01-02T00:00:00.000Z',
    });
    await putBan(db, {
      connectionId: conn,
      appKey: 'com.bad',
      reason: 'unlisted',
      actor: riley,
      bannedAt: '2025-01-02T00:00:00.000Z',
    });
    await putBan(db, {
      connectionId: conn,
      appKey: 'com.evil',
      reason: 'exfiltrates data to an unknown host',
      actor: { id: 'u-sam', name: 'Sam' },
      bannedAt: '2025-01-03T00:00:00.000Z',
    });
    assert.deepEqual(
      (await listBans(db, conn)).map((b) => [b.appKey, b.reason, b.actor.name, b.bannedAt]),
      [
        ['com.bad', 'unlisted', 'Riley Chen', '2025-01-02T00:00:00.000Z'],
        ['com.evil', 'exfiltrates data to an unknown host', 'Sam', '2025-01-03T00:00:00.000Z'],
      ],
    );
    assert.equal(await removeBan(db, conn, 'com.bad'), true);
    assert.equal(await removeBan(db, conn, 'com.bad'), false);
    assert.equal(await getBan(db, conn, 'com.bad'), undefined);
    assert.equal((await getBan(db, conn, 'com.evil'))?.actor.id, 'u-sam');
    // Bans belong to the connection: they go with it.
    await deleteConnection(db, conn);
    assert.deepEqual(await listBans(db, conn), []);
  },
);

forEachDatabase(
  'the action log keeps every outcome with its request, error and manual steps, newest first',
  async (_t, { db }) => {
    const base = {
      runId: 'run-1',
      connectionId: 'conn-1',
      actor: riley,
      appKey: 'com.evil',
      product: 'jira' as const,
      manual: null,
    };
    await appendActionLog(db, {
      ...base,
      id: 'a1',
      at: '2025-01-02T00:00:00.000Z',
      action: 'uninstall',
      site: { cloudId: 'site-1', url: 'https://acme.atlassian.net' },
      result: 'succeeded',
      error: null,
      request: {
        endpointId: 'upm.jira.delete',
        method: 'DELETE',
        url: 'https://acme.atlassian.net/rest/plugins/1.0/com.evil-key',
      },
    });
    await appendActionLog(db, {
      ...base,
      id: 'a2',
      at: '2025-01-02T00:00:01.000Z',
      action: 'uninstall',
      site: { cloudId: 'site-2', url: 'https://labs.atlassian.net' },
      result: 'manual_required',
      error: null,
      request: null,
      manual: {
        reason: 'Forge',
        steps: ['Go to admin.atlassian.com'],
        docs: 'https://support.atlassian.com',
      },
    });
    await appendActionLog(db, {
      ...base,
      id: 'a3',
      runId: 'run-2',
      appKey: 'com.other',
      at: '2025-01-02T00:00:02.000Z',
      action: 'disable',
      site: null,
      product: null,
      result: 'refused',
      error: { code: 'write_consent_required', message: 'no write consent' },
      request: null,
    });
    const all = await listActionLog(db, 'conn-1');
    assert.deepEqual(
      all.map((e) => [e.id, e.action, e.result]),
      [
        ['a3', 'disable', 'refused'],
        ['a2', 'uninstall', 'manual_required'],
        ['a1', 'uninstall', 'succeeded'],
      ],
    );
    assert.deepEqual(all[0]?.error, { code: 'write_consent_required', message: 'no write consent' });
    assert.equal(all[0]?.site, null);
    assert.deepEqual(all[1]?.manual?.steps, ['Go to admin.atlassian.com']);
    assert.equal(all[2]?.request?.method, 'DELETE');
    assert.deepEqual(
      (await listActionLog(db, 'conn-1', { appKey: 'com.evil' })).map((e) => e.id),
      ['a2', 'a1'],
    );
    assert.deepEqual(
      (await listActionLog(db, 'conn-1', { runId: 'run-2' })).map((e) => e.id),
      ['a3'],
    );
    assert.deepEqual(await listActionLog(db, 'conn-other'), []);
  },
);

forEachDatabase('a ban alert is stored once per app, site, product and snapshot', async (_t, { db }) => {
  const conn = await seedConnection(db);
  const alert: BanAlert = {
    id: 'al-1',
    connectionId: conn,
    appKey: 'com.evil',
    appName: 'Evil',
    site: { cloudId: 'site-1', url: 'https://acme.atlassian.net' },
    product: 'jira',
    snapshotVersion: 2,
    detectedAt: '2025-01-05T00:00:00.000Z',
    result: 'uninstalled',
    message: 'Banned app Evil reappeared',
    actionId: 'a9',
    ban: { by: 'Riley Chen', reason: 'exfiltrates' },
  };
  assert.equal(await insertBanAlert(db, alert), true);
  assert.equal(await insertBanAlert(db, { ...alert, id: 'al-2' }), false);
  assert.equal(
    await insertBanAlert(db, {
      ...alert,
      id: 'al-3',
      snapshotVersion: 3,
      detectedAt: '2025-01-06T00:00:00.000Z',
    }),
    true,
  );
  assert.deepEqual(
    (await listBanAlerts(db, conn)).map((a) => [a.id, a.snapshotVersion]),
    [
      ['al-3', 3],
      ['al-1', 2],
    ],
  );
  assert.deepEqual(
    (await listBanAlerts(db, conn, { since: '2025-01-06T00:00:00.000Z' })).map((a) => a.id),
    ['al-3'],
  );
  assert.deepEqual((await listBanAlerts(db, conn))[1], alert);
  assert.deepEqual([...(await alertedInSnapshot(db, conn, 2))], [alertKey('com.evil', 'site-1', 'jira')]);
});
