import assert from 'node:assert/strict';
import { type Kysely, sql } from 'kysely';
import { seedConnection } from '../../inventory/testing/store-helpers.ts';
import type { Database } from '../schema.ts';
import { forEachDatabase } from '../testing/test-database.ts';
import * as m0004 from './0004-app-actions.ts';
import * as m0016 from './0016-data-center-action-products.ts';

// Migration 0016 on both databases: from the tables as 0004 made them (product jira | confluence),
// every row survives, a Data Center product is accepted afterwards, and anything else is still
// refused.

const action = (id: string, product: string | null) => ({
  id,
  run_id: 'run-1',
  connection_id: 'conn-1',
  at: '2026-01-02T00:00:00.000Z',
  actor_id: 'u-1',
  actor_name: 'Riley',
  action: 'uninstall' as const,
  app_key: 'com.example.app',
  site_id: 'site-1',
  site_url: 'https://acme.atlassian.net',
  product: product as 'jira',
  result: 'succeeded' as const,
  error_code: null,
  error_message: null,
  request: '{"method":"DELETE"}',
  manual: null,
});

const alert = (id: string, connectionId: string, product: string, version: number) => ({
  id,
  connection_id: connectionId,
  app_key: 'com.example.app',
  app_name: 'Example',
  site_id: 'site-1',
  site_url: 'https://acme.atlassian.net',
  product: product as 'jira',
  snapshot_version: version,
  detected_at: '2026-01-02T00:00:00.000Z',
  result: 'uninstalled' as const,
  message: 'Banned app reappeared',
  action_id: null,
  banned_by: 'Riley',
  ban_reason: 'exfiltrates',
});

/** Back to the tables as 0004 left them (the database is migrated to the latest on opening). */
async function as0004(db: Kysely<Database>): Promise<void> {
  for (const table of ['app_ban_alerts', 'app_bans', 'app_actions'])
    await sql`drop table ${sql.table(table)}`.execute(db);
  await m0004.up(db as Kysely<unknown>);
}

const rejects = (p: Promise<unknown>) =>
  p.then(
    () => false,
    () => true,
  );

forEachDatabase(
  'the action tables accept the Data Center products after migration 0016 and keep every earlier row',
  async (_t, { db }) => {
    await as0004(db);
    const conn = await seedConnection(db);
    await db
      .insertInto('app_actions')
      .values([action('a-1', 'jira'), action('a-2', 'confluence'), action('a-3', null)])
      .execute();
    await db
      .insertInto('app_ban_alerts')
      .values([alert('b-1', conn, 'jira', 1), alert('b-2', conn, 'confluence', 1)])
      .execute();
    assert.ok(
      await rejects(db.insertInto('app_actions').values(action('x', 'jira-data-center')).execute()),
      '0004 refuses it',
    );
    const before = {
      actions: await db.selectFrom('app_actions').selectAll().orderBy('id').execute(),
      alerts: await db.selectFrom('app_ban_alerts').selectAll().orderBy('id').execute(),
    };

    await m0016.up(db as Kysely<unknown>);

    assert.deepEqual(await db.selectFrom('app_actions').selectAll().orderBy('id').execute(), before.actions);
    assert.deepEqual(
      await db.selectFrom('app_ban_alerts').selectAll().orderBy('id').execute(),
      before.alerts,
    );
    await db
      .insertInto('app_actions')
      .values([action('a-4', 'jira-data-center'), action('a-5', 'confluence-data-center')])
      .execute();
    await db
      .insertInto('app_ban_alerts')
      .values(alert('b-3', conn, 'jira-data-center', 2))
      .execute();
    assert.ok(
      await rejects(db.insertInto('app_actions').values(action('x', 'bitbucket')).execute()),
      'still checked',
    );
    assert.ok(
      await rejects(
        db
          .insertInto('app_ban_alerts')
          .values(alert('x', conn, 'bitbucket', 3))
          .execute(),
      ),
    );
    // The other checks and the once-per-snapshot index came back with the rebuilt tables.
    assert.ok(
      await rejects(
        db
          .insertInto('app_actions')
          .values({ ...action('x', 'jira'), result: 'nope' as 'failed' })
          .execute(),
      ),
    );
    assert.ok(
      await rejects(
        db
          .insertInto('app_ban_alerts')
          .values(alert('b-4', conn, 'jira-data-center', 2))
          .execute(),
      ),
    );
    assert.deepEqual(
      (await db.selectFrom('app_actions').select('product').orderBy('id').execute()).map((r) => r.product),
      ['jira', 'confluence', null, 'jira-data-center', 'confluence-data-center'],
    );
  },
);
