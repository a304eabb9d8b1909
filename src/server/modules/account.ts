import { z } from 'zod';
import { changePassword } from '../../people/sign-in.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerModule } from '../server-module.ts';

// One's own password. Changing it ends every other session (a stolen cookie stops working), but
// keeps the one that made the change.

export const accountModule: ServerModule = {
  name: 'account',
  register(app, deps) {
    app.patch(
      '/api/v1/account/password',
      {
        config: { access: 'account', audit: 'account.password-change' },
        schema: {
          tags: ['people'],
          summary: 'Change your password (other sessions end)',
          body: z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = request.principal;
        if (!principal) throw new RequestError('authentication_required', 'nobody is signed in');
        const keep = principal.via.kind === 'session' ? principal.via.sessionHash : undefined;
        await changePassword(deps.db, principal.user.id, request.body, deps.now(), keep);
        noteAudit(request, { subject: `user:${principal.user.id}` });
        return reply.code(204).send(null);
      },
    );
  },
};
