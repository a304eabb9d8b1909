import { type Kysely, sql } from 'kysely';

// App governance: the audit log (shared with the app actions of migration 0004), app
// classifications, manual score overrides and declarative policies. Same conventions as 0001:
// text ids, ISO text timestamps, JSON as canonical text, integers for flags and numbers.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // No foreign key: the audit trail must survive the deletion of the connection it concerns.
    .addColumn('connection_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_by_connection')
    .on('audit_log')
    .columns(['connection_id', 'at'])
    .execute();
  await db.schema.createIndex('audit_log_by_subject').on('audit_log').columns(['subject', 'at']).execute();

  await db.schema
    .createTable('app_classifications')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(sql`state in ('unreviewed', 'sanctioned', 'risk-accepted', 'unsanctioned', 're-review')`),
    )
    .addColumn('previous_state', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('justification', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('approved_fingerprint', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_classifications_pk', ['connection_id', 'app_key'])
    .execute();

  await db.schema
    .createTable('app_score_overrides')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score >= 0 and score <= 100`))
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_score_overrides_pk', ['connection_id', 'app_key'])
    .execute();

  await db.schema
    .createTable('app_policies')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_policies_pk', ['connection_id', 'id'])
    .execute();
}
