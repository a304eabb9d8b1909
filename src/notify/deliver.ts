import type { Kysely } from 'kysely';
import type { SecretBox } from '../connections/credentials/secret-box.ts';
import { fromJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { NotificationChannelsTable, NotificationOutboxTable } from '../db/schema-notify.ts';
import { hostAllowed, SLACK_HOST } from './allow-hosts.ts';
import type { NotifyEvent } from './events.ts';
import type { Links } from './links.ts';
import type { NotifySettings } from './notify-settings.ts';
import type { OutboxPayload } from './outbox.ts';
import { renderMail, renderSlack, webhookBody } from './render.ts';
import type { Transports } from './transports.ts';
import { signWebhook } from './webhook-signature.ts';

// One message to one target, rendered the target's way. Throws with a one-line reason (the
// outbox retries it); the reason never holds a URL or a secret.

export interface DeliverDeps {
  db: Kysely<Database>;
  now: () => Date;
  secretBox: SecretBox;
  settings: NotifySettings;
  links: () => Links;
  transports: Transports;
}

/** Delivers an outbox row to its channel, person or owner. */
export async function deliverRow(deps: DeliverDeps, row: NotificationOutboxTable): Promise<void> {
  const payload = fromJsonColumn<OutboxPayload>(row.payload);
  if (row.channel_id !== null) {
    const channel = await deps.db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', row.channel_id)
      .executeTakeFirst();
    if (!channel) throw new Error('the channel was deleted');
    if (payload.kind !== 'events') throw new Error('a channel receives events only');
    await deliverToChannel(deps, channel, row.id, payload.events);
    return;
  }
  const to = row.recipient ?? (row.user_id ? await emailOf(deps.db, row.user_id) : undefined);
  if (!to) throw new Error('the person no longer exists or is disabled');
  const send = mailer(deps);
  if (payload.kind === 'mail') {
    await send({ to: [to], subject: payload.subject, text: payload.text, replyTo: payload.replyTo });
  } else {
    await send({ to: [to], ...renderMail(payload.events, deps.links().settings()) });
  }
}

export async function deliverToChannel(
  deps: DeliverDeps,
  channel: NotificationChannelsTable,
  deliveryId: string,
  events: readonly NotifyEvent[],
): Promise<void> {
  if (channel.kind === 'email') {
    const to = fromJsonColumn<string[]>(channel.recipients ?? '[]');
    await mailer(deps)({ to, ...renderMail(events, deps.links().settings()) });
    return;
  }
  if (!channel.url_sealed) throw new Error(`the ${channel.kind} channel has no URL`);
  const url = new URL(deps.secretBox.open(channel.url_sealed));
  const builtIn = channel.kind === 'slack' && url.protocol === 'https:' ? [SLACK_HOST] : [];
  if (!hostAllowed(url, deps.settings.allowHosts, builtIn)) {
    throw new Error(`${url.host} is no longer an allowed notification host (PALISADE_NOTIFY_ALLOW_HOSTS)`);
  }
  if (channel.kind === 'slack') {
    await deps.transports.post(url, JSON.stringify(renderSlack(events)), {});
    return;
  }
  if (!channel.secret_sealed) throw new Error('the webhook channel has no signing secret');
  const body = JSON.stringify(webhookBody(deliveryId, events));
  const timestamp = Math.floor(deps.now().getTime() / 1000);
  await deps.transports.post(url, body, {
    'x-palisade-timestamp': String(timestamp),
    'x-palisade-signature': signWebhook(deps.secretBox.open(channel.secret_sealed), timestamp, body),
    'x-palisade-delivery': deliveryId,
  });
}

function mailer(deps: DeliverDeps) {
  const send = deps.transports.mail;
  if (!send) throw new Error('e-mail is not configured: set PALISADE_SMTP_URL and PALISADE_MAIL_FROM');
  return send;
}

async function emailOf(db: Kysely<Database>, userId: string): Promise<string | undefined> {
  const user = await db
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return user?.email;
}
