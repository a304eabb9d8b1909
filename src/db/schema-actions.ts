// Tables for app actions (migration 0004): the action log, the per-connection ban list and the
// alerts raised when a banned app reappears. Merged into `Database` in schema.ts. The audit log
// these actions also write to is app governance's (schema-app-governance.ts, migration 0003).
import type { IsoTime, JsonText } from './schema.ts';

/** The product a row is about: a Cloud site's Jira or Confluence, or a Data Center instance's (migration 0016). */
export type ActionProduct = 'jira' | 'confluence' | 'jira-data-center' | 'confluence-data-center';

export type AppActionName =
  | 'disable'
  | 'enable'
  | 'uninstall'
  | 'ban'
  | 'unban'
  | 'block-user-installed-apps'
  | 'enforce-ban';

export type AppActionResult =
  | 'succeeded'
  | 'not_installed'
  | 'no_change'
  | 'failed'
  | 'manual_required'
  | 'refused';

/**
 * One outcome of an app action: one row per site and product an action touched, or one row for
 * an action refused before anything was called. Append-only; dry runs are not recorded.
 */
export interface AppActionsTable {
  id: string;
  /** Groups the rows of one request (a ban on three sites is one run, three or four rows). */
  run_id: string;
  /** No foreign key: the record of what was done must outlive the connection. */
  connection_id: string;
  at: IsoTime;
  /** The person, or `system:ban-enforcement` for the automatic re-uninstall of a banned app. */
  actor_id: string;
  actor_name: string;
  action: AppActionName;
  app_key: string | null;
  /** Site cloud id; null for a row about the whole connection (a refusal, the ban entry itself). */
  site_id: string | null;
  site_url: string | null;
  product: ActionProduct | null;
  result: AppActionResult;
  /** An ActionError code (`write_consent_required`, `not_site_admin`…) when the row is not a success. */
  error_code: string | null;
  error_message: string | null;
  /** JSON `{endpointId, method, url}` of the request sent (never a credential). */
  request: JsonText | null;
  /** JSON ManualSteps where Atlassian has no API for it. */
  manual: JsonText | null;
}

/** The deny-list: a banned app is uninstalled again whenever a sync sees it. */
export interface AppBansTable {
  connection_id: string;
  app_key: string;
  reason: string;
  actor_id: string;
  actor_name: string;
  banned_at: IsoTime;
}

export type BanAlertResult = 'uninstalled' | 'manual_required' | 'failed' | 'write_consent_required';

/** A banned app seen again in a snapshot, and what enforcement did about it. */
export interface AppBanAlertsTable {
  id: string;
  connection_id: string;
  app_key: string;
  app_name: string | null;
  site_id: string;
  site_url: string | null;
  product: ActionProduct;
  /** The snapshot that showed the app: one alert per app, site, product and snapshot. */
  snapshot_version: number;
  detected_at: IsoTime;
  result: BanAlertResult;
  message: string;
  /** The app_actions row of the re-uninstall, when one was attempted. */
  action_id: string | null;
  banned_by: string;
  ban_reason: string;
}

export interface ActionTables {
  app_actions: AppActionsTable;
  app_bans: AppBansTable;
  app_ban_alerts: AppBanAlertsTable;
}
