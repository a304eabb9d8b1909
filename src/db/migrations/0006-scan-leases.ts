import type { Kysely } from 'kysely';

// One scan per connection at a time, whoever runs it (the CLI, the server, a worker on another
// machine): a scan holds its connection's lease row while it syncs, enforces bans and evaluates,
// renewing it as it goes. A lease past `expires_at` belongs to a scan that died; the next scan
// takes it over (and its sync resumes the run the dead one left). No foreign key: the lease is
// taken before the first sync of a new connection has saved it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scan_leases')
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
