import type { ScanStatus, ScanTrigger } from '../db/schema-server.ts';

// The contract between the server and whatever runs scans (in-process on SQLite here; pg-boss
// workers on PostgreSQL in the job-queue issue).

/** How far a running scan is: datasets synced of those planned, and its step. */
export interface ScanProgress {
  done: number;
  total: number;
  /** `connecting`, `syncing`, `waiting` (Atlassian's hourly quota is spent), `evaluating`. */
  phase: string;
}

export interface ScanRecord {
  id: string;
  connectionId: string;
  trigger: ScanTrigger;
  requestedBy: string | null;
  status: ScanStatus;
  reason: string | null;
  progress: ScanProgress | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  snapshotVersion: number | null;
  calls: number;
  retries: number;
  rateLimited: number;
  /** The sync run (its per-dataset outcomes are the scan's), once the sync started. */
  syncRunId?: string | null | undefined;
}

export interface ScanService {
  /**
   * Queues a scan of the connection and returns it; a ScanRequestError (scan-request-error.ts)
   * `scan_in_progress` (409) naming the queued or running one (message and `scanId`) when there is
   * one already, `connection_not_found` (404) for an unknown or deleting connection.
   */
  request(input: { connectionId: string; trigger: ScanTrigger; by: string | null }): Promise<ScanRecord>;
  /**
   * Cancels a queued or running scan (a running one stops at its next page, checkpointed);
   * `scan_not_found` (404), `scan_finished` (409) once it has ended.
   */
  cancel(input: { connectionId: string; scanId: string; by: string | null }): Promise<ScanRecord>;
  /**
   * Purges a deleted connection (its profile is `deleting`) through the job queue, so that a crash
   * mid-purge is retried: implemented on PostgreSQL (pg-boss); absent, the server purges in-process.
   */
  purgeConnection?(input: { connectionId: string; by: string | null }): Promise<void>;
  /** Starts running queued scans and the schedule. */
  start(): void;
  /** Stops taking scans; running ones stop at their next page and release their leases. */
  stop(): Promise<void>;
}
