import type { Kysely } from 'kysely';
import { fromJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { NotifyEvent } from './events.ts';
import { outboxRow } from './outbox.ts';

// The digest: at most one message per subscriber and connection an hour. The first events after a
// quiet hour leave at once (the next run of the delivery runner); later ones wait for the hour to
// pass and leave together. Safe with several runners: the conditional update of the digest's
// `last_sent_at` lets exactly one of them send it.

export const DIGEST_INTERVAL_MS = 3_600_000;

/** Turns every due digest into one outbox message; answers how many it queued. */
export async function flushDigests(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - DIGEST_INTERVAL_MS).toISOString();
  const groups = await db
    .selectFrom('notification_digests as d')
    .select(['d.subscriber', 'd.connection_id'])
    .where((eb) => eb.or([eb('d.last_sent_at', 'is', null), eb('d.last_sent_at', '<=', cutoff)]))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('notification_digest_items as i')
          .select('i.id')
          .whereRef('i.subscriber', '=', 'd.subscriber')
          .whereRef('i.connection_id', '=', 'd.connection_id'),
      ),
    )
    .execute();
  let queued = 0;
  for (const group of groups) {
    const sent = await db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable('notification_digests')
        .set({ last_sent_at: at })
        .where('subscriber', '=', group.subscriber)
        .where('connection_id', '=', group.connection_id)
        .where((eb) => eb.or([eb('last_sent_at', 'is', null), eb('last_sent_at', '<=', cutoff)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return false;
      const items = await tx
        .selectFrom('notification_digest_items')
        .select(['id', 'event'])
        .where('subscriber', '=', group.subscriber)
        .where('connection_id', '=', group.connection_id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      if (items.length === 0) return false;
      const events = items.map((i) => fromJsonColumn<NotifyEvent>(i.event));
      const [kind, id] = splitKey(group.subscriber);
      await tx
        .insertInto('notification_outbox')
        .values(
          outboxRow(
            kind === 'channel' ? { channelId: id } : { userId: id },
            group.connection_id,
            { kind: 'events', events },
            now,
          ),
        )
        .execute();
      await tx
        .deleteFrom('notification_digest_items')
        .where(
          'id',
          'in',
          items.map((i) => i.id),
        )
        .execute();
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}

function splitKey(key: string): ['channel' | 'user', string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) === 'channel' ? 'channel' : 'user', key.slice(at + 1)];
}
