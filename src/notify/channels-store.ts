import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../connections/credentials/secret-box.ts';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { NotificationChannelsTable } from '../db/schema-notify.ts';
import { checkChannelUrl } from './allow-hosts.ts';
import { EVENT_TYPES, type EventType, type Severity } from './events.ts';
import { NotifyError } from './notify-error.ts';
import { newWebhookSecret } from './webhook-signature.ts';

// Channels: an e-mail list, a Slack incoming webhook, a signed webhook. A URL is a secret (anyone
// holding a Slack webhook URL can post to the channel): sealed before it is stored, shown as its
// host and last 4 characters. A webhook's signing secret is shown once, when the channel is created.

export type ChannelKind = NotificationChannelsTable['kind'];

export interface ChannelSettings {
  events: EventType[];
  minSeverity: Severity;
  digest: boolean;
  enabled: boolean;
}

export interface ChannelInput extends Partial<ChannelSettings> {
  kind: ChannelKind;
  name: string;
  recipients?: string[] | undefined;
  url?: string | undefined;
  /** A webhook's signing secret; generated when not given. */
  secret?: string | undefined;
}

export interface ChannelPatch extends Partial<ChannelSettings> {
  name?: string | undefined;
  recipients?: string[] | undefined;
  url?: string | undefined;
}

export interface Channel extends ChannelSettings {
  id: string;
  kind: ChannelKind;
  name: string;
  recipients: string[] | null;
  url: { host: string; last4: string } | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  status: {
    lastDeliveredAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    pending: number;
  };
}

export interface ChannelStoreDeps {
  db: Kysely<Database>;
  now: () => Date;
  secretBox: SecretBox;
  allowHosts: readonly string[];
}

export const DEFAULT_SETTINGS: ChannelSettings = {
  events: [...EVENT_TYPES],
  minSeverity: 'high',
  digest: true,
  enabled: true,
};

export async function createChannel(
  deps: ChannelStoreDeps,
  input: ChannelInput,
  by: string | null,
): Promise<{ channel: Channel; secret: string | null }> {
  const at = deps.now().toISOString();
  const target = targetOf(deps, input.kind, input);
  const secret = input.kind === 'webhook' ? (input.secret ?? newWebhookSecret()) : null;
  const row: NotificationChannelsTable = {
    id: randomUUID(),
    kind: input.kind,
    name: input.name,
    ...target,
    secret_sealed: secret ? deps.secretBox.seal(secret) : null,
    events: toJsonColumn(input.events ?? DEFAULT_SETTINGS.events),
    min_severity: input.minSeverity ?? DEFAULT_SETTINGS.minSeverity,
    digest: (input.digest ?? DEFAULT_SETTINGS.digest) ? 1 : 0,
    enabled: (input.enabled ?? DEFAULT_SETTINGS.enabled) ? 1 : 0,
    created_at: at,
    created_by: by,
    updated_at: at,
    last_delivered_at: null,
    last_error: null,
    last_error_at: null,
  };
  await deps.db.insertInto('notification_channels').values(row).execute();
  return { channel: await getChannel(deps.db, row.id), secret };
}

function targetOf(
  deps: ChannelStoreDeps,
  kind: ChannelKind,
  input: { recipients?: string[] | undefined; url?: string | undefined },
): Pick<NotificationChannelsTable, 'recipients' | 'url_sealed' | 'url_host' | 'url_last4'> {
  if (kind === 'email') {
    if (!input.recipients || input.recipients.length === 0) {
      throw new NotifyError('invalid_channel', 'an e-mail channel needs recipients (at least one address)');
    }
    if (input.url !== undefined) throw new NotifyError('invalid_channel', 'an e-mail channel has no url');
    const recipients = [...new Set(input.recipients.map((r) => r.trim().toLowerCase()))];
    return { recipients: toJsonColumn(recipients), url_sealed: null, url_host: null, url_last4: null };
  }
  if (!input.url) throw new NotifyError('invalid_channel', `a ${kind} channel needs its url`);
  if (input.recipients !== undefined) {
    throw new NotifyError('invalid_channel', `a ${kind} channel has no recipients (only a url)`);
  }
  const url = checkChannelUrl(kind, input.url, deps.allowHosts);
  return {
    recipients: null,
    url_sealed: deps.secretBox.seal(url.href),
    url_host: url.host,
    url_last4: url.href.slice(-4),
  };
}

export async function updateChannel(
  deps: ChannelStoreDeps,
  id: string,
  patch: ChannelPatch,
): Promise<{ before: Channel; after: Channel }> {
  const before = await getChannel(deps.db, id);
  const target =
    patch.recipients !== undefined || patch.url !== undefined ? targetOf(deps, before.kind, patch) : {};
  await deps.db
    .updateTable('notification_channels')
    .set({
      ...target,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.events !== undefined ? { events: toJsonColumn(patch.events) } : {}),
      ...(patch.minSeverity !== undefined ? { min_severity: patch.minSeverity } : {}),
      ...(patch.digest !== undefined ? { digest: patch.digest ? 1 : 0 } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
      updated_at: deps.now().toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return { before, after: await getChannel(deps.db, id) };
}

/** Deletes the channel with its undelivered messages and digests. */
export async function deleteChannel(db: Kysely<Database>, id: string): Promise<Channel> {
  const channel = await getChannel(db, id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('notification_outbox').where('channel_id', '=', id).execute();
    await tx.deleteFrom('notification_digest_items').where('subscriber', '=', `channel:${id}`).execute();
    await tx.deleteFrom('notification_digests').where('subscriber', '=', `channel:${id}`).execute();
    await tx.deleteFrom('notification_channels').where('id', '=', id).execute();
  });
  return channel;
}

export async function listChannels(db: Kysely<Database>): Promise<Channel[]> {
  const rows = await db
    .selectFrom('notification_channels')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const pending = await pendingCounts(db);
  return rows.map((r) => toChannel(r, pending.get(r.id) ?? 0));
}

export async function getChannel(db: Kysely<Database>, id: string): Promise<Channel> {
  const row = await channelRow(db, id);
  return toChannel(row, (await pendingCounts(db, id)).get(id) ?? 0);
}

export async function channelRow(db: Kysely<Database>, id: string): Promise<NotificationChannelsTable> {
  const row = await db
    .selectFrom('notification_channels')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotifyError('channel_not_found', `no notification channel ${id}`);
  return row;
}

async function pendingCounts(db: Kysely<Database>, id?: string): Promise<Map<string, number>> {
  let q = db
    .selectFrom('notification_outbox')
    .select(['channel_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'in', ['pending', 'sending'])
    .where('channel_id', 'is not', null)
    .groupBy('channel_id');
  if (id !== undefined) q = q.where('channel_id', '=', id);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.channel_id ?? '', Number(r.n)]));
}

export function toChannel(r: NotificationChannelsTable, pending: number): Channel {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    recipients: r.recipients ? fromJsonColumn<string[]>(r.recipients) : null,
    url: r.url_host !== null ? { host: r.url_host, last4: r.url_last4 ?? '' } : null,
    events: fromJsonColumn<EventType[]>(r.events),
    minSeverity: r.min_severity as Severity,
    digest: Number(r.digest) === 1,
    enabled: Number(r.enabled) === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    status: {
      lastDeliveredAt: r.last_delivered_at,
      lastError: r.last_error,
      lastErrorAt: r.last_error_at,
      pending,
    },
  };
}

/** A delivery's outcome on its channel: visible in the list (lastError, lastDeliveredAt). */
export async function noteDelivery(
  db: Kysely<Database>,
  id: string,
  outcome: { at: string; error: string | null },
): Promise<void> {
  await db
    .updateTable('notification_channels')
    .set(
      outcome.error === null
        ? { last_delivered_at: outcome.at, last_error: null, last_error_at: null }
        : { last_error: outcome.error, last_error_at: outcome.at },
    )
    .where('id', '=', id)
    .execute();
}
