import type { Kysely } from 'kysely';

// Warnings per dataset outcome: what a sync read but found other than documented (a new enum
// value, a field of another type), kept as a JSON list of sentences. Additive and nullable, so
// rows written before it read as "no warnings".

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dataset_outcomes').addColumn('warnings', 'text').execute();
}
