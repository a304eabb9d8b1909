import { type Kysely, sql } from 'kysely';

// The job queue on PostgreSQL (pg-boss, its own schema): jobs that gave up are listed from
// `job_failures`; and one queued-or-running scan per connection becomes a database rule, since
// several processes (servers, workers) now queue scans on one database and the check before the
// insert no longer sees the others' inserts.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('scan_id', 'text')
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_failures_failed_at').on('job_failures').column('failed_at').execute();
  await sql`create unique index scans_one_active_per_connection on scans (connection_id) where status in ('queued', 'running')`.execute(
    db,
  );
}
