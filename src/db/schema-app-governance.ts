// Tables for app classification, risk overrides and policies (migration 0003); merged into `Database` in schema.ts.
// biome-ignore lint/complexity/noBannedTypes: filled in by the migration that creates these tables.
export type AppGovernanceTables = {};
