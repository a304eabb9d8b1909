// Tables of notifications (migration 0012, src/notify/): channels, people's preferences, the
// outbox every message goes through, the digests being gathered, and the keys of one-off events
// already sent. Merged into `Database` in schema.ts. Secrets (webhook URLs, signing secrets) only sealed.
import type { IsoTime, JsonText } from './schema.ts';

export type ChannelKindColumn = 'email' | 'slack' | 'webhook';

export interface NotificationChannelsTable {
  id: string;
  kind: ChannelKindColumn;
  name: string;
  /** E-mail channels: JSON list of addresses; null for the others. */
  recipients: JsonText | null;
  /** Slack and webhook channels: the URL, sealed (it is a secret); null for e-mail. */
  url_sealed: string | null;
  /** The URL's host (allow-list) and last 4 characters (what may be shown). */
  url_host: string | null;
  url_last4: string | null;
  /** Webhook channels: the HMAC-SHA256 signing secret, sealed. */
  secret_sealed: string | null;
  /** JSON list of the event types it receives. */
  events: JsonText;
  min_severity: string;
  /** 1: at most one message per connection per hour. */
  digest: number;
  enabled: number;
  created_at: IsoTime;
  created_by: string | null;
  updated_at: IsoTime;
  last_delivered_at: IsoTime | null;
  last_error: string | null;
  last_error_at: IsoTime | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  enabled: number;
  events: JsonText;
  min_severity: string;
  digest: number;
  updated_at: IsoTime;
}

export type OutboxStatusColumn = 'pending' | 'sending' | 'delivered' | 'failed';

export interface NotificationOutboxTable {
  id: string;
  /** Set for a channel's message; null for a person's or an owner's e-mail (then `recipient`). */
  channel_id: string | null;
  recipient: string | null;
  /** The person the message is for (preferences), when it is for one. */
  user_id: string | null;
  connection_id: string | null;
  /** JSON: the events (rendered per channel at delivery) or a composed e-mail. */
  payload: JsonText;
  status: OutboxStatusColumn;
  attempts: number;
  next_attempt_at: IsoTime;
  /** Who is sending it, until when (a process that died mid-send leaves it to the next). */
  claimed_by: string | null;
  claimed_until: IsoTime | null;
  last_error: string | null;
  created_at: IsoTime;
  delivered_at: IsoTime | null;
}

export interface NotificationDigestItemsTable {
  id: string;
  /** `channel:<id>` or `user:<id>`. */
  subscriber: string;
  connection_id: string;
  /** JSON of one event. */
  event: JsonText;
  created_at: IsoTime;
}

export interface NotificationDigestsTable {
  subscriber: string;
  connection_id: string;
  /** When the last digest for this subscriber and connection was sent; null: never. */
  last_sent_at: IsoTime | null;
}

export interface NotificationSentKeysTable {
  /** e.g. `credential.expiring:<connection>:<token id>:<expiry>`: one-off events sent once. */
  key: string;
  sent_at: IsoTime;
}

export interface NotifyTables {
  notification_channels: NotificationChannelsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_outbox: NotificationOutboxTable;
  notification_digest_items: NotificationDigestItemsTable;
  notification_digests: NotificationDigestsTable;
  notification_sent_keys: NotificationSentKeysTable;
}
