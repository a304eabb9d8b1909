// Tables for findings, attestations and exceptions (migration 0002); merged into `Database` in schema.ts.
// biome-ignore lint/complexity/noBannedTypes: filled in by the migration that creates these tables.
export type FindingsTables = {};
