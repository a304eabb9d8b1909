import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { listAudit } from '../../audit/audit-log.ts';
import type { Database } from '../../db/schema.ts';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { T0 } from '../../inventory/testing/store-helpers.ts';
import { listActionLog } from './action-log.ts';
import { listBanAlerts } from './ban-alerts.ts';
import { putBan } from './bans.ts';
import { type EnforceBansDeps, enforceBans } from './enforce-bans.ts';
import { formatBanAlert } from './format.ts';
import { ADMIN_WRITE, CONNECTION, type FakeApi, fakeApi, LABS, SITE, seedApps } from './test-support.ts';

// The post-sync ban enforcement over a seeded snapshot (taken at T0) and a recording client.

const BEFORE = '2024-12-31T00:00:00.000Z';
const AFTER = '2025-01-02T00:00:00.000Z';
const NOW = new Date('2025-01-03T00:00:00.000Z');

function deps(db: Kysely<Database>, api: FakeApi, over: Partial<EnforceBansDeps> = {}): EnforceBansDeps {
  return {
    db,
    connection: { id: CONNECTION, writeCredentials: ADMIN_WRITE },
    allowHosts: [],
    createApi: api.createApi,
    now: () => NOW,
    ...over,
  };
}

const ban = (db: Kysely<Database>, appKey: string, bannedAt: string) =>
  putBan(db, {
    connectionId: CONNECTION,
    appKey,
    reason: 'sends data to an unknown host',
    actor: { id: 'u-riley', name: 'Riley Chen' },
    bannedAt,
  });

forEachDatabase(
  'a banned app that a later snapshot shows is uninstalled again on every site, with one alert each',
  async (_t, { db }) => {
    const version = await seedApps(db);
    await ban(db, 'com.evil.sync', BEFORE);
    const api = fakeApi();
    const result = await enforceBans(deps(db, api, { snapshotVersion: version }));
    assert.deepEqual(
      api.calls.map((c) => [c.endpointId, c.site, c.pluginKey]),
      [
        ['upm.jira.delete', LABS.url, 'com.evil.sync'],
        ['upm.jira.delete', SITE.url, 'com.evil.sync'],
      ],
    );
    assert.deepEqual(api.built, [ADMIN_WRITE]);
    assert.equal(api.closed, 1);
    assert.deepEqual(
      result.alerts.map((a) => [a.site.url, a.product, a.result, a.snapshotVersion]),
      [
        [LABS.url, 'jira', 'uninstalled', version],
        [SITE.url, 'jira', 'uninstalled', version],
      ],
    );
    assert.equal(
      formatBanAlert(result.alerts[1]!),
      `[uninstalled] Banned app Evil Sync (com.evil.sync) reappeared on ${SITE.url} (jira) in snapshot ${version}: ` +
        'uninstalled again (banned by Riley Chen: sends data to an unknown host; detected 2025-01-03T00:00:00.000Z)',
    );
    assert.equal((await listBanAlerts(db, CONNECTION)).length, 2);
    const log = await listActionLog(db, CONNECTION);
    assert.deepEqual(
      log.map((e) => [e.action, e.actor.id, e.result]),
      [
        ['enforce-ban', 'system:ban-enforcement', 'succeeded'],
        ['enforce-ban', 'system:ban-enforcement', 'succeeded'],
      ],
    );
    assert.ok(result.alerts.every((a) => log.some((e) => e.id === a.actionId)));
    const audit = await listAudit(db, { connectionId: CONNECTION, action: 'app.enforce-ban' });
    assert.deepEqual(
      audit.map((a) => [a.actor, a.subject, a.details.bannedBy, a.details.snapshotVersion]),
      [
        ['system:ban-enforcement', 'app:com.evil.sync', 'Riley Chen', version],
        ['system:ban-enforcement', 'app:com.evil.sync', 'Riley Chen', version],
      ],
    );

    // The same snapshot again: already handled, nothing sent, nothing new.
    const again = await enforceBans(deps(db, api, { snapshotVersion: version }));
    assert.deepEqual([again.alerts.length, api.calls.length, api.built.length], [0, 2, 1]);
  },
);

forEachDatabase('a snapshot whose sync began before the ban is not a reappearance', async (_t, { db }) => {
  await seedApps(db);
  await ban(db, 'com.evil.sync', AFTER);
  const api = fakeApi();
  const result = await enforceBans(deps(db, api));
  assert.deepEqual([result.alerts.length, api.calls.length, result.bans], [0, 0, 1]);
});

forEachDatabase(
  'without write consent enforcement sends nothing and alerts that the banned app is still there',
  async (_t, { db }) => {
    const version = await seedApps(db);
    await ban(db, 'com.evil.sync', BEFORE);
    await ban(db, 'f-1', BEFORE);
    const api = fakeApi();
    const result = await enforceBans(deps(db, api, { connection: { id: CONNECTION } }));
    assert.deepEqual([api.calls.length, api.built.length], [0, 0]);
    assert.deepEqual(
      result.alerts.map((a) => [a.appKey, a.site.url, a.result, a.actionId === null]),
      [
        ['com.evil.sync', LABS.url, 'write_consent_required', true],
        ['com.evil.sync', SITE.url, 'write_consent_required', true],
        // A Forge app needs an admin's hands whatever the consent: its steps are recorded, not refused.
        ['f-1', LABS.url, 'manual_required', false],
      ],
    );
    assert.match(
      result.alerts[0]?.message ?? '',
      /not uninstalled: connection conn-actions has no write consent/,
    );
    assert.deepEqual(
      (await listActionLog(db, CONNECTION)).map((e) => [e.appKey, e.result, e.error?.code ?? null]).sort(),
      [
        ['com.evil.sync', 'refused', 'write_consent_required'],
        ['f-1', 'manual_required', null],
      ],
    );
    assert.equal(result.snapshotVersion, version);
  },
);

forEachDatabase(
  'a banned Forge app found again raises an alert with the manual steps and calls nothing',
  async (_t, { db }) => {
    await seedApps(db);
    await ban(db, 'f-1', BEFORE);
    const api = fakeApi();
    const result = await enforceBans(deps(db, api));
    assert.equal(api.calls.length, 0);
    assert.deepEqual(
      result.alerts.map((a) => [a.appKey, a.site.url, a.result]),
      [['f-1', LABS.url, 'manual_required']],
    );
    assert.match(
      result.alerts[0]?.message ?? '',
      /uninstall it by hand: Atlassian has no API to uninstall a Forge app.*admin\.atlassian\.com/,
    );
  },
);

forEachDatabase(
  'a site whose app datasets failed in the snapshot is skipped rather than taken for a sighting',
  async (_t, { db }) => {
    const version = await seedApps(db);
    // The run that built the snapshot read UPM on site-1 but failed on site-2.
    await db
      .insertInto('sync_runs')
      .values({
        id: 'run-1',
        connection_id: CONNECTION,
        status: 'success',
        reason: null,
        created_at: T0.toISOString(),
        started_at: T0.toISOString(),
        finished_at: T0.toISOString(),
        datasets_total: 2,
        datasets_done: 2,
        items_read: 0,
        snapshot_version: version,
      })
      .execute();
    const outcome = (scope: string, status: 'ok' | 'failed') => ({
      run_id: 'run-1',
      dataset: 'apps.upm-jira',
      scope,
      status,
      reason: status === 'failed' ? '503' : null,
      missing_scope: null,
      items: 0,
      pages: 0,
      checkpoint: null,
      started_at: null,
      finished_at: null,
    });
    await db
      .insertInto('dataset_outcomes')
      .values([outcome(SITE.cloudId, 'ok'), outcome(LABS.cloudId, 'failed')])
      .execute();
    await ban(db, 'com.evil.sync', BEFORE);
    const api = fakeApi();
    const result = await enforceBans(deps(db, api));
    assert.deepEqual(
      api.calls.map((c) => c.site),
      [SITE.url],
    );
    assert.deepEqual(
      result.alerts.map((a) => a.site.url),
      [SITE.url],
    );
    assert.deepEqual(
      result.skipped.map((s) => [s.site, s.appKey]),
      [[LABS.url, 'com.evil.sync']],
    );
  },
);

forEachDatabase(
  'with no ban, or after a sync that published nothing, enforcement does nothing',
  async (_t, { db }) => {
    await seedApps(db);
    const api = fakeApi();
    assert.deepEqual(await enforceBans(deps(db, api)), {
      snapshotVersion: null,
      bans: 0,
      alerts: [],
      skipped: [],
    });
    await ban(db, 'com.evil.sync', BEFORE);
    const none = await enforceBans(deps(db, api, { snapshotVersion: null }));
    assert.deepEqual([none.alerts.length, api.calls.length], [0, 0]);
  },
);
