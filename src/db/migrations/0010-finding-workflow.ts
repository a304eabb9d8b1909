import type { Kysely } from 'kysely';

// Findings worked like incidents (src/findings/store/workflow-store.ts): one row per finding of a
// connection with its workflow status, dismissal reason, assignee and the exception a dismissal as
// accepted risk created, beside the denormalized facts the list filters and sorts on (severity,
// product, site, rule, first seen), so that a page of the list is one indexed query even on a
// tenant with tens of thousands of findings. Its history (status changes, assignments, comments,
// the scan's own notes) is append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finding_workflow')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_name', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('scan_state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dismissal_reason', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('exception_id', 'text')
    .addColumn('first_seen_version', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('evaluated_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('finding_workflow_key', ['connection_id', 'key'])
    .execute();
  // The list's order (severity, then first seen, then id for a stable cursor) and its filters.
  await db.schema
    .createIndex('finding_workflow_order')
    .on('finding_workflow')
    .columns(['severity_rank', 'first_seen_at', 'id'])
    .execute();
  for (const column of ['status', 'rule_id', 'site', 'product', 'assignee_id'] as const) {
    await db.schema
      .createIndex(`finding_workflow_by_${column}`)
      .on('finding_workflow')
      .columns([column, 'severity_rank', 'first_seen_at', 'id'])
      .execute();
  }

  await db.schema
    .createTable('finding_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding_workflow.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('text', 'text')
    .addColumn('snapshot_version', 'integer')
    .addUniqueConstraint('finding_history_seq', ['finding_id', 'seq'])
    .execute();
}
