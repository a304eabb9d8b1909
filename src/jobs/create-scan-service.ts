import { createInProcessScanService, type InProcessScanServiceDeps } from './in-process-scan-service.ts';
import { createPgBossScanService } from './pg-boss-scan-service.ts';
import type { ScanService } from './scan-service.ts';

// Which scan service a process runs: on SQLite the in-process queue (one process: the server runs
// every job itself); on PostgreSQL pg-boss, so that any number of `serve` and `worker` processes
// share the jobs. The rest of the server only sees the ScanService.

export interface ScanServiceOptions extends InProcessScanServiceDeps {
  /** The PostgreSQL URL (DATABASE_URL) when the database is PostgreSQL; unset on SQLite. */
  postgresUrl?: string | undefined;
  /** pg-boss's schema (default `pgboss`). */
  jobSchema?: string | undefined;
  /** false: this process queues jobs but runs none (`serve --no-worker`). */
  runJobs: boolean;
}

export function createScanService(options: ScanServiceOptions): ScanService & { readonly holder: string } {
  const { postgresUrl, jobSchema, runJobs, ...deps } = options;
  if (postgresUrl === undefined) return createInProcessScanService(deps);
  return createPgBossScanService({ ...deps, connectionString: postgresUrl, schema: jobSchema, runJobs });
}
