import type { IsoTime, JsonText } from './schema.ts';

/** A running scan's hold on its connection (0006): one row per connection, at most. */
export interface ScanLeasesTable {
  connection_id: string;
  /** Who holds it: the process and a random id per scan, so a renewal never mistakes another scan for itself. */
  holder: string;
  acquired_at: IsoTime;
  /** Renewed while the scan runs; once past, a new scan may take the lease over. */
  expires_at: IsoTime;
}

/** The apps of an assessed snapshot as judged (0015): one row per snapshot version, the last two kept. */
export interface AppJudgementsTable {
  connection_id: string;
  snapshot_version: number;
  /** Everything the judgement was made with (src/scan/app-judgements.ts): a different stamp now means stale. */
  stamp: string;
  judged_at: IsoTime;
  /** EvaluatedApp[] as JSON, riskiest first. */
  apps: JsonText;
}

export interface ScanTables {
  scan_leases: ScanLeasesTable;
  app_judgements: AppJudgementsTable;
}
