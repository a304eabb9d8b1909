// Tables of the findings workflow (migration 0010, src/findings/store/workflow-store.ts); merged
// into `Database` in schema.ts.
import type { IsoTime } from './schema.ts';

export type WorkflowStatusColumn = 'open' | 'in_progress' | 'resolved' | 'dismissed' | 'regressed';
export type DismissalReasonColumn = 'accepted_risk' | 'false_positive' | 'wont_fix';

/** One finding of a connection (rule and resource) as a team works it, with what the list filters on. */
export interface FindingWorkflowTable {
  /** Stable: derived from the connection and the finding's key. */
  id: string;
  connection_id: string;
  /** `resultKey`: `<ruleId>|<scope>:<type>:<id>`. */
  key: string;
  rule_id: string;
  title: string;
  severity: string;
  /** 0 critical … 3 low: the list sorts on it. */
  severity_rank: number;
  area: string;
  product: string;
  /** `org` or a site cloud id. */
  site: string;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  message: string;
  /** The scan's own state of the finding after the latest evaluation: open, excepted, resolved. */
  scan_state: string;
  status: WorkflowStatusColumn;
  dismissal_reason: DismissalReasonColumn | null;
  /** A user id. */
  assignee_id: string | null;
  /** The exception a dismissal as accepted risk created (rule_exceptions.id). */
  exception_id: string | null;
  first_seen_version: number;
  first_seen_at: IsoTime;
  last_seen_at: IsoTime;
  /** The latest snapshot whose evaluation updated the row. */
  evaluated_version: number;
  updated_at: IsoTime;
}

/** A status change (the scan's have no actor and carry a note), an assignment, a comment. */
export type FindingHistoryKind = 'status' | 'assignee' | 'comment';

/** What happened to a finding: a status change, an assignment, a comment, a scan's note. */
export interface FindingHistoryTable {
  id: string;
  finding_id: string;
  /** 1, 2, 3 … per finding: the order entries were written in. */
  seq: number;
  at: IsoTime;
  /** Null: the scan did it. */
  actor_id: string | null;
  actor_name: string | null;
  kind: FindingHistoryKind;
  from_value: string | null;
  to_value: string | null;
  text: string | null;
  snapshot_version: number | null;
}

export interface WorkflowTables {
  finding_workflow: FindingWorkflowTable;
  finding_history: FindingHistoryTable;
}
