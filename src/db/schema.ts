import type { ActionTables } from './schema-actions.ts';
import type { AppGovernanceTables } from './schema-app-governance.ts';
import type { FindingsTables } from './schema-findings.ts';
import type { JobTables } from './schema-jobs.ts';
import type { NotifyTables } from './schema-notify.ts';
import type { ScanTables } from './schema-scan.ts';
import type { ServerTables } from './schema-server.ts';
import type { WorkflowTables } from './schema-workflow.ts';
// The one source of table types (DESIGN.md convention 4). Column names are snake_case as stored;
// repositories map rows to camelCase records. Two representations hold on both databases:
// JSON is stored as canonical JSON text (see json-column.ts) and timestamps as ISO 8601 UTC text,
// so SQLite and PostgreSQL return identical values and no code branches on the dialect.

/** JSON serialized by `toJsonColumn`; read back with `fromJsonColumn`. */
export type JsonText = string;
/** `Date.prototype.toISOString()` output: sorts and compares correctly as text. */
export type IsoTime = string;

export interface ConnectionsTable {
  id: string;
  name: string;
  org_id: string | null;
  /** SiteRef[] as JSON. Credentials are not stored here (the caller passes them to the connector). */
  sites: JsonText;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export type SnapshotStatus = 'building' | 'complete' | 'discarded';

export interface SnapshotsTable {
  connection_id: string;
  /** 1, 2, 3 … per connection; inventory rows refer to it in added_in / removed_in. */
  version: number;
  status: SnapshotStatus;
  created_at: IsoTime;
  completed_at: IsoTime | null;
}

export type SyncRunStatus = 'pending' | 'in_progress' | 'success' | 'error';

export interface SyncRunsTable {
  id: string;
  connection_id: string;
  status: SyncRunStatus;
  reason: string | null;
  created_at: IsoTime;
  started_at: IsoTime | null;
  finished_at: IsoTime | null;
  datasets_total: number;
  datasets_done: number;
  items_read: number;
  /** The snapshot version this run builds (and publishes on success). */
  snapshot_version: number | null;
}

export type DatasetOutcomeStatus = 'pending' | 'running' | 'ok' | 'partial' | 'forbidden' | 'failed';

export interface DatasetOutcomesTable {
  run_id: string;
  dataset: string;
  /** 'org' or a site cloud id. */
  scope: string;
  status: DatasetOutcomeStatus;
  reason: string | null;
  /** The OAuth scope or Atlassian permission whose absence made the dataset forbidden. */
  missing_scope: string | null;
  /** Items read in this run (unchanged items included). */
  items: number;
  /** Pages stored in this run: the index of the next page's key record. */
  pages: number;
  /** The collector's resume token after the last stored page. */
  checkpoint: string | null;
  started_at: IsoTime | null;
  finished_at: IsoTime | null;
  /** JSON list of sentences: what was read but differed from the documentation (0005). */
  warnings: JsonText | null;
}

export interface InventoryItemsTable {
  connection_id: string;
  dataset: string;
  scope: string;
  key: string;
  /** Hash of the canonical JSON in `data`: equal hash = unchanged item, nothing rewritten. */
  hash: string;
  data: JsonText;
  /** Snapshot version that introduced this row (SCD type 2). */
  added_in: number;
  /** Snapshot version from which the row no longer holds; null while it is current. */
  removed_in: number | null;
}

export interface InventoryPageKeysTable {
  connection_id: string;
  version: number;
  dataset: string;
  scope: string;
  page: number;
  /** string[] as JSON: the keys this page carried, so a resumed sync knows what earlier pages saw. */
  keys: JsonText;
}

export interface InventoryCursorsTable {
  connection_id: string;
  dataset: string;
  scope: string;
  /** The snapshot version that ended at this cursor; only complete versions count. */
  version: number;
  cursor: string;
}

export interface MarketplaceAppsTable {
  app_key: string;
  version: string;
  fetched_at: IsoTime;
  data: JsonText;
}

/**
 * Every table, as Kysely sees it. Modules that own tables declare them in their own schema file
 * (one migration each) and the interfaces are merged here, so two modules never edit one list.
 */
/** Facts about the database itself (`palisade_version`: the Palisade that last opened it). */
export interface PalisadeMetaTable {
  name: string;
  value: string;
}

export interface Database
  extends FindingsTables,
    AppGovernanceTables,
    ActionTables,
    ScanTables,
    ServerTables,
    WorkflowTables,
    JobTables,
    NotifyTables {
  palisade_meta: PalisadeMetaTable;
  connections: ConnectionsTable;
  snapshots: SnapshotsTable;
  sync_runs: SyncRunsTable;
  dataset_outcomes: DatasetOutcomesTable;
  inventory_items: InventoryItemsTable;
  inventory_page_keys: InventoryPageKeysTable;
  inventory_cursors: InventoryCursorsTable;
  marketplace_apps: MarketplaceAppsTable;
}
