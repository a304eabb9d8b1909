import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ActionProduct, AppBanAlertsTable, BanAlertResult } from '../../db/schema-actions.ts';

// Alerts: a banned app seen again in a snapshot, and what enforcement did. At most one per app,
// site, product and snapshot (a unique index), so enforcing one snapshot twice alerts once.

export interface BanAlert {
  id: string;
  connectionId: string;
  appKey: string;
  appName: string | null;
  site: { cloudId: string; url: string | null };
  product: ActionProduct;
  snapshotVersion: number;
  detectedAt: string;
  result: BanAlertResult;
  message: string;
  actionId: string | null;
  ban: { by: string; reason: string };
}

/** Stores the alert; false when this snapshot already had one for the app, site and product. */
export async function insertBanAlert(db: Kysely<Database>, alert: BanAlert): Promise<boolean> {
  const result = await db
    .insertInto('app_ban_alerts')
    .values(toRow(alert))
    .onConflict((oc) =>
      oc.columns(['connection_id', 'app_key', 'site_id', 'product', 'snapshot_version']).doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The keys `app|site|product` already alerted on for a snapshot. */
export async function alertedInSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  snapshotVersion: number,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('app_ban_alerts')
    .select(['app_key', 'site_id', 'product'])
    .where('connection_id', '=', connectionId)
    .where('snapshot_version', '=', snapshotVersion)
    .execute();
  return new Set(rows.map((r) => alertKey(r.app_key, r.site_id, r.product)));
}

export function alertKey(appKey: string, siteId: string, product: string): string {
  return `${appKey}|${siteId}|${product}`;
}

export interface BanAlertQuery {
  /** Only alerts detected at or after this ISO time. */
  since?: string;
  /** Newest first; default 100. */
  limit?: number;
}

export async function listBanAlerts(
  db: Kysely<Database>,
  connectionId: string,
  query: BanAlertQuery = {},
): Promise<BanAlert[]> {
  let q = db.selectFrom('app_ban_alerts').selectAll().where('connection_id', '=', connectionId);
  if (query.since !== undefined) q = q.where('detected_at', '>=', query.since);
  const rows = await q
    .orderBy('detected_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(toAlert);
}

function toRow(a: BanAlert): AppBanAlertsTable {
  return {
    id: a.id,
    connection_id: a.connectionId,
    app_key: a.appKey,
    app_name: a.appName,
    site_id: a.site.cloudId,
    site_url: a.site.url,
    product: a.product,
    snapshot_version: a.snapshotVersion,
    detected_at: a.detectedAt,
    result: a.result,
    message: a.message,
    action_id: a.actionId,
    banned_by: a.ban.by,
    ban_reason: a.ban.reason,
  };
}

function toAlert(r: AppBanAlertsTable): BanAlert {
  return {
    id: r.id,
    connectionId: r.connection_id,
    appKey: r.app_key,
    appName: r.app_name,
    site: { cloudId: r.site_id, url: r.site_url },
    product: r.product,
    snapshotVersion: Number(r.snapshot_version),
    detectedAt: r.detected_at,
    result: r.result,
    message: r.message,
    actionId: r.action_id,
    ban: { by: r.banned_by, reason: r.ban_reason },
  };
}
