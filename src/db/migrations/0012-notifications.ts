import type { Kysely } from 'kysely';

// Notifications (src/notify/): channels (e-mail, Slack, signed webhooks; URLs sealed), each
// person's preferences, the outbox every message waits in until it is delivered (retried with
// backoff, claimed with FOR UPDATE SKIP LOCKED on PostgreSQL), the digests being gathered (at most
// one message per subscriber and connection an hour) and the one-off events already sent.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text')
    .addColumn('url_sealed', 'text')
    .addColumn('url_host', 'text')
    .addColumn('url_last4', 'text')
    .addColumn('secret_sealed', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('min_severity', 'text', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_delivered_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .execute();
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('min_severity', 'text', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.references('notification_channels.id').onDelete('cascade'))
    .addColumn('recipient', 'text')
    .addColumn('user_id', 'text')
    .addColumn('connection_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_outbox_due')
    .on('notification_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notification_outbox_channel')
    .on('notification_outbox')
    .columns(['channel_id', 'status'])
    .execute();
  await db.schema
    .createTable('notification_digest_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_digest_items_group')
    .on('notification_digest_items')
    .columns(['subscriber', 'connection_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('notification_digests')
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text')
    .addPrimaryKeyConstraint('notification_digests_pk', ['subscriber', 'connection_id'])
    .execute();
  await db.schema
    .createTable('notification_sent_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}
