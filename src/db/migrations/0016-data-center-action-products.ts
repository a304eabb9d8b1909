import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect-of.ts';

// The action log and ban alerts name a Data Center product as itself (`jira-data-center`,
// `confluence-data-center`) instead of folding it into `jira` / `confluence`: 0004 put the product
// check inline on each column. PostgreSQL swaps the named constraint; SQLite cannot alter a check,
// so each table is rebuilt (create, copy every row, drop, rename, recreate its indexes), inside the
// migration transaction like every other step.

const PRODUCTS = sql`product in ('jira', 'confluence', 'jira-data-center', 'confluence-data-center')`;
const ACTIONS = sql`action in ('disable', 'enable', 'uninstall', 'ban', 'unban', 'block-user-installed-apps', 'enforce-ban')`;
const RESULTS = sql`result in ('succeeded', 'not_installed', 'no_change', 'failed', 'manual_required', 'refused')`;
const ALERT_RESULTS = sql`result in ('uninstalled', 'manual_required', 'failed', 'write_consent_required')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const table of ['app_actions', 'app_ban_alerts']) {
      // 0004's inline check got PostgreSQL's default name, `<table>_product_check`.
      await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(`${table}_product_check`)}`.execute(
        db,
      );
      await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_product_check`)} check (${PRODUCTS})`.execute(
        db,
      );
    }
    return;
  }
  await rebuildActions(db);
  await rebuildBanAlerts(db);
}

async function rebuildActions(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_actions_0016')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
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
  await sql`insert into app_actions_0016 (id, run_id, connection_id, at, actor_id, actor_name, action, app_key,
      site_id, site_url, product, result, error_code, error_message, request, manual)
    select id, run_id, connection_id, at, actor_id, actor_name, action, app_key, site_id, site_url, product,
      result, error_code, error_message, request, manual from app_actions`.execute(db);
  await db.schema.dropTable('app_actions').execute();
  await db.schema.alterTable('app_actions_0016').renameTo('app_actions').execute();
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
}

async function rebuildBanAlerts(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_ban_alerts_0016')
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
  await sql`insert into app_ban_alerts_0016 (id, connection_id, app_key, app_name, site_id, site_url, product,
      snapshot_version, detected_at, result, message, action_id, banned_by, ban_reason)
    select id, connection_id, app_key, app_name, site_id, site_url, product, snapshot_version, detected_at,
      result, message, action_id, banned_by, ban_reason from app_ban_alerts`.execute(db);
  await db.schema.dropTable('app_ban_alerts').execute();
  await db.schema.alterTable('app_ban_alerts_0016').renameTo('app_ban_alerts').execute();
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
