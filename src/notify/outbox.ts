import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dialectOf } from '../db/dialect-of.ts';
import { toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { NotificationOutboxTable } from '../db/schema-notify.ts';
import type { NotifyEvent } from './events.ts';

// Every message waits in the outbox until it is delivered: nothing is lost while the SMTP server
// or a webhook is down. A runner claims due rows (on PostgreSQL with FOR UPDATE SKIP LOCKED, so
// several processes never take the same row), and a failure is retried with exponential backoff
// (30 s doubling up to an hour) for three days before the message is marked failed.

export type OutboxPayload =
  | { kind: 'events'; events: NotifyEvent[] }
  | { kind: 'mail'; subject: string; text: string; replyTo?: string | undefined };

export interface OutboxTarget {
  channelId?: string | undefined;
  userId?: string | undefined;
  /** An e-mail address (an owner's). */
  recipient?: string | undefined;
}

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 3_600_000;
export const GIVE_UP_MS = 3 * 86_400_000;
/** A claimed row not finished in this time (its process died) is due again. */
export const CLAIM_MS = 5 * 60_000;
/** Delivered and failed messages are kept this long (to look into), then deleted. */
export const KEEP_MS = 30 * 86_400_000;

export function outboxRow(
  target: OutboxTarget,
  connectionId: string | null,
  payload: OutboxPayload,
  now: Date,
): NotificationOutboxTable {
  const at = now.toISOString();
  return {
    id: randomUUID(),
    channel_id: target.channelId ?? null,
    user_id: target.userId ?? null,
    recipient: target.recipient ?? null,
    connection_id: connectionId,
    payload: toJsonColumn(payload),
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    created_at: at,
    delivered_at: null,
  };
}

/** Takes up to `limit` due rows for this holder. */
export async function claimDue(
  db: Kysely<Database>,
  input: { holder: string; now: Date; limit: number },
): Promise<NotificationOutboxTable[]> {
  const at = input.now.toISOString();
  const until = new Date(input.now.getTime() + CLAIM_MS).toISOString();
  return db.transaction().execute(async (tx) => {
    let q = tx
      .selectFrom('notification_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
          eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', at)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(input.limit);
    // SQLite has one writer at a time (the transaction is the lock); PostgreSQL skips rows another
    // process holds instead of waiting for them.
    if (dialectOf(tx) === 'postgres') q = q.forUpdate().skipLocked();
    const ids = (await q.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    await tx
      .updateTable('notification_outbox')
      .set({ status: 'sending', claimed_by: input.holder, claimed_until: until })
      .where('id', 'in', ids)
      .execute();
    return tx
      .selectFrom('notification_outbox')
      .selectAll()
      .where('id', 'in', ids)
      .orderBy('next_attempt_at')
      .execute();
  });
}

export async function markDelivered(
  db: Kysely<Database>,
  id: string,
  holder: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set((eb) => ({
      status: 'delivered',
      delivered_at: now.toISOString(),
      attempts: eb('attempts', '+', 1),
      last_error: null,
      claimed_by: null,
      claimed_until: null,
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', holder)
    .execute();
}

/** A failed attempt: retried later with backoff, or failed for good after three days. */
export async function markAttemptFailed(
  db: Kysely<Database>,
  row: NotificationOutboxTable,
  holder: string,
  now: Date,
  error: string,
): Promise<'retry' | 'failed'> {
  const attempts = Number(row.attempts) + 1;
  const giveUp = now.getTime() - Date.parse(row.created_at) >= GIVE_UP_MS;
  const delay = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
  await db
    .updateTable('notification_outbox')
    .set({
      status: giveUp ? 'failed' : 'pending',
      attempts,
      last_error: error,
      next_attempt_at: new Date(now.getTime() + delay).toISOString(),
      claimed_by: null,
      claimed_until: null,
    })
    .where('id', '=', row.id)
    .where('claimed_by', '=', holder)
    .execute();
  return giveUp ? 'failed' : 'retry';
}

/** Deletes delivered and failed messages older than 30 days; answers how many. */
export async function pruneOutbox(db: Kysely<Database>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - KEEP_MS).toISOString();
  const result = await db
    .deleteFrom('notification_outbox')
    .where('status', 'in', ['delivered', 'failed'])
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
