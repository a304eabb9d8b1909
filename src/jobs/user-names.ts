import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// Who requested or cancelled a scan, as people read it: the user's name; a scan of the schedule
// has nobody, and a person removed since is named by their id.

export const SCHEDULE_ACTOR = 'the schedule';

export async function userName(db: Kysely<Database>, userId: string | null): Promise<string> {
  if (userId === null) return SCHEDULE_ACTOR;
  return (await userNames(db, [userId])).get(userId) ?? userId;
}

export async function userNames(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
