import type { ScanStatus, ScanTrigger } from '../db/schema-server.ts';

// The contract between the server and whatever runs scans (in-process on SQLite here; pg-boss
// workers on PostgreSQL in the job-queue issue).

export interface ScanRecord {
  id: string;
  connectionId: string;
  trigger: ScanTrigger;
  requestedBy: string | null;
  status: ScanStatus;
  reason: string | null;
  progress: { done: number; total: number; phase: string } | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  snapshotVersion: number | null;
  calls: number;
  retries: number;
  rateLimited: number;
}

export interface ScanService {
  /**
   * Queues a scan of the connection and returns it; a ScanError `scan_in_progress` (409) naming the
   * queued or running one when there is one already.
   */
  request(input: { connectionId: string; trigger: ScanTrigger; by: string | null }): Promise<ScanRecord>;
  /** Cancels a queued or running scan (a running one stops at its next page, checkpointed). */
  cancel(input: { connectionId: string; scanId: string; by: string | null }): Promise<ScanRecord>;
  /** Starts running queued scans and the schedule. */
  start(): void;
  /** Stops taking scans; running ones stop at their next page and release their leases. */
  stop(): Promise<void>;
}
