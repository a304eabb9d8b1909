import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { NotificationPreferencesTable } from '../db/schema-notify.ts';
import type { Role } from '../db/schema-server.ts';
import { EVENT_TYPES, type EventType, type Severity } from './events.ts';

// What each person receives by e-mail. Until someone saves their own, owners and admins get every
// event at high severity and above as an hourly digest (the people who can act on them), and
// analysts and viewers get nothing; one row per person once they choose.

export interface Preferences {
  enabled: boolean;
  events: EventType[];
  minSeverity: Severity;
  digest: boolean;
  /** false: the defaults of the person's role (nothing saved yet). */
  saved: boolean;
}

export function defaultPreferences(role: Role): Preferences {
  return {
    enabled: role === 'owner' || role === 'admin',
    events: [...EVENT_TYPES],
    minSeverity: 'high',
    digest: true,
    saved: false,
  };
}

export function preferencesOf(row: NotificationPreferencesTable | undefined, role: Role): Preferences {
  if (!row) return defaultPreferences(role);
  return {
    enabled: Number(row.enabled) === 1,
    events: fromJsonColumn<EventType[]>(row.events),
    minSeverity: row.min_severity as Severity,
    digest: Number(row.digest) === 1,
    saved: true,
  };
}

export async function getPreferences(
  db: Kysely<Database>,
  user: { id: string; role: Role },
): Promise<Preferences> {
  const row = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return preferencesOf(row, user.role);
}

export async function setPreferences(
  db: Kysely<Database>,
  now: Date,
  user: { id: string; role: Role },
  patch: Partial<Omit<Preferences, 'saved'>>,
): Promise<Preferences> {
  const current = await getPreferences(db, user);
  const next = { ...current, ...patch };
  const row: NotificationPreferencesTable = {
    user_id: user.id,
    enabled: next.enabled ? 1 : 0,
    events: toJsonColumn(next.events),
    min_severity: next.minSeverity,
    digest: next.digest ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        enabled: row.enabled,
        events: row.events,
        min_severity: row.min_severity,
        digest: row.digest,
        updated_at: row.updated_at,
      }),
    )
    .execute();
  return { ...next, saved: true };
}
