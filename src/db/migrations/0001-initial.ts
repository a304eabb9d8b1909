import { type Kysely, sql } from 'kysely';

// Types are chosen to behave identically on SQLite and PostgreSQL: text for ids, JSON and ISO
// timestamps, integer for versions and counters (pg returns `integer` as a number; `bigint` would
// come back as a string).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('sites', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('snapshots')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('building', 'complete', 'discarded')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addPrimaryKeyConstraint('snapshots_pk', ['connection_id', 'version'])
    .execute();
  // At most one version is being built per connection: the visibility rule relies on it.
  await db.schema
    .createIndex('snapshots_one_building')
    .on('snapshots')
    .column('connection_id')
    .unique()
    .where(sql.ref('status'), '=', 'building')
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'in_progress', 'success', 'error')`),
    )
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('datasets_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('datasets_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('snapshot_version', 'integer')
    .execute();
  // One unfinished run per connection, so two workers cannot build two snapshots at once.
  await db.schema
    .createIndex('sync_runs_one_unfinished')
    .on('sync_runs')
    .column('connection_id')
    .unique()
    .where(sql.ref('status'), 'in', ['pending', 'in_progress'])
    .execute();
  await db.schema
    .createIndex('sync_runs_by_connection')
    .on('sync_runs')
    .columns(['connection_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('dataset_outcomes')
    .addColumn('run_id', 'text', (c) => c.notNull().references('sync_runs.id').onDelete('cascade'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'running', 'ok', 'partial', 'forbidden', 'failed')`),
    )
    .addColumn('reason', 'text')
    .addColumn('missing_scope', 'text')
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checkpoint', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('dataset_outcomes_pk', ['run_id', 'dataset', 'scope'])
    .execute();

  await db.schema
    .createTable('inventory_items')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('added_in', 'integer', (c) => c.notNull())
    .addColumn('removed_in', 'integer')
    .addPrimaryKeyConstraint('inventory_items_pk', ['connection_id', 'dataset', 'scope', 'key', 'added_in'])
    .execute();
  // The current row per key: what a sync compares hashes against, and at most one of it.
  await db.schema
    .createIndex('inventory_items_open')
    .on('inventory_items')
    .columns(['connection_id', 'dataset', 'scope', 'key'])
    .unique()
    .where(sql.ref('removed_in'), 'is', null)
    .execute();
  // Rolling back a dataset reopens the rows its building version closed.
  await db.schema
    .createIndex('inventory_items_removed')
    .on('inventory_items')
    .columns(['connection_id', 'removed_in'])
    .where(sql.ref('removed_in'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('inventory_items_added')
    .on('inventory_items')
    .columns(['connection_id', 'added_in'])
    .execute();

  await db.schema
    .createTable('inventory_page_keys')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('page', 'integer', (c) => c.notNull())
    .addColumn('keys', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inventory_page_keys_pk', [
      'connection_id',
      'version',
      'dataset',
      'scope',
      'page',
    ])
    .execute();

  await db.schema
    .createTable('inventory_cursors')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inventory_cursors_pk', ['connection_id', 'dataset', 'scope', 'version'])
    .execute();

  await db.schema
    .createTable('marketplace_apps')
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('marketplace_apps_pk', ['app_key', 'version'])
    .execute();
}
