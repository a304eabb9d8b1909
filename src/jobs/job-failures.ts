import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// Jobs that gave up after their retries (the dead-letter view): written by the pg-boss runner when
// a job's last attempt fails, read by GET /api/v1/jobs/dead-letter. pg-boss keeps the job itself in
// the kind's dead-letter queue; this row is what a person reads: which job, which connection, the
// last error, how many attempts.

export interface JobFailure {
  id: string;
  kind: string;
  connectionId: string | null;
  scanId: string | null;
  failedAt: string;
  lastError: string;
  attempts: number;
}

export async function recordJobFailure(
  db: Kysely<Database>,
  input: Omit<JobFailure, 'id'>,
): Promise<JobFailure> {
  const failure = { id: randomUUID(), ...input };
  await db
    .insertInto('job_failures')
    .values({
      id: failure.id,
      kind: failure.kind,
      connection_id: failure.connectionId,
      scan_id: failure.scanId,
      failed_at: failure.failedAt,
      last_error: failure.lastError,
      attempts: failure.attempts,
    })
    .execute();
  return failure;
}

/** The newest failures first, at most `limit`. */
export async function listJobFailures(db: Kysely<Database>, limit: number): Promise<JobFailure[]> {
  const rows = await db
    .selectFrom('job_failures')
    .selectAll()
    .orderBy('failed_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    connectionId: row.connection_id,
    scanId: row.scan_id,
    failedAt: row.failed_at,
    lastError: row.last_error,
    attempts: row.attempts,
  }));
}
