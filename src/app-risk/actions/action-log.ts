import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type {
  ActionProduct,
  AppActionName,
  AppActionResult,
  AppActionsTable,
} from '../../db/schema-actions.ts';
import type { ManualSteps } from './manual-steps.ts';

// The action log: every outcome of an app action, one row per site and product touched (or one
// row for an action refused before anything was called). Append-only.

export interface ActionLogEntry {
  id: string;
  runId: string;
  connectionId: string;
  at: string;
  actor: { id: string; name: string };
  action: AppActionName;
  appKey: string | null;
  site: { cloudId: string; url: string | null } | null;
  product: ActionProduct | null;
  result: AppActionResult;
  error: { code: string; message: string } | null;
  request: { endpointId: string; method: string; url: string } | null;
  manual: ManualSteps | null;
}

export async function appendActionLog(db: Kysely<Database>, entry: ActionLogEntry): Promise<void> {
  await db.insertInto('app_actions').values(toRow(entry)).execute();
}

export interface ActionLogQuery {
  appKey?: string;
  runId?: string;
  /** Newest first; default 100. */
  limit?: number;
}

export async function listActionLog(
  db: Kysely<Database>,
  connectionId: string,
  query: ActionLogQuery = {},
): Promise<ActionLogEntry[]> {
  let q = db.selectFrom('app_actions').selectAll().where('connection_id', '=', connectionId);
  if (query.appKey !== undefined) q = q.where('app_key', '=', query.appKey);
  if (query.runId !== undefined) q = q.where('run_id', '=', query.runId);
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(toEntry);
}

function toRow(e: ActionLogEntry): AppActionsTable {
  return {
    id: e.id,
    run_id: e.runId,
    connection_id: e.connectionId,
    at: e.at,
    actor_id: e.actor.id,
    actor_name: e.actor.name,
    action: e.action,
    app_key: e.appKey,
    site_id: e.site?.cloudId ?? null,
    site_url: e.site?.url ?? null,
    product: e.product,
    result: e.result,
    error_code: e.error?.code ?? null,
    error_message: e.error?.message ?? null,
    request: e.request ? toJsonColumn(e.request) : null,
    manual: e.manual ? toJsonColumn(e.manual) : null,
  };
}

function toEntry(r: AppActionsTable): ActionLogEntry {
  return {
    id: r.id,
    runId: r.run_id,
    connectionId: r.connection_id,
    at: r.at,
    actor: { id: r.actor_id, name: r.actor_name },
    action: r.action,
    appKey: r.app_key,
    site: r.site_id === null ? null : { cloudId: r.site_id, url: r.site_url },
    product: r.product,
    result: r.result,
    error: r.error_code === null ? null : { code: r.error_code, message: r.error_message ?? '' },
    request: r.request === null ? null : fromJsonColumn(r.request),
    manual: r.manual === null ? null : fromJsonColumn<ManualSteps>(r.manual),
  };
}
