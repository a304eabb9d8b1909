// Tables for app actions, bans and the audit log (migration 0004); merged into `Database` in schema.ts.
// biome-ignore lint/complexity/noBannedTypes: filled in by the migration that creates these tables.
export type ActionTables = {};
