import type { IsoTime } from './schema.ts';

/** A running scan's hold on its connection (0006): one row per connection, at most. */
export interface ScanLeasesTable {
  connection_id: string;
  /** Who holds it: the process and a random id per scan, so a renewal never mistakes another scan for itself. */
  holder: string;
  acquired_at: IsoTime;
  /** Renewed while the scan runs; once past, a new scan may take the lease over. */
  expires_at: IsoTime;
}

export interface ScanTables {
  scan_leases: ScanLeasesTable;
}
