import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { AuditLogTable } from '../db/schema-app-governance.ts';
import { PalisadeError } from '../errors.ts';

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

export interface AuditPageQuery {
  actor?: string | undefined;
  action?: string | undefined;
  subject?: string | undefined;
  connectionId?: string | undefined;
  /** ISO times, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Where the previous page ended (its `nextCursor`). */
  cursor?: string | undefined;
  /** Default 50, at most 1000. */
  limit?: number | undefined;
}

export interface AuditPage {
  items: AuditEntry[];
  /** How many entries match the filters (all pages). */
  total: number;
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Thrown for a cursor that is not one this function returned. */
export class InvalidAuditCursor extends PalisadeError {
  override readonly name = 'InvalidAuditCursor';
  readonly code = 'invalid_input' as const;
}

/** One page of the entries matching every filter, newest first, with a cursor for the next. */
export async function pageAudit(db: Kysely<Database>, query: AuditPageQuery = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  let q = db.selectFrom('audit_log');
  if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.subject !== undefined) q = q.where('subject', '=', query.subject);
  if (query.connectionId !== undefined) q = q.where('connection_id', '=', query.connectionId);
  if (query.from !== undefined) q = q.where('at', '>=', query.from);
  if (query.to !== undefined) q = q.where('at', '<=', query.to);
  const counted = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  let paged = q.selectAll();
  if (query.cursor !== undefined) {
    const { at, id } = decodeCursor(query.cursor);
    paged = paged.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await paged
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toEntry);
  const last = items.at(-1);
  return {
    items,
    total: Number(counted?.n ?? 0),
    nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
  };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidAuditCursor('cursor is not one this list returned: start again without it');
}
