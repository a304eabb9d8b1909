import { z } from 'zod';
import { EVENT_TYPES, SEVERITIES } from '../../notify/events.ts';

// The shapes of the notification routes (channels, preferences), shared by their modules.

export const EventType = z.enum(EVENT_TYPES);
export const Severity = z.enum(SEVERITIES);
const Email = z.email().max(254);

export const ChannelView = z.object({
  id: z.string(),
  kind: z.enum(['email', 'slack', 'webhook']),
  name: z.string(),
  /** E-mail channels' addresses; null for Slack and webhooks. */
  recipients: z.array(z.string()).nullable(),
  /** Slack and webhooks: the URL's host and its last 4 characters (the URL is a secret). */
  url: z.object({ host: z.string(), last4: z.string() }).nullable(),
  events: z.array(EventType),
  minSeverity: Severity,
  digest: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  status: z.object({
    lastDeliveredAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    /** Messages queued or being retried. */
    pending: z.number().int(),
  }),
});

const Settings = {
  events: z.array(EventType).max(EVENT_TYPES.length).optional(),
  minSeverity: Severity.optional(),
  digest: z.boolean().optional(),
  enabled: z.boolean().optional(),
};

export const CreateChannelBody = z.strictObject({
  kind: z.enum(['email', 'slack', 'webhook']),
  name: z.string().trim().min(1).max(100),
  recipients: z.array(Email).min(1).max(50).optional(),
  url: z.string().min(1).max(2000).optional(),
  /** A webhook's signing secret (at least 16 characters); generated when not given. */
  secret: z.string().min(16).max(200).optional(),
  ...Settings,
});

export const PatchChannelBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  recipients: z.array(Email).min(1).max(50).optional(),
  url: z.string().min(1).max(2000).optional(),
  ...Settings,
});

export const PreferencesView = z.object({
  enabled: z.boolean(),
  events: z.array(EventType),
  minSeverity: Severity,
  digest: z.boolean(),
  /** false: the defaults of your role (nothing saved yet). */
  saved: z.boolean(),
  /** Where your e-mails go. */
  email: z.string(),
  /** Whether the server can send e-mail at all (PALISADE_SMTP_URL). */
  emailConfigured: z.boolean(),
});

export const PreferencesBody = z.strictObject({
  enabled: z.boolean().optional(),
  events: z.array(EventType).max(EVENT_TYPES.length).optional(),
  minSeverity: Severity.optional(),
  digest: z.boolean().optional(),
});
