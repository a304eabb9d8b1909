import type { IsoTime } from './schema.ts';

// Jobs that gave up (migration 0011): what the dead-letter view of the API lists, on both
// databases — pg-boss keeps the payload in its own dead-letter queue, this table keeps what a
// person needs to see (which job, which connection, the last error, how many attempts).

export interface JobFailuresTable {
  id: string;
  /** `scan`, `purge-connection`, `rescan-due`. */
  kind: string;
  connection_id: string | null;
  /** The scan the job ran, for `scan` jobs. */
  scan_id: string | null;
  failed_at: IsoTime;
  last_error: string;
  attempts: number;
}

export interface JobTables {
  job_failures: JobFailuresTable;
}
