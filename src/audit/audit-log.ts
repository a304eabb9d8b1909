import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { AuditLogTable } from '../db/schema-app-governance.ts';

// The one audit log: every change a person or an API token makes (through the server, the CLI or
// app governance: people, tokens, connections, classification, score override, policy,
// disable/uninstall/ban) and every automatic step taken on their behalf (re-review, the
// re-uninstall of a banned app): who, what, when and from where. Append-only.

export interface AuditEntryInput {
  connectionId?: string | null;
  /** A user id or e-mail; `system:<component>` for automatic steps. */
  actor: string;
  /** Dotted verb, e.g. `app.classify`, `app.score-override`, `app.uninstall`. */
  action: string;
  /** What it was done to, e.g. `app:<appKey>`, `policy:<id>`. */
  subject: string;
  /** Before/after values, justification, result: any JSON object. */
  details?: Record<string, unknown>;
  /** Where a person's change came from; absent for automatic steps and the CLI. */
  source?: AuditSource | undefined;
  /** Defaults to the current time; pass the caller's clock in tests. */
  at?: Date;
}

/** Where a change came from: the client's address and user agent, and the session or token used. */
export interface AuditSource {
  address?: string | undefined;
  userAgent?: string | undefined;
  /** `session`, `token:<id>` or `cli`. */
  via?: string | undefined;
}

export interface AuditEntry {
  id: string;
  connectionId: string | null;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  source: AuditSource | null;
}

/** Appends one entry and returns it as stored. Runs inside the caller's transaction when given one. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntryInput): Promise<AuditEntry> {
  const row: AuditLogTable = {
    id: randomUUID(),
    connection_id: entry.connectionId ?? null,
    at: (entry.at ?? new Date()).toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    details: toJsonColumn(entry.details ?? {}),
    source: entry.source ? toJsonColumn(entry.source) : null,
  };
  await db.insertInto('audit_log').values(row).execute();
  return toEntry(row);
}

export interface AuditQuery {
  connectionId?: string;
  subject?: string;
  action?: string;
  /** Newest first; default 100. */
  limit?: number;
}

/** Entries matching every given filter, newest first. */
export async function listAudit(db: Kysely<Database>, query: AuditQuery = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.connectionId !== undefined) q = q.where('connection_id', '=', query.connectionId);
  if (query.subject !== undefined) q = q.where('subject', '=', query.subject);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(toEntry);
}

/** The subject string for an app, so both halves of app-risk name apps the same way. */
export function appSubject(appKey: string): string {
  return `app:${appKey}`;
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    id: row.id,
    connectionId: row.connection_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: fromJsonColumn<Record<string, unknown>>(row.details),
    source: row.source === null ? null : fromJsonColumn<AuditSource>(row.source),
  };
}
