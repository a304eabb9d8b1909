import type { Kysely } from 'kysely';

// The findings list filtered by severity (the Overview's "critical" link, `?severity=critical`)
// ran two sequential scans of `finding_workflow` per page — the total and the page — since no
// index began with `severity` (bench/api.ts found it: ~2 ms per request at 5,000 findings, growing
// with the table, under 200 concurrent requests). Like the other filters' indexes, it carries the
// list's order, so a page is an index range in order and the total an index-only count.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('finding_workflow_by_severity')
    .on('finding_workflow')
    .columns(['severity', 'severity_rank', 'first_seen_at', 'id'])
    .execute();
}
