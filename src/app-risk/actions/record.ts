import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appSubject, recordAudit } from '../../audit/audit-log.ts';
import type { Database } from '../../db/schema.ts';
import type { AppActionName, AppActionResult } from '../../db/schema-actions.ts';
import { appendActionLog } from './action-log.ts';
import type { Actor } from './actor.ts';
import type { ActionError } from './errors.ts';
import type { StepOutcome } from './execute.ts';
import type { Product } from './installed-apps.ts';

// Every outcome goes to two places in one transaction: the action log (what was sent where, and
// what came back) and the governance audit log (who changed what), so neither can miss an entry
// the other has.

export interface RunRecord {
  db: Kysely<Database>;
  runId: string;
  connectionId: string;
  actor: Actor;
  action: AppActionName;
  appKey: string | null;
  at: Date;
}

interface Row {
  site: { cloudId: string; url: string | null } | null;
  product: Product | null;
  result: AppActionResult;
  error: { code: string; message: string } | null;
  request: { endpointId: string; method: string; url: string } | null;
  manual: StepOutcome['manual'] | null;
  /** More for the audit entry (the ban's reason, the snapshot that showed a banned app). */
  details?: Record<string, unknown>;
}

async function record(run: RunRecord, row: Row, trx?: Kysely<Database>): Promise<string> {
  if (!trx) return run.db.transaction().execute((t) => record(run, row, t));
  const id = randomUUID();
  const at = run.at.toISOString();
  await appendActionLog(trx, {
    id,
    runId: run.runId,
    connectionId: run.connectionId,
    at,
    actor: { id: run.actor.id, name: run.actor.name },
    action: run.action,
    appKey: run.appKey,
    site: row.site,
    product: row.product,
    result: row.result,
    error: row.error,
    request: row.request,
    manual: row.manual ?? null,
  });
  await recordAudit(trx, {
    connectionId: run.connectionId,
    actor: run.actor.id,
    action: `app.${run.action}`,
    subject: run.appKey ? appSubject(run.appKey) : `site:${row.site?.cloudId ?? 'all'}`,
    at: run.at,
    details: {
      actionId: id,
      runId: run.runId,
      actorName: run.actor.name,
      result: row.result,
      ...(row.site ? { site: row.site.url ?? row.site.cloudId, siteId: row.site.cloudId } : {}),
      ...(row.product ? { product: row.product } : {}),
      ...(row.request ? { request: `${row.request.method} ${row.request.url}` } : {}),
      ...(row.error ? { error: row.error } : {}),
      ...(row.manual ? { manual: row.manual.reason } : {}),
      ...row.details,
    },
  });
  return id;
}

/** One step's outcome; returns its action log id. */
export function recordStep(
  run: RunRecord,
  step: StepOutcome,
  details?: Record<string, unknown>,
): Promise<string> {
  // A dry run records nothing; a planned step reaching here is a programming error.
  if (step.result === 'planned') throw new Error('a planned (dry-run) step cannot be recorded as an outcome');
  const result: AppActionResult = step.result;
  return record(run, {
    site: { cloudId: step.site.cloudId, url: step.site.url },
    product: step.product,
    result,
    error: step.error,
    request: step.request
      ? { endpointId: step.request.endpointId, method: step.request.method, url: step.request.url }
      : null,
    manual: step.manual ?? null,
    ...(details ? { details } : {}),
  });
}

/** An action refused before anything was called (no right, no write consent, nothing to act on). */
export function recordRefusal(
  run: RunRecord,
  error: ActionError,
  details?: Record<string, unknown>,
): Promise<string> {
  return record(run, {
    site: null,
    product: null,
    result: 'refused',
    error: { code: error.code, message: error.message },
    request: null,
    manual: null,
    ...(details ? { details } : {}),
  });
}

export interface ConnectionChange {
  result: AppActionResult;
  details: Record<string, unknown>;
}

/**
 * A change to Palisade's own state for the connection (a ban entry added or lifted), made in the
 * same transaction as its record: the deny-list never changes without a trace.
 */
export function recordConnectionChange<T extends ConnectionChange>(
  run: RunRecord,
  change: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return run.db.transaction().execute(async (trx) => {
    const done = await change(trx);
    const row: Row = {
      site: null,
      product: null,
      result: done.result,
      error: null,
      request: null,
      manual: null,
      details: done.details,
    };
    await record(run, row, trx);
    return done;
  });
}
