import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FindingHistoryTable, FindingWorkflowTable } from '../../db/schema-workflow.ts';
import {
  type DismissalReason,
  MAX_ACCEPTED_RISK_DAYS,
  type SettableStatus,
  type WorkflowStatus,
} from '../workflow.ts';
import { FindingsStoreError } from './errors.ts';
import { deleteException, listExceptions, saveException } from './exceptions-store.ts';
import {
  getWorkflowFinding,
  matchingFindingIds,
  type WorkflowFilter,
  type WorkflowFinding,
} from './workflow-query.ts';
import { appendHistory } from './workflow-sync.ts';

// A person's side of the findings workflow: status (any of open, in progress, resolved,
// dismissed; `regressed` is the scan's), dismissal reason, assignee and comments, each change
// written to the finding's history. Dismissing as accepted risk records an exception for the
// finding's rule and resource in the same store `palisade except` writes, so the next evaluation
// shows it as excepted; reopening a finding removes the exception that dismissal recorded.

export interface FindingChangeInput {
  status?: SettableStatus | undefined;
  /** A user id, or null to unassign. */
  assigneeId?: string | null | undefined;
  comment?: string | undefined;
  dismissalReason?: DismissalReason | undefined;
  /** Required when dismissing as accepted risk: when the exception ends (at most a year ahead). */
  exceptionExpiresAt?: string | undefined;
}

export interface Actor {
  id: string;
  name: string;
}

export async function updateWorkflowFinding(
  db: Kysely<Database>,
  id: string,
  change: FindingChangeInput,
  actor: Actor,
  now: Date,
): Promise<{ finding: WorkflowFinding; changed: boolean }> {
  checkChange(change, now);
  const apply = async (trx: Kysely<Database>) => {
    const row = await trx.selectFrom('finding_workflow').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new FindingsStoreError('finding_not_found', `no finding ${id}`);
    const changed = await applyChange(trx, row, change, actor, now);
    return { finding: await getWorkflowFinding(trx, id), changed };
  };
  return db.isTransaction ? apply(db) : db.transaction().execute(apply);
}

/** The same change to every finding the filter matches; answers how many it changed. */
export async function bulkUpdateWorkflow(
  db: Kysely<Database>,
  filter: WorkflowFilter,
  change: FindingChangeInput,
  actor: Actor,
  now: Date,
): Promise<number> {
  checkChange(change, now);
  return db.transaction().execute(async (trx) => {
    let updated = 0;
    for (const id of await matchingFindingIds(trx, filter)) {
      const row = await trx
        .selectFrom('finding_workflow')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (await applyChange(trx, row, change, actor, now)) updated += 1;
    }
    return updated;
  });
}

export async function addFindingComment(
  db: Kysely<Database>,
  id: string,
  text: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  await getWorkflowFinding(db, id);
  await appendHistory(db, [entry(id, actor, now, { kind: 'comment', text })]);
}

/** Refuses, before anything is read, a change that cannot be made whatever the finding. */
function checkChange(change: FindingChangeInput, now: Date): void {
  if (change.status === 'dismissed' && change.dismissalReason === undefined) {
    throw new FindingsStoreError(
      'invalid_transition',
      'dismissalReason is required to dismiss a finding: accepted_risk, false_positive or wont_fix',
    );
  }
  if (change.dismissalReason !== undefined && change.status !== 'dismissed') {
    throw new FindingsStoreError('invalid_transition', 'dismissalReason goes with status "dismissed"');
  }
  const acceptsRisk = change.status === 'dismissed' && change.dismissalReason === 'accepted_risk';
  if (acceptsRisk && change.exceptionExpiresAt === undefined) {
    throw new FindingsStoreError(
      'invalid_transition',
      `exceptionExpiresAt is required to dismiss as accepted risk: when the exception ends, at most ${MAX_ACCEPTED_RISK_DAYS} days ahead`,
    );
  }
  if (!acceptsRisk && change.exceptionExpiresAt !== undefined) {
    throw new FindingsStoreError(
      'invalid_transition',
      'exceptionExpiresAt goes with status "dismissed" and dismissalReason "accepted_risk"',
    );
  }
  if (change.exceptionExpiresAt !== undefined) {
    const expires = Date.parse(change.exceptionExpiresAt);
    if (Number.isNaN(expires) || expires <= now.getTime()) {
      throw new FindingsStoreError('invalid_transition', 'exceptionExpiresAt must be a time in the future');
    }
    if (expires > now.getTime() + MAX_ACCEPTED_RISK_DAYS * 86_400_000) {
      throw new FindingsStoreError(
        'invalid_transition',
        `exceptionExpiresAt is more than ${MAX_ACCEPTED_RISK_DAYS} days ahead: an accepted risk is looked at again within a year`,
      );
    }
  }
}

async function applyChange(
  db: Kysely<Database>,
  row: FindingWorkflowTable,
  change: FindingChangeInput,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const notes: Omit<FindingHistoryTable, 'seq'>[] = [];
  const update: Partial<FindingWorkflowTable> = {};
  const resourceKey = row.key.slice(row.key.indexOf('|') + 1);

  if (change.assigneeId !== undefined && change.assigneeId !== row.assignee_id) {
    if (change.assigneeId !== null) {
      const person = await db
        .selectFrom('users')
        .select('id')
        .where('id', '=', change.assigneeId)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (!person) {
        throw new FindingsStoreError('invalid_input', `assignee ${change.assigneeId} names no active person`);
      }
    }
    update.assignee_id = change.assigneeId;
    notes.push(entry(row.id, actor, now, { kind: 'assignee', from: row.assignee_id, to: change.assigneeId }));
  }

  const status = change.status;
  const reason = change.dismissalReason ?? null;
  // The same accepted risk with a new expiry renews it: the old exception goes, a new one is made.
  const renews = reason === 'accepted_risk' && change.exceptionExpiresAt !== undefined;
  if (status !== undefined && (status !== row.status || reason !== row.dismissal_reason || renews)) {
    let text: string | null = reason;
    if (row.status === 'dismissed' && row.dismissal_reason === 'accepted_risk' && row.exception_id !== null) {
      if (await removeOwnException(db, row.connection_id, row.exception_id, row.rule_id, resourceKey)) {
        text = `exception ${row.exception_id} removed`;
        update.exception_id = null;
      }
    }
    if (reason === 'accepted_risk' && change.exceptionExpiresAt !== undefined) {
      const comment = change.comment?.trim() ?? '';
      const saved = await saveException(db, row.connection_id, {
        id: randomUUID(),
        ruleId: row.rule_id,
        resources: [resourceKey],
        justification:
          comment.length >= 10 ? comment : `Dismissed as accepted risk in Palisade by ${actor.name}`,
        owner: actor.name,
        createdAt: at,
        expiresAt: new Date(Date.parse(change.exceptionExpiresAt)).toISOString(),
      });
      update.exception_id = saved.id;
      text = `accepted_risk: exception ${saved.id}, expires ${saved.expiresAt}`;
    }
    update.status = status satisfies WorkflowStatus;
    update.dismissal_reason = reason;
    notes.push(entry(row.id, actor, now, { kind: 'status', from: row.status, to: status, text }));
  }

  if (change.comment !== undefined && change.comment.trim() !== '') {
    notes.push(entry(row.id, actor, now, { kind: 'comment', text: change.comment.trim() }));
  }
  if (notes.length === 0) return false;
  if (Object.keys(update).length > 0) {
    await db
      .updateTable('finding_workflow')
      .set({ ...update, updated_at: at })
      .where('id', '=', row.id)
      .execute();
  }
  await appendHistory(db, notes);
  return true;
}

/** Removes the exception a dismissal recorded, never one that covers more than this finding. */
async function removeOwnException(
  db: Kysely<Database>,
  connectionId: string,
  exceptionId: string,
  ruleId: string,
  resourceKey: string,
): Promise<boolean> {
  const exception = (await listExceptions(db, connectionId)).find((e) => e.id === exceptionId);
  if (!exception || exception.ruleId !== ruleId) return false;
  if (exception.resources?.length !== 1 || exception.resources[0] !== resourceKey) return false;
  return deleteException(db, connectionId, exceptionId);
}

function entry(
  findingId: string,
  actor: Actor,
  now: Date,
  what: { kind: FindingHistoryTable['kind']; from?: string | null; to?: string | null; text?: string | null },
): Omit<FindingHistoryTable, 'seq'> {
  return {
    id: randomUUID(),
    finding_id: findingId,
    at: now.toISOString(),
    actor_id: actor.id,
    actor_name: actor.name,
    kind: what.kind,
    from_value: what.from ?? null,
    to_value: what.to ?? null,
    text: what.text ?? null,
    snapshot_version: null,
  };
}
