import type { Kysely } from 'kysely';

// The apps of an assessed snapshot as they were judged — risk, classification, checks, policy
// violations — stored with the snapshot instead of judged again on every read: on the xl tenant a
// judgement takes seconds, which the apps list, the Overview's riskiest apps, the scan's
// notifications and owner e-mails each paid on the request path. `stamp` names everything the
// judgement was made with (classifications, score overrides, policies, bans, rule settings), so a
// reader knows when a change since has made it stale. No foreign key, like the scan's own tables:
// the purge of a connection names this table.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_judgements')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('snapshot_version', 'integer', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('judged_at', 'text', (c) => c.notNull())
    .addColumn('apps', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_judgements_pk', ['connection_id', 'snapshot_version'])
    .execute();
}
