import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SLACK_HOST } from '../../notify/allow-hosts.ts';
import {
  type ChannelStoreDeps,
  channelRow,
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  noteDelivery,
  updateChannel,
} from '../../notify/channels-store.ts';
import { deliverToChannel } from '../../notify/deliver.ts';
import { linksOf } from '../../notify/links.ts';
import { testEvent } from '../../notify/render.ts';
import { createTransports } from '../../notify/transports.ts';
import { noteAudit } from '../audit-hook.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import { ChannelView, CreateChannelBody, PatchChannelBody } from './notification-schemas.ts';

// Notification channels (owners and admins): e-mail lists, Slack incoming webhooks and signed
// webhooks, each with the events it receives, its severity threshold and digest mode; the URL
// shown masked, a webhook's signing secret shown once; "send a test" delivers at once and notes
// the outcome on the channel. docs/notifications.md.

const Params = z.object({ id: z.string().min(1).max(100) });

function storeDeps(deps: ServerDeps): ChannelStoreDeps {
  return {
    db: deps.db,
    now: deps.now,
    secretBox: deps.secretBox,
    allowHosts: deps.settings.notify?.allowHosts ?? [],
  };
}

function userId(request: FastifyRequest): string | null {
  return request.principal?.user.id ?? null;
}

export const notificationChannelsModule: ServerModule = {
  name: 'notification-channels',
  register(app, deps) {
    app.get(
      '/api/v1/notification-channels',
      {
        config: { access: 'notifications:manage' },
        schema: {
          tags: ['notifications'],
          summary: 'Notification channels, each with its last delivery, last error and queued messages',
          response: {
            200: z.object({
              items: z.array(ChannelView),
              /** Whether e-mail can be sent (PALISADE_SMTP_URL and PALISADE_MAIL_FROM set). */
              emailConfigured: z.boolean(),
              /** The hosts Slack and webhook channels may call (Slack's, then PALISADE_NOTIFY_ALLOW_HOSTS). */
              allowedHosts: z.array(z.string()),
            }),
          },
        },
      },
      async () => ({
        items: await listChannels(deps.db),
        emailConfigured: deps.settings.notify?.smtp !== undefined,
        allowedHosts: [SLACK_HOST, ...(deps.settings.notify?.allowHosts ?? [])],
      }),
    );
    app.post(
      '/api/v1/notification-channels',
      {
        config: { access: 'notifications:manage', audit: 'notification-channel.create' },
        schema: {
          tags: ['notifications'],
          summary:
            'Add a channel: e-mail (recipients), Slack (url) or a signed webhook (url; its secret shown once)',
          body: CreateChannelBody,
          response: {
            201: z.object({
              channel: ChannelView,
              /** A webhook's signing secret, shown this once; null for e-mail and Slack. */
              secret: z.string().nullable(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { channel, secret } = await createChannel(storeDeps(deps), request.body, userId(request));
        noteAudit(request, {
          subject: `notification-channel:${channel.id}`,
          details: { kind: channel.kind, name: channel.name, host: channel.url?.host ?? null },
        });
        return reply.code(201).send({ channel, secret });
      },
    );
    app.get(
      '/api/v1/notification-channels/:id',
      {
        config: { access: 'notifications:manage' },
        schema: {
          tags: ['notifications'],
          summary: 'One notification channel',
          params: Params,
          response: { 200: ChannelView },
        },
      },
      async (request) => getChannel(deps.db, request.params.id),
    );
    app.patch(
      '/api/v1/notification-channels/:id',
      {
        config: { access: 'notifications:manage', audit: 'notification-channel.update' },
        schema: {
          tags: ['notifications'],
          summary: 'Change a channel: name, recipients or URL, events, severity threshold, digest, enabled',
          params: Params,
          body: PatchChannelBody,
          response: { 200: ChannelView },
        },
      },
      async (request) => {
        const { after } = await updateChannel(storeDeps(deps), request.params.id, request.body);
        const { url: _url, ...changed } = request.body;
        noteAudit(request, {
          subject: `notification-channel:${after.id}`,
          details: { ...changed, ...(request.body.url !== undefined ? { urlChanged: true } : {}) },
        });
        return after;
      },
    );
    app.delete(
      '/api/v1/notification-channels/:id',
      {
        config: { access: 'notifications:manage', audit: 'notification-channel.delete' },
        schema: {
          tags: ['notifications'],
          summary: 'Delete a channel with its queued messages',
          params: Params,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const channel = await deleteChannel(deps.db, request.params.id);
        noteAudit(request, {
          subject: `notification-channel:${channel.id}`,
          details: { kind: channel.kind, name: channel.name },
        });
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/v1/notification-channels/:id/test',
      {
        config: { access: 'notifications:manage', audit: 'notification-channel.test' },
        schema: {
          tags: ['notifications'],
          summary: 'Send a test message now; the outcome is also noted on the channel',
          params: Params,
          response: {
            200: z.object({
              delivered: z.boolean(),
              /** Why it was not delivered (the host, the HTTP status, the SMTP answer); never the URL. */
              error: z.string().nullable(),
              at: z.string(),
            }),
          },
        },
      },
      async (request) => {
        const row = await channelRow(deps.db, request.params.id);
        const at = deps.now().toISOString();
        const notify = deps.settings.notify ?? { allowHosts: [] };
        const links = () => linksOf(deps.settings.publicUrl);
        let error: string | null = null;
        try {
          await deliverToChannel(
            {
              db: deps.db,
              now: deps.now,
              secretBox: deps.secretBox,
              settings: notify,
              links,
              transports: deps.notifier?.transports ?? createTransports(notify.smtp),
            },
            row,
            `test-${row.id}-${Date.parse(at)}`,
            [testEvent(row.name, links().settings(), at)],
          );
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
        await noteDelivery(deps.db, row.id, { at, error });
        noteAudit(request, {
          subject: `notification-channel:${row.id}`,
          details: { delivered: error === null },
        });
        return { delivered: error === null, error, at };
      },
    );
  },
};
