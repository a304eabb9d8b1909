import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppBansTable } from '../../db/schema-actions.ts';

// The deny-list: per connection, the apps that must not be installed. Lifting a ban deletes the
// entry; the audit log and the action log keep the history.

export interface BanRecord {
  connectionId: string;
  appKey: string;
  reason: string;
  actor: { id: string; name: string };
  bannedAt: string;
}

/** Adds the ban, or replaces the reason, actor and time of an existing one. */
export async function putBan(db: Kysely<Database>, ban: BanRecord): Promise<void> {
  const row: AppBansTable = {
    connection_id: ban.connectionId,
    app_key: ban.appKey,
    reason: ban.reason,
    actor_id: ban.actor.id,
    actor_name: ban.actor.name,
    banned_at: ban.bannedAt,
  };
  await db
    .insertInto('app_bans')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['connection_id', 'app_key']).doUpdateSet({
        reason: row.reason,
        actor_id: row.actor_id,
        actor_name: row.actor_name,
        banned_at: row.banned_at,
      }),
    )
    .execute();
}

/** Whether there was a ban to lift. */
export async function removeBan(
  db: Kysely<Database>,
  connectionId: string,
  appKey: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('app_bans')
    .where('connection_id', '=', connectionId)
    .where('app_key', '=', appKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function getBan(
  db: Kysely<Database>,
  connectionId: string,
  appKey: string,
): Promise<BanRecord | undefined> {
  const row = await db
    .selectFrom('app_bans')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('app_key', '=', appKey)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listBans(db: Kysely<Database>, connectionId: string): Promise<BanRecord[]> {
  const rows = await db
    .selectFrom('app_bans')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('app_key')
    .execute();
  return rows.map(toRecord);
}

function toRecord(r: AppBansTable): BanRecord {
  return {
    connectionId: r.connection_id,
    appKey: r.app_key,
    reason: r.reason,
    actor: { id: r.actor_id, name: r.actor_name },
    bannedAt: r.banned_at,
  };
}
