import type { Kysely } from 'kysely';
import { appSubject, recordAudit } from '../../audit/audit-log.ts';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type { AppClassificationsTable } from '../../db/schema-app-governance.ts';
import {
  type AppClassification,
  type AutomaticChange,
  type Decision,
  decide,
  type ReviewReason,
} from '../model/classification.ts';
import type { AppFingerprint } from '../model/fingerprint.ts';

// Classifications persisted per connection and app key; every person's decision and every
// automatic re-review is written to the audit log in the same transaction.

export const SYSTEM_ACTOR = 'system:app-risk';

export async function listClassifications(
  db: Kysely<Database>,
  connectionId: string,
): Promise<Map<string, AppClassification>> {
  const rows = await db
    .selectFrom('app_classifications')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('app_key')
    .execute();
  return new Map(rows.map((r) => [r.app_key, toRecord(r)]));
}

export async function getClassification(
  db: Kysely<Database>,
  connectionId: string,
  appKey: string,
): Promise<AppClassification | undefined> {
  const row = await db
    .selectFrom('app_classifications')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('app_key', '=', appKey)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function saveClassification(db: Kysely<Database>, c: AppClassification): Promise<void> {
  const row = toRow(c);
  const { connection_id: _c, app_key: _k, first_seen_at: _f, ...update } = row;
  await db
    .insertInto('app_classifications')
    .values(row)
    .onConflict((oc) => oc.columns(['connection_id', 'app_key']).doUpdateSet(update))
    .execute();
}

export interface ClassifyInput {
  connectionId: string;
  appKey: string;
  decision: Decision;
  actor: string;
  now: Date;
  /** The app's current fingerprint (fingerprintOf of the inventory record); null when not installed. */
  fingerprint: AppFingerprint | null;
}

/** A person classifies an app: validated (`invalid_decision`), stored and audited in one transaction. */
export async function classifyApp(db: Kysely<Database>, input: ClassifyInput): Promise<AppClassification> {
  return db.transaction().execute(async (trx) => {
    const current = await getClassification(trx, input.connectionId, input.appKey);
    const next = decide(current, input.decision, input);
    await saveClassification(trx, next);
    await recordAudit(trx, {
      connectionId: input.connectionId,
      actor: input.actor,
      action: 'app.classify',
      subject: appSubject(input.appKey),
      at: input.now,
      details: {
        from: current?.state ?? null,
        to: next.state,
        justification: next.justification,
        expiresAt: next.expiresAt,
        fingerprint: next.approvedFingerprint,
      },
    });
    return next;
  });
}

/**
 * Stores what a sync's reconciliation changed, without overwriting a decision a person made in the
 * meantime: a discovered app is inserted only if still absent, and a re-review applies only to the
 * row as it was read (`previous.updatedAt`). Re-reviews are audited as the system's doing.
 * Returns whether the change was applied.
 */
export async function applyAutomaticChange(
  db: Kysely<Database>,
  previous: AppClassification | undefined,
  next: AppClassification,
  change: AutomaticChange,
  now: Date,
): Promise<boolean> {
  if (change.kind === 'discovered') {
    const result = await db
      .insertInto('app_classifications')
      .values(toRow(next))
      .onConflict((oc) => oc.columns(['connection_id', 'app_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  if (!previous) return false;
  const row = toRow(next);
  const result = await db
    .updateTable('app_classifications')
    .set({
      state: row.state,
      previous_state: row.previous_state,
      review_reason: row.review_reason,
      updated_at: row.updated_at,
    })
    .where('connection_id', '=', next.connectionId)
    .where('app_key', '=', next.appKey)
    .where('updated_at', '=', previous.updatedAt)
    .where('state', '=', previous.state)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await recordAudit(db, {
    connectionId: next.connectionId,
    actor: SYSTEM_ACTOR,
    action: 'app.re-review',
    subject: appSubject(next.appKey),
    at: now,
    details: { from: change.from, to: 're-review', reason: change.reason },
  });
  return true;
}

function toRow(c: AppClassification): AppClassificationsTable {
  return {
    connection_id: c.connectionId,
    app_key: c.appKey,
    state: c.state,
    previous_state: c.previousState,
    expires_at: c.expiresAt,
    justification: c.justification,
    decided_by: c.decidedBy,
    decided_at: c.decidedAt,
    approved_fingerprint: c.approvedFingerprint ? toJsonColumn(c.approvedFingerprint) : null,
    review_reason: c.reviewReason ? toJsonColumn(c.reviewReason) : null,
    first_seen_at: c.firstSeenAt,
    updated_at: c.updatedAt,
  };
}

function toRecord(r: AppClassificationsTable): AppClassification {
  return {
    connectionId: r.connection_id,
    appKey: r.app_key,
    state: r.state,
    previousState: r.previous_state,
    expiresAt: r.expires_at,
    justification: r.justification,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    approvedFingerprint: r.approved_fingerprint
      ? fromJsonColumn<AppFingerprint>(r.approved_fingerprint)
      : null,
    reviewReason: r.review_reason ? fromJsonColumn<ReviewReason>(r.review_reason) : null,
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
  };
}
