import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import { type EventType, filterForThreshold, type NotifyEvent, type Severity } from './events.ts';
import { outboxRow } from './outbox.ts';
import { preferencesOf } from './preferences-store.ts';

// Who gets what: every enabled channel and every person whose preferences ask for it, each with
// their event types and severity threshold. A subscriber without digest gets one message per
// event at once; with digest, the events wait in `notification_digest_items` and leave as one
// message per connection at most once an hour (digests.ts), so a first scan is one e-mail.

export interface Subscriber {
  /** `channel:<id>` or `user:<id>`. */
  key: string;
  target: { channelId: string } | { userId: string };
  events: readonly EventType[];
  minSeverity: Severity;
  digest: boolean;
}

/** People are written to only when e-mail is configured (they have no other channel). */
export async function subscribers(db: Kysely<Database>, options: { email: boolean }): Promise<Subscriber[]> {
  const list: Subscriber[] = [];
  const channels = await db
    .selectFrom('notification_channels')
    .select(['id', 'events', 'min_severity', 'digest'])
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
  for (const c of channels) {
    list.push({
      key: `channel:${c.id}`,
      target: { channelId: c.id },
      events: fromJsonColumn<EventType[]>(c.events),
      minSeverity: c.min_severity as Severity,
      digest: Number(c.digest) === 1,
    });
  }
  if (!options.email) return list;
  const people = await db
    .selectFrom('users')
    .leftJoin('notification_preferences as p', 'p.user_id', 'users.id')
    .select([
      'users.id',
      'users.role',
      'p.user_id',
      'p.enabled',
      'p.events',
      'p.min_severity',
      'p.digest',
      'p.updated_at',
    ])
    .where('users.disabled_at', 'is', null)
    .orderBy('users.id')
    .execute();
  for (const u of people) {
    const prefs = preferencesOf(
      u.user_id !== null && u.events !== null
        ? {
            user_id: u.user_id,
            enabled: Number(u.enabled),
            events: u.events,
            min_severity: u.min_severity ?? 'high',
            digest: Number(u.digest),
            updated_at: u.updated_at ?? '',
          }
        : undefined,
      u.role,
    );
    if (!prefs.enabled) continue;
    list.push({
      key: `user:${u.id}`,
      target: { userId: u.id },
      events: prefs.events,
      minSeverity: prefs.minSeverity,
      digest: prefs.digest,
    });
  }
  return list;
}

/** What one subscriber receives of these events (its types, its threshold). */
export function eventsFor(subscriber: Subscriber, events: readonly NotifyEvent[]): NotifyEvent[] {
  return events
    .filter((e) => (subscriber.events as readonly string[]).includes(e.type))
    .map((e) => filterForThreshold(e, subscriber.minSeverity))
    .filter((e): e is NotifyEvent => e !== undefined);
}

/** Queues the events of one connection for every subscriber; answers how many subscribers get something. */
export async function dispatch(
  db: Kysely<Database>,
  now: Date,
  events: readonly NotifyEvent[],
  options: { email: boolean },
): Promise<number> {
  const first = events[0];
  if (!first) return 0;
  const connectionId = first.connectionId;
  let reached = 0;
  for (const subscriber of await subscribers(db, options)) {
    const mine = eventsFor(subscriber, events);
    if (mine.length === 0) continue;
    reached += 1;
    const target = subscriber.target;
    await db.transaction().execute(async (tx) => {
      if (!subscriber.digest) {
        await tx
          .insertInto('notification_outbox')
          // A millisecond apart: delivered in the order the scan told them.
          .values(
            mine.map((e, i) =>
              outboxRow(target, connectionId, { kind: 'events', events: [e] }, new Date(now.getTime() + i)),
            ),
          )
          .execute();
        return;
      }
      await tx
        .insertInto('notification_digests')
        .values({ subscriber: subscriber.key, connection_id: connectionId, last_sent_at: null })
        .onConflict((oc) => oc.columns(['subscriber', 'connection_id']).doNothing())
        .execute();
      await tx
        .insertInto('notification_digest_items')
        .values(
          mine.map((e, i) => ({
            id: randomUUID(),
            subscriber: subscriber.key,
            connection_id: connectionId,
            event: toJsonColumn(e),
            // Keeps the events' order within one scan.
            created_at: new Date(now.getTime() + i).toISOString(),
          })),
        )
        .execute();
    });
  }
  return reached;
}
