import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FindingHistoryTable, FindingWorkflowTable } from '../../db/schema-workflow.ts';
import { AREAS } from '../../rules/areas.ts';
import type { RuleMeta } from '../../rules/rule-meta.ts';
import { severityRank } from '../../rules/severity.ts';
import type { Finding } from '../track-findings.ts';
import { firstStatus, scanTransition, type WorkflowState } from '../workflow.ts';
import { ruleMetasOf } from './rule-metas.ts';

// The scan's side of the findings workflow: after every evaluation (recordEvaluation, so the
// CLI's scans and the server's alike) each finding's workflow row is brought up to date — its
// facts (message, last seen, scan state), and its status where the scan saw a change (resolved,
// regressed, newly excepted) with a note in its history. An evaluation of a snapshot older than
// the one a row was last updated by leaves it alone.

/** Rows per INSERT: 25 columns × 300 rows stays under both databases' parameter limits. */
const BATCH = 300;

/** A finding's stable id: the same rule and resource of the same connection, the same id. */
export function findingId(connectionId: string, key: string): string {
  return createHash('sha256').update(`${connectionId}\n${key}`).digest('base64url').slice(0, 22);
}

export interface SyncWorkflowInput {
  snapshotVersion: number;
  now: Date;
  findings: readonly Finding[];
  /** Metadata of the rules evaluated (title, severity, area); others fall back to the rule id. */
  rules: readonly RuleMeta[];
}

export async function syncWorkflow(
  db: Kysely<Database>,
  connectionId: string,
  input: SyncWorkflowInput,
): Promise<void> {
  const { snapshotVersion: version, now } = input;
  const at = now.toISOString();
  const metas = new Map(input.rules.map((m) => [m.id, m]));
  // Findings of the organization's app policies: their metadata comes with the policies.
  if (input.findings.some((f) => !metas.has(f.ruleId))) {
    for (const [id, meta] of await ruleMetasOf(db, connectionId)) if (!metas.has(id)) metas.set(id, meta);
  }
  const existing = new Map(
    (
      await db.selectFrom('finding_workflow').selectAll().where('connection_id', '=', connectionId).execute()
    ).map((r) => [r.key, r]),
  );
  const rows: FindingWorkflowTable[] = [];
  const notes: Omit<FindingHistoryTable, 'seq'>[] = [];
  const touched = new Map<string, string[]>();
  for (const f of input.findings) {
    const before = existing.get(f.key);
    if (before && before.evaluated_version > version) continue;
    const id = before?.id ?? findingId(connectionId, f.key);
    const transition = before
      ? scanTransition(stateOf(before), f.state, version, f.exception?.id)
      : firstStatus(f.state, version);
    const meta = metas.get(f.ruleId);
    const area = meta?.area ?? (before?.area as keyof typeof AREAS | undefined) ?? 'apps';
    const row: FindingWorkflowTable = {
      id,
      connection_id: connectionId,
      key: f.key,
      rule_id: f.ruleId,
      title: meta?.title ?? before?.title ?? f.ruleId,
      severity: meta?.severity ?? before?.severity ?? 'medium',
      severity_rank: meta ? severityRank(meta.severity) : (before?.severity_rank ?? severityRank('medium')),
      area,
      product: AREAS[area]?.product ?? 'org',
      site: f.resource.scope,
      resource_type: f.resource.type,
      resource_id: f.resource.id,
      resource_name: f.resource.name ?? null,
      message: f.message,
      scan_state: f.state,
      status: transition?.status ?? before?.status ?? 'open',
      dismissal_reason: transition ? transition.dismissalReason : (before?.dismissal_reason ?? null),
      assignee_id: before?.assignee_id ?? null,
      exception_id: f.exception?.id ?? before?.exception_id ?? null,
      first_seen_version: f.firstSeen.version,
      first_seen_at: f.firstSeen.at,
      last_seen_at: f.lastSeen.at,
      evaluated_version: version,
      updated_at: transition ? at : (before?.updated_at ?? at),
    };
    // Most findings only moved their last seen (still failing) or nothing (still resolved): those
    // are one UPDATE per batch of ids instead of a full upsert each (25k findings: seconds saved).
    if (before && sameButSeen(before, row)) {
      const ids = touched.get(row.last_seen_at) ?? [];
      ids.push(id);
      touched.set(row.last_seen_at, ids);
    } else {
      rows.push(row);
    }
    if (transition) {
      notes.push({
        id: randomUUID(),
        finding_id: id,
        at,
        actor_id: null,
        actor_name: null,
        kind: 'status',
        from_value: before?.status ?? null,
        to_value: transition.status,
        text: transition.note,
        snapshot_version: version,
      });
    }
  }
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('finding_workflow')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          severity: eb.ref('excluded.severity'),
          severity_rank: eb.ref('excluded.severity_rank'),
          area: eb.ref('excluded.area'),
          product: eb.ref('excluded.product'),
          resource_name: eb.ref('excluded.resource_name'),
          message: eb.ref('excluded.message'),
          scan_state: eb.ref('excluded.scan_state'),
          status: eb.ref('excluded.status'),
          dismissal_reason: eb.ref('excluded.dismissal_reason'),
          exception_id: eb.ref('excluded.exception_id'),
          first_seen_version: eb.ref('excluded.first_seen_version'),
          first_seen_at: eb.ref('excluded.first_seen_at'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
          evaluated_version: eb.ref('excluded.evaluated_version'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  for (const [lastSeen, ids] of touched) {
    for (let i = 0; i < ids.length; i += TOUCH_BATCH) {
      await db
        .updateTable('finding_workflow')
        .set({ last_seen_at: lastSeen, evaluated_version: version })
        .where('id', 'in', ids.slice(i, i + TOUCH_BATCH))
        .execute();
    }
  }
  await appendHistory(db, notes);
}

/** Ids per UPDATE … WHERE id IN: well under both databases' parameter limits. */
const TOUCH_BATCH = 2000;

/** Whether a row differs from the stored one only by its last seen and evaluated version. */
function sameButSeen(before: FindingWorkflowTable, after: FindingWorkflowTable): boolean {
  return (Object.keys(after) as (keyof FindingWorkflowTable)[]).every(
    (k) => k === 'last_seen_at' || k === 'evaluated_version' || before[k] === after[k],
  );
}

/** Appends entries, each numbered after the last of its finding. */
export async function appendHistory(
  db: Kysely<Database>,
  entries: readonly Omit<FindingHistoryTable, 'seq'>[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    const chunk = entries.slice(i, i + BATCH);
    const last = new Map(
      (
        await db
          .selectFrom('finding_history')
          .select(['finding_id', (eb) => eb.fn.max('seq').as('seq')])
          .where('finding_id', 'in', [...new Set(chunk.map((e) => e.finding_id))])
          .groupBy('finding_id')
          .execute()
      ).map((r) => [r.finding_id, Number(r.seq)]),
    );
    const rows = chunk.map((e) => {
      const seq = (last.get(e.finding_id) ?? 0) + 1;
      last.set(e.finding_id, seq);
      return { ...e, seq };
    });
    await db.insertInto('finding_history').values(rows).execute();
  }
}

function stateOf(row: FindingWorkflowTable): WorkflowState {
  return {
    status: row.status,
    dismissalReason: row.dismissal_reason,
    scanState: row.scan_state as WorkflowState['scanState'],
    evaluatedVersion: row.evaluated_version,
  };
}
