import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { linksOf } from '../../notify/links.ts';
import { NotifyError } from '../../notify/notify-error.ts';
import {
  type ComposedMail,
  composeAppMail,
  composeFindingMail,
  queueOwnerMail,
  type Sender,
} from '../../notify/owner-mail.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';

// E-mail an asset's owner from a finding or an app (Palo Alto's "e-mail asset owners"): a
// templated message with what Palisade saw and the remediation, queued in the notifications'
// outbox (retried until the SMTP server takes it), the sender as Reply-To; audit-logged.

const Body = z.strictObject({
  /** The owner's address; without it, the app installer's when Palisade knows it. */
  to: z.email().max(254).optional(),
  /** A line of your own, put at the top of the message. */
  note: z.string().trim().min(1).max(2000).optional(),
});

const Queued = z.object({
  deliveryId: z.string(),
  to: z.string(),
  subject: z.string(),
});

function sender(request: FastifyRequest): Sender {
  const user = request.principal?.user;
  if (!user) throw new RequestError('authentication_required', 'sign in to e-mail an owner');
  return { name: user.name, email: user.email };
}

function requireSmtp(deps: ServerDeps): void {
  if (!deps.settings.notify?.smtp) {
    throw new NotifyError('smtp_not_configured', 'e-mail is not configured on this server');
  }
}

/** Composes the e-mail as the signed-in person, queues it, notes it for the audit log. */
async function send(
  deps: ServerDeps,
  request: FastifyRequest,
  subject: string,
  compose: (from: Sender) => Promise<ComposedMail>,
): Promise<z.infer<typeof Queued>> {
  requireSmtp(deps);
  const from = sender(request);
  const mail = await compose(from);
  const deliveryId = await queueOwnerMail(deps.db, deps.now(), mail, from.email);
  deps.notifier?.runner.kick();
  noteAudit(request, {
    subject,
    connectionId: mail.connectionId,
    details: { to: mail.to, subject: mail.subject, deliveryId },
  });
  return { deliveryId, to: mail.to, subject: mail.subject };
}

export const ownerMailModule: ServerModule = {
  name: 'owner-mail',
  register(app, deps) {
    const mailDeps = () => ({ db: deps.db, now: deps.now, links: linksOf(deps.settings.publicUrl) });
    app.post(
      '/api/v1/findings/:id/email-owner',
      {
        config: { access: 'findings:triage', audit: 'finding.email-owner' },
        schema: {
          tags: ['findings'],
          summary: "E-mail the resource's owner this finding with its remediation",
          params: z.object({ id: z.string().min(1).max(100) }),
          body: Body,
          response: { 202: Queued },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(
            await send(deps, request, `finding:${request.params.id}`, (from) =>
              composeFindingMail(mailDeps(), { findingId: request.params.id, ...request.body, sender: from }),
            ),
          ),
    );
    app.post(
      '/api/v1/apps/:key/email-owner',
      {
        config: { access: 'apps:govern', audit: 'app.email-owner' },
        schema: {
          tags: ['apps'],
          summary: "E-mail an app's owner (its installer) its risk, permissions and what to do",
          params: z.object({ key: z.string().min(1).max(300) }),
          body: Body.extend({ connectionId: z.string().min(1).max(200).optional() }),
          response: { 202: Queued },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(
            await send(deps, request, `app:${request.params.key}`, (from) =>
              composeAppMail(mailDeps(), { appKey: request.params.key, ...request.body, sender: from }),
            ),
          ),
    );
  },
};
