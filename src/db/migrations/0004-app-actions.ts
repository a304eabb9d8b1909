import { type Kysely, sql } from 'kysely';

// App actions: the action log, the ban list and ban alerts. Same conventions as 0001: text ids,
// ISO text timestamps, JSON as canonical text, CHECK constraints for enumerations.

const ACTIONS = sql`action in ('disable', 'enable', 'uninstall', 'ban', 'unban', 'block-user-installed-apps', 'enforce-ban')`;
const RESULTS = sql`result in ('succeeded', 'not_installed', 'no_change', 'failed', 'manual_required', 'refused')`;
const ALERT_RESULTS = sql`result in ('uninstalled', 'manual_required', 'failed', 'write_consent_required')`;
const PRODUCTS = sql`product in ('jira', 'confluence')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    // No foreign key: what was done to a tenant must survive the deletion of its connection.
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(ACTIONS))
    .addColumn('app_key', 'text')
    .addColumn('site_id', 'text')
    .addColumn('site_url', 'text')
    .addColumn('product', 'text', (c) => c.check(PRODUCTS))
    .addColumn('result', 'text', (c) => c.notNull().check(RESULTS))
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('request', 'text')
    .addColumn('manual', 'text')
    .execute();
  await db.schema
    .createIndex('app_actions_by_connection')
    .on('app_actions')
    .columns(['connection_id', 'at'])
    .execute();
  await db.schema
    .createIndex('app_actions_by_app')
    .on('app_actions')
    .columns(['connection_id', 'app_key', 'at'])
    .execute();

  await db.schema
    .createTable('app_bans')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('banned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_bans_pk', ['connection_id', 'app_key'])
    .execute();

  await db.schema
    .createTable('app_ban_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('app_name', 'text')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('site_url', 'text')
    .addColumn('product', 'text', (c) => c.notNull().check(PRODUCTS))
    .addColumn('snapshot_version', 'integer', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(ALERT_RESULTS))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('banned_by', 'text', (c) => c.notNull())
    .addColumn('ban_reason', 'text', (c) => c.notNull())
    .execute();
  // Enforcing bans twice on one snapshot neither calls Atlassian again nor alerts twice.
  await db.schema
    .createIndex('app_ban_alerts_once')
    .on('app_ban_alerts')
    .columns(['connection_id', 'app_key', 'site_id', 'product', 'snapshot_version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('app_ban_alerts_by_connection')
    .on('app_ban_alerts')
    .columns(['connection_id', 'detected_at'])
    .execute();
}
