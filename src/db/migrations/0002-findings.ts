import { type Kysely, sql } from 'kysely';

// Attestations, exceptions, per-organization rule settings, and findings per evaluated snapshot
// (src/findings/store). Same conventions as 0001: text ids, JSON and ISO timestamps; integer
// versions and counters; enumerations as text with a CHECK.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attestations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('attested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attestations_by_subject')
    .on('attestations')
    .columns(['connection_id', 'subject', 'scope', 'attested_at'])
    .execute();

  await db.schema
    .createTable('rule_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('resources', 'text')
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rule_exceptions_by_rule')
    .on('rule_exceptions')
    .columns(['connection_id', 'rule_id'])
    .execute();

  await db.schema
    .createTable('rule_settings')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('rule_settings_pk', ['connection_id', 'rule_id'])
    .execute();

  await db.schema
    .createTable('finding_evaluations')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('snapshot_version', 'integer', (c) => c.notNull())
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .addColumn('rules', 'integer', (c) => c.notNull())
    .addColumn('results', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_evaluations_pk', ['connection_id', 'snapshot_version'])
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('snapshot_version', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_name', 'text')
    .addColumn('resource_scope', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'excepted', 'resolved')`))
    .addColumn('last_status', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('exception', 'text')
    .addColumn('first_seen_version', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_version', 'integer', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('resolved_version', 'integer')
    .addColumn('resolved_at', 'text')
    .addColumn('regressions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('findings_pk', ['connection_id', 'snapshot_version', 'key'])
    .execute();
  await db.schema
    .createIndex('findings_by_rule')
    .on('findings')
    .columns(['connection_id', 'snapshot_version', 'rule_id'])
    .execute();

  await db.schema
    .createTable('finding_changes')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('snapshot_version', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('new', 'regressed', 'resolved', 'changed')`),
    )
    .addColumn('previous_status', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_changes_pk', ['connection_id', 'snapshot_version', 'key'])
    .execute();
}
