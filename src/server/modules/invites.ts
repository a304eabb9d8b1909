import { z } from 'zod';
import { acceptInvite } from '../../people/manage-users.ts';
import { clientOf, SessionBody, signedInReply } from '../auth/session-reply.ts';
import type { ServerModule } from '../server-module.ts';

// An invited person opens their one-time link, chooses a password and is signed in.

export const invitesModule: ServerModule = {
  name: 'invites',
  register(app, deps) {
    app.post(
      '/api/v1/invites/accept',
      {
        config: { access: 'public', audit: 'invite.accept' },
        schema: {
          tags: ['people'],
          summary: "Set an invited person's password with their one-time link, and sign them in",
          body: z.object({ token: z.string().min(1).max(200), password: z.string().max(1024) }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const { user, session } = await acceptInvite(deps.db, deps.now(), request.body, clientOf(request));
        return signedInReply(request, reply, deps, user, session);
      },
    );
  },
};
