import type { Kysely } from 'kysely';

// Facts about the database itself: `palisade_version`, the version of Palisade that last opened
// it. An older Palisade that finds migrations it does not know names the version to upgrade to.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('palisade_meta')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
