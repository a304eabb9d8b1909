import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FindingHistoryTable, FindingWorkflowTable } from '../../db/schema-workflow.ts';
import type { FindingState } from '../track-findings.ts';
import type { DismissalReason, WorkflowStatus } from '../workflow.ts';
import { FindingsStoreError } from './errors.ts';

// Reading the findings workflow: the filtered list in one indexed query per page (sorted by
// severity, most severe first, then first seen, then id, so the cursor is stable while rows
// change), one finding, and its history.

export interface WorkflowFilter {
  connectionIds?: readonly string[];
  severities?: readonly string[];
  statuses?: readonly WorkflowStatus[];
  products?: readonly string[];
  areas?: readonly string[];
  /** `org` or site cloud ids. */
  sites?: readonly string[];
  /** An empty list matches nothing (a control no rule maps to). */
  ruleIds?: readonly string[];
  /** An app's key: the findings about that app (per-app checks and policies). */
  appKey?: string;
  firstSeenFrom?: string;
  firstSeenTo?: string;
  /** Free text over title, message and resource (case-insensitive). */
  q?: string;
  /** A user id, or `none` for the unassigned. */
  assigneeId?: string;
}

export interface WorkflowFinding {
  id: string;
  connectionId: string;
  key: string;
  ruleId: string;
  title: string;
  severity: string;
  status: WorkflowStatus;
  dismissalReason: DismissalReason | null;
  assigneeId: string | null;
  exceptionId: string | null;
  area: string;
  product: string;
  site: string;
  resource: { type: string; id: string; name: string | null; key: string };
  message: string;
  scanState: FindingState;
  firstSeen: { version: number; at: string };
  lastSeen: string;
  evaluatedVersion: number;
  updatedAt: string;
}

export interface HistoryEntry {
  at: string;
  /** Null: the scan. */
  actor: { id: string; name: string } | null;
  kind: FindingHistoryTable['kind'];
  from: string | null;
  to: string | null;
  text: string | null;
  snapshotVersion: number | null;
}

export interface WorkflowPage {
  items: WorkflowFinding[];
  total: number;
  nextCursor: string | null;
}

type Eb = ExpressionBuilder<Database, 'finding_workflow'>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function like(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export function filterConditions(eb: Eb, f: WorkflowFilter): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  const inList = (column: keyof FindingWorkflowTable & string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    c.push(values.length > 0 ? eb(column, 'in', [...values]) : sql<SqlBool>`1 = 0`);
  };
  inList('connection_id', f.connectionIds);
  inList('severity', f.severities);
  inList('status', f.statuses);
  inList('product', f.products);
  inList('area', f.areas);
  inList('site', f.sites);
  inList('rule_id', f.ruleIds);
  if (f.appKey !== undefined) {
    c.push(
      eb.and([
        eb('resource_type', '=', 'app'),
        eb.or([
          eb('resource_id', '=', f.appKey),
          sql<SqlBool>`${sql.ref('resource_id')} like ${`%:${escapeLike(f.appKey)}`} escape '\\'`,
        ]),
      ]),
    );
  }
  if (f.firstSeenFrom !== undefined) c.push(eb('first_seen_at', '>=', f.firstSeenFrom));
  if (f.firstSeenTo !== undefined) c.push(eb('first_seen_at', '<=', f.firstSeenTo));
  if (f.q !== undefined && f.q.trim() !== '') {
    const pattern = `%${escapeLike(f.q.trim().toLowerCase())}%`;
    c.push(eb.or(['title', 'message', 'resource_name', 'resource_id'].map((col) => like(col, pattern))));
  }
  if (f.assigneeId !== undefined) {
    c.push(f.assigneeId === 'none' ? eb('assignee_id', 'is', null) : eb('assignee_id', '=', f.assigneeId));
  }
  return c;
}

function encodeCursor(row: FindingWorkflowTable): string {
  return Buffer.from(JSON.stringify([row.severity_rank, row.first_seen_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    ) {
      return [value[0], value[1], value[2]];
    }
  } catch {
    // answered below
  }
  throw new FindingsStoreError(
    'invalid_input',
    'cursor is not one this list answered: pass nextCursor as given',
  );
}

export async function listWorkflowFindings(
  db: Kysely<Database>,
  filter: WorkflowFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<WorkflowPage> {
  const conditions = (eb: Eb) => eb.and(filterConditions(eb, filter));
  // A bad cursor is refused before any query starts (none is left running unobserved).
  const after = page.cursor !== undefined ? decodeCursor(page.cursor) : undefined;
  // The total and the page are independent reads: side by side they cost one round trip, not two.
  const counting = db
    .selectFrom('finding_workflow')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(conditions)
    .executeTakeFirstOrThrow();
  let query = db.selectFrom('finding_workflow').selectAll().where(conditions);
  if (after !== undefined) {
    const [rank, firstSeen, id] = after;
    query = query.where((eb) =>
      eb.or([
        eb('severity_rank', '>', rank),
        eb.and([eb('severity_rank', '=', rank), eb('first_seen_at', '>', firstSeen)]),
        eb.and([eb('severity_rank', '=', rank), eb('first_seen_at', '=', firstSeen), eb('id', '>', id)]),
      ]),
    );
  }
  const [counted, rows] = await Promise.all([
    counting,
    query
      .orderBy('severity_rank')
      .orderBy('first_seen_at')
      .orderBy('id')
      .limit(page.limit + 1)
      .execute(),
  ]);
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toWorkflowFinding),
    total: Number(counted.n),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

/** The ids of every finding the filter matches (bulk changes). */
export async function matchingFindingIds(db: Kysely<Database>, filter: WorkflowFilter): Promise<string[]> {
  const rows = await db
    .selectFrom('finding_workflow')
    .select('id')
    .where((eb) => eb.and(filterConditions(eb, filter)))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function getWorkflowFinding(db: Kysely<Database>, id: string): Promise<WorkflowFinding> {
  const row = await db.selectFrom('finding_workflow').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new FindingsStoreError('finding_not_found', `no finding ${id}`);
  return toWorkflowFinding(row);
}

/** Oldest first, in the order written. */
export async function listFindingHistory(db: Kysely<Database>, id: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('finding_history')
    .selectAll()
    .where('finding_id', '=', id)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor_id !== null ? { id: r.actor_id, name: r.actor_name ?? r.actor_id } : null,
    kind: r.kind,
    from: r.from_value,
    to: r.to_value,
    text: r.text,
    snapshotVersion: r.snapshot_version,
  }));
}

export function toWorkflowFinding(row: FindingWorkflowTable): WorkflowFinding {
  return {
    id: row.id,
    connectionId: row.connection_id,
    key: row.key,
    ruleId: row.rule_id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    dismissalReason: row.dismissal_reason,
    assigneeId: row.assignee_id,
    exceptionId: row.exception_id,
    area: row.area,
    product: row.product,
    site: row.site,
    resource: {
      type: row.resource_type,
      id: row.resource_id,
      name: row.resource_name,
      key: row.key.slice(row.key.indexOf('|') + 1),
    },
    message: row.message,
    scanState: row.scan_state as FindingState,
    firstSeen: { version: row.first_seen_version, at: row.first_seen_at },
    lastSeen: row.last_seen_at,
    evaluatedVersion: row.evaluated_version,
    updatedAt: row.updated_at,
  };
}
