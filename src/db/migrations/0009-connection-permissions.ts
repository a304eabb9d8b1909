import type { Kysely } from 'kysely';

// The last permission check of a connection (Palo Alto's "verify permissions"), stored when the
// connection is verified (created, reconnected, its credentials changed) so that reading a
// connection never calls Atlassian: JSON list of `{dataset, scope, product?, readable, reason?}`.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connection_profiles').addColumn('permissions', 'text').execute();
  await db.schema.alterTable('connection_profiles').addColumn('permissions_checked_at', 'text').execute();
}
